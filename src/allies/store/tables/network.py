"""Tables of the workspaces and the network: organisations, units, people, stated ties
and observations.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    text,
)

from allies.store.tables.columns import (
    ENUM,
    NAME,
    UTCDateTime,
    _id,
    _person,
    _text,
    _user,
    _workspace,
    metadata,
)

workspaces = Table(
    "workspaces",
    metadata,
    _id(),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    sqlite_autoincrement=True,
)

#: The indexes of the names without case or accents that searches match (revision 0018).
ORGANISATIONS_BY_FOLDED_NAME = "ix_organisations_workspace_id_name_folded"
PEOPLE_BY_FOLDED_NAME = "ix_people_workspace_id_name_folded"

organisations = Table(
    "organisations",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    _text("kind"),
    _text("notes"),
    # The name without case or accents, written with every save (revision 0018).
    Column("name_folded", String(NAME), nullable=False, server_default=""),
    Index(ORGANISATIONS_BY_FOLDED_NAME, "workspace_id", "name_folded"),
    sqlite_autoincrement=True,
)

units = Table(
    "units",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="SET NULL"),
        index=True,
    ),
    Column("parent_id", Integer, ForeignKey("units.id", ondelete="SET NULL"), index=True),
    sqlite_autoincrement=True,
)

#: The index of the people list's default order (workspace, lower-case name, id).
PEOPLE_BY_NAME = "ix_people_workspace_id_lower_name"

people = Table(
    "people",
    metadata,
    _id(),
    _workspace(),
    Column("name", String(NAME), nullable=False),
    _text("title"),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="SET NULL"),
        index=True,
    ),
    Column("unit_id", Integer, ForeignKey("units.id", ondelete="SET NULL"), index=True),
    Column("emails", JSON, nullable=False),
    Column("phones", JSON, nullable=False),
    Column("tags", JSON, nullable=False),
    _text("interests"),
    _text("agenda"),
    _text("values"),
    _text("offers"),
    _text("trades"),
    Column("level", String(ENUM)),
    Column("tier", String(ENUM)),
    Column("is_me", Boolean, nullable=False, default=False),
    _text("notes"),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    # The name without case or accents, written with every save (revision 0018): what
    # the People search matches, and the list's order.
    Column("name_folded", String(NAME), nullable=False, server_default=""),
    # A name typed exactly, any case: one look-up.
    Index(PEOPLE_BY_NAME, "workspace_id", text("lower(name)"), "id"),
    # The people list's order: a page of it is read from this index, not sorted.
    Index(PEOPLE_BY_FOLDED_NAME, "workspace_id", "name_folded", "id"),
    sqlite_autoincrement=True,
)

ties = Table(
    "ties",
    metadata,
    _id(),
    _workspace(),
    _person("source_id"),
    _person("target_id"),
    Column("kind", String(ENUM), nullable=False),
    Column("weight", Float, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("origin", String(ENUM), nullable=False),
    Column("valid_from", Date),
    Column("valid_to", Date),
    _text("note"),
    sqlite_autoincrement=True,
)

observations = Table(
    "observations",
    metadata,
    _id(),
    _workspace(),
    _person("subject_id"),
    _person("object_id"),
    Column("kind", String(ENUM), nullable=False),
    Column("observed_on", Date, nullable=False),
    Column("strength", Float, nullable=False),
    _text("context"),
    _text("note"),
    _user("author_id", nullable=True, ondelete="SET NULL"),  # the member who wrote it (0014)
    sqlite_autoincrement=True,
)
