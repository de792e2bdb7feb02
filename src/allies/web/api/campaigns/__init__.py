"""Campaigns' REST API routers: issues, stances, forecasts, the approach plan and trades.

May use: the services, the schemas and :mod:`allies.web.api.common`; never the store.
"""
