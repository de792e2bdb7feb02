"""Revision 0022 gives the team's records a version: the owners, meetings, memberships and
users already stored start at 1; going back down to 0021 drops the versions and the rows
that name no member, and going up again works; on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from allies.services.campaigns.editing import create_campaign
from allies.services.network.people import add_person
from allies.services.team import accounts
from allies.services.team.assignments import give_meeting, meeting_taker
from allies.services.team.members import change_owner, join, relationship_owner, team_members
from allies.store import make_engine, open_store, upgrade
from allies.store.migrate import _config, _migration_connection


def test_team_versions_both_ways(database_url: str) -> None:
    factory = open_store(database_url, default_workspace="office")
    try:
        accounts.add_workspace(factory, "office")
        for name in ("Ann Lee", "Bo Chen", "Dee Moss", "Eve Ng"):
            add_person(factory(), name)
        accounts.add_user(factory, "bo", "a long password 1")
        accounts.grant(factory, "office", "bo", "editor")
        join(factory, "office", "bo", person="Bo Chen")
        campaign = create_campaign(factory(), "Budget", issues=["Size"], deciders=["Dee Moss"])
        change_owner(factory(), "Dee Moss", "bo")
        change_owner(factory(), "Eve Ng", "bo")
        change_owner(factory(), "Eve Ng", None)  # a row with no member
        give_meeting(factory(), f"#{campaign.id}", "Dee Moss", "bo")
    finally:
        factory.dispose()
    engine = make_engine(database_url)
    try:
        with _migration_connection(engine) as connection:
            command.downgrade(_config(connection), "0021")
        with engine.connect() as connection:
            owners = connection.execute(text("SELECT person_id FROM relationship_owners")).all()
            columns = connection.execute(text("SELECT * FROM memberships")).keys()
        assert len(owners) == 1  # Eve's row, with nobody, went
        assert "version" not in columns
        upgrade(engine)
        with engine.connect() as connection:
            versions = {
                table: connection.execute(text(f"SELECT version FROM {table}")).scalars().all()
                for table in ("users", "memberships", "relationship_owners", "meeting_assignments")
            }
        assert versions == {
            "users": [1],
            "memberships": [1],
            "relationship_owners": [1],
            "meeting_assignments": [1],
        }
    finally:
        engine.dispose()
    factory = open_store(database_url, default_workspace="office")
    try:
        assert relationship_owner(factory(), "Dee Moss").owner == "bo"
        assert meeting_taker(factory(), f"#{campaign.id}", "Dee Moss").username == "bo"
        assert [(m.username, m.version) for m in team_members(factory())] == [("bo", 1)]
        assert change_owner(factory(), "Dee Moss", None, expected_version=1).version == 2
    finally:
        factory.dispose()
