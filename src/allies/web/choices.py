"""The choices forms offer, each value with a label in plain English."""

from __future__ import annotations

from allies.services.vocabulary import (
    FavourDirection,
    FavourSize,
    InteractionKind,
    Level,
    ObservationKind,
    PromiseStatus,
    TieKind,
    TieOrigin,
    Tier,
)

Choices = list[tuple[str, str]]


def _plain(value: str) -> str:
    return value.replace("_", " ")


LEVELS: Choices = [
    (Level.ABOVE.value, "above me"),
    (Level.PEER.value, "a peer"),
    (Level.BELOW.value, "below me"),
    (Level.EXTERNAL.value, "external"),
]
TIERS: Choices = [
    (Tier.INNER.value, "inner circle"),
    (Tier.KEY.value, "key relationship"),
    (Tier.NETWORK.value, "wider network"),
]
TIE_KINDS: Choices = [
    (TieKind.LISTENS_TO.value, "listens to (takes their lead)"),
    (TieKind.TRUSTS.value, "trusts"),
    (TieKind.REPORTS_TO.value, "reports to"),
    (TieKind.WORKS_WITH.value, "works with"),
    (TieKind.KNOWS.value, "knows"),
]
TIE_ORIGINS: Choices = [(o.value, o.value) for o in TieOrigin]
OBSERVATION_KINDS: Choices = [
    (ObservationKind.DEFERRED_TO.value, "deferred to"),
    (ObservationKind.EYES_WENT_TO.value, "looked to (eyes went to)"),
    (ObservationKind.HAS_EAR_OF.value, "has the ear of"),
    (ObservationKind.SOUGHT_ADVICE_FROM.value, "sought advice from"),
    (ObservationKind.ENDORSED.value, "endorsed"),
    (ObservationKind.OPPOSED.value, "opposed"),
]
INTERACTION_KINDS: Choices = [(k.value, _plain(k.value)) for k in InteractionKind]
TONES: Choices = [
    ("2", "very well (+2)"),
    ("1", "well (+1)"),
    ("0", "neutral (0)"),
    ("-1", "badly (−1)"),
    ("-2", "very badly (−2)"),
]
INITIATORS: Choices = [("", "not recorded"), ("me", "I did"), ("them", "they did")]
FAVOUR_DIRECTIONS: Choices = [
    (FavourDirection.GIVEN.value, "I gave it"),
    (FavourDirection.RECEIVED.value, "I received it"),
]
FAVOUR_SIZES: Choices = [(s.value, s.value) for s in FavourSize]
PROMISE_DIRECTIONS: Choices = [("mine", "I promised them"), ("theirs", "they promised me")]
PROMISE_STATUSES: Choices = [(s.value, s.value) for s in PromiseStatus]
CONTACT_WINDOWS: Choices = [
    ("", "any time"),
    ("7", "in the last week"),
    ("30", "in the last 30 days"),
    ("-30", "not in 30 days"),
    ("-90", "not in 90 days"),
    ("never", "never"),
]
PEOPLE_SORTS: Choices = [
    ("name", "name"),
    ("last-contact", "last contact"),
    ("level", "level"),
    ("unit", "unit"),
    ("id", "when added"),
]


def label(choices: Choices, value: object) -> str:
    """The label of ``value`` among ``choices`` (the value itself when unknown)."""
    wanted = str(getattr(value, "value", value))
    return next((text for key, text in choices if key == wanted), _plain(wanted))


ALL = {
    "levels": LEVELS,
    "tiers": TIERS,
    "tie_kinds": TIE_KINDS,
    "tie_origins": TIE_ORIGINS,
    "observation_kinds": OBSERVATION_KINDS,
    "interaction_kinds": INTERACTION_KINDS,
    "tones": TONES,
    "initiators": INITIATORS,
    "favour_directions": FAVOUR_DIRECTIONS,
    "favour_sizes": FAVOUR_SIZES,
    "promise_directions": PROMISE_DIRECTIONS,
    "promise_statuses": PROMISE_STATUSES,
    "contact_windows": CONTACT_WINDOWS,
    "people_sorts": PEOPLE_SORTS,
}
