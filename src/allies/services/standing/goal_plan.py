"""From a goal to the people it depends on, the gaps, and the next steps.

The *key people* of a goal follow from who holds its needs and from the influence map:

- the **deciders** and **resource holders** named on its needs;
- those with **their ear**: people a holder listens to directly (listens-to weight of at
  least :data:`allies.services.standing.parts.LEAD_MIN`), ranked by how much of the
  holders' attention reaches them, the personalised PageRank restarting at the holders
  over the listens-to graph (:func:`allies.analysis.influence.deciders_ear`, Haveliwala
  2002); the first :data:`EAR_TOP` with a share of at least :data:`EAR_MIN`;
- the **gatekeepers**: the person just before a holder I am weakly tied to on my
  strongest warm path to them.

For each: my relationship strength, the way to them (an introduction by a strong ally of
mine, a one-on-one, or the first step of a longer chain) and what I could offer. Every key
person I am not strongly tied to is a *gap*; gaps become *next steps*, which also appear on
the daily agenda.

References
----------
.. [1] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings of WWW 2002*,
   517-526.
.. [2] Brin, S. and Page, L. (1998). "The anatomy of a large-scale hypertextual web search
   engine". *Computer Networks and ISDN Systems* 30(1-7):107-117.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.analysis.influence import deciders_ear
from allies.analysis.powerbase import MODERATE, STRONG
from allies.domain import Goal, GoalStatus, NeedKind
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import ATTENTION, DAMPING
from allies.services.ports import UnitOfWork
from allies.services.standing.goal_steps import KeyPerson, NextStep, steps_for
from allies.services.standing.goals import pick_goal
from allies.services.standing.offers import what_to_offer
from allies.services.standing.parts import LEAD_MIN, strength_words
from allies.services.standing.risks import approach_to
from allies.services.standing.snapshot import Standing, load_standing

__all__ = [
    "EAR_MIN",
    "EAR_TOP",
    "GoalPlan",
    "GoalRow",
    "KeyPerson",
    "NeedRow",
    "NextStep",
    "goal_plan",
    "list_goals",
    "next_steps",
    "next_steps_in",
    "plan_goal",
]

#: How many people with the holders' ear are named at most.
EAR_TOP = 3
#: The least share of the holders' attention that makes someone key.
EAR_MIN = 0.02


@dataclass(frozen=True)
class NeedRow:
    """One need of a goal, who holds it and how strong my relationship with them is."""

    id: int | None
    description: str
    kind: str
    holder_id: int | None
    holder: str
    strength: float | None
    band: str


@dataclass(frozen=True)
class GoalPlan:
    """A goal with its needs, key people, gaps and next steps."""

    id: int
    title: str
    description: str
    status: str
    target_on: date | None
    days_left: int | None
    needs: list[NeedRow]
    key_people: list[KeyPerson]
    gaps: list[str]
    steps: list[NextStep]
    method: str
    message: str


@dataclass(frozen=True)
class GoalRow:
    """One line of the goal list."""

    id: int
    title: str
    status: str
    target_on: date | None
    needs: int
    holders: list[str]
    allies: int
    gaps: int
    next_step: str


def _roles(standing: Standing, goal: Goal) -> dict[int, list[tuple[str, str]]]:
    """Key people by id, each with (kind, role) pairs in the order found."""
    me = standing.me_id
    people = standing.network.people
    roles: dict[int, list[tuple[str, str]]] = {}

    def add(pid: int, kind: str, role: str) -> None:
        if pid != me and pid in people and (kind, role) not in roles.get(pid, []):
            roles.setdefault(pid, []).append((kind, role))

    holders: list[int] = []
    for need in goal.needs:
        if need.holder_id is None or need.holder_id not in people:
            continue
        verb = "decides" if need.kind is NeedKind.DECISION else "holds"
        add(need.holder_id, verb, f"{verb} '{need.description}'")
        holders.append(need.holder_id)
    holders = [h for h in dict.fromkeys(holders) if h != me]
    if not holders:
        return roles
    graph = standing.network.graph
    index = standing.network.index
    ear = deciders_ear(graph, [index(h) for h in holders], DAMPING, attention=ATTENTION)
    reach = ear.direct + ear.indirect
    ranked = sorted(
        (k for k in range(graph.n) if standing.ids[k] not in holders and standing.ids[k] != me),
        key=lambda k: (-reach[k], standing.ids[k]),
    )
    named = 0
    for k in ranked:
        if named == EAR_TOP or reach[k] < EAR_MIN:
            break
        pid = standing.ids[k]
        heard_by = [h for h in holders if graph.weight(h, pid) >= LEAD_MIN]
        if heard_by:
            names = " and ".join(standing.network.name(h) for h in heard_by[:2])
            add(pid, "ear", f"has the ear of {names}")
            named += 1
    for h in holders:
        if standing.strength_of(h) >= MODERATE:
            continue
        path = standing.path_to(h)
        door = standing.introducer(path)
        if door is not None and door[0] != me:
            add(door[0], "gatekeeper", f"opens the way to {standing.network.name(h)}")
    return roles


_KIND_ORDER = {"decides": 0, "holds": 1, "ear": 2, "gatekeeper": 3}


def _key_people(standing: Standing, goal: Goal) -> list[KeyPerson]:
    rows: list[KeyPerson] = []
    for pid, pairs in _roles(standing, goal).items():
        person = standing.network.people[pid]
        line = standing.tieline(pid)
        way = approach_to(standing, pid)
        kinds = [k for k, _ in pairs]
        rows.append(
            KeyPerson(
                id=pid,
                name=person.name,
                title=person.title,
                unit=line.unit,
                level=line.level,
                kinds=kinds,
                roles=[r for _, r in pairs],
                strength=line.strength,
                band=line.band,
                tie=line.tie,
                health=line.health,
                cooling=line.cooling,
                influence_position=int(standing.network.positions[standing.network.index(pid)]),
                approach=way.how,
                via_id=way.via_id,
                via=way.via,
                path=way.path,
                way=way.sentence,
                offer=what_to_offer(standing.me, person),
            )
        )
    rows.sort(key=lambda r: (min(_KIND_ORDER[k] for k in r.kinds), r.strength, r.name))
    return rows


def plan_goal(standing: Standing, goal: Goal) -> GoalPlan:
    """The plan of one goal on a workspace already read."""
    key = _key_people(standing, goal)
    needs = []
    for n in goal.needs:
        holder = n.holder_id if n.holder_id in standing.network.people else None
        needs.append(
            NeedRow(
                id=n.id,
                description=n.description,
                kind=n.kind.value,
                holder_id=holder,
                holder=standing.network.name(holder) if holder else "",
                strength=round(standing.strength_of(holder), 3) if holder else None,
                band=standing.band_of(holder) if holder else "unknown",
            )
        )
    steps = steps_for(standing, goal, key)
    gaps = [
        f"{k.name} ({', '.join(k.roles)}): {strength_words(k.band)} relationship"
        for k in key
        if k.strength < STRONG
    ]
    gaps += [f"Nobody is named as holding '{n.description}'" for n in needs if n.holder_id is None]
    message = ""
    if not goal.needs:
        message = (
            "This goal names no decisions or resources yet. Add what it needs and who holds it."
        )
    return GoalPlan(
        id=goal.id or 0,
        title=goal.title,
        description=goal.description,
        status=goal.status.value,
        target_on=goal.target_on,
        days_left=(goal.target_on - standing.as_of).days if goal.target_on else None,
        needs=needs,
        key_people=key,
        gaps=gaps,
        steps=steps,
        method=(
            "key people: the holders of the goal's needs; the people they listen to whose "
            f"influence reaches them most (personalised PageRank restarting at the holders, "
            f"d = {DAMPING}, share ≥ {EAR_MIN}); the person before a weakly tied holder on "
            "your strongest warm path. "
            f"A gap is a key person whose relationship with you is below strong ({STRONG})"
        ),
        message=message,
    )


def goal_plan(
    uow: UnitOfWork,
    goal: str,
    *,
    lens: Lens = TODAY,
) -> GoalPlan:
    """The plan of the goal ``goal`` names (id or title): key people, gaps, next steps.

    Raises
    ------
    allies.errors.NotFound
        When no goal matches or nobody is marked as me.
    """
    standing = load_standing(uow, lens)
    standing.me  # noqa: B018 - raises when nobody is me
    return plan_goal(standing, pick_goal(standing.goals, goal))


def list_goals(
    uow: UnitOfWork,
    *,
    lens: Lens = TODAY,
    include_closed: bool = False,
) -> list[GoalRow]:
    """My goals (open ones, or all), each with its needs, allies, gaps and next step."""
    standing = load_standing(uow, lens)
    goals = [g for g in standing.goals if include_closed or g.status is GoalStatus.OPEN]
    if not goals:
        return []
    standing.me  # noqa: B018 - raises when nobody is me
    rows = []
    for goal in goals:
        plan = plan_goal(standing, goal)
        rows.append(
            GoalRow(
                id=plan.id,
                title=plan.title,
                status=plan.status,
                target_on=plan.target_on,
                needs=len(plan.needs),
                holders=list(dict.fromkeys(n.holder for n in plan.needs if n.holder)),
                allies=sum(1 for k in plan.key_people if k.strength >= STRONG),
                gaps=len(plan.gaps),
                next_step=f"{plan.steps[0].who}: {plan.steps[0].what}" if plan.steps else "",
            )
        )
    return rows


def next_steps_in(standing: Standing, *, per_goal: int = 2, limit: int = 5) -> list[NextStep]:
    """The first steps of every open goal, for the daily agenda ("make the ask" left out)."""
    if not any(g.status is GoalStatus.OPEN for g in standing.goals):
        return []
    standing.me  # noqa: B018 - raises when nobody is me
    chosen: list[NextStep] = []
    for goal in standing.goals:
        if goal.status is GoalStatus.OPEN:
            steps = [s for s in plan_goal(standing, goal).steps if s.kind != "ask"]
            chosen.extend(steps[:per_goal])
    return chosen[:limit]


def next_steps(uow: UnitOfWork, *, lens: Lens = TODAY) -> list[NextStep]:
    """The next steps towards my open goals on the lens's day (none when nobody is me):
    kept for the records as they are and the day
    (:mod:`allies.services.standing.goal_steps_kept`), worked out on the first view."""
    from allies.services.standing.goal_steps_kept import kept_next_steps  # builds on this

    return kept_next_steps(uow, lens)
