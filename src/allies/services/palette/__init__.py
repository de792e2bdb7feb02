"""The command palette: one search over people, organisations, campaigns, alliances,
goals and notes (see :mod:`allies.services.palette.search`)."""
