"""The team server's accounts and workspaces: their commands.

May use: the services, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
