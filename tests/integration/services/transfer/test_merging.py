"""Imports merge only as a careful person would, list every merge, and a merge can be split.

Each case is a real layout (Google's and LinkedIn's CSV exports, GraphML, mbox, a CRM
spreadsheet) or a public data set (Lazega's law firm, ``tests/data/lazega``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from allies.domain import TieKind
from allies.errors import Conflict
from allies.interchange.graphml import write_graphml
from allies.interchange.graphs import EdgeRecord, GraphData
from allies.interchange.records import ContactRecord
from allies.services.keep.log import log_interaction
from allies.services.network.notes import add_note
from allies.services.network.people import add_person
from allies.services.network.removal import merge_people
from allies.services.network.split import merges_of, split_person
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import open_store
from tests.conftest import FIXTURES
from tests.unit.analysis.lazega_reader import read_pajek_project

Uow = Callable[[], UnitOfWork]
ME = "dana.ruiz@acme.example"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> UnitOfWorkFactory:
    return open_store(f"sqlite:///{tmp_path_factory.mktemp('merging') / 'allies.db'}")


@pytest.fixture
def uow(store: UnitOfWorkFactory) -> Uow:
    name = f"m-{uuid.uuid4().hex[:10]}"
    return lambda: store(name)


def people(uow: Uow) -> list[tuple[str, list[str], list[str]]]:
    with uow() as work:
        return sorted((p.name, p.emails, p.phones) for p in work.people.list())


def google_csv(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    """A Google Contacts export in Google's own layout (the fixture's header)."""
    header = (FIXTURES / "contacts" / "google-contacts.csv").read_text("utf-8").splitlines()[0]
    columns = header.split(",")
    lines = [header]
    for row in rows:
        lines.append(",".join(row.get(c, "") for c in columns))
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


FAMILY = [
    {"Name": "Ana Silva", "Given Name": "Ana", "Family Name": "Silva",
     "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+351 912 000 001"},
    {"Name": "Ana Silva", "Given Name": "Ana", "Family Name": "Silva",
     "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+351 912 000 002 ::: +351 912 000 003"},
    {"Name": "A. Silva", "Given Name": "A.", "Family Name": "Silva",
     "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+351 912 000 004"},
    {"Name": "Acme News", "E-mail 1 - Type": "*", "E-mail 1 - Value": "news@acme.test"},
    {"Name": "Acme News", "E-mail 1 - Type": "*", "E-mail 1 - Value": "letters@other.test"},
]  # fmt: skip


def test_a_family_and_two_newsletters_in_one_google_export_stay_apart(
    uow: Uow, tmp_path: Path
) -> None:
    path = google_csv(tmp_path, FAMILY)
    report = import_file(uow(), "google", path)
    assert report.added["people"] == 5 and not report.merged
    stored = people(uow)
    assert [p for p in stored if p[0] == "Acme News"] == [
        ("Acme News", ["letters@other.test"], []),
        ("Acme News", ["news@acme.test"], []),
    ]
    assert sorted(len(p[2]) for p in stored if "Silva" in p[0]) == [1, 1, 2]
    reasons = {n.incoming: n.reason for n in report.near_matches}
    assert reasons["A. Silva"] and reasons["Acme News"] == "e-mails differ"
    again = import_file(uow(), "google", path)  # each row finds its own person
    assert not again.changed and again.unchanged["people"] == 5


def test_two_linkedin_connections_with_different_profiles_stay_apart(
    uow: Uow, tmp_path: Path
) -> None:
    lines = (FIXTURES / "contacts" / "Connections.csv").read_text("utf-8").splitlines()
    lines.append(
        "Omar,Haddad,https://www.linkedin.com/in/omar-haddad-7,,Beta Bank,Analyst,01 Jan 2024"
    )
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(uow(), "linkedin", path)
    assert not report.merged
    assert [p[0] for p in people(uow)].count("Omar Haddad") == 2


def test_john_smith_junior_stays_apart_even_at_threshold_100(uow: Uow, tmp_path: Path) -> None:
    add_person(uow(), "John Smith", emails="john@acme.test")
    path = tmp_path / "crm.csv"
    path.write_text('"Full Name","E-mail"\n"John Smith Jr.","johnjr@other.test"\n', "utf-8")
    report = import_file(uow(), "csv", path, ImportOptions(threshold=100))
    assert report.added["people"] == 1 and not report.merged
    (near,) = report.near_matches
    assert near.incoming == "John Smith Jr." and near.reason == "e-mails differ"
    assert [p[1] for p in people(uow)] == [["john@acme.test"], ["johnjr@other.test"]]


def test_lazega_lawyers_stay_71_people_with_all_892_advice_arcs(
    uow: Uow, tmp_path: Path, data: Path
) -> None:
    firm = read_pajek_project(data / "lazega" / "lazega-law-firm.paj")
    status = firm.partitions["status"]
    nodes = [
        ContactRecord(
            f"Lawyer L{n:02d} {'Partner' if status[n - 1] == 1 else 'Associate'}", key=str(n)
        )
        for n in sorted(firm.vertices)
    ]
    advice = next(r for r, name in firm.relations.items() if name == "advice")
    edges = [EdgeRecord(str(u), str(v), kind="advice") for u, v, _ in firm.arcs[advice]]
    assert (len(nodes), len(edges)) == (71, 892)
    path = tmp_path / "lazega.graphml"
    path.write_bytes(write_graphml(GraphData(nodes, edges)))
    report = import_file(uow(), "graphml", path)
    assert report.added["people"] == 71 and not report.merged
    assert report.added["ties"] == 892 and not report.problems
    with uow() as work:
        kinds = [t.kind for t in work.ties.list()]
    assert kinds.count(TieKind.LISTENS_TO) == 892


def test_a_mailbox_keeps_121_addresses_with_one_display_name_apart(
    uow: Uow, tmp_path: Path
) -> None:
    add_person(uow(), "Dana Ruiz", is_me=True, emails=ME)
    start = datetime(2025, 3, 1, 9, tzinfo=UTC)
    messages = []
    for n in range(121):
        sent = format_datetime(start + timedelta(hours=n))
        messages.append(
            f"From dana {sent}\nFrom: Dana Ruiz <{ME}>\n"
            f"To: Support Team <help{n}@vendor{n}.test>\nDate: {sent}\n"
            f"Message-ID: <m{n}@acme.example>\nSubject: Ticket {n}\n\nHello.\n"
        )
    path = tmp_path / "sent.mbox"
    path.write_text("\n".join(messages), encoding="utf-8")
    report = import_file(uow(), "mail", path)
    assert not report.merged and report.added["people"] == 121
    support = [p for p in people(uow) if p[0] == "Support Team"]
    assert len(support) == 121 and all(len(p[1]) == 1 for p in support)


def test_every_merge_is_listed_with_its_evidence_and_can_be_split(uow: Uow, tmp_path: Path) -> None:
    add_person(uow(), "Maria Lopez", title="CFO")
    path = google_csv(
        tmp_path,
        [{"Name": "Maria Lopez", "E-mail 1 - Type": "*", "E-mail 1 - Value": "maria@acme.test",
          "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+44 20 7946 0001"}],
    )  # fmt: skip
    dry = import_file(uow(), "google", path, ImportOptions(dry_run=True))
    (line,) = dry.merged
    assert line.evidence.startswith("same name 'maria lopez'") and "would merge 1" in dry.summary()
    report = import_file(uow(), "google", path)
    (line,) = report.merged
    assert (line.incoming, set(line.added)) == ("Maria Lopez", {"emails", "phones"})
    assert report.as_dict()["merged"][0]["evidence"] == line.evidence
    (merge,) = merges_of(uow(), "Maria Lopez")
    assert merge.absorbed == "Maria Lopez" and "import of" in merge.source
    split = split_person(uow(), line.person_id or 0)
    assert set(split.taken_back) == {"emails", "phones"}
    with uow() as work:
        kept = work.people.find(line.person_id or 0)
        back = work.people.find(split.restored.id or 0)
    assert kept is not None and (kept.emails, kept.phones, kept.title) == ([], [], "CFO")
    assert back is not None and back.emails == ["maria@acme.test"] and back.phones
    with pytest.raises(Conflict):  # the same merge is not undone twice
        split_person(uow(), line.person_id or 0)


def test_split_undoes_a_merge_by_hand_records_and_all(uow: Uow) -> None:
    add_person(uow(), "Ann Lee", emails="ann@acme.test", title="COO")
    add_person(uow(), "Ann Leigh", emails="ann.leigh@home.test", phones="+1 555 0100")
    add_person(uow(), "Bo Chen")
    add_tie(uow(), "Ann Leigh", "listens_to", "Bo Chen")
    add_tie(uow(), "Ann Leigh", "trusts", "Ann Lee")  # between the two: deleted by the merge
    log_interaction(uow(), ["Ann Leigh", "Bo Chen"], summary="Lunch")
    log_interaction(uow(), ["Ann Leigh", "Ann Lee"], summary="Both of them")
    add_note(uow(), "Ann Leigh", "Prefers mornings.")
    merged = merge_people(uow(), "Ann Lee", "Ann Leigh")
    kept_id, gone_id = merged.kept.id if merged.kept else 0, merged.removed.id
    with uow() as work:
        assert work.people.count() == 2
    report = split_person(uow(), kept_id or 0)
    new_id = report.restored.id
    assert new_id not in (kept_id, gone_id)
    assert (report.moved_back, report.recreated, report.notes) == (3, 1, 1) and not report.left
    with uow() as work:
        kept = work.people.find(kept_id or 0)
        back = work.people.find(new_id or 0)
        ties = {(t.source_id, t.kind.value, t.target_id) for t in work.ties.list()}
        meetings = {i.summary: sorted(i.participant_ids) for i in work.interactions.list()}
        notes = [n.body for n in work.notes.for_person(new_id or 0)]
    assert kept is not None and back is not None
    assert (kept.emails, kept.phones, kept.title) == (["ann@acme.test"], [], "COO")
    assert (back.name, back.emails, back.phones) == (
        "Ann Leigh",
        ["ann.leigh@home.test"],
        ["+1 555 0100"],
    )
    bo = next(iter(t[2] for t in ties if t[1] == "listens_to"))
    assert ties == {(new_id, "listens_to", bo), (new_id, "trusts", kept_id)}
    assert meetings["Lunch"] == sorted([new_id, bo])
    assert meetings["Both of them"] == sorted([new_id, kept_id])
    assert notes == ["Prefers mornings."]


def test_real_vcards_of_one_man_merge_on_his_address_only(uow: Uow, data: Path) -> None:
    folder = data / "interchange" / "vcard"
    first = import_file(uow(), "vcard", folder / "mangstadt-ez-vcard__John_Doe_GMAIL.vcf")
    assert first.added["people"] == 1
    iphone = import_file(uow(), "vcard", folder / "mangstadt-ez-vcard__John_Doe_IPHONE.vcf")
    (line,) = iphone.merged
    assert line.evidence == "same e-mail john.doe@ibm.com"
    outlook = import_file(uow(), "vcard", folder / "mangstadt-ez-vcard__John_Doe_MS_OUTLOOK.vcf")
    assert outlook.added["people"] == 1 and not outlook.merged  # john.doe@ibm.cm: not his
    (near,) = outlook.near_matches
    assert near.reason == "e-mails differ" and near.candidate_ids == (line.person_id,)
