"""The reminders' HTML pages: the settings (Settings › Reminders) and the page a signed
link of the digest opens.

May use: the services, :mod:`allies.bootstrap` and the templates; never the store.
"""
