"""Dependency risks: people my open goals, campaigns and alliances need, weakly tied to me.

Who is *needed*:

- by an open goal: the holder of each of its needs (a decision or a resource);
- by an active campaign: its deciders, and its stakeholders (people with a stance on one
  of its issues);
- by an alliance that has not ended: its partners (people, and the people of partner
  organisations other than mine).

A need is a risk while my relationship with the person is not strong
(:data:`allies.analysis.powerbase.STRONG`); *high* when it is weak or absent, *medium*
when moderate. Each comes with the strongest warm path to the person and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.analysis.powerbase import MODERATE, STRONG
from allies.domain import AllianceStatus, GoalStatus, NeedKind
from allies.services.influence.path_options import PathOption
from allies.services.standing.shapes import Dependency
from allies.services.standing.snapshot import Standing

__all__ = ["Approach", "Dependency", "Need", "approach_to", "dependencies", "needs_of"]

#: How much each kind of need weighs when ordering the risks.
IMPORTANCE: dict[str, float] = {
    "decides": 1.0,
    "holds": 0.9,
    "partner": 0.7,
    "stakeholder": 0.5,
}


@dataclass(frozen=True)
class Need:
    """Why someone is needed: by what (goal, campaign, alliance) and for what."""

    source: str  # goal, campaign or alliance
    source_id: int
    source_name: str
    role: str  # decides, holds, partner or stakeholder
    what: str

    @property
    def label(self) -> str:
        """For lists: "goal 'Director role': decides 'Approve the role'"."""
        base = f"{self.source} {self.source_name!r}: {self.role}"
        return f"{base} {self.what!r}" if self.what else base


def needs_of(standing: Standing) -> dict[int, list[Need]]:
    """Everyone my open goals, active campaigns and living alliances need, and why."""
    found: dict[int, list[Need]] = {}
    me = standing.me_id

    def add(pid: int | None, need: Need) -> None:
        if pid is not None and pid != me and pid in standing.network.people:
            found.setdefault(pid, []).append(need)

    for goal in standing.goals:
        if goal.status is not GoalStatus.OPEN:
            continue
        for n in goal.needs:
            role = "decides" if n.kind is NeedKind.DECISION else "holds"
            add(n.holder_id, Need("goal", goal.id or 0, goal.title, role, n.description))
    stance_people: dict[int, set[int]] = {}
    for s in standing.stances:
        stance_people.setdefault(s.issue_id, set()).add(s.person_id)
    for campaign in standing.campaigns:
        for pid in campaign.decider_ids:
            add(pid, Need("campaign", campaign.id or 0, campaign.name, "decides", ""))
        holders = set(campaign.decider_ids)
        stake = sorted(
            {p for issue in campaign.issues for p in stance_people.get(issue.id or 0, set())}
        )
        for pid in stake:
            if pid not in holders:
                add(pid, Need("campaign", campaign.id or 0, campaign.name, "stakeholder", ""))
    for alliance in standing.snapshot.alliances:
        if alliance.status is AllianceStatus.ENDED:
            continue
        for pid in standing.snapshot.alliance_people(alliance):
            add(pid, Need("alliance", alliance.id or 0, alliance.name, "partner", ""))
    return found


@dataclass(frozen=True)
class Approach:
    """How to get closer to someone: directly, through an introducer, or along a chain.

    ``how`` is ``introduction`` (a strong ally of mine is close to them and beats my own
    tie), ``direct`` (I know them: meet them), ``chain`` (no tie of mine: start with the
    first person on the strongest path) or ``none`` (no chain of ties reaches them).
    ``via`` is the person to ask first, ``door`` the last person before them on the path.
    """

    how: str
    via_id: int | None
    via: str | None
    door_id: int | None
    door: str | None
    path: PathOption | None
    sentence: str


def _path_words(strength: float) -> str:
    """How strong a chain of ties is, in the bands a manager reads relationships in."""
    if strength >= STRONG:
        return "a strong chain"
    return "a moderate chain" if strength >= MODERATE else "a weak chain"


def approach_to(standing: Standing, person_id: int, *, purpose: str = "") -> Approach:
    """The way to strengthen my relationship with someone, and the sentence that says it.

    An introduction is proposed when the strongest path has two steps, the person in the
    middle is a strong ally of mine, my own relationship with the person is weak and the
    path is stronger than my own tie; with a tie of my own I should meet them; without
    one, start with the first person on the path.
    """
    name = standing.network.name(person_id)
    about = f" about {purpose}" if purpose else ""
    path = standing.path_to(person_id)
    if path is None:
        return Approach(
            "none",
            None,
            None,
            None,
            None,
            None,
            f"No chain of ties reaches {name}: find out who knows them and record it, or "
            "speak to someone they trust.",
        )
    door = standing.introducer(path)
    first = (path.steps[0].to_id, path.steps[0].to_name) if path.hops >= 2 else None
    mine = float(standing.tie[standing.network.index(person_id)])
    if (
        first is not None
        and path.hops == 2
        and standing.strength_of(first[0]) >= STRONG
        and standing.strength_of(person_id) < MODERATE
        and path.strength > mine
    ):
        sentence = (
            f"Ask {first[1]} to introduce you to {name}{about} "
            f"({' → '.join(path.people)}, {_path_words(path.strength)})."
        )
        return Approach("introduction", *first, *first, path, sentence)
    door_id, door_name = door if door else (None, None)
    if mine > 0:
        sentence = f"Book a one-on-one with {name}{about}."
        if first is not None and path.hops == 2:
            sentence += f" {first[1]} is close to them and could bring you together."
        return Approach("direct", None, None, door_id, door_name, path, sentence)
    assert first is not None  # no tie of mine, so the path has at least two steps
    sentence = (
        f"Start with {first[1]}: the strongest way to {name} is "
        f"{' → '.join(path.people)} ({_path_words(path.strength)})."
    )
    return Approach("chain", *first, door_id, door_name, path, sentence)


def dependencies(standing: Standing, *, limit: int | None = None) -> list[Dependency]:
    """People I depend on whom I am not strongly tied to, most important and weakest first.

    Parameters
    ----------
    standing : Standing
        The workspace as seen from me.
    limit : int, optional
        How many to return (all by default).

    Returns
    -------
    list of Dependency
    """
    rows: list[Dependency] = []
    for pid, needs in needs_of(standing).items():
        strength = standing.strength_of(pid)
        if strength >= STRONG:
            continue
        way = approach_to(standing, pid)
        person = standing.network.people[pid]
        labels = list(dict.fromkeys(n.label for n in needs))
        rows.append(
            Dependency(
                id=pid,
                name=person.name,
                title=person.title,
                level=standing.level_of(pid),
                unit=standing.unit_of(pid),
                strength=round(strength, 3),
                band=standing.band_of(pid),
                risk="high" if strength < MODERATE else "medium",
                importance=max(IMPORTANCE[n.role] for n in needs),
                needed_by=labels,
                path=way.path,
                introducer=way.via,
                introducer_id=way.via_id,
                action=way.sentence,
            )
        )
    rows.sort(key=lambda d: (d.risk != "high", -d.importance, d.strength, d.name.casefold()))
    return rows[:limit] if limit else rows
