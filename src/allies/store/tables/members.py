"""Tables of a team whose members are people (revision 0014): who on the team owns the
relationship with a person, and which member takes which meeting of a campaign's plan.

A member's own person is kept on their membership (``memberships.person_id``, in
:mod:`allies.store.tables.accounts`); what each member wrote carries ``author_id``
(interactions, observations, favours, promises).

Both tables carry a ``version`` (revision 0022), one more with every change, which an edit
names to be refused when someone else changed the row meanwhile; a relationship or a
meeting given back to nobody keeps its row with no member, so that its version goes on.
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
    _user("user_id", nullable=True, ondelete="CASCADE"),  # nobody: revision 0022
    Column("assigned_at", UTCDateTime(), nullable=False),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    PrimaryKeyConstraint("workspace_id", "person_id"),
)

#: The member who takes the meeting with a person that a campaign's plan calls for.
meeting_assignments = Table(
    "meeting_assignments",
    metadata,
    _workspace(index=False),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    _user("user_id", nullable=True, ondelete="CASCADE"),  # nobody: revision 0022
    Column("assigned_at", UTCDateTime(), nullable=False),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    PrimaryKeyConstraint("workspace_id", "campaign_id", "person_id"),
)
