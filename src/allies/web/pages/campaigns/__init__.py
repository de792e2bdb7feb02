"""Campaigns' HTML pages: issues, stances, forecasts, the approach plan and trades.

May use: the services, :mod:`allies.web.pages.common` and the templates; never the store.
"""
