"""The network as a drawing: nodes, edges and node sizes for the map, and paths on it.

Node size follows influence: the rank of being listened to
(:func:`allies.analysis.influence.influence_rank`) on the listens-to graph that stated ties
and observations give (:func:`allies.analysis.evidence.listens_to_graph`).

The strongest path between two people treats every tie as usable both ways (an
introduction travels along a relationship whichever way it was recorded) and gives it the
length ``−log(weight)``, so the shortest path is the chain whose weights multiply to the
most; Dijkstra's algorithm [1]_ finds it (:func:`allies.analysis.paths.strongest_path`).

References
----------
.. [1] Dijkstra, E. W. (1959). "A note on two problems in connexion with graphs".
   *Numerische Mathematik* 1:269-271.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from allies.analysis.graph import WeightedDigraph
from allies.analysis.paths import strongest_path as warm_path
from allies.domain import Tie
from allies.errors import InvalidInput, NotFound
from allies.services.context import TODAY, Lens
from allies.services.influence.layout import map_layout_in
from allies.services.influence.loading import load_influence_network
from allies.services.network.lookup import resolve_person
from allies.services.network.map_layers import UNKNOWN, campaign_sides, groups_of, map_campaign
from allies.services.ports import UnitOfWork


@dataclass(frozen=True)
class MapNode:
    """A person on the map. ``size`` is 0-1 relative to the most influential person."""

    id: int
    name: str
    title: str
    unit: str
    organisation: str
    level: str
    is_me: bool
    influence: float
    in_degree: int
    size: float
    group: int = 0
    side: str = ""
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class MapEdge:
    """A tie on the map, from ``source`` to ``target`` (person ids)."""

    id: int
    source: int
    target: int
    kind: str
    weight: float
    confidence: float
    current: bool


@dataclass(frozen=True)
class NetworkMap:
    """Everything the map draws; ``sized_by`` says what node sizes mean.

    ``groups`` names the communities (a node's ``group`` indexes it); ``campaign`` is the
    campaign whose sides (``for``, ``against``, ``undecided``, ``unknown``) the nodes
    carry ('' when there is none); ``campaigns`` lists every campaign's name.
    """

    nodes: list[MapNode]
    edges: list[MapEdge]
    units: list[str]
    kinds: list[str]
    sized_by: str
    groups: list[str] = field(default_factory=list)
    campaign: str = ""
    campaigns: list[str] = field(default_factory=list)


def network_map(uow: UnitOfWork, lens: Lens = TODAY, campaign: str | None = None) -> NetworkMap:
    """Every person and tie of the workspace, ready to draw, with their place on the map.

    The network is read once (:func:`~allies.services.influence.loading.load_influence_network`);
    the positions come from the layout kept per state of the ties
    (:func:`~allies.services.influence.layout.map_layout_in`), computed only when the ties
    changed.

    Parameters
    ----------
    lens
        The day ties and observations are weighed on (today by default) and how fast
        observations fade (the setting ``half_life_days``).
    campaign
        The campaign (name or id) whose sides the nodes carry; the active campaign
        decided soonest when left out.
    """
    as_of = lens.day
    network = load_influence_network(uow, lens, with_campaigns=True)
    with uow:
        organisations = {o.id: o.name for o in uow.organisations.list()}
        shown = map_campaign(network.campaigns, campaign)
        stances = (
            [
                s
                for issue in shown.issues
                if issue.id
                for s in uow.stances.current_for_issue(issue.id)
            ]
            if shown
            else []
        )
    sides = campaign_sides(shown, stances) if shown else None
    people = [network.people[pid] for pid in network.ids]
    ties = network.ties
    in_degree = {pid: 0 for pid in network.ids}
    for target in ties.target_id:
        in_degree[target] = in_degree.get(target, 0) + 1
    ranks = {pid: float(r) for pid, r in zip(network.ids, network.rank.tolist(), strict=True)}
    groups = groups_of(network.graph, ranks, {pid: p.name for pid, p in network.people.items()})
    places = map_layout_in(network) if people else {}
    has_evidence = bool(len(ties) or len(network.observations)) and len(people) > 1
    top = max(ranks.values(), default=0.0)
    top_degree = max(in_degree.values(), default=0)
    nodes = []
    for p in people:
        pid = p.id or 0
        if has_evidence and top > 0:
            size = ranks.get(pid, 0.0) / top
        else:
            size = in_degree[pid] / top_degree if top_degree else 0.0
        x, y = places.get(pid, (None, None))
        nodes.append(
            MapNode(
                id=pid,
                name=p.name,
                title=p.title,
                unit=network.units.get(p.unit_id or 0, ""),
                organisation=organisations.get(p.organisation_id, ""),
                level=p.level.value if p.level else "",
                is_me=p.is_me,
                influence=ranks.get(pid, 0.0),
                in_degree=in_degree[pid],
                size=round(size, 4),
                group=groups.of.get(pid, 0),
                side=sides.side.get(pid, UNKNOWN) if sides else "",
                x=x,
                y=y,
            )
        )
    edges = [
        MapEdge(
            id=ties.id[i] or 0,
            source=ties.source_id[i],
            target=ties.target_id[i],
            kind=ties.kind[i],
            weight=ties.weight[i],
            confidence=ties.confidence[i],
            current=_holds(ties.valid_from[i], ties.valid_to[i], as_of),
        )
        for i in range(len(ties))
    ]
    return NetworkMap(
        nodes=nodes,
        edges=edges,
        units=sorted({n.unit for n in nodes if n.unit}, key=str.casefold),
        kinds=sorted({e.kind for e in edges}),
        sized_by="influence" if has_evidence else "in-degree",
        groups=groups.names,
        campaign=sides.name if sides else "",
        campaigns=[c.name for c in network.campaigns],
    )


def _holds(valid_from: date | None, valid_to: date | None, day: date) -> bool:
    """Whether a tie valid from ``valid_from`` to ``valid_to`` holds on ``day``."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def campaign_names(uow: UnitOfWork) -> list[str]:
    """The campaigns the map can colour by: the one shown by default first."""
    with uow:
        campaigns = uow.campaigns.list()
    first = map_campaign(campaigns, None)
    return [c.name for c in sorted(campaigns, key=lambda c: (c is not first, c.name.casefold()))]


@dataclass(frozen=True)
class PathStep:
    """One person on a path, and the tie that led to them (``None`` for the first)."""

    person_id: int
    name: str
    tie_id: int | None
    tie_kind: str | None
    weight: float | None


@dataclass(frozen=True)
class StrongestPath:
    """The strongest chain of ties from one person to another.

    ``strength`` is the product of the tie weights along it (1 for a person to themselves).
    """

    steps: list[PathStep]
    strength: float

    @property
    def person_ids(self) -> list[int]:
        """The people on the path, in order."""
        return [s.person_id for s in self.steps]

    @property
    def tie_ids(self) -> list[int]:
        """The ties the path uses, in order."""
        return [s.tie_id for s in self.steps if s.tie_id is not None]


def strongest_chain(
    ties: Iterable[Tie], source: int, target: int, *, as_of: date
) -> tuple[list[tuple[int, Tie | None]], float] | None:
    """The strongest chain of ties valid on ``as_of``, each usable both ways.

    Returns the people (each with the tie that reached them) and the product of weights,
    or ``None`` when no chain joins the two.
    """
    best_tie: dict[tuple[int, int], Tie] = {}
    people = {source, target}
    for t in ties:
        if t.weight <= 0 or not t.is_valid_on(as_of):
            continue
        people.update((t.source_id, t.target_id))
        for a, b in ((t.source_id, t.target_id), (t.target_id, t.source_id)):
            if (a, b) not in best_tie or t.weight > best_tie[(a, b)].weight:
                best_tie[(a, b)] = t
    graph = WeightedDigraph.from_edges(
        sorted(people), ((a, b, t.weight) for (a, b), t in best_tie.items())
    )
    found = warm_path(graph, graph.index_of(source), graph.index_of(target))
    if found is None:
        return None
    ids = found.ids(graph)
    chain: list[tuple[int, Tie | None]] = [(ids[0], None)]
    chain += [(b, best_tie[(a, b)]) for a, b in pairwise(ids)]
    return chain, found.strength


def strongest_path(
    uow: UnitOfWork, target: str, *, source: str = "me", as_of: date | None = None
) -> StrongestPath:
    """The strongest warm-introduction path from ``source`` (me by default) to ``target``.

    Raises
    ------
    allies.errors.NotFound
        When either person is unknown, or no chain of current ties joins them.
    """
    as_of = as_of or date.today()
    with uow:
        start = resolve_person(uow, source)
        end = resolve_person(uow, target)
        ties = uow.ties.list()
        names = {p.id: p.name for p in uow.people.list()}
    if start.id is None or end.id is None:
        raise InvalidInput("Both people must be stored records.", field="target")
    found = strongest_chain(ties, start.id, end.id, as_of=as_of)
    if found is None:
        raise NotFound(
            f"No chain of ties joins {start.name} and {end.name} yet.",
            hint="Record who knows whom (a tie) to open a path.",
        )
    chain, strength = found
    steps = [
        PathStep(
            person_id=pid,
            name=names.get(pid, f"#{pid}"),
            tie_id=tie.id if tie else None,
            tie_kind=tie.kind.value if tie else None,
            weight=tie.weight if tie else None,
        )
        for pid, tie in chain
    ]
    return StrongestPath(steps=steps, strength=strength)
