"""Organisations as actors: a person's affiliations over time, and ties between
organisations.

A person belongs to organisations in roles that change: an :class:`Affiliation` says that
a person held a role at an organisation from one day to another (``ended_on`` ``None``
while it lasts), so one person can hold two roles at once (a board seat and a day job)
and their history is kept. An :class:`OrganisationTie` says how two organisations stand
to each other: one is a member of, funds, partners with or competes with the other.

Examples
--------
>>> from datetime import date
>>> a = Affiliation(person_id=1, organisation_id=2, role="Board member",
...                 started_on=date(2024, 1, 1))
>>> a.current_on(date(2025, 6, 1)), a.current_on(date(2023, 6, 1))
(True, False)
>>> OrganisationTie(source_id=1, kind="funds", target_id=2).describe("A", "B")
'A funds B'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from allies.domain._rules import as_enum, check_texts, ordered
from allies.errors import InvalidInput

__all__ = ["Affiliation", "OrganisationTie", "OrganisationTieKind"]


@dataclass(eq=False)
class Affiliation:
    """A person's role at an organisation, from ``started_on`` to ``ended_on`` (either
    unknown when ``None``; no end while it lasts)."""

    person_id: int
    organisation_id: int
    role: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.role = (self.role or "").strip()
        ordered(self.started_on, self.ended_on, "ended_on")

    def current_on(self, day: date) -> bool:
        """Whether the affiliation holds on ``day``."""
        started = self.started_on is None or self.started_on <= day
        return started and (self.ended_on is None or day <= self.ended_on)


class OrganisationTieKind(StrEnum):
    """How one organisation stands to another: ``A member_of B``, ``A funds B``."""

    MEMBER_OF = "member_of"
    FUNDS = "funds"
    PARTNERS_WITH = "partners_with"
    COMPETES_WITH = "competes_with"

    @property
    def phrase(self) -> str:
        """The kind in words: ``member of``, ``funds``."""
        return {"member_of": "is a member of"}.get(self.value, self.value.replace("_", " "))


@dataclass(eq=False)
class OrganisationTie:
    """Organisation ``source_id`` *kind* organisation ``target_id``, from ``started_on``
    to ``ended_on`` (``None``: unknown, or lasting)."""

    source_id: int
    kind: OrganisationTieKind
    target_id: int
    started_on: date | None = None
    ended_on: date | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.kind = as_enum(OrganisationTieKind, self.kind, "kind")
        if self.source_id == self.target_id:
            raise InvalidInput("A tie needs two different organisations.", field="target")
        ordered(self.started_on, self.ended_on, "ended_on")

    def describe(self, source: str, target: str) -> str:
        """The tie in words, given the two organisations' names."""
        return f"{source} {self.kind.phrase} {target}"
