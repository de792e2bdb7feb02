"""A goal's key people and the next steps that close its gaps.

Steps, most pressing first:

1. **promise**: keep an overdue promise of mine to a key person;
2. **reach**: for each key person I am not strongly tied to (deciders, then resource
   holders, then those with their ear, then gatekeepers; the weakest first), the way to
   them: ask the ally who can introduce me, book a one-on-one, or start along the chain;
3. **find**: find out who holds a need nobody is named for;
4. **warm**: check in with a key ally whose relationship is cooling;
5. **ask**: make the ask of a decider or holder I am strongly tied to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from allies.analysis.bands import STRONG
from allies.domain import Goal
from allies.services.influence.path_options import PathOption
from allies.services.standing.offers import Offer

if TYPE_CHECKING:  # the analyses load when a goal is planned, not with its steps
    from allies.services.standing.snapshot import Standing

__all__ = ["STEP_KINDS", "KeyPerson", "NextStep", "steps_for"]

#: The kinds of step, in priority order.
STEP_KINDS: tuple[str, ...] = ("promise", "reach", "find", "warm", "ask")


@dataclass(frozen=True)
class KeyPerson:
    """Someone a goal depends on, how close I am, the way to them and what to offer.

    Attributes
    ----------
    kinds, roles : list of str
        ``decides``, ``holds``, ``ear`` or ``gatekeeper``, each with its role in words
        ("decides 'Approve the role'", "has the ear of Ann Lee", "opens the way to Bo").
    strength, band, tie, health
        My relationship with them (see :mod:`allies.services.standing.snapshot`).
    approach : str
        ``introduction``, ``direct``, ``chain`` or ``none``; ``via`` is whom to ask first
        and ``way`` the sentence that says it.
    """

    id: int
    name: str
    title: str
    unit: str
    level: str
    kinds: list[str]
    roles: list[str]
    strength: float
    band: str
    tie: float
    health: int
    cooling: bool
    influence_position: int
    approach: str
    via_id: int | None
    via: str | None
    path: PathOption | None
    way: str
    offer: Offer


@dataclass(frozen=True)
class NextStep:
    """One thing to do for a goal: with whom, what, and why."""

    goal_id: int
    goal: str
    kind: str
    who: str
    person_id: int | None
    what: str
    why: str


#: How close a tie is, in a manager's words, by its band.
_BAND_WORDS = {
    "none": "you have no tie with them yet",
    "weak": "your tie with them is weak or has gone cold",
    "moderate": "you know them, though not closely",
    "strong": "your tie with them is strong",
}


def _relationship(k: KeyPerson) -> str:
    words = _BAND_WORDS.get(k.band, f"your relationship is {k.band}")
    return f"{words} (tie strength {round(k.strength * 100)} of 100)"


def _reach_step(goal: Goal, k: KeyPerson) -> NextStep:
    role = k.roles[0]
    why = f"{goal.title}: {k.name} {role}; {_relationship(k)}"
    if k.approach == "introduction" and k.via:
        return NextStep(
            goal.id or 0,
            goal.title,
            "reach",
            k.via,
            k.via_id,
            f"ask for an introduction to {k.name}",
            f"{why}; {k.via} is a strong ally of yours and close to them",
        )
    if k.approach == "chain" and k.via:
        return NextStep(
            goal.id or 0,
            goal.title,
            "reach",
            k.via,
            k.via_id,
            f"start the path to {k.name}",
            f"{why}; {k.way}",
        )
    if k.approach == "none":
        return NextStep(
            goal.id or 0,
            goal.title,
            "reach",
            k.name,
            k.id,
            "find out who knows them",
            f"{why}; no chain of ties reaches them",
        )
    return NextStep(
        goal.id or 0,
        goal.title,
        "reach",
        k.name,
        k.id,
        f"book a one-on-one: {k.offer.suggestion[:1].lower()}{k.offer.suggestion[1:]}",
        why,
    )


def steps_for(standing: Standing, goal: Goal, key: list[KeyPerson]) -> list[NextStep]:
    """The next steps of a goal, most pressing first (see the module doc)."""
    gid, title = goal.id or 0, goal.title
    steps: list[NextStep] = []
    me = standing.me_id
    key_ids = {k.id: k for k in key}
    for c in standing.snapshot.promises:
        if c.promiser_id == me and c.promisee_id in key_ids and c.is_overdue(standing.as_of):
            k = key_ids[c.promisee_id]
            due = c.due_on.isoformat() if c.due_on else ""
            steps.append(
                NextStep(
                    gid,
                    title,
                    "promise",
                    k.name,
                    k.id,
                    f"keep your promise: {c.description}",
                    f"{title}: {k.name} {k.roles[0]}; the promise was due {due}",
                )
            )
    steps += [_reach_step(goal, k) for k in key if k.strength < STRONG]
    for need in goal.needs:
        if need.holder_id is None:
            steps.append(
                NextStep(
                    gid,
                    title,
                    "find",
                    title,
                    None,
                    f"find out who holds '{need.description}'",
                    f"{title}: nobody is named for this {need.kind.value}; record who holds it "
                    "on the goal",
                )
            )
    for k in key:
        if k.strength >= STRONG and k.cooling:
            steps.append(
                NextStep(
                    gid,
                    title,
                    "warm",
                    k.name,
                    k.id,
                    "check in: the relationship is cooling",
                    f"{title}: {k.name} {k.roles[0]}; health {k.health}",
                )
            )
    for k in key:
        if k.strength >= STRONG and ({"decides", "holds"} & set(k.kinds)):
            ask = next(r for kind, r in zip(k.kinds, k.roles, strict=True) if kind != "ear")
            steps.append(
                NextStep(
                    gid,
                    title,
                    "ask",
                    k.name,
                    k.id,
                    f"make the ask: {ask.split(' ', 1)[1]}",
                    f"{title}: {_relationship(k)}, strong enough to ask",
                )
            )
    return steps
