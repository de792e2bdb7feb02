"""The contacts exports of known programs, column by column, and which columns each uses.

Each layout reads a row into a :class:`~allies.interchange.records.ContactRecord` and says
which columns it reads (:attr:`Layout.uses`), so that a column holding data that no field
takes is named to the user instead of dropped in silence.

- **Google CSV**, old (``Given Name``, ``Group Membership``, ``E-mail 1 - Type``) and new
  (``First Name``, ``Labels``, ``E-mail 1 - Label``): several values in one cell are
  separated by ``" ::: "``; ``Name Prefix`` and ``Name Suffix`` stay in the name.
- **LinkedIn** ``Connections.csv``, 2018 (no ``URL``) and 2024 (with ``URL``) layouts.
- **Outlook** (desktop and Outlook.com): ``E-mail Address``, ``E-mail 2 Address``,
  ``E-mail 3 Address`` and the person's phone columns; ``Title`` is the honorific
  (*Mr.*, *Dr.*), kept as a prefix of the name, and ``Job Title`` the position. A
  company's switchboard, an assistant's phone, faxes and telex are not the person's
  numbers: they are named as not imported.
- **Thunderbird**: ``Primary Email``, ``Secondary Email``, ``Work Phone``, ``Home Phone``,
  ``Mobile Number``, ``Pager Number``; ``Display Name`` first, else first and last name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from allies.interchange.records import ContactRecord
from allies.interchange.text import clean_name

__all__ = ["LAYOUTS", "Layout", "Row", "detect_layout", "split_cell"]

SPLIT = re.compile(r"\s*(?:\s:::\s|;|\|)\s*")
SPLIT_EMAILS = re.compile(r"\s*(?:\s:::\s|;|,|\|)\s*")
_GOOGLE_EMAIL = re.compile(r"^e-mail \d+ - value$", re.IGNORECASE)
_GOOGLE_PHONE = re.compile(r"^phone \d+ - value$", re.IGNORECASE)
#: The label of a numbered value (``Website 1 - Label``) says what the value is, not more.
_GOOGLE_LABEL = re.compile(r"^.+ \d+ - (?:type|label)$", re.I)


def key(column: str) -> str:
    """A column name compared without case, spaces, dashes, dots or a byte-order mark."""
    return re.sub(r"[\s_\-.]+", "", column.strip().lstrip("\ufeff").casefold())


def split_cell(value: str, pattern: re.Pattern[str] = SPLIT) -> list[str]:
    """The values of one cell (``a ::: b``, ``a; b``), without blanks."""
    return [part for part in pattern.split(value.strip()) if part]


class Row:
    """A data row read by header names."""

    def __init__(self, header: list[str], row: list[str]) -> None:
        self.cells = {
            name: (row[i].replace("\r\n", "\n").strip() if i < len(row) else "")
            for i, name in enumerate(header)
        }

    def get(self, *columns: str) -> str:
        """The first of ``columns`` that holds a value, else ``""``."""
        for column in columns:
            if self.cells.get(column):
                return self.cells[column]
        return ""

    def all(self, *columns: str) -> list[str]:
        """The values of every one of ``columns`` that holds one, in that order."""
        return [self.cells[c] for c in columns if self.cells.get(c)]

    def matching(self, pattern: re.Pattern[str]) -> list[str]:
        """The values of the columns whose names match ``pattern``."""
        return [value for name, value in self.cells.items() if pattern.match(name) and value]


def _name(*parts: str) -> str:
    return clean_name(" ".join(p for p in parts if p))


@dataclass(frozen=True)
class Layout:
    """A known export: how to read a row, and which columns that reads.

    Attributes
    ----------
    name : str
        ``"google"``, ``"linkedin"``, ``"outlook"`` or ``"thunderbird"``.
    title : str
        The program's name, for messages.
    read : callable
        ``read(row)`` → :class:`ContactRecord`.
    columns : frozenset of str
        The columns read (compared with :func:`key`).
    patterns : tuple of re.Pattern
        Further columns read, by pattern (numbered columns such as ``E-mail 2 - Value``).
    filler : frozenset of str
        Values the program writes into every row of a column left empty (Outlook's
        ``Normal``, ``Unspecified``, ``0/0/00``), compared without case: not data.
    """

    name: str
    title: str
    read: Callable[[Row], ContactRecord]
    columns: frozenset[str]
    patterns: tuple[re.Pattern[str], ...] = ()
    filler: frozenset[str] = frozenset()

    def holds_data(self, value: str) -> bool:
        """Whether a cell's value is data rather than empty or the program's filler."""
        return bool(value) and value.casefold() not in self.filler

    def uses(self, column: str) -> bool:
        """Whether a row reader takes anything from ``column``."""
        return key(column) in self.columns or any(p.match(column.strip()) for p in self.patterns)


def _google(row: Row) -> ContactRecord:
    name = row.get("Name") or _name(
        row.get("Name Prefix"),
        row.get("First Name", "Given Name"),
        row.get("Middle Name", "Additional Name"),
        row.get("Last Name", "Family Name"),
        row.get("Name Suffix"),
    )
    labels = split_cell(row.get("Labels", "Group Membership"))
    tags = [t.lstrip("* ").strip() for t in labels]
    return ContactRecord(
        name=clean_name(name or row.get("File As", "Nickname")),
        emails=[e for v in row.matching(_GOOGLE_EMAIL) for e in split_cell(v, SPLIT_EMAILS)],
        phones=[p for v in row.matching(_GOOGLE_PHONE) for p in split_cell(v)],
        organisation=row.get("Organization 1 - Name", "Organization Name"),
        unit=row.get("Organization 1 - Department", "Organization Department"),
        title=row.get("Organization 1 - Title", "Organization Title"),
        tags=[t for t in tags if t and t.casefold() != "mycontacts"],
        notes=row.get("Notes"),
    )


def _linkedin(row: Row) -> ContactRecord:
    notes = []
    connected = row.get("Connected On")
    if connected:
        try:
            day = datetime.strptime(connected, "%d %b %Y").date().isoformat()
        except ValueError:
            day = connected
        notes.append(f"LinkedIn connection since {day}.")
    if row.get("URL"):
        notes.append(f"LinkedIn: {row.get('URL')}")
    return ContactRecord(
        name=clean_name(f"{row.get('First Name')} {row.get('Last Name')}"),
        emails=split_cell(row.get("Email Address"), SPLIT_EMAILS),
        organisation=row.get("Company"),
        title=row.get("Position"),
        tags=["linkedin"],
        notes="\n".join(notes),
    )


_OUTLOOK_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
#: The person's own numbers; a company's switchboard, an assistant's line, faxes and telex
#: are shared with others or are not telephones, so they are left for the user to see.
_OUTLOOK_PHONES = (
    "Primary Phone", "Mobile Phone", "Business Phone", "Business Phone 2", "Home Phone",
    "Home Phone 2", "Other Phone", "Car Phone", "Pager", "Callback", "Radio Phone", "ISDN",
    "TTY/TDD Phone",
)  # fmt: skip


def _outlook(row: Row) -> ContactRecord:
    name = _name(
        row.get("Title"),
        row.get("First Name"),
        row.get("Middle Name"),
        row.get("Last Name"),
        row.get("Suffix"),
    )
    display = row.get("E-mail Display Name")
    if not name and display and "@" not in display:
        name = clean_name(display.split("(")[0])
    return ContactRecord(
        name=name or clean_name(row.get("Nickname")),
        emails=[e for v in row.all(*_OUTLOOK_EMAILS) for e in split_cell(v, SPLIT_EMAILS)],
        phones=list(dict.fromkeys(row.all(*_OUTLOOK_PHONES))),
        organisation=row.get("Company"),
        unit=row.get("Department"),
        title=row.get("Job Title"),
        tags=split_cell(row.get("Categories")),
        notes=row.get("Notes"),
    )


_THUNDERBIRD_PHONES = ("Work Phone", "Mobile Number", "Home Phone", "Pager Number")


def _thunderbird(row: Row) -> ContactRecord:
    name = row.get("Display Name") or _name(row.get("First Name"), row.get("Last Name"))
    return ContactRecord(
        name=clean_name(name or row.get("Nickname")),
        emails=row.all("Primary Email", "Secondary Email"),
        phones=list(dict.fromkeys(row.all(*_THUNDERBIRD_PHONES))),
        organisation=row.get("Organization"),
        unit=row.get("Department"),
        title=row.get("Job Title"),
        notes=row.get("Notes"),
    )


def _keys(*columns: str) -> frozenset[str]:
    return frozenset(key(c) for c in columns)


_GOOGLE_COLUMNS = _keys(
    "Name", "Given Name", "Additional Name", "Family Name", "First Name", "Middle Name",
    "Last Name", "Name Prefix", "Name Suffix", "File As", "Nickname", "Labels",
    "Group Membership", "Organization 1 - Name", "Organization Name",
    "Organization 1 - Department", "Organization Department", "Organization 1 - Title",
    "Organization Title", "Notes",
)  # fmt: skip
_LINKEDIN_COLUMNS = _keys(
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"
)
_OUTLOOK_COLUMNS = _keys(
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Nickname", "Company",
    "Department", "Job Title", "Categories", "Notes", "E-mail Display Name", "E-mail Type",
    "E-mail 2 Type", "E-mail 3 Type", "E-mail 2 Display Name", "E-mail 3 Display Name",
    *_OUTLOOK_EMAILS, *_OUTLOOK_PHONES,
)  # fmt: skip
_THUNDERBIRD_COLUMNS = _keys(
    "First Name", "Last Name", "Display Name", "Nickname", "Primary Email", "Secondary Email",
    "Organization", "Department", "Job Title", "Notes", *_THUNDERBIRD_PHONES,
)  # fmt: skip

#: The known exports, by name.
LAYOUTS: dict[str, Layout] = {
    "google": Layout(
        "google",
        "Google Contacts",
        _google,
        _GOOGLE_COLUMNS,
        (_GOOGLE_EMAIL, _GOOGLE_PHONE, _GOOGLE_LABEL),
    ),
    "linkedin": Layout("linkedin", "LinkedIn", _linkedin, _LINKEDIN_COLUMNS),
    "outlook": Layout(
        "outlook",
        "Outlook",
        _outlook,
        _OUTLOOK_COLUMNS,
        filler=frozenset({"normal", "unspecified", "false", "0/0/00", "0.0.00"}),
    ),
    "thunderbird": Layout("thunderbird", "Thunderbird", _thunderbird, _THUNDERBIRD_COLUMNS),
}


def detect_layout(header: list[str]) -> str:
    """``"google"``, ``"linkedin"``, ``"outlook"``, ``"thunderbird"`` or ``"generic"``."""
    keys = {key(c) for c in header}
    if {"firstname", "lastname", "connectedon"} <= keys:
        return "linkedin"
    google = any(_GOOGLE_EMAIL.match(c.strip()) for c in header) or "groupmembership" in keys
    if google and ({"givenname", "familyname"} <= keys or {"firstname", "lastname"} <= keys):
        return "google"
    if "primaryemail" in keys and ("secondaryemail" in keys or "mobilenumber" in keys):
        return "thunderbird"
    outlook = {"email2address", "email3address", "businessphone", "mobilephone"}
    if {"emailaddress", "firstname"} <= keys and outlook & keys:
        return "outlook"
    return "generic"
