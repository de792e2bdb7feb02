"""The shape of a warm path: its hops and what it is made of (no computing here, so the
reports that show paths load without the graph machinery of
:mod:`allies.services.influence.paths`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Hop", "PathOption"]


@dataclass(frozen=True)
class Hop:
    """One introduction on a path: the tie from one person to the next.

    ``strength`` is what the hop counts (the stated weight ``stated`` scaled by the
    relationship's warmth), ``so_far`` the product of the hops up to here.
    """

    from_id: int
    from_name: str
    to_id: int
    to_name: str
    strength: float
    so_far: float
    stated: float
    tie_id: int | None
    tie_kind: str
    statement: str


@dataclass(frozen=True)
class PathOption:
    """One path from the source to the target, its strength and the product behind it."""

    number: int
    strength: float
    hops: int
    people: list[str]
    steps: list[Hop]
    formula: str
