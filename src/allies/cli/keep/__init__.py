"""The keeping routine's commands: interactions, favours, promises, cadences, check-ins and health.

May use: the services, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
