"""The network itself: people, organisations and units, ties and observations, matching
and merging people, erasing them, notes, the map, and what forms suggest.

May use: the domain, the analysis, :mod:`allies.services.ports` and the shared plumbing
(dates, paging, vocabulary). Used by every other feature package.
"""
