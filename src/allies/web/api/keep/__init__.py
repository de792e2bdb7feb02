"""The keeping routine's REST API routers: interactions, favours, promises, cadences, check-ins
and health.

May use: the services, the schemas and :mod:`allies.web.api.common`; never the store.
"""
