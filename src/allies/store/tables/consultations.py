"""The consultation log (revision 0014): an interaction tagged with the campaign and issue
it was about, the issues raised and the follow-ups. A consultation goes with its
interaction or its campaign (ON DELETE CASCADE); an issue removed leaves it untagged."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, Table

from allies.store.tables.columns import _id, _text, _workspace, metadata

consultations = Table(
    "consultations",
    metadata,
    _id(),
    _workspace(),
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interactions.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column(
        "campaign_id",
        Integer,
        ForeignKey("campaigns.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("issue_id", Integer, ForeignKey("campaign_issues.id", ondelete="SET NULL")),
    _text("issues_raised"),
    _text("follow_ups"),
    sqlite_autoincrement=True,
)
