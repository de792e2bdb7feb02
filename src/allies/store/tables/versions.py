"""A ``version`` on every record the API edits with ``If-Match`` (revision 0015).

Each of :data:`VERSIONED` gains an integer ``version``, 1 when the row is added and one
more with every save; a save or removal that names the version it read is one
``UPDATE ... WHERE id = :id AND version = :expected`` (or ``DELETE``), so the check and
the write cannot be torn apart by another writer (:mod:`allies.store.versions`). People
carry their own ``version`` already (:mod:`allies.store.tables.network`).

The column is added here, to tables defined in their feature's module, so that the one
rule lives in one place.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, Table

from allies.store.tables.affiliations import affiliations, organisation_ties
from allies.store.tables.alliances import alliances
from allies.store.tables.campaigns import campaigns
from allies.store.tables.keep import cadences, favours, interactions, promises
from allies.store.tables.network import observations, organisations, ties, units
from allies.store.tables.records import notes
from allies.store.tables.standing import goals

__all__ = ["VERSIONED"]

#: The tables whose rows carry a ``version`` for optimistic concurrency.
VERSIONED: tuple[Table, ...] = (
    organisations,
    units,
    ties,
    observations,
    interactions,
    favours,
    promises,
    cadences,
    campaigns,
    alliances,
    goals,
    affiliations,  # revision 0019
    organisation_ties,
    notes,  # revision 0020
)

for _table in VERSIONED:
    if "version" not in _table.c:
        _table.append_column(
            Column("version", Integer, nullable=False, default=1, server_default="1")
        )

#: Relationship health's stamp reads the interactions' count, newest id and versions from
#: this index alone (revision 0021, :mod:`allies.services.keep.health_kept`).
Index(
    "ix_interactions_workspace_id_id_version",
    interactions.c.workspace_id,
    interactions.c.id,
    interactions.c.version,
)
