"""Tables of card details, role history and the CalDAV/CardDAV sync state.

``cards`` holds what an address-book card carries beyond a person's own columns (one row a
person); ``role_changes`` the titles and organisations a person had before. The two
``dav_`` tables are the sync's bookkeeping (RFC 6578 sync-tokens, ctags and etags), not
workspace records: ``dav_collections`` one row per synced calendar or address book with
its resume point, ``dav_objects`` one row per calendar object or card seen, with the
records it produced (plain ids, not foreign keys: a removed person or interaction only
makes the row stale, it never blocks the removal).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, ForeignKey, Index, Integer, String, Table, Text

from allies.store.tables.columns import NAME, _id, _person, _text, _workspace, metadata

#: Length of a URL, an href or an etag kept by the sync.
HREF = 1000

cards = Table(
    "cards",
    metadata,
    _id(),
    _workspace(index=False),
    _person("person_id"),
    Column("birthday", String(10), nullable=False, default=""),
    Column("anniversary", String(10), nullable=False, default=""),
    Column("addresses", JSON, nullable=False),
    Column("urls", JSON, nullable=False),
    _text("photo"),
    Column("custom", JSON, nullable=False),
    Index(None, "workspace_id", "person_id", unique=True),
    sqlite_autoincrement=True,
)

role_changes = Table(
    "role_changes",
    metadata,
    _id(),
    _workspace(),
    _person("person_id"),
    Column("changed_on", Date, nullable=False),
    Column("old_title", String(NAME), nullable=False, default=""),
    Column("old_organisation", String(NAME), nullable=False, default=""),
    Column("new_title", String(NAME), nullable=False, default=""),
    Column("new_organisation", String(NAME), nullable=False, default=""),
    Column("source", String(NAME), nullable=False, default=""),
    sqlite_autoincrement=True,
)

dav_collections = Table(
    "dav_collections",
    metadata,
    _id(),
    _workspace(index=False),
    Column("account", String(NAME), nullable=False),
    Column("url", String(HREF), nullable=False),
    Column("kind", String(16), nullable=False),  # "calendar" or "addressbook"
    Column("sync_token", Text),
    Column("ctag", String(HREF)),
    Index(None, "workspace_id", "account", "url", unique=True),
    sqlite_autoincrement=True,
)

dav_objects = Table(
    "dav_objects",
    metadata,
    _id(),
    _workspace(),
    Column(
        "collection_id",
        Integer,
        ForeignKey("dav_collections.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("href", String(HREF), nullable=False),
    Column("etag", String(HREF), nullable=False, default=""),
    Column("uid", String(HREF), nullable=False, default=""),
    Column("record_ids", JSON, nullable=False),  # people (cards) or interactions (events)
    _text("data"),  # the object as last read (write-back keeps what allies does not know)
    Column("revisit_on", Date),  # a recurring or future event: read again on that day
    Index(None, "collection_id", "href", unique=True),
    sqlite_autoincrement=True,
)
