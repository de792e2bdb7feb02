"""A large contacts import written in batches gives exactly what one record at a time gives
(issue 20), on SQLite and PostgreSQL.

The file has a few thousand cards: people with e-mails, phones, organisations and units,
card details (birthdays, addresses, URLs, custom fields), some entered twice under the same
address (merged), some twice under another address (near matches), and some that match a
person stored before the import (merged into them). It is imported once through the batched
path and once with every new person written on their own; the people, their card details,
the report, the audit trail and the provenance rows must be the same.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from allies.domain.accounts import Actor, Role
from allies.errors import Forbidden
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.services.transfer import import_people
from allies.services.transfer.import_report import ImportReport
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import open_store

CARDS = 3000
Uow = Callable[[], UnitOfWork]
FIRST = ["Ana", "Bo", "Cy", "Dana", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
LAST = ["Lopez", "Chen", "Diaz", "Ruiz", "Smith", "Jones", "Brown", "Miller", "Davis", "Moore"]
ORGS = ["Acme Ltd", "Beta Inc.", "Gamma GmbH", "Delta Partners"]


def _cards(path: Path) -> Path:
    lines: list[str] = []
    for i in range(CARDS):
        twice, other = i % 25 == 24, i % 40 == 39  # same address again; another address
        n = i - 1 if twice or other else i
        first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
        name = f"{first} {n} {last}" if n % 7 else f"{first} {last} {n}"
        email = f"p{n}@{'home.' if other else ''}example.test"
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"EMAIL:{email}"]
        if n % 3:
            lines.append(f"TEL;TYPE=cell:+1 555 {n:07d}")
        if n % 4:
            lines.append(f"ORG:{ORGS[n % len(ORGS)]};Unit {n % 5}")
        if n % 5 == 0:
            lines.append(f"TITLE:Role {n % 9}")
        if n % 2 == 0:
            lines.append(f"ADR;TYPE=work:;;{n} Market St;Springfield;;{10000 + n};US")
        if n % 6 == 0:
            lines += [f"BDAY:19{50 + n % 50:02d}-0{1 + n % 9}-1{n % 10}", "URL:https://ex.test"]
        if n % 11 == 0:
            lines += [f"X-MANAGER:Boss {n}", "CATEGORIES:work,board"]
        if twice:
            lines.append(f"NOTE:second card of {n}")
        lines.append("END:VCARD")
    lines += ["BEGIN:VCARD", "VERSION:3.0", "FN:Stored Person", "EMAIL:stored@else.test"]
    lines += ["TEL:+44 20 7946 0000", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "END:VCARD"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """A store on SQLite or PostgreSQL."""
    fixture = "sqlite_store_url" if request.param == "sqlite" else "postgres_database_url"
    return open_store(request.getfixturevalue(fixture))


@pytest.fixture
def workspaces(store: UnitOfWorkFactory) -> Callable[[], Uow]:
    """Makes fresh workspaces of the store."""

    def fresh() -> Uow:
        name = f"b-{uuid.uuid4().hex[:10]}"
        return lambda: store(name)

    return fresh


def _import(uow: Uow, path: Path, *, one_by_one: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    add_person(uow(), "Dana Ruiz", is_me=True, emails="dana@acme.example")
    add_person(uow(), "Stored Person", emails="stored@else.test", title="Chair")
    with monkeypatch.context() as patch:
        if one_by_one:
            patch.setattr(import_people.PeopleWriter, "batched", lambda self, size=0: None)
        report = import_file(uow(), "vcard", path, ImportOptions())
    return _snapshot(uow, report)


def _snapshot(uow: Uow, report: ImportReport) -> dict[str, Any]:
    """Everything the import stored and reported, with ids as offsets from the first."""
    with uow() as work:
        people = work.people.list()
        first = min(p.id or 0 for p in people)
        names = {o.id: o.name for o in work.organisations.list()}
        units = {u.id: u.name for u in work.units.list()}
        cards = {c.person_id: c for c in work.cards.list()}
        rows = [
            (
                (p.id or 0) - first,
                p.name,
                p.emails,
                p.phones,
                p.tags,
                p.title,
                p.notes,
                names.get(p.organisation_id),
                units.get(p.unit_id),
            )
            for p in people
        ]
        card_rows = [
            (
                (pid or 0) - first,
                c.birthday,
                [vars(a) for a in c.addresses],
                c.urls,
                c.custom,
                c.photo,
            )
            for pid, c in sorted(cards.items())
        ]
        trail = Counter(
            (
                e.entity,
                e.action.value,
                repr(_relative(e.before, first, names, units)),
                repr(_relative(e.after, first, names, units)),
                tuple((p or 0) - first for p in e.people),
            )
            for e in work.audit.list()
        )
        sources = sorted(
            (kind, identifier)
            for p in people
            for kind, _, identifier in work.record_sources.for_person(p.id or 0)
        )
    return {
        "people": rows,
        "cards": card_rows,
        "trail": trail,
        "sources": sources,
        "added": dict(report.added),
        "updated": dict(report.updated),
        "unchanged": dict(report.unchanged),
        "read": report.read,
        "merged": [
            (
                m.incoming,
                _label(m.person, first),
                m.how,
                m.added,
                m.evidence,
                (m.person_id or 0) - first,
            )
            for m in report.merged
        ],
        "near": [
            (
                n.incoming,
                [_label(c, first) for c in n.candidates],
                n.score,
                n.reason,
                (n.person_id or 0) - first,
                [c - first for c in n.candidate_ids],
            )
            for n in report.near_matches
        ],
        "problems": [(p.line, p.reason) for p in report.problems],
    }


def _label(label: str, first: int) -> str:
    """A person's label with the id it may hold (``Ann Lee (#12)``) as an offset."""
    return re.sub(r"#(\d+)", lambda m: f"#+{int(m.group(1)) - first}", label)


def _relative(values: Any, first: int, names: dict[Any, str], units: dict[Any, str]) -> Any:
    """Audit values without the store's times, with people as offsets from the first and
    organisations and units by name (the two workspaces' ids differ)."""
    if not isinstance(values, dict):
        return values
    kept = {
        k: _relative(v, first, names, units)
        for k, v in values.items()
        if k not in ("created_at", "updated_at", "id")
    }
    if kept.get("person_id") is not None:
        kept["person_id"] -= first
    if "organisation_id" in kept:
        kept["organisation_id"] = names.get(kept["organisation_id"])
    if "unit_id" in kept:
        kept["unit_id"] = units.get(kept["unit_id"])
    return kept


def test_a_batched_import_stores_what_one_by_one_does(
    workspaces: Callable[[], Uow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _cards(tmp_path / "many.vcf")
    batched = _import(workspaces(), path, one_by_one=False, monkeypatch=monkeypatch)
    single = _import(workspaces(), path, one_by_one=True, monkeypatch=monkeypatch)
    assert batched["added"]["people"] > CARDS * 0.9
    assert batched["updated"]["card details"] > CARDS * 0.5
    assert batched["merged"] and batched["near"] and batched["problems"]
    for key in single:
        assert batched[key] == single[key], key


def test_a_batched_import_is_one_transaction(
    workspaces: Callable[[], Uow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after several batches were written leaves nothing behind."""
    uow = workspaces()
    path = _cards(tmp_path / "many.vcf")
    calls = {"n": 0}
    write = import_people.PendingPeople.write

    def failing(self: import_people.PendingPeople, *args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the disk is gone")
        write(self, *args)

    monkeypatch.setattr(import_people.PendingPeople, "write", failing)
    monkeypatch.setattr(
        import_people.PeopleWriter,
        "batched",
        lambda self, size=0: setattr(self, "batch", import_people.PendingPeople(500)),
    )
    with pytest.raises(RuntimeError):
        import_file(uow(), "vcard", path, ImportOptions())
    with uow() as work:
        assert work.people.count() == 0 and work.cards.count() == 0
        assert work.audit.count() == 0


def test_a_viewer_cannot_import_in_batches(store: UnitOfWorkFactory, tmp_path: Path) -> None:
    """The batches write their audit entries early; a viewer is still refused, and nothing
    is kept."""
    name = f"v-{uuid.uuid4().hex[:10]}"
    add_person(store(name), "Dana Ruiz", is_me=True)
    with pytest.raises(Forbidden):
        import_file(
            store(name, actor=Actor(None, "vee", Role.VIEWER)), "vcard", _cards(tmp_path / "x.vcf")
        )
    with store(name) as work:
        assert work.people.count() == 1
