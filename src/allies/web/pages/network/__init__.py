"""The network's HTML pages: people, organisations, units, ties, observations, notes and the map.

May use: the services, :mod:`allies.web.pages.common` and the templates; never the store.
"""
