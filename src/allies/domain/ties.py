"""Ties between people and the evidence of influence seen in the room."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from allies.domain._rules import (
    as_enum,
    check_texts,
    distinct_ids,
    in_range,
    ordered,
)
from allies.errors import InvalidInput


class TieKind(StrEnum):
    """The kinds of directed tie. ``A listens_to B``: A takes B's lead."""

    LISTENS_TO = "listens_to"
    TRUSTS = "trusts"
    REPORTS_TO = "reports_to"
    WORKS_WITH = "works_with"
    KNOWS = "knows"


class TieOrigin(StrEnum):
    """Where a tie came from."""

    STATED = "stated"
    OBSERVED = "observed"
    IMPORTED = "imported"
    INFERRED = "inferred"


@dataclass(eq=False)
class Tie:
    """A typed, directed, weighted link from ``source_id`` to ``target_id``.

    Several ties may join one pair (one per kind, or the same kind over different periods).
    """

    source_id: int
    target_id: int
    kind: TieKind
    weight: float = 0.5
    confidence: float = 1.0
    origin: TieOrigin = TieOrigin.STATED
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        distinct_ids(self.source_id, self.target_id, "target", "A tie")
        self.kind = as_enum(TieKind, self.kind, "kind")
        self.origin = as_enum(TieOrigin, self.origin, "origin")
        self.weight = in_range(self.weight, 0.0, 1.0, "weight")
        self.confidence = in_range(self.confidence, 0.0, 1.0, "confidence")
        ordered(self.valid_from, self.valid_to, "valid_to")

    def is_valid_on(self, day: date) -> bool:
        """Whether the tie holds on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


class ObservationKind(StrEnum):
    """What was seen. Read every kind as "subject <kind> object"."""

    DEFERRED_TO = "deferred_to"  # A deferred to B
    EYES_WENT_TO = "eyes_went_to"  # when A asked, eyes went to B
    HAS_EAR_OF = "has_ear_of"  # A has the ear of B
    SOUGHT_ADVICE_FROM = "sought_advice_from"  # A sought advice from B
    ENDORSED = "endorsed"  # A endorsed B
    OPPOSED = "opposed"  # A opposed B


@dataclass(eq=False)
class Observation:
    """Dated evidence of influence: ``subject`` *kind* ``object`` on ``observed_on``.

    ``strength`` (0-1) says how clear the sign was; ``context`` where it was seen.
    """

    subject_id: int
    object_id: int
    kind: ObservationKind
    observed_on: date
    strength: float = 1.0
    context: str = ""
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_texts(self)
        distinct_ids(self.subject_id, self.object_id, "object", "An observation")
        self.kind = as_enum(ObservationKind, self.kind, "kind")
        self.strength = in_range(self.strength, 0.0, 1.0, "strength")
        if not isinstance(self.observed_on, date):
            raise InvalidInput("observed_on must be a date.", field="observed_on")

    @property
    def listener_and_leader(self) -> tuple[int, int]:
        """Who listens to whom, as ``(listener, leader)``.

        Every kind says the subject takes the object's lead, except *has the ear of*:
        "A has the ear of B" means B listens to A. (For *opposed* the pair is the same as
        for *endorsed*; the evidence counts against the tie.)
        """
        if self.kind is ObservationKind.HAS_EAR_OF:
            return self.object_id, self.subject_id
        return self.subject_id, self.object_id


__all__ = ["Observation", "ObservationKind", "Tie", "TieKind", "TieOrigin"]
