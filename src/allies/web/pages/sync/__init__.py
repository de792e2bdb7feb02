"""The Accounts page: the mail, calendar and contacts accounts allies syncs with.

May use: the services, :mod:`allies.bootstrap` and the templates; never the store.
"""
