"""The routine of a relationship: interactions, favours, promises and cadences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from allies.domain._rules import as_enum, check_texts, non_empty, unchecked
from allies.domain.people import Tier
from allies.errors import Conflict, InvalidInput


class InteractionKind(StrEnum):
    """The kinds of touch-point."""

    ONE_ON_ONE = "one_on_one"
    GROUP_MEETING = "group_meeting"
    CALL = "call"
    MESSAGE = "message"
    SOCIAL = "social"
    INTRODUCTION = "introduction"


class Contact(NamedTuple):
    """One interaction as relationship health reads it: its day and its tone."""

    occurred_on: date
    tone: int = 0


class FavourEvent(NamedTuple):
    """One favour as relationship health reads it: its day and its signed value in units
    (positive when I gave it)."""

    occurred_on: date
    signed_value: int


@dataclass(eq=False)
class Interaction:
    """A dated touch-point with one or more people.

    ``initiator_id`` is who reached out (``None`` when it was me or unknown: see
    ``initiated_by_me``); ``tone`` is how it went, from -2 (badly) to +2 (very well).
    """

    occurred_on: date
    participant_ids: list[int]
    kind: InteractionKind = InteractionKind.ONE_ON_ONE
    initiated_by_me: bool | None = None
    initiator_id: int | None = None
    tone: int = 0
    summary: str = ""
    notes: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.kind = as_enum(InteractionKind, self.kind, "kind")
        self.participant_ids = list(dict.fromkeys(self.participant_ids))
        if not self.participant_ids:
            raise InvalidInput(
                "An interaction needs at least one participant.", field="participants"
            )
        if isinstance(self.tone, bool) or int(self.tone) != self.tone or not -2 <= self.tone <= 2:
            raise InvalidInput(
                f"tone must be a whole number from -2 to +2; got {self.tone!r}.", field="tone"
            )
        self.tone = int(self.tone)
        if self.initiator_id is not None and self.initiator_id not in self.participant_ids:
            raise InvalidInput("The initiator must be one of the participants.", field="initiator")

    @classmethod
    def trusted(
        cls,
        occurred_on: date,
        participant_ids: list[int],
        kind: str = "one_on_one",
        initiated_by_me: bool | None = None,
        initiator_id: int | None = None,
        tone: int = 0,
        summary: str = "",
        notes: str = "",
        id: int | None = None,
    ) -> Interaction:
        """An interaction of values that were valid when stored (read back from the
        database), built without checking them again; it equals the one the constructor
        makes.

        Parameters
        ----------
        occurred_on, participant_ids, initiated_by_me, initiator_id, tone, summary, notes, id
            As for the constructor (``participant_ids`` is kept as given: stored lists
            hold each person once).
        kind : str
            The stored spelling of the kind (or the enum itself).

        Returns
        -------
        Interaction
            The interaction, not validated again.
        """
        return unchecked(
            cls,
            occurred_on=occurred_on,
            participant_ids=participant_ids,
            kind=_KINDS[kind],
            initiated_by_me=initiated_by_me,
            initiator_id=initiator_id,
            tone=tone,
            summary=summary,
            notes=notes,
            id=id,
        )


class FavourDirection(StrEnum):
    """Whether I gave the favour or received it."""

    GIVEN = "given"
    RECEIVED = "received"


class FavourSize(StrEnum):
    """How much a favour was worth."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def value_units(self) -> int:
        """Its weight in the favours balance: small 1, medium 3, large 9."""
        return {"small": 1, "medium": 3, "large": 9}[self.value]


@dataclass(eq=False)
class Favour:
    """Value given to or received from ``person_id``."""

    person_id: int
    direction: FavourDirection
    description: str
    occurred_on: date
    size: FavourSize = FavourSize.SMALL
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        self.direction = as_enum(FavourDirection, self.direction, "direction")
        self.size = as_enum(FavourSize, self.size, "size")
        self.description = non_empty(self.description, "description")

    @classmethod
    def trusted(
        cls,
        person_id: int,
        direction: str,
        description: str,
        occurred_on: date,
        size: str = "small",
        id: int | None = None,
    ) -> Favour:
        """A favour of values that were valid when stored (read back from the database),
        built without checking them again; it equals the one the constructor makes.

        Parameters
        ----------
        person_id, description, occurred_on, id
            As for the constructor.
        direction, size : str
            The stored spelling of the enum (or the enum itself).

        Returns
        -------
        Favour
            The favour, not validated again.
        """
        return unchecked(
            cls,
            person_id=person_id,
            direction=_DIRECTIONS[direction],
            description=description,
            occurred_on=occurred_on,
            size=_SIZES[size],
            id=id,
        )

    @property
    def signed_value(self) -> int:
        """Positive when I gave, negative when I received."""
        units = self.size.value_units
        return units if self.direction is FavourDirection.GIVEN else -units


class PromiseStatus(StrEnum):
    """Where a promise stands."""

    OPEN = "open"
    KEPT = "kept"
    LATE = "late"
    BROKEN = "broken"
    RELEASED = "released"


#: The moves a promise's status may make. Only an open promise can change; the rest
#: are final (a promise kept late is ``late``; one let go by agreement is ``released``).
ALLOWED_TRANSITIONS: dict[PromiseStatus, frozenset[PromiseStatus]] = {
    PromiseStatus.OPEN: frozenset(
        {
            PromiseStatus.KEPT,
            PromiseStatus.LATE,
            PromiseStatus.BROKEN,
            PromiseStatus.RELEASED,
        }
    ),
    PromiseStatus.KEPT: frozenset(),
    PromiseStatus.LATE: frozenset(),
    PromiseStatus.BROKEN: frozenset(),
    PromiseStatus.RELEASED: frozenset(),
}


@dataclass(eq=False)
class Promise:
    """A promise from ``promiser_id`` to ``promisee_id``: what, by when, and how it ended."""

    promiser_id: int
    promisee_id: int
    description: str
    made_on: date
    due_on: date | None = None
    status: PromiseStatus = PromiseStatus.OPEN
    resolved_on: date | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        if self.promiser_id == self.promisee_id:
            raise InvalidInput("A promise is made to someone else.", field="promisee")
        self.description = non_empty(self.description, "description")
        self.status = as_enum(PromiseStatus, self.status, "status")
        if self.due_on is not None and self.due_on < self.made_on:
            raise InvalidInput(
                "The due date comes before the day the promise was made.", field="due_on"
            )

    @classmethod
    def trusted(
        cls,
        promiser_id: int,
        promisee_id: int,
        description: str,
        made_on: date,
        due_on: date | None = None,
        status: str = "open",
        resolved_on: date | None = None,
        note: str = "",
        id: int | None = None,
    ) -> Promise:
        """A promise of values that were valid when stored (read back from the
        database), built without checking them again; it equals the one the constructor
        makes.

        Parameters
        ----------
        promiser_id, promisee_id, description, made_on, due_on, resolved_on, note, id
            As for the constructor.
        status : str
            The stored spelling of the status (or the enum itself).

        Returns
        -------
        Promise
            The promise, not validated again.
        """
        return unchecked(
            cls,
            promiser_id=promiser_id,
            promisee_id=promisee_id,
            description=description,
            made_on=made_on,
            due_on=due_on,
            status=_STATUSES[status],
            resolved_on=resolved_on,
            note=note,
            id=id,
        )

    def move_to(self, status: PromiseStatus | str, on: date) -> None:
        """Change the status, allowing only the moves in :data:`ALLOWED_TRANSITIONS`."""
        target = as_enum(PromiseStatus, status, "status")
        if target not in ALLOWED_TRANSITIONS[self.status]:
            raise Conflict(
                f"This promise is already {self.status.value}; it cannot become {target.value}.",
                hint="Only an open promise can be marked kept, late, broken or released.",
            )
        if on < self.made_on:
            raise InvalidInput(
                "A promise cannot be settled before it was made.", field="resolved_on"
            )
        self.status = target
        self.resolved_on = on

    def fulfil(self, on: date) -> None:
        """Mark the promise done: *kept* when on time (or without a due date), else *late*."""
        late = self.due_on is not None and on > self.due_on
        self.move_to(PromiseStatus.LATE if late else PromiseStatus.KEPT, on)

    def is_overdue(self, today: date) -> bool:
        """Whether the promise is still open after its due date."""
        return self.status is PromiseStatus.OPEN and self.due_on is not None and today > self.due_on


#: The longest gap between check-ins a cadence may ask for: ten years.
MAX_GAP_DAYS = 3650


@dataclass(eq=False)
class Cadence:
    """How often to check in: ideal and maximum gap in days, for a person, a tag or a tier.

    Exactly one of ``person_id``, ``tag`` and ``tier`` is set. ``snoozed_until`` hides the
    check-in until that day.
    """

    ideal_days: int
    max_days: int
    person_id: int | None = None
    tag: str | None = None
    tier: str | None = None
    snoozed_until: date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        scopes = [s for s in (self.person_id, self.tag, self.tier) if s is not None]
        if len(scopes) != 1:
            raise InvalidInput(
                "A cadence applies to exactly one person, tag or tier.", field="scope"
            )
        if self.tag is not None:
            self.tag = non_empty(self.tag, "tag").lower()
        if self.tier is not None:
            self.tier = as_enum(Tier, self.tier, "tier").value
        for name in ("ideal_days", "max_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or int(value) != value or not 1 <= value <= MAX_GAP_DAYS:
                raise InvalidInput(
                    f"{name} must be a whole number of days from 1 to {MAX_GAP_DAYS} (ten years).",
                    field=name,
                )
            setattr(self, name, int(value))
        if self.max_days < self.ideal_days:
            raise InvalidInput(
                "The maximum gap cannot be shorter than the ideal gap.", field="max_days"
            )

    @classmethod
    def trusted(
        cls,
        ideal_days: int,
        max_days: int,
        person_id: int | None = None,
        tag: str | None = None,
        tier: str | None = None,
        snoozed_until: date | None = None,
        id: int | None = None,
    ) -> Cadence:
        """A cadence of values that were valid when stored (read back from the
        database), built without checking them again; it equals the one the constructor
        makes.

        Parameters
        ----------
        ideal_days, max_days, person_id, tag, snoozed_until, id
            As for the constructor.
        tier : str or None
            The stored spelling of the tier (or the enum itself).

        Returns
        -------
        Cadence
            The cadence, not validated again.
        """
        return unchecked(
            cls,
            ideal_days=ideal_days,
            max_days=max_days,
            person_id=person_id,
            tag=tag,
            tier=None if tier is None else _TIER_VALUES[tier],
            snoozed_until=snoozed_until,
            id=id,
        )


#: Each kind of interaction by its stored spelling.
_KINDS: dict[str, InteractionKind] = {member.value: member for member in InteractionKind}
#: Each direction of a favour by its stored spelling.
_DIRECTIONS: dict[str, FavourDirection] = {member.value: member for member in FavourDirection}
#: Each size of a favour by its stored spelling.
_SIZES: dict[str, FavourSize] = {member.value: member for member in FavourSize}
#: Each status of a promise by its stored spelling.
_STATUSES: dict[str, PromiseStatus] = {member.value: member for member in PromiseStatus}
#: The stored spelling of each tier (a cadence keeps the tier as text).
_TIER_VALUES: dict[str, str] = {member.value: member.value for member in Tier}

__all__ = [
    "ALLOWED_TRANSITIONS",
    "Cadence",
    "Favour",
    "FavourDirection",
    "FavourSize",
    "Interaction",
    "InteractionKind",
    "Promise",
    "PromiseStatus",
]
