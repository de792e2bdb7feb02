"""Contacts in spreadsheets: Google, LinkedIn, Outlook, Thunderbird exports, any CSV.

- **The exports of known programs** (see :mod:`allies.interchange.csv_layouts`), told
  apart by their header rows. LinkedIn's ``Connections.csv`` opens with a few preamble
  lines (``Notes:``, a privacy notice, a blank line) before its header.
- **Any CSV**, with a column mapping such as ``name=Full Name,email=E-mail`` (see
  :func:`parse_mapping`), or with columns named like the fields (``name``, ``email``,
  ``company`` ...), which are recognised by themselves.

Columns that hold data but that no field takes are counted in a :class:`ColumnUse`, so
that the import can name them rather than drop them in silence.

Examples
--------
>>> data = b"Full Name,E-mail\\nAnn Lee,ann@acme.test\\n"
>>> [(c.name, c.emails) for c in read_contacts_csv(data, mapping=parse_mapping(
...     ["name=Full Name,email=E-mail"]))]
[('Ann Lee', ['ann@acme.test'])]
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from allies.errors import ImportFormatError, InvalidInput, NextStep
from allies.interchange.csv_layouts import (
    LAYOUTS,
    SPLIT_EMAILS,
    Row,
    detect_layout,
    key,
    split_cell,
)
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.text import clean_email, clean_name, decode_bytes, excerpt, name_from_email

__all__ = [
    "FIELDS",
    "ColumnUse",
    "detect_layout",
    "parse_mapping",
    "read_contacts_csv",
    "write_contacts_csv",
]

#: The fields a column can be mapped to.
FIELDS = (
    "name", "first_name", "middle_name", "last_name", "email", "phone", "organisation",
    "unit", "title", "tags", "notes", "level", "tier", "interests", "agenda", "values",
    "offers", "trades",
)  # fmt: skip

#: Column names recognised without a mapping (compared without case, spaces or dashes).
ALIASES: dict[str, str] = {
    "name": "name", "fullname": "name", "displayname": "name", "contact": "name",
    "firstname": "first_name", "givenname": "first_name", "forename": "first_name",
    "middlename": "middle_name", "additionalname": "middle_name",
    "lastname": "last_name", "familyname": "last_name", "surname": "last_name",
    "email": "email", "emails": "email", "emailaddress": "email", "mail": "email",
    "workemail": "email", "phone": "phone", "phones": "phone", "telephone": "phone",
    "mobile": "phone", "phonenumber": "phone", "organisation": "organisation",
    "organization": "organisation", "org": "organisation", "company": "organisation",
    "employer": "organisation", "unit": "unit", "department": "unit", "team": "unit",
    "title": "title", "jobtitle": "title", "position": "title", "role": "title",
    "tags": "tags", "labels": "tags", "groups": "tags", "categories": "tags",
    "notes": "notes", "note": "notes", "comments": "notes", "level": "level",
    "tier": "tier", "interests": "interests", "agenda": "agenda", "values": "values",
    "offers": "offers", "trades": "trades",
}  # fmt: skip

_LINKEDIN = ("first name", "last name")
_SPLIT = re.compile(r"\s*(?:\s:::\s|;|\|)\s*")
_SPLIT_EMAILS = SPLIT_EMAILS
_EXPORT_COLUMNS = (
    "id", "name", "title", "organisation", "unit", "emails", "phones", "tags", "level",
    "tier", "interests", "agenda", "values", "offers", "trades", "notes",
)  # fmt: skip


_key = key


@dataclass
class ColumnUse:
    """What a CSV reader made of the columns: the layout it took and what it left.

    Attributes
    ----------
    layout : str
        ``"google"``, ``"linkedin"``, ``"outlook"``, ``"thunderbird"`` or ``"generic"``.
    unused : Counter
        Column name → rows holding a value in it, for each column no field takes.
    """

    layout: str = ""
    unused: Counter[str] = field(default_factory=Counter)
    mapping: dict[str, list[str]] = field(default_factory=dict)

    def describe_layout(self) -> str:
        """One sentence naming the layout the file was read as, or ``""`` before a header.

        >>> ColumnUse(layout="thunderbird").describe_layout()
        'Read as a Thunderbird export (its own columns).'
        >>> ColumnUse(layout="generic", mapping={"name": ["Full Name"]}).describe_layout()
        "Read as a plain CSV, by column: name = 'Full Name'."
        """
        known = LAYOUTS.get(self.layout)
        if known is not None:
            article = "an" if known.title[0] in "AEIOU" else "a"
            return f"Read as {article} {known.title} export (its own columns)."
        if self.layout == "generic":
            pairs = "; ".join(
                f"{target} = " + ", ".join(repr(c) for c in columns)
                for target, columns in self.mapping.items()
            )
            return f"Read as a plain CSV, by column: {pairs or 'no column recognised'}."
        return ""

    def describe(self) -> str:
        """One sentence naming the unused columns (most used first), or ``""``."""
        if not self.unused:
            return ""
        named = ", ".join(
            f"{column!r} ({rows} row{'s' if rows != 1 else ''})"
            for column, rows in self.unused.most_common()
        )
        return f"Columns with data that were not imported: {named}."


def parse_mapping(specs: Sequence[str]) -> dict[str, list[str]]:
    """Read ``--map`` options: ``field=Column`` pairs, comma-separated or repeated.

    A field may take several columns (``email=Work,email=Home``).

    Raises
    ------
    allies.errors.InvalidInput
        For a pair without ``=`` or a field ``allies`` does not know.
    """
    mapping: dict[str, list[str]] = {}
    for spec in specs:
        for pair in (p for p in spec.split(",") if p.strip()):
            target, eq, column = pair.partition("=")
            field = ALIASES.get(_key(target), target.strip().lower())
            if not eq or not column.strip():
                raise InvalidInput(
                    f"{pair.strip()!r} is not field=Column.",
                    field="map",
                    hint="Write each pair as field=Column, e.g. name=Full Name,email=E-mail.",
                    next_step=NextStep("map-columns", "contacts"),
                )
            if field not in FIELDS:
                raise InvalidInput(
                    f"{target.strip()!r} is not a field allies knows.",
                    field="map",
                    hint="Fields: " + ", ".join(FIELDS) + ".",
                )
            mapping.setdefault(field, []).append(column.strip())
    return mapping


def _rows(text: str, path: str) -> Iterator[tuple[int, list[str]] | RecordProblem]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start, failed_at = 1, -1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield RecordProblem(
                path, reader.line_num, None, f"not valid CSV ({excerpt(str(error), 100)}); skipped"
            )
            if reader.line_num == failed_at:  # the reader is stuck: stop here
                return
            failed_at = reader.line_num
            start = reader.line_num + 1
            continue
        yield start, row
        start = reader.line_num + 1


def _split(value: str, pattern: re.Pattern[str] = _SPLIT) -> list[str]:
    return split_cell(value, pattern)


def _auto_mapping(header: list[str], path: str) -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = {}
    for column in header:
        field = ALIASES.get(_key(column))
        if field:
            mapping.setdefault(field, []).append(column)
    if not {"name", "first_name", "last_name", "email"} & set(mapping):
        raise ImportFormatError(
            "cannot tell which column holds the name or the e-mail; the columns are "
            + ", ".join(repr(c) for c in header[:20])
            + ".",
            path=path,
            line=1,
            hint="Say which column holds which field, e.g. name=Full Name,email=E-mail.",
            next_step=NextStep("map-columns", "contacts"),
        )
    return mapping


def _generic(row: Row, mapping: dict[str, list[str]]) -> ContactRecord:
    def value(field: str) -> str:
        return " ".join(v for v in (row.get(c) for c in mapping.get(field, [])) if v)

    def values(field: str, pattern: re.Pattern[str] = _SPLIT) -> list[str]:
        return [p for c in mapping.get(field, []) for p in _split(row.get(c), pattern)]

    name = value("name") or " ".join(
        v for v in (value("first_name"), value("middle_name"), value("last_name")) if v
    )
    return ContactRecord(
        name=clean_name(name),
        emails=values("email", _SPLIT_EMAILS),
        phones=values("phone"),
        organisation=value("organisation"),
        unit=value("unit"),
        title=value("title"),
        tags=[t for c in mapping.get("tags", []) for t in _split(row.get(c), _SPLIT_EMAILS)],
        notes="\n".join(v for v in (row.get(c) for c in mapping.get("notes", [])) if v),
        level=value("level"),
        tier=value("tier"),
        interests=value("interests"),
        agenda=value("agenda"),
        values=value("values"),
        offers=value("offers"),
        trades=value("trades"),
    )


def _finish(
    record: ContactRecord, line: int, number: int, path: str
) -> Iterator[ContactRecord | RecordProblem]:
    good = []
    for raw in record.emails:
        address = clean_email(raw)
        if address:
            good.append(address)
        else:
            yield RecordProblem(
                path,
                line,
                number,
                f"{raw[:60]!r} is not an e-mail address; left out",
                warning=True,
            )
    record.emails = list(dict.fromkeys(good))
    if not record.name and record.emails:
        record.name = name_from_email(record.emails[0])
    if not record.name:
        yield RecordProblem(path, line, number, "the row has neither a name nor an e-mail; skipped")
        return
    record.line, record.number = line, number
    yield record


def read_contacts_csv(
    data: bytes,
    *,
    path: str = "input",
    layout: str = "auto",
    mapping: dict[str, list[str]] | None = None,
    columns: ColumnUse | None = None,
) -> Iterator[ContactRecord | RecordProblem]:
    """The contacts of a CSV file, and the problems met, in file order.

    Parameters
    ----------
    data : bytes
        The file (UTF-8, UTF-16 with a byte-order mark, or Windows-1252).
    path : str
        How to name the file in problems.
    layout : {"auto", "google", "linkedin", "outlook", "thunderbird", "generic"}
        Which export it is; ``"auto"`` tells by the header.
    mapping : dict, optional
        Field → columns (from :func:`parse_mapping`); implies ``"generic"``.
    columns : ColumnUse, optional
        Filled in with the layout taken and the columns holding data that no field
        takes (read when the file has been read through).

    Raises
    ------
    allies.errors.ImportFormatError
        When the file has no header, a mapped column is missing, or nothing says which
        column holds the name.
    """
    text, fallback = decode_bytes(data)
    if fallback:
        yield RecordProblem(path, None, None, f"not UTF-8; read as {fallback}", warning=True)
    header: list[str] | None = None
    kind = "generic" if mapping else layout
    number = 0
    use = columns if columns is not None else ColumnUse()
    unused: list[str] = []
    for item in _rows(text, path):
        if isinstance(item, RecordProblem):
            yield item
            continue
        line, row = item
        if header is None:
            cells = [c.strip().lstrip("\ufeff") for c in row]
            linkedin_header = [c.casefold() for c in cells[:2]] == list(_LINKEDIN)
            if not linkedin_header and (
                kind == "linkedin" or (kind == "auto" and _looks_like_preamble(cells))
            ):
                continue
            if not any(cells):
                continue
            header = cells
            if kind == "auto":
                kind = detect_layout(header)
            if kind == "generic":
                mapping = mapping or _auto_mapping(header, path)
                missing = [c for cols in mapping.values() for c in cols if c not in header]
                if missing:
                    raise ImportFormatError(
                        f"no column {missing[0]!r} in the header; the columns are "
                        + ", ".join(repr(c) for c in header[:20])
                        + ".",
                        path=path,
                        line=line,
                        hint="Check the column names given for each field.",
                        next_step=NextStep("map-columns", "contacts"),
                    )
            used = {c for cols in (mapping or {}).values() for c in cols}
            layout_of = LAYOUTS.get(kind)
            unused = [
                c for c in header if c and not (layout_of.uses(c) if layout_of else c in used)
            ]
            use.layout = kind
            use.mapping = dict(mapping or {}) if kind == "generic" else {}
            continue
        if not any(c.strip() for c in row):
            continue
        number += 1
        view = Row(header, row)
        known = LAYOUTS.get(kind)
        record = known.read(view) if known else _generic(view, mapping or {})
        if known is not None:
            use.unused.update(c for c in unused if known.holds_data(view.cells.get(c, "")))
        else:
            use.unused.update(c for c in unused if view.cells.get(c))
        yield from _finish(record, line, number, path)
    if header is None:
        raise ImportFormatError(
            "no header row found.",
            path=path,
            hint="The first row of a contacts CSV names its columns.",
        )


def _looks_like_preamble(cells: list[str]) -> bool:
    """LinkedIn's export opens with ``Notes:`` and a notice before the real header."""
    first = cells[0].casefold() if cells else ""
    return first.startswith("notes") or (len([c for c in cells if c]) <= 1 and len(first) > 40)


def write_contacts_csv(rows: Iterable[tuple[int, ContactRecord]]) -> bytes:
    """People as a CSV file (UTF-8, one row each; several values joined by ``"; "``).

    The columns are named like the fields, so the file imports back without a mapping.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_EXPORT_COLUMNS)
    for person_id, c in rows:
        writer.writerow(
            [
                person_id,
                c.name,
                c.title,
                c.organisation,
                c.unit,
                "; ".join(c.emails),
                "; ".join(c.phones),
                "; ".join(c.tags),
                c.level,
                c.tier,
                c.interests,
                c.agenda,
                c.values,
                c.offers,
                c.trades,
                c.notes,
            ]
        )
    return buffer.getvalue().encode("utf-8")
