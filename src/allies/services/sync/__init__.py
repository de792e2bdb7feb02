"""Account sync: mail (IMAP), calendars (CalDAV) and contacts (CardDAV), incrementally.

- :mod:`~allies.services.sync.accounts`: add, list, test and remove accounts
  (:class:`~allies.services.sync.accounts.SyncContext` carries the store and the vault);
- :mod:`~allies.services.sync.credentials`: where passwords are kept (keyring or
  encrypted with the server's secret key) and OAuth2 token commands;
- :mod:`~allies.services.sync.imap`: the IMAP sync (headers only, by UIDVALIDITY and UID);
- :mod:`~allies.services.sync.run`: sync one account or all, by kind;
- :mod:`~allies.services.sync.summary`: :class:`~allies.services.sync.summary.SyncSummary`,
  what a sync did;
- :mod:`~allies.services.sync.ports`: what the sync needs from storage;
- :mod:`~allies.services.sync.errors`: a refused login, a server out of reach.
"""
