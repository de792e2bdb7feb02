"""The keeping routine's HTML pages: interactions, favours, promises, cadences, check-ins and
health.

May use: the services, :mod:`allies.web.pages.common` and the templates; never the store.
"""
