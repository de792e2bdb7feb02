"""Where you stand, its HTML pages: the power base, goals and the self-assessment.

May use: the services, :mod:`allies.web.pages.common` and the templates; never the store.
"""
