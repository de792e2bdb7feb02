"""Tables of a team whose members are people (revision 0014): who on the team owns the
relationship with a person, and which member takes which meeting of a campaign's plan.

A member's own person is kept on their membership (``memberships.person_id``, in
:mod:`allies.store.tables.accounts`); what each member wrote carries ``author_id``
(interactions, observations, favours, promises).
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, PrimaryKeyConstraint, Table

from allies.store.tables.columns import UTCDateTime, _user, _workspace, metadata

#: The member who owns the team's relationship with a person (one at most per person).
relationship_owners = Table(
    "relationship_owners",
    metadata,
    _workspace(index=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    _user("user_id", nullable=False, ondelete="CASCADE"),
    Column("assigned_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("workspace_id", "person_id"),
)

#: The member who takes the meeting with a person that a campaign's plan calls for.
meeting_assignments = Table(
    "meeting_assignments",
    metadata,
    _workspace(index=False),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    _user("user_id", nullable=False, ondelete="CASCADE"),
    Column("assigned_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("workspace_id", "campaign_id", "person_id"),
)
