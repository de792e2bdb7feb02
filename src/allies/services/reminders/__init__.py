"""Reminders: a morning digest of the agenda, by e-mail (SMTP) and through Apprise, with
signed links that handle a line without logging in.

- :mod:`~allies.services.reminders.setup`: the settings, read and changed;
- :mod:`~allies.services.reminders.digest`: what the digest says;
- :mod:`~allies.services.reminders.channels`: sending it (SMTP, Apprise);
- :mod:`~allies.services.reminders.links`: the signed, expiring links;
- :mod:`~allies.services.reminders.due`: sending what is due, once (the background task);
- :mod:`~allies.services.reminders.secrets`: the SMTP password and the Apprise URL, kept
  in the keyring, never in the database.
"""
