"""The agenda's HTML pages: today and the week.

May use: the services, :mod:`allies.web.pages.common` and the templates; never the store.
"""
