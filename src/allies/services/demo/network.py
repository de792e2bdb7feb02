"""A realistic demo network to explore ``allies`` with, and the use case that loads it.

:func:`build_demo` makes, from a seed and a day, an organisation of about seventy people
seen through the eyes of one of them (*me*, a head of fulfilment): the reporting chart,
who really listens to whom (an executive assistant with the CEO's ear, a long-serving
analyst the room turns to), eighteen months of interactions, favours and promises, check-in
cadences, a campaign with stances, an alliance with a partner carrier, a goal and a
self-assessment. It is pure: it draws only from ``random.Random(seed)``, so the same seed
and day give the same network.

:func:`load_demo` writes a network through one unit of work and commits once;
:func:`demo_summary_lines` says what was built and what to try next.

Local keys
----------
Ids are the store's to give, so a :class:`DemoNetwork` holds ordinary domain objects whose
reference fields carry *local keys*: the position of the referenced object in the
network's own list. ``person.organisation_id == 1`` means ``network.organisations[1]``;
``tie.source_id == 12`` means ``network.people[12]``; a stance's ``issue_id`` is the
position of its issue in :attr:`DemoNetwork.issues` (every campaign's issues, in order).
:data:`REFERENCES` lists every such field and the list it points into; :data:`NESTED`
names the objects held inside others (alliance partners and responsibilities, goal needs)
whose fields are references too; both are read from the registry of record kinds
(:mod:`allies.domain.kinds`). :func:`load_demo` adds objects in the registry's dependency
order (organisations, units with parents before children, people, then everything that
points at them), records the id each repository returns under the object's local key, and rewrites
each reference field from those records just before the object is added. It works on a
deep copy, so the network itself keeps its local keys and can be loaded again.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TypeVar

from allies.domain import (
    Alliance,
    Assessment,
    Cadence,
    Campaign,
    CampaignIssue,
    Favour,
    Goal,
    Interaction,
    Observation,
    Organisation,
    Person,
    Promise,
    Stance,
    Tie,
    Unit,
)
from allies.domain.affiliations import Affiliation, OrganisationTie
from allies.domain.cards import CardDetails, RoleChange
from allies.domain.consultations import Consultation
from allies.domain.kinds import (
    Kind,
    Pointer,
    all_kinds,
    children_of,
    kind_named,
    pointers_in,
    remap,
    top_level_kinds,
)
from allies.domain.records import Note
from allies.domain.survey_answers import SurveyAnswer
from allies.errors import AlliesError, Conflict, InvalidInput, NextStep
from allies.services.demo.cards import build_cards, build_role_changes
from allies.services.demo.history import (
    HISTORY_DAYS,
    build_cadences,
    build_favours,
    build_interactions,
    build_promises,
)
from allies.services.demo.people import build_cast, build_observations, build_ties
from allies.services.demo.plans import (
    build_alliance,
    build_assessment,
    build_campaign,
    build_goal,
    build_stances,
)
from allies.services.ports import Repository, UnitOfWork

__all__ = [
    "NESTED",
    "REFERENCES",
    "DemoNetwork",
    "DemoSummary",
    "build_demo",
    "demo_summary_lines",
    "load_demo",
    "local_references",
]

T = TypeVar("T")

#: Roster seats of the people worth looking at first: influence without a senior title.
FEATURED: tuple[str, ...] = ("ops_analyst", "ea", "fin_analyst", "data_eng", "contracts")

#: For each kind of object, its fields that hold local keys and the list they point into
#: (a :class:`DemoNetwork` field name, or ``"issues"`` for :attr:`DemoNetwork.issues`):
#: the pointers of the registry (:mod:`allies.domain.kinds`).
REFERENCES: dict[type, dict[str, str]] = {
    kind.cls: {p.name: kind_named(p.target).plural for p in kind.pointers}
    for kind in all_kinds()
    if kind.pointers
}


def _holds_references(kind: Kind) -> bool:
    return bool(kind.pointers) or any(_holds_references(c) for c in children_of(kind))


#: The lists references point into: the plurals of the kinds pointed at.
_SPACES: tuple[str, ...] = tuple(
    dict.fromkeys(kind_named(p.target).plural for kind in all_kinds() for p in kind.pointers)
)

#: Objects held inside others whose fields are in :data:`REFERENCES` too.
NESTED: dict[type, tuple[str, ...]] = {
    kind.cls: names
    for kind in all_kinds()
    if (names := tuple(c.attr for c in children_of(kind) if _holds_references(c)))
}


@dataclass
class DemoNetwork:
    """A whole demo workspace as plain lists of domain objects, linked by local keys.

    ``featured`` holds the local keys of a few people worth a look (influential without a
    senior title); ``seed`` and ``today`` say how the network was made.
    """

    seed: int
    today: date
    organisations: list[Organisation] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    favours: list[Favour] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    cadences: list[Cadence] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    alliances: list[Alliance] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    cards: list[CardDetails] = field(default_factory=list)
    role_changes: list[RoleChange] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    organisation_ties: list[OrganisationTie] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)
    survey_answers: list[SurveyAnswer] = field(default_factory=list)  # none: no surveys sent
    featured: list[int] = field(default_factory=list)

    @property
    def issues(self) -> list[CampaignIssue]:
        """Every campaign's issues in order; a stance's ``issue_id`` indexes this list."""
        return [issue for campaign in self.campaigns for issue in campaign.issues]

    @property
    def me(self) -> Person:
        """The owner of the network."""
        return next(person for person in self.people if person.is_me)

    def counts(self) -> dict[str, int]:
        """How many objects of each kind the network holds."""
        return {
            f.name: len(getattr(self, f.name))
            for f in fields(self)
            if f.name not in {"seed", "today", "featured"}
        }


def build_demo(seed: int = 7, today: date | None = None) -> DemoNetwork:
    """Make the demo network; the same ``seed`` and ``today`` always give the same one.

    ``today`` (default: the current day) ends the eighteen months of history; open promises
    fall due and the campaign is decided in the weeks after it.
    """
    day = date.today() if today is None else today
    rng = random.Random(seed)
    cast = build_cast(rng, day)
    network = DemoNetwork(
        seed=seed,
        today=day,
        organisations=cast.organisations,
        units=cast.units,
        people=cast.people,
    )
    network.ties = build_ties(cast)
    network.observations = build_observations(cast)
    network.interactions = build_interactions(cast)
    network.favours = build_favours(cast)
    network.promises = build_promises(cast)
    network.cadences = build_cadences(cast)
    network.campaigns = [build_campaign(cast)]
    network.stances = build_stances(cast)
    network.alliances = [build_alliance(cast)]
    network.goals = [build_goal(cast)]
    network.assessments = [build_assessment(cast)]
    network.cards = build_cards(cast)
    network.role_changes = build_role_changes(cast)
    network.featured = [cast[key] for key in FEATURED]
    return network


def local_references(network: DemoNetwork) -> Iterator[tuple[object, str, str, int]]:
    """Every reference in ``network``: ``(object, field, target list, local key)``."""
    for kind in top_level_kinds():
        for item in getattr(network, kind.plural, ()):
            for record, _, pointer, key in pointers_in(kind, item):
                yield record, pointer.name, kind_named(pointer.target).plural, key


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`load_demo` wrote, and a few people worth a look."""

    workspace: str
    counts: dict[str, int]
    me: str
    me_title: str
    organisation: str
    campaign: str
    decision_on: date | None
    alliance: str
    featured: list[tuple[str, str]]  # (name, title) of people worth a look
    history_months: int = HISTORY_DAYS * 12 // 365


def load_demo(uow: UnitOfWork, network: DemoNetwork, *, replace: bool = False) -> DemoSummary:
    """Write ``network`` into the unit of work's workspace in one transaction.

    The workspace must hold no people yet (:class:`~allies.errors.Conflict` otherwise),
    unless ``replace``: then what it holds is deleted in the same transaction. Everything
    is added through ``uow``'s repositories and committed once; any failure, such as a
    reference to a local key the network does not hold
    (:class:`~allies.errors.InvalidInput`), or the process being killed, leaves the
    workspace as it was.
    """
    net = copy.deepcopy(network)
    ids: dict[str, dict[int, int]] = {space: {} for space in _SPACES}
    with uow:
        if replace:
            uow.clear()
        elif uow.people.count():
            raise Conflict(
                f"Workspace {uow.workspace!r} already holds people; the demo needs an empty one.",
                hint="Load it into a new workspace, or rebuild the demo workspace.",
                next_step=NextStep("replace", "demo", {"workspace": "demo"}),
            )
        for kind in top_level_kinds():
            _add_all(uow, kind, getattr(net, kind.plural, []), ids)
        uow.commit()
        workspace = uow.workspace
    me = network.me
    first: Campaign | None = network.campaigns[0] if network.campaigns else None
    home = network.organisations[me.organisation_id] if me.organisation_id is not None else None
    return DemoSummary(
        workspace=workspace,
        counts=network.counts(),
        me=me.name,
        me_title=me.title,
        organisation=home.name if home else "",
        campaign=first.name if first else "",
        decision_on=first.decision_on if first else None,
        alliance=network.alliances[0].name if network.alliances else "",
        featured=[(network.people[k].name, network.people[k].title) for k in network.featured],
    )


def _add_all(uow: UnitOfWork, kind: Kind, items: list[T], ids: dict[str, dict[int, int]]) -> None:
    """Add ``items`` in order, remapping their references; record the ids others point at.

    A kind others point at records each item's id under its local key; a nested kind
    others point at (a campaign's issues) records its items' ids in order across parents.
    """
    repo: Repository[T] = getattr(uow, kind.plural)
    nested = [child for child in children_of(kind) if child.plural in ids]
    for key, item in enumerate(items):
        remap(kind, item, lambda record, pointer, value: _lookup(ids, pointer, value, record))
        stored = _stored_id(repo.add(item))
        if kind.plural in ids:
            ids[kind.plural][key] = stored
        if nested:
            again = repo.get(stored)
            for child in nested:
                for record in getattr(again, child.attr):
                    ids[child.plural][len(ids[child.plural])] = _stored_id(record)


def _stored_id(entity: object) -> int:
    entity_id = getattr(entity, "id", None)
    if not isinstance(entity_id, int):
        raise AlliesError(f"The store gave no id to a new {type(entity).__name__}.")
    return entity_id


def _lookup(ids: dict[str, dict[int, int]], pointer: Pointer, key: int, item: object) -> int:
    space = kind_named(pointer.target).plural
    try:
        return ids[space][key]
    except KeyError:
        raise InvalidInput(
            f"The demo's {type(item).__name__}.{pointer.name} points at {space} #{key}, "
            f"which the demo does not hold (or holds only later).",
            field=pointer.name,
        ) from None


def _quoted(text: str) -> str:
    return f'"{text}"' if '"' not in text else f"'{text}'"


def demo_summary_lines(summary: DemoSummary) -> list[str]:
    """Short lines saying what :func:`load_demo` built and which commands to try next."""
    c = summary.counts
    ws = (
        summary.workspace
        if summary.workspace.replace("-", "").isalnum()
        else _quoted(summary.workspace)
    )
    lines = [
        f"Demo workspace {summary.workspace!r} is ready.",
        f"You are {summary.me}, {summary.me_title}"
        + (f" at {summary.organisation}." if summary.organisation else "."),
        f"{c['people']} people in {c['organisations']} organisations and {c['units']} units; "
        f"{c['ties']} ties, {c['observations']} observations.",
        f"{summary.history_months} months of history: {c['interactions']} interactions, "
        f"{c['favours']} favours, {c['promises']} promises, {c['cadences']} cadences.",
    ]
    if summary.campaign:
        when = f", decided {summary.decision_on.isoformat()}" if summary.decision_on else ""
        lines.append(f"Campaign: {summary.campaign}{when}.")
    if summary.alliance:
        lines.append(f"Alliance: {summary.alliance}.")
    if summary.featured:
        who = ", ".join(name for name, _ in summary.featured[:3])
        lines.append(f"Influential without a senior title: {who}.")
    lines += [
        "Try:",
        f"  allies -w {ws} person list --sort last-contact",
    ]
    lines += [f"  allies -w {ws} person show {_quoted(name)}" for name, _ in summary.featured[:2]]
    lines += [
        f"  allies -w {ws} tie list",
        f"  allies -w {ws} promise list",
    ]
    return lines
