"""A workspace backup carries the record sources (which address an import attached each
record through), and a restore gives them back pointing at the restored records (issue
20), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from allies.services.network.people import add_person
from allies.services.ports import UnitOfWork
from allies.services.transfer.backup import backup_workspace, restore_workspace
from allies.services.transfer.importing import import_file
from allies.store import open_store

ME = "dana.ruiz@acme.example"
WHEN = datetime(2026, 1, 1, tzinfo=UTC)
Uow = Callable[[str], UnitOfWork]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def uow(request: pytest.FixtureRequest) -> Uow:
    fixture = "sqlite_store_url" if request.param == "sqlite" else "postgres_database_url"
    factory = open_store(request.getfixturevalue(fixture))
    return lambda name: factory(name)


def _mbox(path: Path) -> Path:
    messages = []
    for n, (month, sender) in enumerate(
        [(1, "Ann Lee <ann@acme.test>"), (2, "Ann Lee <ann@home.test>"), (3, "Ann <ann@acme.test>")]
    ):
        sent = format_datetime(datetime(2026, month, 10 + n, 9, tzinfo=UTC))
        messages.append(
            f"From ann {sent}\nFrom: {sender}\nTo: Dana Ruiz <{ME}>\nDate: {sent}\n"
            f"Message-ID: <m{n}@home.test>\nSubject: Note {n}\n\nHello.\n"
        )
    path.write_text("\n".join(messages), encoding="utf-8")
    return path


def _sources(uow: Uow, workspace: str) -> list[tuple[str, str, str, str]]:
    """Every record source of a record still there: (person, kind, the record, identifier)."""
    with uow(workspace) as work:
        names = {p.id: p.name for p in work.people.list()}
        records = {("interaction", i.id): str(i.occurred_on) for i in work.interactions.list()}
        records |= {("tie", t.id): f"{t.kind} {names[t.target_id]}" for t in work.ties.list()}
        records |= {("person", p): name for p, name in names.items()}
        return sorted(
            (names[s.person_id], s.kind, records[(s.kind, s.record_id)], s.identifier)
            for s in work.record_sources.list()
            if (s.kind, s.record_id) in records
        )


def test_a_restored_workspace_keeps_where_imported_records_came_from(
    uow: Uow, tmp_path: Path
) -> None:
    home = f"p-{uuid.uuid4().hex[:10]}"
    add_person(uow(home), "Dana Ruiz", is_me=True, emails=ME)
    add_person(uow(home), "Ann Lee", emails="ann@acme.test, ann@home.test")
    import_file(uow(home), "mail", _mbox(tmp_path / "mail.mbox"))
    with uow(home) as work:  # a record removed since: its sources go with it
        march = next(i for i in work.interactions.list() if i.occurred_on.month == 3)
        march_rows = sum(
            (s.kind, s.record_id) == ("interaction", march.id) for s in work.record_sources.list()
        )  # its address and its message
        work.interactions.remove(march.id or 0)
        work.commit()
    before = _sources(uow, home)
    assert ("Ann Lee", "interaction", "2026-01-10", "email:ann@acme.test") in before
    assert ("Ann Lee", "interaction", "2026-02-11", "email:ann@home.test") in before
    assert any(kind == "tie" for _, kind, _, _ in before)
    assert march_rows == 2
    with uow(home) as work:
        assert work.record_sources.count() == len(before)

    raw = backup_workspace(uow(home), created=WHEN)
    document = json.loads(raw)
    assert document["counts"]["record_sources"] == len(before) > 0  # not the March one
    copy = f"r-{uuid.uuid4().hex[:10]}"
    restore_workspace(uow(copy), raw)

    assert _sources(uow, copy) == before
    again = json.loads(backup_workspace(uow(copy), created=WHEN))
    assert {**again, "workspace": home} == document


def test_a_backup_without_record_sources_still_restores(uow: Uow) -> None:
    home = f"p-{uuid.uuid4().hex[:10]}"
    add_person(uow(home), "Ann Lee", emails="ann@acme.test")
    document = json.loads(backup_workspace(uow(home), created=WHEN))
    del document["record_sources"], document["counts"]["record_sources"]
    copy = f"r-{uuid.uuid4().hex[:10]}"
    restore_workspace(uow(copy), json.dumps(document).encode())
    with uow(copy) as work:
        assert [p.name for p in work.people.list()] == ["Ann Lee"]
        assert work.record_sources.count() == 0
