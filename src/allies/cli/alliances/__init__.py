"""Alliances' commands: alliances and the five-day programme.

May use: the services, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
