"""Importing into a real SQLite store: matching, merging, safety, each format, backup."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from allies.errors import Conflict, ImportFormatError, InvalidInput, NotFound
from allies.services.dates import parse_window
from allies.services.demo.network import build_demo, load_demo
from allies.services.network.people import add_person, edit_person
from allies.services.ports import UnitOfWork, UnitOfWorkFactory
from allies.services.transfer.backup import backup_workspace, restore_workspace
from allies.services.transfer.exporting import export_workspace
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import open_store
from tests.conftest import FIXTURES

ME = "dana.ruiz@acme.example"
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))

Uow = Callable[[], UnitOfWork]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> UnitOfWorkFactory:
    """One SQLite file for the module; each test has a workspace of its own."""
    return open_store(f"sqlite:///{tmp_path_factory.mktemp('importing') / 'allies.db'}")


@pytest.fixture
def uow(store: UnitOfWorkFactory) -> Uow:
    """A unit of work on a fresh, empty workspace."""
    name = f"t-{uuid.uuid4().hex[:10]}"
    return lambda: store(name)


@pytest.fixture
def me(uow: Uow) -> Uow:
    """The workspace with me in it (Dana Ruiz, with her work address)."""
    add_person(uow(), "Dana Ruiz", is_me=True, emails=ME)
    return uow


def people(uow: Uow) -> dict[str, list[str]]:
    with uow() as work:
        return {p.name: p.emails for p in work.people.list()}


def counts(uow: Uow) -> tuple[int, ...]:
    with uow() as work:
        return tuple(
            getattr(work, kind).count()
            for kind in ("people", "organisations", "units", "interactions", "ties")
        )


def contacts(name: str) -> Path:
    return FIXTURES / "contacts" / name


# -- contacts, matching and merging ---


def test_vcard_adds_people_with_organisations_and_units(uow: Uow) -> None:
    report = import_file(uow(), "vcard", contacts("iphone-export.vcf"))
    assert report.added == {"people": 2, "organisations": 1, "units": 1}
    assert not report.dry_run and report.read == 2
    with uow() as work:
        maria = work.people.by_email("maria@acme.example")
        assert maria is not None and maria.title == "CFO" and maria.tags == ["board", "finance"]
        assert work.organisations.get(maria.organisation_id or 0).name == "Acme Ltd"


def test_importing_the_same_file_again_changes_nothing(uow: Uow) -> None:
    for name in ("iphone-export.vcf", "android-backup.vcf", "nextcloud-v4.vcf"):
        import_file(uow(), "vcard", contacts(name))
    before = counts(uow)
    for name in ("iphone-export.vcf", "android-backup.vcf", "nextcloud-v4.vcf"):
        again = import_file(uow(), "vcard", contacts(name))
        assert not again.changed and sum(again.unchanged.values()) == again.read
    assert counts(uow) == before


def test_the_same_people_from_another_source_are_merged(uow: Uow) -> None:
    import_file(uow(), "vcard", contacts("iphone-export.vcf"))
    report = import_file(uow(), "google", contacts("google-contacts.csv"))
    (merge,) = report.merged
    assert (merge.incoming, merge.how) == ("Maria Lopez", "email")
    assert set(merge.added) == {"emails", "notes"}
    assert people(uow)["Maria Lopez"] == [
        "maria@acme.example",
        "m.lopez@home.example",
        "maria.lopez@gmail.example",
    ]
    assert report.added["people"] == 1  # Sam Okafor


def test_a_match_by_name_and_organisation_adds_the_address(uow: Uow) -> None:
    add_person(uow(), "María López", organisation="ACME Ltd.", title="Finance chief")
    report = import_file(uow(), "vcard", contacts("iphone-export.vcf"))
    assert [(m.incoming, m.how) for m in report.merged] == [("Maria Lopez", "name")]
    with uow() as work:
        maria = work.people.by_email("maria@acme.example")
        assert maria is not None and maria.name == "María López"
        assert maria.title == "Finance chief"  # what was stored stays


def test_the_same_name_at_another_organisation_is_only_a_near_match(uow: Uow) -> None:
    add_person(uow(), "Maria Lopez", organisation="Iota Bank")
    report = import_file(uow(), "vcard", contacts("iphone-export.vcf"))
    assert report.added["people"] == 2 and not report.merged
    (near,) = report.near_matches
    assert near.incoming == "Maria Lopez" and near.candidates[0].startswith("Maria Lopez (#")


def test_merging_never_loses_what_is_stored(uow: Uow) -> None:
    add_person(uow(), "Bo Chen", emails="bo.chen@acme.example", title="Lead", notes="Mentor")
    edit_person(uow(), "Bo Chen", {"agenda": "Become head of analytics"})
    import_file(uow(), "vcard", contacts("iphone-export.vcf"))
    with uow() as work:
        bo = work.people.by_email("bo.chen@acme.example")
        assert bo is not None
        assert (bo.title, bo.notes, bo.agenda) == ("Lead", "Mentor", "Become head of analytics")
        assert bo.phones == ["+44 20 7946 0002"]


def test_linkedin_ties_each_connection_to_me(me: Uow) -> None:
    report = import_file(me(), "linkedin", contacts("Connections.csv"))
    assert report.added["people"] == 3 and report.added["ties"] == 3
    assert not import_file(me(), "linkedin", contacts("Connections.csv")).changed
    with me() as work:
        assert {t.kind.value for t in work.ties.list()} == {"knows"}


def test_a_csv_with_a_mapping(uow: Uow) -> None:
    options = ImportOptions(mapping=("name=Full Name,email=E-mail,organisation=Company",))
    report = import_file(uow(), "csv", contacts("crm-export.csv"), options)
    assert report.added["people"] == 2
    assert people(uow)["Lars Berg"] == ["lars@kappa.example", "lars.berg@gmail.example"]


# -- safety ---


def test_a_dry_run_reports_and_saves_nothing(uow: Uow) -> None:
    report = import_file(uow(), "vcard", contacts("iphone-export.vcf"), ImportOptions(dry_run=True))
    assert report.dry_run and report.added["people"] == 2
    assert report.summary().startswith("Would add")
    assert counts(uow) == (0, 0, 0, 0, 0)


def test_bad_records_are_skipped_and_listed(uow: Uow) -> None:
    report = import_file(uow(), "vcard", contacts("broken.vcf"))
    assert report.added["people"] == 2
    assert [(p.line, p.record) for p in report.problems] == [(7, 2), (15, 3), (18, 4)]
    assert all(p.path.endswith("broken.vcf") for p in report.problems)
    assert len(report.warnings) == 1  # the address that is not one


def test_strict_stops_at_the_first_bad_record_and_saves_nothing(uow: Uow) -> None:
    with pytest.raises(ImportFormatError) as caught:
        import_file(uow(), "vcard", contacts("broken.vcf"), ImportOptions(strict=True))
    assert caught.value.line == 7 and "record 2" in str(caught.value)
    assert counts(uow) == (0, 0, 0, 0, 0)


def test_a_file_of_the_wrong_kind_changes_nothing(me: Uow) -> None:
    before = counts(me)
    with pytest.raises(ImportFormatError, match="no vCard"):
        import_file(me(), "vcard", contacts("crm-export.csv"))
    assert counts(me) == before


def test_progress_is_reported(uow: Uow) -> None:
    seen: list[tuple[str, int, int | None]] = []
    options = ImportOptions(progress=lambda stage, done, total: seen.append((stage, done, total)))
    import_file(uow(), "vcard", contacts("iphone-export.vcf"), options)
    assert seen[0] == ("reading", 0, None) and seen[-1] == ("people", 2, 2)


@pytest.mark.parametrize(
    ("format", "source", "error"),
    [("vcard", "nowhere.vcf", NotFound), ("word", "iphone-export.vcf", InvalidInput)],
)
def test_bad_requests(uow: Uow, format: str, source: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        import_file(uow(), format, contacts(source))


def test_windows() -> None:
    today = date(2026, 3, 1)
    assert parse_window("..", today) == (date(2025, 3, 1), today)
    assert parse_window("2 weeks ago..", today) == (date(2026, 2, 15), today)
    with pytest.raises(InvalidInput):
        parse_window("2026-01-01", today)
    with pytest.raises(InvalidInput):
        parse_window("2026-02-01..2026-01-01", today)


# -- calendars ---


def test_calendar_events_become_interactions(me: Uow) -> None:
    options = ImportOptions(window=YEAR_2025)
    report = import_file(me(), "ics", FIXTURES / "calendar" / "google-export.ics", options)
    assert report.added["interactions"] == 6  # 4 one-on-ones, the review, the offsite
    assert report.skipped == {
        "events you declined": 1,
        "cancelled events": 1,
        "all-day events with nobody else on them": 1,
    }
    assert set(people(me)) == {"Dana Ruiz", "Bo Chen", "Maria Lopez", "Lea Martin"}
    with me() as work:
        by_summary = {i.summary: i for i in work.interactions.list()}
        review = by_summary["Budget review"]
        maria = work.people.by_email("maria@acme.example")
        assert review.kind.value == "group_meeting" and len(review.participant_ids) == 2
        assert maria is not None and review.initiator_id == maria.id
        assert by_summary["Bo / Dana 1:1"].initiated_by_me is True
    assert not import_file(
        me(), "ics", FIXTURES / "calendar" / "google-export.ics", options
    ).changed


def test_my_address_comes_from_the_option_when_my_record_has_none(uow: Uow) -> None:
    add_person(uow(), "Dana Ruiz", is_me=True)
    options = ImportOptions(window=YEAR_2025, me=(ME,))
    source = FIXTURES / "calendar" / "outlook-invitation.ics"
    report = import_file(uow(), "ics", source, options)
    assert report.added["interactions"] == 1 and "Dana Ruiz" not in report.near_matches
    assert people(uow)["Dana Ruiz"] == [ME]
    assert set(people(uow)) == {"Dana Ruiz", "Noor Haddad", "Ivo Petrov"}


def test_a_calendar_needs_to_know_who_i_am(uow: Uow) -> None:
    source = FIXTURES / "calendar" / "google-export.ics"
    with pytest.raises(InvalidInput, match="Nobody is marked as you"):
        import_file(uow(), "ics", source, ImportOptions(window=YEAR_2025))


def test_broken_events_are_listed(me: Uow) -> None:
    source = FIXTURES / "calendar" / "thunderbird-broken.ics"
    report = import_file(me(), "ics", source, ImportOptions(window=YEAR_2025))
    assert [p.record for p in report.problems] == [1, 2]
    assert report.added["interactions"] == 1


# -- mail ---


def test_mail_becomes_monthly_touch_points_and_ties(me: Uow) -> None:
    report = import_file(me(), "mail", FIXTURES / "mail" / "thunderbird-inbox.mbox")
    assert report.skipped["messages from people you never wrote to"] == 1  # the newsletter
    assert [p.record for p in report.problems] == [6]
    assert set(people(me)) == {"Dana Ruiz", "Bo Chen", "Maria Lopez", "Jürgen Müller"}
    with me() as work:
        touches = {work.people.get(i.participant_ids[0]).name: i for i in work.interactions.list()}
        bo = touches["Bo Chen"]
        assert bo.kind.value == "message" and bo.occurred_on == date(2025, 3, 3)
        assert "E-mail in 2025-03: 2 messages (1 from you, 1 from them)." in bo.notes
        assert bo.initiated_by_me is False and bo.initiator_id == bo.participant_ids[0]
        maria = touches["Maria Lopez"]
        assert "Message-ID" not in maria.notes  # the counts in words; the ids are sources
        assert any(
            kind == "interaction"
            and record == maria.id
            and origin.endswith("message <f5d0b2b4-4e5f-4f6a-9b2c-0d7a1e7c0005@acme.example>")
            for kind, record, origin in work.record_sources.for_person(maria.participant_ids[0])
        )
        ties = {
            (work.people.get(t.source_id).name, work.people.get(t.target_id).name): t
            for t in work.ties.list()
        }
        assert ties[("Bo Chen", "Dana Ruiz")].note == "E-mail: 1 message, 1 reply back."
        assert ties[("Dana Ruiz", "Bo Chen")].weight == pytest.approx(0.095)
        assert ("Maria Lopez", "Bo Chen") not in ties  # one copy is not enough
    assert report.skipped["pairs of others with fewer than 3 messages"] >= 1
    replies = {r.person: r for r in report.replies}
    assert replies["Bo Chen"].my_replies == 1 and replies["Jürgen Müller"].my_replies == 1


def test_mail_imported_twice_or_overlapping_counts_each_message_once(me: Uow) -> None:
    mbox = FIXTURES / "mail" / "thunderbird-inbox.mbox"
    import_file(me(), "mail", mbox)
    before = counts(me)
    again = import_file(me(), "mail", mbox)
    assert not again.changed and again.unchanged["messages"] == 5
    folder = import_file(me(), "mail", FIXTURES / "mail" / "eml")
    assert folder.added["interactions"] == 1 and folder.added["people"] == 1  # Lea Martin
    assert counts(me)[0] == before[0] + 1
    assert not import_file(me(), "mail", FIXTURES / "mail" / "eml").changed


# -- graphs ---


def test_graphml_edges_become_ties(uow: Uow) -> None:
    report = import_file(uow(), "graphml", FIXTURES / "graphs" / "yed-org-chart.graphml")
    assert report.added["people"] == 3 and report.added["ties"] == 3
    assert [p.record for p in report.problems] == [4]  # the edge to a node that is not there
    with uow() as work:
        kinds = sorted(t.kind.value for t in work.ties.list())
        assert kinds == ["listens_to", "reports_to", "reports_to"]


def test_gexf_weights_are_scaled_and_undirected_edges_go_both_ways(uow: Uow) -> None:
    import_file(uow(), "gexf", FIXTURES / "graphs" / "gephi-export.gexf")
    with uow() as work:
        weights = sorted((t.kind.value, t.weight) for t in work.ties.list())
    assert weights == [("knows", 0.25), ("knows", 0.25), ("knows", 0.5), ("trusts", 1.0)]


def test_kumu_organisations_are_where_people_work(uow: Uow) -> None:
    report = import_file(uow(), "kumu", FIXTURES / "graphs" / "kumu")
    assert report.added["people"] == 3 and report.added["organisations"] == 1
    with uow() as work:
        noor = next(p for p in work.people.list() if p.name == "Noor Haddad")
        assert work.organisations.get(noor.organisation_id or 0).name == "Delta Partners"
        notes = [t.note for t in work.ties.list() if t.note]
    assert "trust" not in notes  # "trust" is a kind of tie, not a note


# -- export and backup ---


@pytest.fixture(scope="module")
def demo(store: UnitOfWorkFactory) -> str:
    """The demo network, loaded once into a workspace of its own."""
    load_demo(store("demo"), build_demo(seed=7, today=date(2026, 1, 15)))
    return "demo"


def test_backup_and_restore_give_the_demo_network_exactly(
    store: UnitOfWorkFactory, demo: str
) -> None:
    first = backup_workspace(store(demo))
    report = restore_workspace(store("restored"), first)
    assert report.added["people"] == 70 and report.added["interactions"] > 500
    second = backup_workspace(store("restored"))

    def body(raw: bytes) -> list[bytes]:
        return [
            line
            for line in raw.splitlines()
            if b'"created"' not in line and b'"workspace"' not in line
        ]

    assert body(second) == body(first)


def test_a_backup_restores_only_into_an_empty_workspace(
    store: UnitOfWorkFactory, demo: str
) -> None:
    with pytest.raises(Conflict, match="not empty"):
        restore_workspace(store(demo), backup_workspace(store(demo)))


def test_a_broken_backup_restores_nothing(uow: Uow) -> None:
    raw = b'{"format": "allies-backup", "version": 1, "people": [{"name": "Ann"}], '
    raw += b'"ties": [{"source_id": 0, "target_id": 5, "kind": "knows"}]}'
    with pytest.raises(ImportFormatError, match="people #5"):
        restore_workspace(uow(), raw)
    assert counts(uow) == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("format", ["vcard", "csv", "graphml", "gexf"])
def test_exports_import_back(
    store: UnitOfWorkFactory, demo: str, tmp_path: Path, format: str
) -> None:
    export = export_workspace(store(demo), format)
    path = tmp_path / f"out.{export.suffix}"
    path.write_bytes(export.data)
    target = f"copy-{format}"
    report = import_file(store(target), format, path)
    assert report.added["people"] == 70 and not report.problems
    if format in ("graphml", "gexf"):
        assert report.added["ties"] == 415
    with store(demo) as original, store(target) as copy:
        assert sorted(p.name for p in copy.people.list()) == sorted(
            p.name for p in original.people.list()
        )
        assert sorted(e for p in copy.people.list() for e in p.emails) == sorted(
            e for p in original.people.list() for e in p.emails
        )
