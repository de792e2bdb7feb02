"""Revision 0019 keeps the survey answers already stored: going down to 0018 and up again
gives each answer back its tie and invitation, with the survey's title and day; on SQLite
and on PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from allies.services.network.people import add_person
from allies.services.surveys.answer import open_form, submit_answers, withdraw_answers
from allies.services.surveys.manage import create_survey
from allies.store import make_engine, open_store, upgrade
from allies.store.migrate import _config, _migration_connection


def test_survey_answers_survive_the_migration_both_ways(database_url: str) -> None:
    factory = open_store(database_url, default_workspace="office")
    try:
        for name in ("Ann Lee", "Bo Chen", "Cy Park"):
            add_person(factory(), name)
        _, links = create_survey(factory(), "Who advises whom", ["Ann Lee", "Bo Chen", "Cy Park"])
        token = links[0].path.removeprefix("/s/")
        roster = dict((name, pid) for pid, name in open_form(factory, token).roster)
        done = submit_answers(factory, token, {"advice": [roster["Bo Chen"], roster["Cy Park"]]})
        assert done.ties == 2
    finally:
        factory.dispose()
    engine = make_engine(database_url)
    try:
        with _migration_connection(engine) as connection:
            command.downgrade(_config(connection), "0018")
        with engine.connect() as connection:
            old = connection.execute(text("SELECT invite_id, tie_id FROM survey_answers")).all()
        assert len(old) == 2
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT invite_id, tie_id, survey, answered_on, workspace_id "
                     "FROM survey_answers ORDER BY tie_id")
            ).all()  # fmt: skip
        assert sorted((r[0], r[1]) for r in rows) == sorted(old)
        assert {r[2] for r in rows} == {"Who advises whom"}
        assert all(r[3] is not None and r[4] is not None for r in rows)
    finally:
        engine.dispose()
    factory = open_store(database_url, default_workspace="office")
    try:
        back = done.withdraw_path.removeprefix("/s/withdraw/")
        assert withdraw_answers(factory, back) == 2
    finally:
        factory.dispose()
