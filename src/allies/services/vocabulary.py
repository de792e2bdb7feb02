"""The domain's words the faces may use: the enums their forms offer and the records the
services hand back.

:class:`Kind` and :func:`kind_named` give the registry of record kinds (their names, for
paths, messages and tags). The CLI and the web import these from here, not from
:mod:`allies.domain`, so that the services stay the one door into the inner layers.
"""

from __future__ import annotations

from allies.domain import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Level,
    Observation,
    ObservationKind,
    Organisation,
    Person,
    Promise,
    PromiseStatus,
    Tie,
    TieKind,
    TieOrigin,
    Tier,
    Unit,
)
from allies.domain._rules import NAME_MAX, TEXT_MAX
from allies.domain.kinds import Kind, kind_named

__all__ = [
    "NAME_MAX",
    "TEXT_MAX",
    "Cadence",
    "Favour",
    "FavourDirection",
    "FavourSize",
    "Interaction",
    "InteractionKind",
    "Kind",
    "Level",
    "Observation",
    "ObservationKind",
    "Organisation",
    "Person",
    "Promise",
    "PromiseStatus",
    "Tie",
    "TieKind",
    "TieOrigin",
    "Tier",
    "Unit",
    "kind_named",
]
