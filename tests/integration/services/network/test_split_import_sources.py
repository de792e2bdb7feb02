"""Splitting a merge gives back, with the person they came from, the records an import
made from the merged item and the ties a mailbox tallied through the split-off person's
address, and their sources with them (issue 20), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from allies.domain import TieKind
from allies.services.network.people import add_person
from allies.services.network.provenance import came_from
from allies.services.network.removal import merge_people
from allies.services.network.split import split_person
from allies.services.ports import UnitOfWork
from allies.services.transfer.importing import import_file
from allies.store import open_store
from tests.conftest import FIXTURES

ME = "dana.ruiz@acme.example"
CONNECTIONS = FIXTURES / "contacts" / "Connections.csv"
Uow = Callable[[], UnitOfWork]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def uow(request: pytest.FixtureRequest) -> Uow:
    fixture = "sqlite_store_url" if request.param == "sqlite" else "postgres_database_url"
    factory = open_store(request.getfixturevalue(fixture))
    name = f"s-{uuid.uuid4().hex[:10]}"
    return lambda: factory(name)


def test_a_linkedin_connection_merged_by_name_leaves_with_its_tie_and_role(uow: Uow) -> None:
    add_person(uow(), "Dana Ruiz", is_me=True, emails=ME)
    teacher = add_person(uow(), "Omar Haddad", title="Teacher")
    report = import_file(uow(), "linkedin", CONNECTIONS)
    assert [m.person_id for m in report.merged] == [teacher.id]
    with uow() as work:
        me = next(p.id for p in work.people.list() if p.is_me)
        assert any(t.source_id == me for t in work.ties.involving(teacher.id or 0))

    split = split_person(uow(), teacher.id or 0)
    back, kept = split.restored.id or 0, teacher.id or 0
    with uow() as work:
        mine = {t.target_id: t for t in work.ties.list() if t.source_id == me}
        assert back in mine and kept not in mine  # the connection's tie, with the connection
        assert mine[back].kind is TieKind.KNOWS
        assert work.people.get(kept).title == "Teacher"  # the new title was the connection's
        assert [c.new_title for c in work.role_changes.for_person(back)] == ["Director, Strategy"]
        assert not work.role_changes.for_person(kept)
        assert not work.record_sources.for_person(kept)
    shown = came_from(uow(), back)
    assert [(s.where, s.items, s.records) for s in shown] == [
        (
            str(CONNECTIONS),
            ("line 7 https://www.linkedin.com/in/omarhaddad",),
            "their details, 1 organisation, 1 role change, 1 tie",
        )
    ]
    assert came_from(uow(), kept) == []


def _mbox(path: Path) -> Path:
    """Dana writes to Bob and Ann Lee; Ann writes to Bob three times from her home address
    (Ann Leigh's, merged into Ann Lee), and once to Dana from her work address."""
    mail = [
        (1, f"Dana Ruiz <{ME}>", "Bob Stone <bob@stone.test>, Ann Lee <ann@acme.test>", ""),
        *[(2, "Ann Leigh <ann.leigh@home.test>", "Bob Stone <bob@stone.test>", ME)] * 3,
        (3, "Ann Lee <ann@acme.test>", f"Dana Ruiz <{ME}>", ""),
    ]
    messages = []
    for n, (month, sender, to, cc) in enumerate(mail):
        sent = format_datetime(datetime(2026, month, 10 + n, 9, tzinfo=UTC))
        messages.append(
            f"From x {sent}\nFrom: {sender}\nTo: {to}\n"
            + (f"Cc: {cc}\n" if cc else "")
            + f"Date: {sent}\nMessage-ID: <m{n}@mail.test>\nSubject: Note {n}\n\nHello.\n"
        )
    path.write_text("\n".join(messages), encoding="utf-8")
    return path


def test_a_tie_a_mailbox_tallied_through_her_address_alone_goes_back_with_her(
    uow: Uow, tmp_path: Path
) -> None:
    add_person(uow(), "Dana Ruiz", is_me=True, emails=ME)
    add_person(uow(), "Ann Lee", emails="ann@acme.test")
    add_person(uow(), "Ann Leigh", emails="ann.leigh@home.test")
    merged = merge_people(uow(), "Ann Lee", "Ann Leigh")
    kept = merged.kept.id if merged.kept else 0
    mbox = _mbox(tmp_path / "later.mbox")
    import_file(uow(), "mail", mbox)
    with uow() as work:
        names = {p.id: p.name for p in work.people.list()}
        bob = next(i for i, name in names.items() if name == "Bob Stone")
        to_bob = next(t for t in work.ties.list() if (t.source_id, t.target_id) == (kept, bob))
        assert to_bob.note.startswith("E-mail: 3 messages")

    split = split_person(uow(), kept or 0)
    leigh = split.restored.id or 0
    with uow() as work:
        tie = work.ties.get(to_bob.id or 0)
        assert (tie.source_id, tie.target_id) == (leigh, bob)  # her address alone: hers
        ties = {(t.source_id, t.target_id) for t in work.ties.list()}
        assert (kept, bob) not in ties
        # Dana wrote to Ann Lee's work address: that tie stays with Ann Lee
        me = next(p.id for p in work.people.list() if p.is_me)
        assert (me, kept) in ties and (me, leigh) not in ties
        sources = {(k, r) for k, r, _ in work.record_sources.for_person(leigh)}
    assert ("tie", to_bob.id) in sources
    # the tie to Dana came through both addresses: it stays, and the split says so
    assert any(line.startswith("tie #") for line in split.left)
    shown = came_from(uow(), leigh)
    assert [s.where for s in shown] == [str(mbox)]
    assert set(shown[0].items) >= {"message <m1@mail.test>", "message <m3@mail.test>"}
