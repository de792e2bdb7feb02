"""Alliances' REST API routers: alliances and the five-day programme.

May use: the services, the schemas and :mod:`allies.web.api.common`; never the store.
"""
