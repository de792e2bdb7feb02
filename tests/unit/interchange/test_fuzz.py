"""No input crashes an importer: every failure is a clear :class:`AlliesError`.

Each reader gets random bytes and mangled copies of real files (bytes flipped, cut,
duplicated or dropped); it may return records and problems, or refuse the file with an
``ImportFormatError``, and nothing else.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allies.errors import AlliesError
from allies.interchange.backup import load_backup
from allies.interchange.csv_contacts import read_contacts_csv
from allies.interchange.gexf import read_gexf
from allies.interchange.graphml import read_graphml
from allies.interchange.icalendar_import import read_events
from allies.interchange.kumu import read_kumu
from allies.interchange.mail import read_eml, read_mbox
from allies.interchange.vcard import read_vcards
from allies.services.network.people import add_person
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import open_store
from tests.unit.interchange.samples import FIXTURES, SAMPLES

FUZZ = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _seeds(*patterns: str) -> list[bytes]:
    files = [p for pattern in patterns for root in (FIXTURES, SAMPLES) for p in root.glob(pattern)]
    return [p.read_bytes()[:6000] for p in sorted(files) if p.is_file()] or [b""]


@st.composite
def mangled(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed file with a few random edits, or random bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=600))
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        edit = draw(st.sampled_from(["flip", "cut", "drop", "repeat", "insert"]))
        if edit == "flip":
            data[at] = draw(st.integers(0, 255))
        elif edit == "cut":
            del data[at:]
        elif edit == "drop":
            del data[at : at + draw(st.integers(1, 40))]
        elif edit == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
        else:
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"\r\n",
                        b":",
                        b";",
                        b"=",
                        b'"',
                        b"<",
                        b"\x00",
                        b"BEGIN:VCARD\r\n",
                        b"END:VEVENT\r\n",
                        b"From x\n",
                        b"\xff\xfe",
                        b"&a;",
                    ]
                )
            )
    return bytes(data)


def _texts(value: object) -> Iterator[str]:
    """Every string in a reader's result: fields of records, items of lists and tuples."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _survives(read: Callable[[bytes], object], data: bytes) -> None:
    """The reader returns or refuses the file; what it returns, a database can store
    (PostgreSQL holds no NUL character in text)."""
    try:
        result = read(data)
        if hasattr(result, "__iter__") and not isinstance(result, bytes | str | dict):
            result = list(result)  # type: ignore[call-overload]
    except AlliesError:
        return
    assert not any("\x00" in text for text in _texts(result)), "a NUL character got through"


READERS: dict[str, tuple[Callable[[bytes], object], list[bytes]]] = {
    "vcard": (lambda d: read_vcards(d, path="f"), _seeds("**/*.vcf")),
    "csv": (lambda d: read_contacts_csv(d, path="f"), _seeds("contacts/*.csv")),
    "google": (lambda d: read_contacts_csv(d, layout="google"), _seeds("contacts/google*.csv")),
    "linkedin": (lambda d: read_contacts_csv(d, layout="linkedin"), _seeds("contacts/Conn*.csv")),
    "ics": (
        lambda d: read_events(d, start=date(2000, 1, 1), end=date(2030, 1, 1)).items,
        _seeds("**/*.ics"),
    ),
    "mbox": (lambda d: read_mbox(d, path="f"), _seeds("**/*.mbox")),
    "eml": (lambda d: [read_eml(d)], _seeds("**/*.eml")),
    "graphml": (lambda d: read_graphml(d).items, _seeds("graphs/*.graphml")),
    "gexf": (lambda d: read_gexf(d).items, _seeds("graphs/*.gexf")),
    "kumu": (lambda d: read_kumu(d).items, _seeds("graphs/kumu/*.csv")),
    "backup": (
        load_backup,
        [
            b'{"format": "allies-backup", "version": 1, "people": '
            b'[{"name": "Ann", "emails": ["a@b.c"]}], "ties": []}'
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(READERS))
def test_no_input_crashes_a_reader(name: str) -> None:
    read, seeds = READERS[name]

    @FUZZ
    @given(mangled(seeds))
    def check(data: bytes) -> None:
        _survives(read, data)

    check()


def test_seed_files_exist() -> None:
    assert all(len(seeds) > 0 and seeds[0] for _, seeds in READERS.values())
    assert Path(FIXTURES).is_dir()


IMPORTS = {
    "vcard": "**/*.vcf",
    "csv": "contacts/*.csv",
    "ics": "calendar/*.ics",
    "mail": "mail/*.mbox",
    "graphml": "graphs/*.graphml",
    "gexf": "graphs/*.gexf",
    "kumu": "graphs/kumu/*.csv",
}


@pytest.mark.parametrize("fmt", sorted(IMPORTS))
def test_no_input_crashes_an_import(fmt: str, tmp_path: Path) -> None:
    """Whole imports (reading, matching, writing) on mangled files, as dry runs."""
    store = open_store(f"sqlite:///{tmp_path / 'fuzz.sqlite3'}")
    add_person(store("fuzz"), "Dana Ruiz", is_me=True, emails="dana.ruiz@acme.example")
    options = ImportOptions(dry_run=True, window=(date(2000, 1, 1), date(2030, 1, 1)))
    target = tmp_path / f"input.{fmt}"

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mangled(_seeds(IMPORTS[fmt])))
    def check(data: bytes) -> None:
        target.write_bytes(data)
        with contextlib.suppress(AlliesError):
            import_file(store("fuzz"), fmt, target, options)

    check()
