"""``allies import`` and ``allies export`` end to end, on a fresh SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar

from tests.conftest import FIXTURES
from tests.faces.cli.invoke import Invoke


def test_import_vcard_with_a_dry_run_first(allies: Invoke) -> None:
    source = str(FIXTURES / "contacts" / "iphone-export.vcf")
    preview = allies("import", "vcard", source, "--dry-run")
    assert "Dry run: nothing was saved. Would add 1 organisations, 2 people" in preview.output
    assert "No one matches" in allies("person", "list").output
    done = allies("import", "vcard", source)
    assert done.output.startswith("Added 1 organisations, 2 people, 1 units")
    again = allies("import", "vcard", source)
    assert again.output.startswith("Added nothing; 2 already there")
    assert "Maria Lopez" in allies("person", "list").output


def test_bad_records_are_listed_and_strict_stops(allies: Invoke) -> None:
    source = str(FIXTURES / "contacts" / "broken.vcf")
    stopped = " ".join(allies("import", "vcard", source, "--strict", ok=False).output.split())
    assert "broken.vcf, line 7: record 2: the card has neither a name nor an e-mail" in stopped
    assert "without --strict" in stopped
    assert "No one matches" in allies("person", "list").output
    listed = " ".join(allies("import", "vcard", source).output.split())
    assert "Bad records skipped (3):" in listed
    assert "broken.vcf, line 18 (record 4): the file ends inside this card" in listed


def test_import_csv_with_a_mapping_and_a_json_report(allies: Invoke) -> None:
    result = allies(
        "import",
        "csv",
        str(FIXTURES / "contacts" / "crm-export.csv"),
        "--map",
        "name=Full Name,email=E-mail",
        "--map",
        "organisation=Company",
        "--format",
        "json",
    )
    report = json.loads(result.output)
    assert report["added"] == {"people": 2, "organisations": 1}
    assert report["format"] == "csv"


def test_near_matches_point_to_person_merge(allies: Invoke) -> None:
    allies("person", "add", "Maria Lopes", "--org", "Acme Ltd")
    result = allies("import", "vcard", str(FIXTURES / "contacts" / "iphone-export.vcf"))
    assert "Possible duplicates (1)" in result.output
    assert "allies person merge KEEP DUPLICATE" in result.output


def test_import_calendar_and_mail(allies: Invoke) -> None:
    allies("person", "add", "Dana Ruiz", "--me")
    calendar = allies(
        "import",
        "ics",
        str(FIXTURES / "calendar" / "google-export.ics"),
        "--window",
        "2025-01-01..2025-12-31",
        "--me",
        "dana.ruiz@acme.example",
    )
    assert "Added 6 interactions, 3 people" in calendar.output
    assert "events you declined" in calendar.output
    mail = allies("import", "mail", str(FIXTURES / "mail" / "thunderbird-inbox.mbox"))
    assert "Busiest correspondents" in mail.output
    assert "line 77 (record 6): no From, To or Date header" in mail.output


def test_import_graphs(allies: Invoke) -> None:
    result = allies("import", "graphml", str(FIXTURES / "graphs" / "yed-org-chart.graphml"))
    assert "Added 3 people, 3 ties" in result.output
    kumu = allies("import", "kumu", str(FIXTURES / "graphs" / "kumu"))
    assert "Added 1 organisations, 3 people" in kumu.output


def test_export_every_format_and_restore_a_backup(allies: Invoke, tmp_path: Path) -> None:
    allies("import", "vcard", str(FIXTURES / "contacts" / "iphone-export.vcf"))
    allies("tie", "add", "Bo Chen", "listens_to", "Maria Lopez", "--weight", "0.8")
    for fmt, suffix, marker in (
        ("csv", "csv", b"Maria Lopez"),
        ("vcard", "vcf", b"BEGIN:VCARD"),
        ("graphml", "graphml", b"<graphml"),
        ("gexf", "gexf", b'kind="listens_to"'),
        ("backup", "json", b'"allies-backup"'),
    ):
        path = tmp_path / f"out.{suffix}"
        assert allies("export", fmt, str(path)).output.startswith("Wrote ")
        assert marker in path.read_bytes()
    restored = allies("-w", "restored", "import", "backup", str(tmp_path / "out.json"))
    assert "Added" in restored.output and "2 people" in restored.output
    clash = allies("import", "backup", str(tmp_path / "out.json"), ok=False)
    assert "is not empty" in clash.output
    stdout = allies("export", "vcard", "-")
    assert stdout.output.startswith("BEGIN:VCARD")


def test_unknown_files_and_formats(allies: Invoke) -> None:
    missing = allies("import", "vcard", "/no/such/file.vcf", ok=False)
    assert "There is no file" in missing.output
    wrong = allies("import", "ics", str(FIXTURES / "contacts" / "iphone-export.vcf"), ok=False)
    assert "no calendar in this file" in " ".join(wrong.output.split())


def test_export_ics_parses_back(small_network: Invoke, tmp_path: Path) -> None:
    small_network("cadence", "set", "Maria", "--every", "10")
    small_network("promise", "add", "send the cost model", "--to", "Bo Chen", "--due", "in 3 days")
    target = tmp_path / "allies.ics"
    assert "Wrote 2 events" in small_network("export", "ics", str(target)).stdout
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == [
        "Check in: Maria Lopez",
        "Promise to Bo Chen: send the cost model",
    ]
    assert "BEGIN:VCALENDAR" in small_network("export", "ics", "-").stdout


def test_csv_without_known_columns_says_how_to_map_them(allies: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "odd.csv"
    source.write_text("Col A,Col B\n1,2\n", encoding="utf-8")
    said = " ".join(allies("import", "csv", str(source), ok=False).output.split())
    assert "odd.csv" in said and "line 1: cannot tell which column holds the name" in said
    assert "Say which is which with" in said and "--map 'name=Full Name," in said
