"""Views of the keeping routine beyond its lists: one person's reliability, the cooling
relationships with their reasons, and the agenda with the record behind each line.

The agenda of :mod:`allies.services.agenda.today` names who and what; :func:`targeted_agenda`
adds, for each line, the record it is about (the promise, the duty, the milestone, the
conflict, the goal) and the action that fixes it, so a face can link every line to the
place where it is dealt with. Fixing it (logging the meeting, settling the promise,
marking the duty done) takes the line off the next agenda.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from allies.domain import Alliance, ConflictStatus
from allies.errors import InvalidInput, NotFound
from allies.services.agenda.lines import goal_key
from allies.services.agenda.today import Agenda, AgendaItem, build_agenda, unhandled
from allies.services.context import Lens
from allies.services.keep.health import HealthReport, cooling_key_people, reports
from allies.services.keep.ledger import ReliabilityRow, reliability_rows
from allies.services.keep.snapshot import Snapshot, load_snapshot
from allies.services.ports import UnitOfWork
from allies.services.standing.goal_plan import next_steps

__all__ = [
    "AgendaTarget",
    "FixAction",
    "PersonReliability",
    "TargetedAgenda",
    "cooling_relationships",
    "person_reliability",
    "targeted_agenda",
]


@dataclass(frozen=True)
class PersonReliability:
    """How one person keeps their promises to me, and how I keep mine to them."""

    person_id: int
    name: str
    theirs: ReliabilityRow | None
    mine: ReliabilityRow | None


def person_reliability(
    uow: UnitOfWork, person_id: int, *, today: date | None = None
) -> PersonReliability:
    """Reliability both ways between me and one person (``None`` on a side with no
    promises), as :func:`allies.services.keep.ledger.reliability` counts it.

    Raises
    ------
    allies.errors.NotFound
        When there is no such person, or nobody is marked as me.
    allies.errors.InvalidInput
        When the person is me (see the overall rows instead).
    """
    snapshot = load_snapshot(uow)
    me_id = snapshot.require_me()
    person = snapshot.person(person_id)
    if person is None:
        raise NotFound(kind="person", record_id=person_id)
    if person_id == me_id:
        raise InvalidInput(
            "Your own reliability is the overall row of the reliability list.",
            field="person_id",
        )
    rows = [
        r for r in reliability_rows(snapshot, today or date.today()) if r.person_id == person_id
    ]
    side = {r.side: r for r in rows}
    return PersonReliability(person_id, person.name, side.get("theirs"), side.get("mine"))


def cooling_relationships(
    uow: UnitOfWork, *, today: date | None = None, key_only: bool = False
) -> list[HealthReport]:
    """Relationships that are cooling, with the reasons: the weakest first, or with
    ``key_only`` only the inner circle and key people, in the agenda's order."""
    snapshot = load_snapshot(uow)
    snapshot.require_me()
    day = today or date.today()
    if key_only:
        return cooling_key_people(snapshot, day)
    found = [r for r in reports(snapshot, day) if r.cooling]
    return sorted(found, key=lambda r: (r.score or 0, r.name.casefold()))


FixAction = Literal[
    "log-interaction",
    "settle-promise",
    "complete-duty",
    "record-favour",
    "celebrate-milestone",
    "reach-milestone",
    "resolve-conflict",
    "goal-step",
]

#: What fixes a line of each section of the agenda (milestones depend on the line).
_ACTIONS: dict[str, FixAction] = {
    "check-in": "log-interaction",
    "due": "log-interaction",
    "cooling": "log-interaction",
    "promise": "settle-promise",
    "duty": "complete-duty",
    "favour": "record-favour",
    "conflict": "resolve-conflict",
    "goal": "goal-step",
}


@dataclass(frozen=True)
class AgendaTarget:
    """The record an agenda line is about, and the action that takes it off the agenda."""

    action: FixAction
    person_id: int | None = None
    alliance_id: int | None = None
    promise_id: int | None = None
    duty_id: int | None = None
    milestone_id: int | None = None
    conflict_id: int | None = None
    goal_id: int | None = None


@dataclass(frozen=True)
class TargetedAgenda:
    """An agenda with one target per line, in the same order."""

    agenda: Agenda
    targets: list[AgendaTarget]


def _alliance_target(
    item: AgendaItem, alliance: Alliance | None, used: set[tuple[str, int]]
) -> AgendaTarget:
    """Find the duty, milestone or conflict an alliance line names."""
    base = AgendaTarget(
        _ACTIONS.get(item.section, "log-interaction"), item.person_id, item.alliance_id
    )
    if alliance is None:
        return base

    def first(kind: str, ids: Sequence[int | None]) -> int | None:
        for child_id in ids:
            if child_id is not None and (kind, child_id) not in used:
                used.add((kind, child_id))
                return child_id
        return None

    if item.section == "duty":
        duty = first(
            "duty",
            [
                d.id
                for d in alliance.responsibilities
                if d.done_on is None and d.what == item.what and d.due_on == item.on
            ],
        )
        return AgendaTarget("complete-duty", item.person_id, alliance.id, duty_id=duty)
    if item.section == "celebrate":
        reached = item.what.startswith("celebrate: ")
        title = item.what.split(": ", 1)[-1]
        milestone = first(
            "milestone",
            [
                m.id
                for m in alliance.milestones
                if m.title == title
                and m.celebrated_on is None
                and (m.reached_on is not None) == reached
            ],
        )
        action: FixAction = "celebrate-milestone" if reached else "reach-milestone"
        return AgendaTarget(action, alliance_id=alliance.id, milestone_id=milestone)
    if item.section == "conflict":
        title = item.what.removeprefix("resolve: ")
        conflict = first(
            "conflict",
            [
                c.id
                for c in alliance.conflicts
                if c.status is not ConflictStatus.RESOLVED and c.title == title
            ],
        )
        return AgendaTarget("resolve-conflict", alliance_id=alliance.id, conflict_id=conflict)
    return base


def targets_of(
    snapshot: Snapshot, items: Sequence[AgendaItem], goal_ids: Sequence[int] = ()
) -> list[AgendaTarget]:
    """One target per agenda line; ``goal_ids`` are the goals of the *goal* lines, in order."""
    alliances = {a.id: a for a in snapshot.alliances}
    used: set[tuple[str, int]] = set()
    goals = iter(goal_ids)
    out = []
    for item in items:
        if item.section in ("duty", "celebrate", "conflict"):
            out.append(_alliance_target(item, alliances.get(item.alliance_id), used))
        elif item.section == "goal":
            out.append(AgendaTarget("goal-step", item.person_id, goal_id=next(goals, None)))
        else:
            out.append(
                AgendaTarget(
                    _ACTIONS.get(item.section, "log-interaction"),
                    item.person_id,
                    item.alliance_id,
                    item.promise_id,
                )
            )
    return out


def targeted_agenda(uow: UnitOfWork, *, today: date | None = None, days: int = 1) -> TargetedAgenda:
    """The agenda of :func:`allies.services.agenda.today.agenda`, each line with its target."""
    day = today or date.today()
    steps = next_steps(uow, lens=Lens(as_of=day))
    goal_items = [
        AgendaItem(
            0,
            "goal",
            s.who,
            s.what,
            s.why,
            None,
            s.person_id,
            key=goal_key(s.goal_id, s.kind, s.person_id, s.what),
        )
        for s in steps
    ]
    snapshot = load_snapshot(uow)
    plan = build_agenda(snapshot, day, days, goal_items=goal_items)
    targets = targets_of(snapshot, plan.items, [s.goal_id for s in steps])
    left = unhandled(uow, plan)  # the lines already done, snoozed or dismissed go
    keys = {i.key for i in left.items}
    kept = [t for i, t in zip(plan.items, targets, strict=True) if i.key in keys]
    return TargetedAgenda(left, kept)
