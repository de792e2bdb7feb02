"""What a vCard holds beyond name and ways to reach someone: read, written, read again."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from allies.domain.cards import CardDetails, PostalAddress, parse_card_date
from allies.errors import InvalidInput
from allies.interchange.records import ContactRecord
from allies.interchange.vcard import read_vcards, write_vcards
from allies.interchange.vcard_details import CardExtras, thumbnail

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "interchange" / "vcard"


def _contacts(data: bytes) -> list[ContactRecord]:
    return [r for r in read_vcards(data) if isinstance(r, ContactRecord)]


def _jpeg(size: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


def test_birthday_address_url_and_custom_fields_of_the_rfc_example() -> None:
    (simon,) = _contacts((SAMPLES / "mangstadt-ez-vcard__rfc6350-example.vcf").read_bytes())
    extras = simon.extras
    assert (extras.birthday, extras.anniversary) == ("--02-03", "2009-08-08")
    (address,) = extras.addresses
    assert (address.street, address.locality, address.code, address.kind) == (
        "2875 Laurier",
        "Quebec",
        "G1V 2M2",
        "work",
    )
    assert extras.urls == ["http://nomis80.org"]


def test_every_sample_keeps_its_details_through_an_export_and_back() -> None:
    for path in sorted(SAMPLES.glob("*.vcf")):
        contacts = _contacts(path.read_bytes())
        again = _contacts(write_vcards(contacts))
        assert len(again) == len(contacts), path.name
        for before, after in zip(contacts, again, strict=True):
            a, b = before.extras, after.extras
            assert (a.birthday, a.anniversary, a.urls, a.photo, a.custom) == (
                b.birthday,
                b.anniversary,
                b.urls,
                b.photo,
                b.custom,
            ), path.name
            assert [vars(x) for x in a.addresses] == [vars(x) for x in b.addresses], path.name


def test_photos_become_small_jpeg_thumbnails_in_both_encodings() -> None:
    big = base64.b64encode(_jpeg(900)).decode()
    v3 = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nPHOTO;ENCODING=b;TYPE=JPEG:{big}\r\nEND:VCARD\r\n"
    )
    v4 = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A B\r\n"
        f"PHOTO:data:image/jpeg;base64,{big}\r\nEND:VCARD\r\n"
    )
    for text in (v3, v4):
        (contact,) = _contacts(text.encode())
        photo = contact.extras.photo
        assert photo.startswith("data:image/jpeg;base64,") and len(photo) < len(big) / 5
        data = base64.b64decode(photo.split(",", 1)[1])
        with Image.open(io.BytesIO(data)) as image:
            assert max(image.size) <= 128
    link = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A B\r\nPHOTO:https://x.test/a.jpg\r\nEND:VCARD\r\n"
    assert _contacts(link.encode())[0].extras.photo == ""
    assert thumbnail(b"not an image") == ""


def test_a_year_less_birthday_and_a_leap_day() -> None:
    assert parse_card_date("--0229") == "--02-29"
    assert parse_card_date("2023-02-29") == ""
    assert parse_card_date("19800315") == "1980-03-15"
    card = CardDetails(person_id=1, birthday="--02-29")
    assert card.birthday_parts() == (None, 2, 29)


def test_card_details_refuse_what_they_cannot_keep() -> None:
    with pytest.raises(InvalidInput, match="birthday"):
        CardDetails(person_id=1, birthday="next tuesday")
    with pytest.raises(InvalidInput, match="photo"):
        CardDetails(person_id=1, photo="data:image/jpeg;base64," + "A" * 70_000)
    with pytest.raises(InvalidInput, match="custom"):
        CardDetails(person_id=1, custom={"NICKNAME": "x"})


def test_the_writer_writes_details_as_vcard_4() -> None:
    extras = CardExtras(
        birthday="1980-03-15",
        anniversary="--06-01",
        addresses=[PostalAddress(street="1 Main St; Floor 2", locality="Lyon", kind="home")],
        urls=["https://ann.example/a,b"],
        custom={"X-SPOUSE": "Lu"},
    )
    record = ContactRecord("Ann Lee")
    record.extras = extras
    text = write_vcards([record]).decode()
    assert "BDAY:19800315\r\n" in text and "ANNIVERSARY:--0601\r\n" in text
    assert "ADR;TYPE=home:;;1 Main St\\; Floor 2;Lyon;;;\r\n" in text
    assert "X-SPOUSE:Lu\r\n" in text
    (back,) = _contacts(text.encode())
    assert back.extras.addresses[0].street == "1 Main St; Floor 2"
    assert back.extras.urls == ["https://ann.example/a,b"]
