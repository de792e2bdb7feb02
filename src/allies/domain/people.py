"""People, the owner ("me"), organisations and units."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from allies.domain._rules import as_enum, check_texts, non_empty, unchecked
from allies.errors import InvalidInput


class Level(StrEnum):
    """Where someone sits relative to me."""

    ABOVE = "above"
    PEER = "peer"
    BELOW = "below"
    EXTERNAL = "external"


class Tier(StrEnum):
    """How close a relationship is meant to be; cadences can be set per tier."""

    INNER = "inner"
    KEY = "key"
    NETWORK = "network"


#: Each level by its stored spelling.
_LEVELS: dict[str, Level] = {member.value: member for member in Level}
#: Each tier by its stored spelling.
_TIERS: dict[str, Tier] = {member.value: member for member in Tier}


@dataclass(eq=False)
class Organisation:
    """An organisation people belong to (my own, a partner, a regulator ...)."""

    name: str
    kind: str = ""
    notes: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.name = non_empty(self.name, "name")


@dataclass(eq=False)
class Unit:
    """A unit (department, team) inside an organisation, optionally inside another unit."""

    name: str
    organisation_id: int | None = None
    parent_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.name = non_empty(self.name, "name")


@dataclass(eq=False)
class Person:
    """Someone in the network. Exactly one person in a workspace is *me*, the owner.

    ``interests``, ``agenda``, ``values``, ``offers`` and ``trades`` are free text: what
    they care about, what they are trying to achieve, what they value, what they could offer
    and what they might trade.
    """

    name: str
    title: str = ""
    organisation_id: int | None = None
    unit_id: int | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    interests: str = ""
    agenda: str = ""
    values: str = ""
    offers: str = ""
    trades: str = ""
    level: Level | None = None
    tier: Tier | None = None
    is_me: bool = False
    notes: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.name = non_empty(self.name, "name")
        if self.level is not None:
            self.level = as_enum(Level, self.level, "level")
        if self.tier is not None:
            self.tier = as_enum(Tier, self.tier, "tier")
        self.emails = _unique([e.strip().lower() for e in self.emails if e and e.strip()])
        for email in self.emails:
            if "@" not in email:
                raise InvalidInput(f"{email!r} is not an e-mail address.", field="emails")
        self.phones = _unique([p.strip() for p in self.phones if p and p.strip()])
        self.tags = _unique([t.strip().lower() for t in self.tags if t and t.strip()])

    @classmethod
    def trusted(
        cls,
        name: str,
        title: str = "",
        organisation_id: int | None = None,
        unit_id: int | None = None,
        emails: list[str] | None = None,
        phones: list[str] | None = None,
        tags: list[str] | None = None,
        interests: str = "",
        agenda: str = "",
        values: str = "",
        offers: str = "",
        trades: str = "",
        level: str | None = None,
        tier: str | None = None,
        is_me: bool = False,
        notes: str = "",
        created_at: datetime | None = None,
        updated_at: datetime | None = None,
        id: int | None = None,
    ) -> Person:
        """A person of values that were valid when stored (read back from the database),
        built without checking them again.

        The person equals the one the constructor makes of the same values: the level
        and tier become their enums (by one look-up of the stored spelling), and the
        lists are taken as they are (they must be the caller's own, already unique and
        normalised as stored).

        Parameters
        ----------
        name, title, organisation_id, unit_id, interests, agenda, values, offers, trades,
        is_me, notes, created_at, updated_at, id
            As for the constructor.
        emails, phones, tags : list of str or None
            The stored lists (``None``: empty).
        level, tier : str or None
            The stored spelling of the enum (or the enum itself).

        Returns
        -------
        Person
            The person, not validated again.
        """
        return unchecked(
            cls,
            name=name,
            title=title,
            organisation_id=organisation_id,
            unit_id=unit_id,
            emails=[] if emails is None else emails,
            phones=[] if phones is None else phones,
            tags=[] if tags is None else tags,
            interests=interests,
            agenda=agenda,
            values=values,
            offers=offers,
            trades=trades,
            level=None if level is None else _LEVELS[level],
            tier=None if tier is None else _TIERS[tier],
            is_me=is_me,
            notes=notes,
            created_at=created_at,
            updated_at=updated_at,
            id=id,
        )

    @property
    def label(self) -> str:
        """The name with the id, as shown in lists and in ambiguity messages."""
        extra = f", {self.title}" if self.title else ""
        return f"{self.name} (#{self.id}{extra})"

    def absorb(self, other: Person) -> None:
        """Take what ``other`` knows that this record lacks (used when merging duplicates).

        Lists are united; empty text fields are filled; non-empty ones keep this record's
        value and gain the other's when it differs.
        """
        self.emails = _unique(self.emails + other.emails)
        self.phones = _unique(self.phones + other.phones)
        self.tags = _unique(self.tags + other.tags)
        for name in ("title", "interests", "agenda", "values", "offers", "trades", "notes"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if not mine:
                setattr(self, name, theirs)
            elif theirs and theirs != mine and name != "title":
                setattr(self, name, f"{mine}\n{theirs}")
        for name in ("organisation_id", "unit_id", "level", "tier"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        self.is_me = self.is_me or other.is_me


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
