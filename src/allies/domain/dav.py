"""What the CalDAV and CardDAV sync remembers between runs (RFC 4791, RFC 6352, RFC 6578).

A :class:`DavCollection` is one calendar or address book of one account with its resume
point: the sync-token the server gave at the end of the last complete batch (RFC 6578),
or its ctag when the server offers no sync-token. A :class:`DavObject` is one calendar
object or card seen there: its href, its etag (RFC 7232) when last read, and the records
it produced (the person of a card, the interactions of an event's occurrences).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["DavCollection", "DavObject"]


@dataclass
class DavCollection:
    """One synced calendar or address book and where its last sync stopped."""

    account: str
    url: str
    kind: str  # "calendar" or "addressbook"
    sync_token: str | None = None
    ctag: str | None = None
    id: int | None = None


@dataclass
class DavObject:
    """One calendar object or card: its href, etag, UID and the records it produced.

    ``data`` keeps the object's text as last read: a card's write-back changes only the
    properties allies knows and keeps the rest of the card as it was, and an event with
    occurrences still to come is read again from it on ``revisit_on``, that day.
    """

    href: str
    etag: str = ""
    uid: str = ""
    record_ids: list[int] = field(default_factory=list)
    data: str = ""
    revisit_on: date | None = None
