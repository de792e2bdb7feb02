"""The network's REST API routers: people, organisations, units, ties, observations, notes and
the map.

May use: the services, the schemas and :mod:`allies.web.api.common`; never the store.
"""
