"""Campaigns' commands: issues, stances, forecasts, the approach plan and trades.

May use: the services, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
