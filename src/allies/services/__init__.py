"""The use cases, as plain functions, one feature package each (network, influence,
keep, agenda, campaigns, alliances, standing, transfer, team, demo).

They load through a unit of work (the protocols of :mod:`allies.services.ports`), call
the analyses and return results; the CLI and the web app call the same functions.
"""
