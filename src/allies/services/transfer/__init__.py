"""Bringing a network in and taking it out: importers (contacts, calendars, mail,
graphs), exports, uploads previewed in the browser, and the workspace backup.

May use: the domain, the interchange formats, the ports, and the network package.
"""
