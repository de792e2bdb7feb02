"""Contacts in spreadsheets: Google, LinkedIn, any CSV with a mapping, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from allies.errors import ImportFormatError, InvalidInput, NextStep
from allies.interchange.csv_contacts import (
    detect_layout,
    parse_mapping,
    read_contacts_csv,
    write_contacts_csv,
)
from allies.interchange.records import ContactRecord, RecordProblem


def read(data: bytes, **options: object) -> tuple[list[ContactRecord], list[RecordProblem]]:
    items = list(read_contacts_csv(data, path="f.csv", **options))  # type: ignore[arg-type]
    return (
        [i for i in items if isinstance(i, ContactRecord)],
        [i for i in items if isinstance(i, RecordProblem)],
    )


def test_google_csv_old_layout(fixtures: Path) -> None:
    (maria, sam), problems = read((fixtures / "contacts" / "google-contacts.csv").read_bytes())
    assert not problems
    assert maria.emails == ["maria@acme.example", "maria.lopez@gmail.example"]
    assert (maria.organisation, maria.unit, maria.title) == ("Acme Ltd", "Finance", "CFO")
    assert maria.notes == "Met at the Lisbon summit.\nCares about cash flow."
    assert maria.tags == ["Board"] and maria.line == 2
    assert sam.phones == ["+1 555 0142", "+1 555 0143"] and sam.tags == ["starred"]
    assert sam.line == 4  # the quoted note spans two lines


def test_google_csv_new_layout(fixtures: Path) -> None:
    (lea, only), _ = read((fixtures / "contacts" / "google-contacts-2024.csv").read_bytes())
    assert (lea.name, lea.unit, lea.tags) == ("Lea Martin", "R&D", ["Research"])
    assert only.name == "Only An Address"


def test_linkedin_with_its_preamble_emoji_and_blank_emails(fixtures: Path) -> None:
    records, problems = read((fixtures / "contacts" / "Connections.csv").read_bytes())
    assert not problems
    assert [r.name for r in records] == ["Maria Lopez", "Yara Nilsen", "Omar Haddad"]
    assert [r.line for r in records] == [5, 6, 7]
    assert records[0].emails == [] and records[1].emails == ["yara@nilsen.example"]
    assert records[1].organisation == "Theta, Inc." and records[2].title == "Director, Strategy"
    assert "LinkedIn connection since 2024-02-05." in records[0].notes
    assert all(r.tags == ["linkedin"] for r in records)


def test_older_linkedin_export_without_url(fixtures: Path) -> None:
    (pete,), _ = read(
        (fixtures / "contacts" / "Connections-2019.csv").read_bytes(), layout="linkedin"
    )
    assert pete.name == "Pete Reed" and pete.notes == "LinkedIn connection since 2019-06-14."


def test_any_csv_with_a_mapping(fixtures: Path) -> None:
    mapping = parse_mapping(
        [
            "name=Full Name,email=E-mail,organisation=Company",
            "unit=Department",
            "title=Job Title",
            "tags=Tags,notes=Notes",
        ]
    )
    (tess, lars), _ = read((fixtures / "contacts" / "crm-export.csv").read_bytes(), mapping=mapping)
    assert (tess.unit, tess.title, tess.tags) == ("Legal", "General Counsel", ["legal", "ally"])
    assert lars.emails == ["lars@kappa.example", "lars.berg@gmail.example"]


def test_columns_named_like_fields_need_no_mapping(fixtures: Path) -> None:
    (tess, _), _ = read((fixtures / "contacts" / "crm-export.csv").read_bytes())
    assert tess.emails == ["tess.ward@kappa.example"] and tess.title == "General Counsel"


def test_utf16_with_byte_order_mark() -> None:
    (zoe,), _ = read("Name,E-mail\nZoë Brandt,zoe@x.example\n".encode("utf-16"))
    assert zoe.name == "Zoë Brandt"


def test_broken_rows_are_reported(fixtures: Path) -> None:
    records, problems = read((fixtures / "contacts" / "broken.csv").read_bytes())
    assert [r.name for r in records] == ["Fine Person", "Bad Mail"]
    assert [(p.line, p.warning) for p in problems] == [(3, False), (4, True), (5, False)]
    assert "unexpected end of data" in problems[-1].reason


def test_layouts_are_detected() -> None:
    assert detect_layout(["First Name", "Last Name", "URL", "Connected On"]) == "linkedin"
    assert detect_layout(["Name", "Given Name", "Family Name", "Group Membership"]) == "google"
    assert detect_layout(["Name", "Email"]) == "generic"


@pytest.mark.parametrize(
    ("spec", "message"),
    [("name", "not field=Column"), ("colour=Fav", "not a field allies knows")],
)
def test_bad_mappings_are_refused(spec: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_mapping([spec])


def test_a_mapped_column_that_is_missing_names_the_columns() -> None:
    with pytest.raises(ImportFormatError, match=r"no column 'Mail'.*'Name', 'E-mail'"):
        read(b"Name,E-mail\nAnn,ann@x.org\n", mapping={"email": ["Mail"]})


def test_no_name_column_asks_for_a_mapping() -> None:
    with pytest.raises(ImportFormatError) as caught:
        read(b"Col A,Col B\n1,2\n")
    assert caught.value.next_step == NextStep("map-columns", "contacts")
    assert caught.value.line == 1 and "which column holds which field" in str(caught.value)


def test_export_imports_back() -> None:
    people = [
        (
            1,
            ContactRecord(
                "Ann Lee",
                ["ann@x.org", "a@y.org"],
                ["+1 5"],
                "Acme",
                "Legal",
                "GC",
                ["ally", "legal"],
                "Two\nlines",
                "peer",
                "key",
                "law",
                "audit",
            ),
        ),
    ]
    (back,), _ = read(write_contacts_csv(people))
    back.line = back.number = None
    assert back == people[0][1]
