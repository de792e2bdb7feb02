"""Tables of account sync: the accounts, their secrets, where each sync stands (revision 0011).

- ``sync_accounts``: one row per mail, calendar or contacts account of a workspace
  (``kind`` is ``imap``, ``caldav`` or ``carddav``); never a password.
- ``sync_secrets``: on a team server only, an account's credentials encrypted with the
  server's secret key (Fernet); on a laptop they live in the operating system's keyring
  and this table stays empty. A workspace backup or export never reads it.
- ``sync_state``: the resume point of each folder (IMAP: ``uidvalidity``, ``last_uid``,
  ``highest_modseq``) or collection (CalDAV/CardDAV: ``sync_token``, ``ctag``), written in
  the same transaction as the batch it ends, so a sync killed at any moment resumes there.

Calendars and address books keep their resume points beside their items
(``dav_collections`` and ``dav_objects``, in :mod:`allies.store.tables.cards`), so a
token is committed in the same transaction as the etags it covers.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from allies.store.tables.columns import ENUM, NAME, UTCDateTime, _id, _text, _workspace, metadata

#: Length of a folder name, a collection URL or an item's href.
LOCATION = 1000
#: Length of an account's name.
ACCOUNT_NAME = 100


def _account() -> Column[int]:
    return Column(
        "account_id",
        Integer,
        ForeignKey("sync_accounts.id", ondelete="CASCADE"),
        nullable=False,
    )


sync_accounts = Table(
    "sync_accounts",
    metadata,
    _id(),
    _workspace(index=False),
    Column("name", String(ACCOUNT_NAME), nullable=False),
    Column("kind", String(ENUM), nullable=False),
    Column("url", String(LOCATION), nullable=False),
    Column("username", String(NAME), nullable=False),
    Column("options", JSON, nullable=False),
    Column("write_back", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_sync_at", UTCDateTime()),
    _text("last_error"),
    _text("last_summary"),
    UniqueConstraint("workspace_id", "name"),
)

sync_secrets = Table(
    "sync_secrets",
    metadata,
    _account(),
    Column("secret", Text, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("account_id"),
)

sync_state = Table(
    "sync_state",
    metadata,
    _account(),
    Column("collection", String(LOCATION), nullable=False),
    Column("uidvalidity", BigInteger),
    Column("last_uid", BigInteger),
    Column("highest_modseq", BigInteger),
    Column("sync_token", Text),
    Column("ctag", Text),
    Column("updated_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("account_id", "collection"),
)
