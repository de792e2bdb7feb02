"""Accounts allies syncs with (mail, calendars, contacts) and where each sync stands.

These are not workspace records of a kind (:mod:`allies.domain.kinds`): an account is
configuration of the workspace, and its resume points are a cache of the server's state.
Neither holds a password; credentials live in the operating system's keyring or, on a
team server, encrypted in a table of their own.

Examples
--------
>>> account = SyncAccount(name="work", kind=AccountKind.IMAP,
...                       url="imaps://mail.example.org", username="ana@example.org")
>>> account.kind.value, account.folders
('imap', ('INBOX',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from allies.errors import InvalidInput

__all__ = ["ACCOUNT_NAME", "AccountKind", "FolderState", "SyncAccount", "check_account_name"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$")
#: What an account's name may be: letters, digits and ``. _ @ + -``, 1 to 100 characters.
ACCOUNT_NAME = "letters, digits and . _ @ + - (at most 100, starting with a letter or digit)"


class AccountKind(StrEnum):
    """What an account serves: mail (IMAP), calendars (CalDAV) or contacts (CardDAV)."""

    IMAP = "imap"
    CALDAV = "caldav"
    CARDDAV = "carddav"


def check_account_name(name: str) -> str:
    """``name`` stripped, or InvalidInput when it is not a usable account name.

    >>> check_account_name(" work ")
    'work'
    """
    cleaned = name.strip() if isinstance(name, str) else ""
    if not _NAME.match(cleaned):
        raise InvalidInput(
            f"{name!r} is not an account name.",
            field="name",
            hint=f"Name it with {ACCOUNT_NAME}, e.g. work-mail.",
        )
    return cleaned


@dataclass
class SyncAccount:
    """An account of a workspace, without its credentials.

    Attributes
    ----------
    name : str
        How the user names it (unique in the workspace).
    kind : AccountKind
        Mail, calendars or contacts.
    url : str
        The server: ``imaps://host[:port]``, ``imap://host:port`` (no TLS, for a local
        bridge), or the CalDAV/CardDAV address.
    username : str
        The login.
    options : dict
        ``folders`` (IMAP folders, ``INBOX`` by default), ``token_command`` (a command
        printing an OAuth2 access token, for XOAUTH2), ``me`` (my addresses, besides the
        login).
    write_back : bool
        Whether changes made in allies go back to the server (CardDAV, opt-in).
    last_sync_at, last_error, last_summary
        When it last synced, what went wrong then (empty when it went well), and what it did.
    """

    name: str
    kind: AccountKind
    url: str
    username: str
    options: dict[str, Any] = field(default_factory=dict)
    write_back: bool = False
    id: int | None = None
    created_at: datetime | None = None
    last_sync_at: datetime | None = None
    last_error: str = ""
    last_summary: str = ""

    @property
    def folders(self) -> tuple[str, ...]:
        """The IMAP folders to read (``INBOX`` unless others were named)."""
        named = self.options.get("folders") or ["INBOX"]
        return tuple(str(f) for f in named)

    @property
    def token_command(self) -> str:
        """The command that prints an OAuth2 access token, or ``""`` (a password is used)."""
        return str(self.options.get("token_command") or "")


@dataclass(frozen=True)
class FolderState:
    """Where the sync of one IMAP folder (or DAV collection) stands: its resume point."""

    collection: str
    uidvalidity: int | None = None
    last_uid: int = 0
    highest_modseq: int | None = None
    sync_token: str | None = None
    ctag: str | None = None
