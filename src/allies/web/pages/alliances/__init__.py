"""Alliances' HTML pages: alliances and the five-day programme.

May use: the services, :mod:`allies.web.pages.common` and the templates; never the store.
"""
