"""vCard: the real exports of phones and address books, the hand-written corpus, writing 4.0."""

from __future__ import annotations

from pathlib import Path

import pytest

from allies.errors import ImportFormatError
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.vcard import read_vcards, write_vcards
from tests.unit.interchange.samples import sample_files


def split(items: list[ContactRecord | RecordProblem]) -> tuple[list[ContactRecord], list[str]]:
    records = [i for i in items if isinstance(i, ContactRecord)]
    problems = [str(i) for i in items if isinstance(i, RecordProblem) and not i.warning]
    return records, problems


@pytest.mark.parametrize("path", sample_files("vcard", ".vcf"), ids=lambda p: p.name)
def test_every_real_sample_is_read_without_a_crash(path: Path) -> None:
    records, _ = split(list(read_vcards(path.read_bytes(), path=path.name)))
    assert records, f"no contact read from {path.name}"
    assert all(r.name.strip() for r in records)
    assert all("@" in e and e == e.lower() for r in records for e in r.emails)


def test_android_quoted_printable_with_soft_breaks(samples: Path) -> None:
    data = (samples / "vcard" / "mangstadt-ez-vcard__John_Doe_ANDROID.vcf").read_bytes()
    records, problems = split(list(read_vcards(data, path="android.vcf")))
    assert len(records) == 6 and not problems
    assert records[0].name == "John Doe"  # a card with only an e-mail gets a name from it
    assert records[3].name == "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"  # joined across a soft line break
    assert records[3].phones[:2] == ["123456", "234567"]
    assert "my contacts" not in {t.lower() for r in records for t in r.tags}


def test_latin1_address_book_is_read_with_a_warning(samples: Path) -> None:
    data = (samples / "vcard" / "ical4j-ical4j-vcard__vcard-vCards-SAP.vcf").read_bytes()
    items = list(read_vcards(data, path="sap.vcf"))
    records, problems = split(items)
    assert len(records) == 30 and not problems
    warnings = [i for i in items if isinstance(i, RecordProblem) and i.warning]
    assert warnings and all("Latin-1" in w.reason for w in warnings)
    assert any("ü" in r.name or "ü" in r.organisation for r in records)


def test_grouped_properties_photos_and_folding(samples: Path) -> None:
    data = (samples / "vcard" / "mangstadt-ez-vcard__John_Doe_IPHONE.vcf").read_bytes()
    (record,) = split(list(read_vcards(data)))[0]
    assert record.organisation == "IBM" and record.title == "Money Counter"
    assert "john.doe@ibm.com" in record.emails


def test_hand_written_exports(fixtures: Path) -> None:
    iphone = split(list(read_vcards((fixtures / "contacts" / "iphone-export.vcf").read_bytes())))
    maria, bo = iphone[0]
    assert (maria.name, maria.organisation, maria.unit, maria.title) == (
        "Maria Lopez",
        "Acme Ltd",
        "Finance",
        "CFO",
    )
    assert maria.emails == ["maria@acme.example", "m.lopez@home.example"]
    assert maria.notes.endswith("the cost review, and the board paper.")
    assert maria.tags == ["Board", "Finance"] and bo.name == "Bo Chen"
    android = split(list(read_vcards((fixtures / "contacts" / "android-backup.vcf").read_bytes())))
    juergen = android[0][0]
    assert juergen.name == "Jürgen Müller"
    assert juergen.organisation == "Beta Gesellschaft für Logistik GmbH"
    assert "persönlich. Möchte" in juergen.notes
    outlook = list(read_vcards((fixtures / "contacts" / "outlook-2016.vcf").read_bytes()))
    assert split(outlook)[0][0].name == "Ana García"
    nextcloud = split(list(read_vcards((fixtures / "contacts" / "nextcloud-v4.vcf").read_bytes())))
    assert nextcloud[0][0].phones == ["+1-555-555-0199"]


def test_broken_cards_are_reported_with_line_and_record(fixtures: Path) -> None:
    items = list(read_vcards((fixtures / "contacts" / "broken.vcf").read_bytes(), path="b.vcf"))
    records, problems = split(items)
    assert [r.name for r in records] == ["Good Person", "Line Trouble"]
    assert problems == [
        "b.vcf, line 7 (record 2): the card has neither a name nor an e-mail address; skipped",
        "b.vcf, line 15 (record 3): not a vCard property (no name before ':'): "
        "'this line has no colon at all'",
        "b.vcf, line 18 (record 4): the file ends inside this card (no END:VCARD); skipped",
    ]


def _card(*lines: bytes) -> bytes:
    return b"\r\n".join([b"BEGIN:VCARD", b"VERSION:2.1", *lines, b"END:VCARD", b""])


def test_a_nul_byte_in_a_charset_name_is_dropped_with_the_other_nul_bytes() -> None:
    """Found by fuzzing: ``CHARSET=U\\x00TF-8`` made bytes.decode raise ValueError."""
    data = _card(b"FN;CHARSET=U\x00TF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=20=C3=91=00")
    items = list(read_vcards(data, path="c.vcf"))
    assert [i.name for i in items if isinstance(i, ContactRecord)] == ["Ñ Ñ"]
    assert [i for i in items if isinstance(i, RecordProblem)] == []


@pytest.mark.parametrize(
    ("charset", "value", "name", "why"),
    [
        (b"X-MAC-KLINGON", b"=C3=91=20=C3=91", "Ã Ã", "is not a character set we know"),
        (b"base64", b"Caf=E9", "Café", "is not a character set we know"),
        (b"undefined", b"Caf=E9", "Café", "is not valid"),  # a bare UnicodeError
        (b"punycode", b"Ann-9", "Ann-9", "is not valid"),  # a bare UnicodeError
        (b"UTF-7", b"+2D0-", "+2D0-", "is not valid"),  # a lone surrogate
    ],
)
def test_a_charset_that_cannot_be_used_is_a_warning_naming_line_and_field(
    charset: bytes, value: bytes, name: str, why: str
) -> None:
    data = _card(b"FN;CHARSET=" + charset + b";ENCODING=QUOTED-PRINTABLE:" + value)
    items = list(read_vcards(data, path="c.vcf"))
    records = [i for i in items if isinstance(i, ContactRecord)]
    warnings = [str(i) for i in items if isinstance(i, RecordProblem) and i.warning]
    assert [r.name for r in records] == [name]
    shown = charset.decode("latin-1")
    assert warnings == [
        f"c.vcf, line 3 (record 1): FN: its CHARSET {shown!r} {why}; read as Latin-1"
    ]


@pytest.mark.parametrize("charset", [b"undefined", b"UTF-7", b"U\x00TF-8", b"rot13"])
def test_a_line_in_a_charset_that_cannot_be_used_is_read_as_latin1(charset: bytes) -> None:
    data = _card(b"FN;CHARSET=" + charset + b";LANGUAGE=fr:Caf\xe9 +2D0-", b"EMAIL:cafe@x.org")
    items = list(read_vcards(data, path="c.vcf"))
    records = [i for i in items if isinstance(i, ContactRecord)]
    warnings = [str(i) for i in items if isinstance(i, RecordProblem) and i.warning]
    assert [(r.name, r.emails) for r in records] == [("Café +2D0-", ["cafe@x.org"])]
    assert warnings == ["c.vcf, line 1 (record 1): not UTF-8; read as Latin-1"]


def test_a_file_without_cards_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="no vCard"):
        list(read_vcards(b"Name,E-mail\nAnn,ann@x.org\n", path="x.vcf"))


def test_written_cards_read_back_the_same() -> None:
    people = [
        ContactRecord(
            name="Ana María López-García",
            emails=["ana@acme.example", "ana@home.example"],
            phones=["+34 91 123 4567"],
            organisation="Acme; Iberia, S.A.",
            unit="Sales",
            title="Head of Sales",
            tags=["board", "ally"],
            notes=("Line one\nLine two, with a comma; and a semicolon \\ backslash. " * 3).strip(),
            level="above",
            tier="key",
            agenda="Grow Iberia",
            key="7",
        ),
        ContactRecord(name="Bo"),
    ]
    data = write_vcards(people)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    back = [r for r in read_vcards(data) if isinstance(r, ContactRecord)]
    for before, after in zip(people, back, strict=True):
        after.line = after.number = None
        assert after == before
