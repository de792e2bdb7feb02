"""Every record an import makes says where it came from (issue 20), on SQLite and
PostgreSQL.

The real samples are imported one after another into one workspace: Google Contacts
exports (old and new layout), LinkedIn exports (2018 and 2024 layouts: their tie to me and
the role change a newer title makes), two mailboxes made in the shape Thunderbird and a
Unix machine write them, and a public mailbox of 29 messages (MimeKit's test data). Every
person, organisation, unit, tie, interaction and role change each import adds has a
record source naming the file and the item in it (its line, a LinkedIn profile, a
message's Message-ID); every tie and interaction, for each person on it but me, also the
address (or profile, when the row has one) they were found by. Importing the same files
again adds nothing, not even a source; a backup carries every source to a restored
workspace.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from allies.domain.provenance import is_origin, parse_origin
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWork
from allies.services.transfer.backup import backup_workspace, restore_workspace
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import open_store
from tests.conftest import FIXTURES

DATA = Path(__file__).resolve().parents[3] / "data" / "interchange"
ME = "dana.ruiz@acme.example, dana@localhost"
#: (format, file, my address when the file is someone else's mail)
SAMPLES: list[tuple[str, Path, tuple[str, ...]]] = [
    ("google", FIXTURES / "contacts" / "google-contacts.csv", ()),
    ("google", FIXTURES / "contacts" / "google-contacts-2024.csv", ()),
    ("linkedin", FIXTURES / "contacts" / "Connections.csv", ()),
    ("linkedin", FIXTURES / "contacts" / "Connections-2019.csv", ()),
    ("mail", FIXTURES / "mail" / "thunderbird-inbox.mbox", ()),
    ("mail", FIXTURES / "mail" / "local-machine.mbox", ()),
    ("mail", DATA / "mail" / "jstedfast-MimeKit__content-length.mbox", ("jwz@netscape.com",)),
]
#: The kinds of record an import may make, by their repositories.
KINDS = {
    "person": "people",
    "organisation": "organisations",
    "unit": "units",
    "tie": "ties",
    "interaction": "interactions",
    "observation": "observations",
    "role change": "role_changes",
    "affiliation": "affiliations",
}
WHEN = datetime(2026, 1, 1, tzinfo=UTC)
Uow = Callable[[str], UnitOfWork]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def uow(request: pytest.FixtureRequest) -> Uow:
    fixture = "sqlite_store_url" if request.param == "sqlite" else "postgres_database_url"
    factory = open_store(request.getfixturevalue(fixture))
    return lambda name: factory(name)


def _records(uow: Uow, workspace: str) -> dict[tuple[str, int], object]:
    with uow(workspace) as work:
        return {
            (kind, record.id): record
            for kind, plural in KINDS.items()
            for record in getattr(work, plural).list()
        }


def _people_on(kind: str, record: object) -> set[int]:
    """The people a tie or an interaction is about."""
    if kind == "tie":
        return {record.source_id, record.target_id}  # type: ignore[attr-defined]
    if kind == "interaction":
        return set(record.participant_ids)  # type: ignore[attr-defined]
    return set()


def _import_all(uow: Uow, workspace: str) -> list[str]:
    """Import every sample; what each one made that says nothing of where it came from."""
    missing: list[str] = []
    for fmt, path, me in SAMPLES:
        before = _records(uow, workspace)
        import_file(uow(workspace), fmt, path, ImportOptions(me=me))
        made = {key: r for key, r in _records(uow, workspace).items() if key not in before}
        with uow(workspace) as work:
            me_id = next(p.id for p in work.people.list() if p.is_me)
            rows: dict[tuple[str, int], list[tuple[int, str]]] = {}
            for source in work.record_sources.list():
                rows.setdefault((source.kind, source.record_id), []).append(
                    (source.person_id, source.identifier)
                )
        for (kind, record_id), record in sorted(made.items(), key=lambda item: item[0]):
            found = rows.get((kind, record_id), [])
            origins = [parse_origin(s) for _, s in found if is_origin(s)]
            where = f"{kind} #{record_id} from {path.name}"
            if not any(o and o[0] == str(path) and o[1] for o in origins):
                missing.append(f"{where}: no source naming the file and the item")
            for person_id in _people_on(kind, record) - {me_id}:
                theirs = [s for p, s in found if p == person_id]
                if not any(is_origin(s) for s in theirs):
                    missing.append(f"{where}: no source for person #{person_id}")
                if fmt == "mail" and all(is_origin(s) for s in theirs):
                    missing.append(f"{where}: not the address person #{person_id} came by")
    return missing


def test_every_record_the_samples_make_names_the_file_and_the_item(uow: Uow) -> None:
    home = f"i-{uuid.uuid4().hex[:10]}"
    add_person(uow(home), "Dana Ruiz", is_me=True, emails=ME)
    assert _import_all(uow, home) == []
    made = _records(uow, home)
    kinds = {kind for kind, _ in made}
    # what the samples make: every kind an import of contacts or mail may add
    assert {"person", "organisation", "unit", "tie", "interaction", "role change"} <= kinds
    with uow(home) as work:
        people = {p.name: p.id for p in work.people.list()}
        sources = work.record_sources.list()
    omar = [
        s.identifier for s in sources if s.kind == "tie" and s.person_id == people["Omar Haddad"]
    ]
    assert sorted(omar) == [
        f"from:{FIXTURES / 'contacts' / 'Connections.csv'}\tline 7 "
        "https://www.linkedin.com/in/omarhaddad",
        "url:linkedin.com/in/omarhaddad",
    ]
    bo = {s.identifier for s in sources if s.kind == "tie" and s.person_id == people["Bo Chen"]}
    assert "email:bo.chen@acme.example" in bo
    assert any(
        i.endswith("message <b1f0c2d4-aa10-4c55-9f11-0d7a1e7c0001@acme.example>") for i in bo
    )

    # the same files again: nothing new, not even a source
    with uow(home) as work:
        rows_before = sorted((s.kind, s.record_id, s.person_id, s.identifier) for s in sources)
    for fmt, path, me in SAMPLES:
        import_file(uow(home), fmt, path, ImportOptions(me=me))
    assert set(_records(uow, home)) == set(made)
    with uow(home) as work:
        again = sorted(
            (s.kind, s.record_id, s.person_id, s.identifier) for s in work.record_sources.list()
        )
    assert again == rows_before


def _described(uow: Uow, workspace: str) -> list[tuple[str, str, str, str]]:
    """Every record source as (kind, the record in words, the person's name, string)."""
    with uow(workspace) as work:
        names = {p.id: p.name for p in work.people.list()}
        records = {("person", i): name for i, name in names.items()}
        records |= {("organisation", o.id): o.name for o in work.organisations.list()}
        records |= {("unit", u.id): u.name for u in work.units.list()}
        records |= {
            ("tie", t.id): f"{names[t.source_id]} {t.kind} {names[t.target_id]}"
            for t in work.ties.list()
        }
        records |= {
            ("interaction", i.id): f"{i.occurred_on} {sorted(names[p] for p in i.participant_ids)}"
            for i in work.interactions.list()
        }
        records |= {
            ("role change", c.id): f"{names[c.person_id]} {c.new_title}"
            for c in work.role_changes.list()
        }
        return sorted(
            (s.kind, records[(s.kind, s.record_id)], names[s.person_id], s.identifier)
            for s in work.record_sources.list()
        )


def test_a_backup_keeps_where_every_imported_record_came_from(uow: Uow) -> None:
    home = f"i-{uuid.uuid4().hex[:10]}"
    add_person(uow(home), "Dana Ruiz", is_me=True, emails=ME)
    for fmt, path, me in SAMPLES:
        import_file(uow(home), fmt, path, ImportOptions(me=me))
    before = _described(uow, home)
    assert {kind for kind, *_ in before} >= {"person", "organisation", "unit", "tie"}
    raw = backup_workspace(uow(home), created=WHEN)
    assert json.loads(raw)["counts"]["record_sources"] == len(before)
    copy = f"r-{uuid.uuid4().hex[:10]}"
    restore_workspace(uow(copy), raw)
    assert _described(uow, copy) == before
