"""Where an imported record's link to a person came from (revision 0015).

When an import attaches an interaction, a tie or an observation to a stored person
because one of the person's identifiers (an e-mail address, a phone, a profile URL)
appeared in the file, one row here says so: which record, which person, and the
identifier. Splitting a merge (:mod:`allies.services.network.split`) reads these rows to
give the split-off person back what later imports attached through *their*
identifiers. The rows are bookkeeping, not records of their own: ``person_id`` and
``record_id`` carry no foreign key (a person's removal or erasure deletes their rows,
see :mod:`allies.services.network.removal`).
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table

from allies.store.tables.columns import ENUM, NAME, _id, _workspace, metadata

__all__ = ["record_sources"]

record_sources = Table(
    "record_sources",
    metadata,
    _id(),
    _workspace(index=False),
    Column("kind", String(ENUM), nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("person_id", Integer, nullable=False),
    Column("identifier", String(NAME), nullable=False),
    Index("ix_record_sources_workspace_id_person_id", "workspace_id", "person_id"),
    Index("ix_record_sources_workspace_id_kind_record_id", "workspace_id", "kind", "record_id"),
)
