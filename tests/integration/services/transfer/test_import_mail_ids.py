"""A busy month of mail imports whole, and every message is counted once (issue: notes
of at most 20,000 characters), on SQLite and PostgreSQL.

A month's summary of the mail with one person keeps its counts in words in its notes;
the Message-IDs that make a message imported twice recognisable are its record sources
(the file and ``message <id>``). Here one month holds 400 messages with Bo, whose
Message-IDs alone are over 20,000 characters: it imports whole, again it changes nothing,
the same messages in another file are recognised, a workspace whose summaries still list
Message-IDs in their notes (as imports used to write them) is read as before, and a
restored backup recognises them too.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from allies.domain import Interaction
from allies.domain.provenance import parse_origin
from allies.domain.records import MAX_NOTE
from allies.services.keep.records import remove_interaction
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.services.transfer.backup import backup_workspace, restore_workspace
from allies.services.transfer.importing import import_file
from allies.store import open_store

ME = "dana.ruiz@acme.example"
BO = "bo.chen@acme.example"
START = datetime(2025, 3, 1, 8, tzinfo=UTC)
Uow = Callable[[], UnitOfWork]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """Each kind of store."""
    fixture = "sqlite_store_url" if request.param == "sqlite" else "postgres_database_url"
    return open_store(request.getfixturevalue(fixture))


def workspace(store: UnitOfWorkFactory) -> Uow:
    """A fresh workspace of the store."""
    name = f"m-{uuid.uuid4().hex[:10]}"
    return lambda: store(name)


@pytest.fixture
def me(store: UnitOfWorkFactory) -> Uow:
    """A fresh workspace with me in it."""
    uow = workspace(store)
    add_person(uow(), "Dana Ruiz", is_me=True, emails=ME)
    return uow


def ident(n: int) -> str:
    """A Message-ID of about 60 characters, as mail programs write them."""
    return f"{n:05d}.a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8@mail.acme.example"


def mbox(numbers: range, *, long_ids: bool = False) -> str:
    """Messages between me and Bo in March 2025, one every hour, taking turns (the
    first from me)."""
    lines: list[str] = []
    for n in numbers:
        moment = START + timedelta(hours=n)
        sender, to = (("Dana Ruiz", ME), ("Bo Chen", BO))[:: 1 if n % 2 == 0 else -1]
        message_id = ident(n) + ("x" * 200 if long_ids else "")
        lines += [
            f"From {sender[1]} {moment:%a %b %d %H:%M:%S %Y}",
            f"From: {sender[0]} <{sender[1]}>",
            f"To: {to[0]} <{to[1]}>",
            f"Date: {format_datetime(moment)}",
            f"Message-ID: <{message_id}>",
            f"Subject: Cost model, part {n}",
            "",
            "See below.",
            "",
        ]
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def summaries(uow: Uow) -> list[Interaction]:
    with uow() as work:
        return work.interactions.list()


def state(uow: Uow) -> tuple[object, ...]:
    """Everything an import may change: records, their notes, their sources."""
    with uow() as work:
        return (
            [(i.id, i.summary, i.notes, i.occurred_on) for i in work.interactions.list()],
            [(t.id, t.weight, t.note) for t in work.ties.list()],
            sorted(p.name for p in work.people.list()),
            sorted(
                (s.kind, s.record_id, s.person_id, s.identifier) for s in work.record_sources.list()
            ),
        )


def counted(uow: Uow, interaction: Interaction) -> dict[str, str]:
    """The messages the interaction's record sources name, and the file of each."""
    found: dict[str, str] = {}
    with uow() as work:
        for source in work.record_sources.list():
            origin = parse_origin(source.identifier)
            if source.kind == "interaction" and source.record_id == interaction.id and origin:
                found[origin[1]] = origin[0]
    return found


def test_a_month_with_more_message_ids_than_notes_hold_imports_whole(
    me: Uow, tmp_path: Path
) -> None:
    text = mbox(range(400))
    assert sum(len(ident(n)) + 3 for n in range(400)) > MAX_NOTE
    path = write(tmp_path, "inbox.mbox", text)
    report = import_file(me(), "mail", path)
    assert report.added["interactions"] == 1 and report.added["people"] == 1
    [month] = summaries(me)
    assert month.notes == "E-mail in 2025-03: 400 messages (200 from you, 200 from them)."
    assert month.summary == "E-mail: 400 messages"
    assert counted(me, month) == {f"message <{ident(n)}>": str(path) for n in range(400)}

    before = state(me)
    again = import_file(me(), "mail", path)
    assert not again.changed and again.unchanged["messages"] == 400
    assert state(me) == before


def test_the_same_messages_in_another_file_are_recognised(me: Uow, tmp_path: Path) -> None:
    import_file(me(), "mail", write(tmp_path, "inbox.mbox", mbox(range(300))))
    before = state(me)
    copy = write(tmp_path, "archive-2025.mbox", mbox(range(300)))
    report = import_file(me(), "mail", copy)
    assert not report.changed and report.unchanged["messages"] == 300
    assert state(me) == before

    # a later file that overlaps: only its new messages count
    later = write(tmp_path, "later.mbox", mbox(range(250, 420)))
    report = import_file(me(), "mail", later)
    assert report.unchanged["messages"] == 50 and report.updated["interactions"] == 1
    [month] = summaries(me)
    assert month.notes == "E-mail in 2025-03: 420 messages (210 from you, 210 from them)."
    where = counted(me, month)
    assert len(where) == 420 and where[f"message <{ident(419)}>"] == str(later)
    assert where[f"message <{ident(0)}>"] == str(tmp_path / "inbox.mbox")
    with me() as work:
        [tie] = [t for t in work.ties.list() if work.people.get(t.source_id).is_me]
        assert tie.note == "E-mail: 210 messages, 0 replies back."


def test_a_workspace_whose_notes_list_message_ids_is_read_as_before(
    me: Uow, tmp_path: Path
) -> None:
    """Summaries written before listed their Message-IDs in their notes and had no
    record source naming a message: made here by rewriting an import's work that way."""
    path = write(tmp_path, "inbox.mbox", mbox(range(120)))
    import_file(me(), "mail", path)
    with me() as work:
        [month] = work.interactions.list()
        listed = " ".join(f"<{ident(n)}>" for n in range(120))
        month.notes += f"\nMessage-IDs: {listed}"
        work.interactions.save(month)
        bo = month.participant_ids[0]
        work.record_sources.forget_person(bo)
        work.record_sources.add([("interaction", month.id or 0, bo, f"email:{BO}")])
        work.commit()
    old = state(me)
    assert counted(me, summaries(me)[0]) == {}

    report = import_file(me(), "mail", path)
    assert not report.changed and report.unchanged["messages"] == 120
    assert state(me) == old

    # new mail that month: the counts grow, the listed Message-IDs become sources
    report = import_file(me(), "mail", write(tmp_path, "more.mbox", mbox(range(100, 130))))
    assert report.unchanged["messages"] == 20 and report.updated["interactions"] == 1
    [month] = summaries(me)
    assert month.notes == "E-mail in 2025-03: 130 messages (65 from you, 65 from them)."
    where = counted(me, month)
    assert len(where) == 130 and where[f"message <{ident(5)}>"] == "an earlier mail import"
    moved = state(me)
    assert not import_file(me(), "mail", path).changed
    assert state(me) == moved


def test_a_restored_backup_recognises_the_messages(
    store: UnitOfWorkFactory, me: Uow, tmp_path: Path
) -> None:
    path = write(tmp_path, "inbox.mbox", mbox(range(400)))
    import_file(me(), "mail", path)
    raw = backup_workspace(me())
    copy = workspace(store)
    restore_workspace(copy(), raw)
    before = state(copy)
    [month] = summaries(copy)
    assert len(counted(copy, month)) == 400
    assert not import_file(copy(), "mail", path).changed
    assert not import_file(copy(), "mail", write(tmp_path, "other.mbox", mbox(range(400)))).changed
    assert state(copy) == before


def test_long_message_ids_are_told_apart_and_recognised(me: Uow, tmp_path: Path) -> None:
    """Message-IDs longer than a record source holds: cut, with a digest of the whole."""
    path = write(tmp_path, "long.mbox", mbox(range(6), long_ids=True))
    report = import_file(me(), "mail", path)
    assert report.added["interactions"] == 1
    [month] = summaries(me)
    assert month.notes == "E-mail in 2025-03: 6 messages (3 from you, 3 from them)."
    assert len(counted(me, month)) == 6
    before = state(me)
    again = import_file(me(), "mail", write(tmp_path, "copy.mbox", mbox(range(6), long_ids=True)))
    assert not again.changed and again.unchanged["messages"] == 6
    assert state(me) == before


def test_a_deleted_summary_comes_back_when_its_mail_is_imported_again(
    me: Uow, tmp_path: Path
) -> None:
    """As when the notes kept the Message-IDs: deleting the summary forgets its messages,
    and its sources go with it, so a record given its id later inherits none."""
    path = write(tmp_path, "inbox.mbox", mbox(range(10)))
    import_file(me(), "mail", path)
    [month] = summaries(me)
    remove_interaction(me(), month.id or 0)
    with me() as work:
        left = [s for s in work.record_sources.list() if s.kind == "interaction"]
    assert left == []
    report = import_file(me(), "mail", path)
    assert report.added["interactions"] == 1 and report.unchanged["messages"] == 0
    [back] = summaries(me)
    assert back.notes == month.notes
