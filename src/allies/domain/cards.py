"""What an address-book card holds beyond a person's name and ways to reach them, and the
history of a person's roles.

A vCard (RFC 6350) carries birthdays and anniversaries, postal addresses, web addresses,
a photo and custom ``X-`` properties. :class:`CardDetails` keeps them for one person, so
that they survive an import, a sync, a backup and an export instead of being dropped.
:class:`RoleChange` keeps a title or organisation a person had before, with the day the
change was noticed, so the agenda can say so and the person's page can show the history.

Examples
--------
>>> CardDetails(person_id=1, birthday="--03-15").birthday_parts()
(None, 3, 15)
>>> CardDetails(person_id=1, birthday="1980-03-15").birthday_parts()
(1980, 3, 15)
>>> PostalAddress(street="1 Main St", locality="Springfield", country="USA").one_line()
'1 Main St, Springfield, USA'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from allies.domain._rules import check_texts
from allies.errors import InvalidInput

__all__ = [
    "MAX_PHOTO_CHARS",
    "ROLE_FIELDS",
    "CardDetails",
    "PostalAddress",
    "RoleChange",
    "parse_card_date",
]

#: The largest photo kept, as base64 text (a thumbnail of at most ~48 KB).
MAX_PHOTO_CHARS = 65_536
_FULL = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_PHOTO = re.compile(r"^data:image/(jpeg|png|gif|webp);base64,[A-Za-z0-9+/=]*$")
_CUSTOM_NAME = re.compile(r"^X-[A-Z0-9-]{1,60}$")


def parse_card_date(value: str) -> str:
    """A vCard date (``19800315``, ``1980-03-15``, ``--0315``, ``--03-15``, with or without
    a time) as ``YYYY-MM-DD`` or, without a year, ``--MM-DD``; ``""`` when it is none.

    >>> parse_card_date("19800315T000000Z"), parse_card_date("--0315"), parse_card_date("x")
    ('1980-03-15', '--03-15', '')
    """
    text = value.strip()
    match = _FULL.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return ""
    match = _NO_YEAR.match(text)
    if match:
        month, day = (int(g) for g in match.groups())
        try:
            date(2000, month, day)  # a leap year: 29 February is a real birthday
        except ValueError:
            return ""
        return f"--{month:02d}-{day:02d}"
    return ""


@dataclass(eq=False)
class PostalAddress:
    """A postal address as vCard's ``ADR`` splits it (RFC 6350 §6.3.1)."""

    street: str = ""
    locality: str = ""
    region: str = ""
    code: str = ""
    country: str = ""
    pobox: str = ""
    extended: str = ""
    kind: str = ""  # "home", "work" ... (the TYPE parameter), or ""

    def __post_init__(self) -> None:
        check_texts(self)

    def one_line(self) -> str:
        """The address on one line, parts that are set joined by commas."""
        parts = (self.pobox, self.extended, self.street, self.locality, self.region, self.code)
        return ", ".join(p for p in (*parts, self.country) if p)


@dataclass(eq=False)
class CardDetails:
    """The card details of one person (at most one record a person).

    ``birthday`` and ``anniversary`` are ``YYYY-MM-DD`` or, when the year is not known,
    ``--MM-DD`` (as vCard writes them); ``photo`` is a small image as a ``data:`` URL;
    ``custom`` maps custom property names (``X-...``) to their values.
    """

    person_id: int
    birthday: str = ""
    anniversary: str = ""
    addresses: list[PostalAddress] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    photo: str = ""
    custom: dict[str, str] = field(default_factory=dict)
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        for name in ("birthday", "anniversary"):
            value = getattr(self, name)
            if value and parse_card_date(value) != value:
                raise InvalidInput(
                    f"{name} {value!r} is not a date (YYYY-MM-DD, or --MM-DD without a year).",
                    field=name,
                )
        self.urls = list(dict.fromkeys(u.strip() for u in self.urls if u and u.strip()))
        if self.photo and (len(self.photo) > MAX_PHOTO_CHARS or not _PHOTO.match(self.photo)):
            raise InvalidInput(
                "photo must be a small image (a data:image/...;base64 URL of at most "
                f"{MAX_PHOTO_CHARS:,} characters).",
                field="photo",
            )
        for key in self.custom:
            if not _CUSTOM_NAME.match(key):
                raise InvalidInput(
                    f"{key!r} is not a custom property name (X- and letters, digits, dashes).",
                    field="custom",
                )

    def birthday_parts(self) -> tuple[int | None, int, int] | None:
        """The birthday as ``(year or None, month, day)``, or None when there is none."""
        return _parts(self.birthday)

    def anniversary_parts(self) -> tuple[int | None, int, int] | None:
        """The anniversary as ``(year or None, month, day)``, or None when there is none."""
        return _parts(self.anniversary)

    @property
    def empty(self) -> bool:
        """Whether the record holds nothing."""
        return not (
            self.birthday
            or self.anniversary
            or self.addresses
            or self.urls
            or self.photo
            or self.custom
        )


def _parts(value: str) -> tuple[int | None, int, int] | None:
    if not value:
        return None
    if value.startswith("--"):
        return None, int(value[2:4]), int(value[5:7])
    return int(value[:4]), int(value[5:7]), int(value[8:10])


@dataclass(eq=False)
class RoleChange:
    """A person's title or organisation changed: what it was, what it became, and when.

    ``source`` says where the news came from (``"CardDAV sync"``, ``"LinkedIn import"``).
    """

    person_id: int
    changed_on: date
    old_title: str = ""
    old_organisation: str = ""
    new_title: str = ""
    new_organisation: str = ""
    source: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        if (self.old_title, self.old_organisation) == (self.new_title, self.new_organisation):
            raise InvalidInput("A role change needs a new title or organisation.", field="role")

    def describe_new(self) -> str:
        """The new role in words: ``"Director General at Ministry B"``."""
        if self.new_title and self.new_organisation:
            return f"{self.new_title} at {self.new_organisation}"
        return self.new_title or (f"at {self.new_organisation}" if self.new_organisation else "")

    def describe_old(self) -> str:
        """The former role in words."""
        if self.old_title and self.old_organisation:
            return f"{self.old_title} at {self.old_organisation}"
        return self.old_title or (f"at {self.old_organisation}" if self.old_organisation else "")


#: The stored fields of a role change (all but its id).
ROLE_FIELDS = (
    "person_id", "changed_on", "old_title", "old_organisation", "new_title",
    "new_organisation", "source",
)  # fmt: skip
