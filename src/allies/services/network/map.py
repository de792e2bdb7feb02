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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from allies.analysis.evidence import (
    EvidenceWeights,
    listens_to_graph,
)
from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import influence_rank
from allies.analysis.paths import strongest_path as warm_path
from allies.domain import Observation, Person, Tie
from allies.errors import InvalidInput, NotFound
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import ATTENTION, DAMPING, observed_evidence, stated_ties
from allies.services.network.lookup import resolve_person
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
    """Everything the map draws; ``sized_by`` says what node sizes mean."""

    nodes: list[MapNode]
    edges: list[MapEdge]
    units: list[str]
    kinds: list[str]
    sized_by: str


def _listens_to_ranks(
    people: Sequence[Person],
    ties: Iterable[Tie],
    observations: Iterable[Observation],
    as_of: date,
    half_life_days: float,
) -> dict[int, float]:
    ids = [p.id or 0 for p in people]
    graph, _ = listens_to_graph(
        stated_ties(ties),
        observed_evidence(observations),
        as_of,
        ids=ids,
        weights=EvidenceWeights(half_life_days=half_life_days),
    )
    ranks = influence_rank(graph, DAMPING, attention=ATTENTION)
    return {graph.id_of(i): float(r) for i, r in enumerate(ranks)}


def network_map(uow: UnitOfWork, lens: Lens = TODAY) -> NetworkMap:
    """Every person and tie of the workspace, ready to draw.

    Parameters
    ----------
    lens
        The day ties and observations are weighed on (today by default) and how fast
        observations fade (the setting ``half_life_days``).
    """
    as_of = lens.day
    with uow:
        people = uow.people.list()
        ties = uow.ties.list()
        observations = uow.observations.list()
        units = {u.id: u.name for u in uow.units.list()}
        organisations = {o.id: o.name for o in uow.organisations.list()}
    in_degree = {p.id or 0: 0 for p in people}
    for t in ties:
        in_degree[t.target_id] = in_degree.get(t.target_id, 0) + 1
    ranks = _listens_to_ranks(people, ties, observations, as_of, lens.half_life_days)
    has_evidence = bool(ties or observations) and len(people) > 1
    top = max(ranks.values(), default=0.0)
    top_degree = max(in_degree.values(), default=0)
    nodes = []
    for p in people:
        pid = p.id or 0
        if has_evidence and top > 0:
            size = ranks.get(pid, 0.0) / top
        else:
            size = in_degree[pid] / top_degree if top_degree else 0.0
        nodes.append(
            MapNode(
                id=pid,
                name=p.name,
                title=p.title,
                unit=units.get(p.unit_id, ""),
                organisation=organisations.get(p.organisation_id, ""),
                level=p.level.value if p.level else "",
                is_me=p.is_me,
                influence=ranks.get(pid, 0.0),
                in_degree=in_degree[pid],
                size=round(size, 4),
            )
        )
    edges = [
        MapEdge(
            id=t.id or 0,
            source=t.source_id,
            target=t.target_id,
            kind=t.kind.value,
            weight=t.weight,
            confidence=t.confidence,
            current=t.is_valid_on(as_of),
        )
        for t in ties
    ]
    return NetworkMap(
        nodes=nodes,
        edges=edges,
        units=sorted({n.unit for n in nodes if n.unit}, key=str.casefold),
        kinds=sorted({e.kind for e in edges}),
        sized_by="influence" if has_evidence else "in-degree",
    )


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
