"""A Radicale storage plugin that keeps no sync tokens, like CalDAV and CardDAV servers
without RFC 6578 (older Exchange gateways, some hosted address books).

Radicale loads it by module name (``[storage] type = tests.servers.radicale_nosync``).
Everything is Radicale's own file storage, except that every ``sync-collection`` REPORT is
refused (403), so a client must fall back to the collection's ``getctag`` and each object's
``getetag``.
"""

from __future__ import annotations

from collections.abc import Iterable

from radicale.storage import multifilesystem


class Collection(multifilesystem.Collection):
    """A collection that refuses every sync token, the first one included."""

    def sync(self, old_token: str = "") -> tuple[str, Iterable[str]]:
        """Refuse: this server keeps no sync tokens."""
        raise ValueError("this server keeps no sync tokens")


class Storage(multifilesystem.Storage):
    """Radicale's file storage with collections that keep no sync tokens."""

    _collection_class = Collection
