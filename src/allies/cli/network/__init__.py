"""The network's commands: people, organisations, units, ties, observations, notes and the map.

May use: the services, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
