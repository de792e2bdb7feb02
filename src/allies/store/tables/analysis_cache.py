"""Analyses of the network kept between views: betweenness, communities, the map layout.

One row per workspace, kind of analysis and key; the key is a fingerprint of the graph the
analysis ran on and of its parameters, so a change of the ties or observations (or of the
day, which fades the evidence) gives a new key and the stored result is simply not found.
"""

from __future__ import annotations

from sqlalchemy import Column, LargeBinary, PrimaryKeyConstraint, String, Table

from allies.store.tables.columns import UTCDateTime, _workspace, metadata

analysis_cache = Table(
    "analysis_cache",
    metadata,
    _workspace(),
    Column("kind", String(40), nullable=False),
    Column("key", String(64), nullable=False),
    Column("computed_at", UTCDateTime(), nullable=False),
    Column("payload", LargeBinary(), nullable=False),
    PrimaryKeyConstraint("workspace_id", "kind", "key"),
)
