"""What the map shows, and only that: an overview, a cluster opened, a person's circle.

A network of a few hundred people is drawn whole. A larger one would be a hairball (and
megabytes to send), so the map starts from an *overview*: one circle per cluster (a
community of the listens-to graph, or a unit), sized by its members and placed at their
middle, with the most influential people drawn on their own, and between them the ties
(person to person) or how many ties join them (to and between clusters). Opening a
cluster draws its people (the most influential first, up to a limit); a *focus* draws a
person and everyone within one or two ties of them.

On a network of more than :data:`INLINE_UP_TO` people, working out the communities, the
layout and the clusters' places after a change takes seconds; with ``wait=False`` the
view never does it while someone waits and raises :class:`MapNotReady` instead (the
background work keeps them, :func:`allies.services.network.map_data.keep_map`); up to
that size everything is worked out at once.

Everything comes from what is kept between views: the influence rank, the communities
(:func:`allies.services.influence.groups.network_communities`) and the layout
(:func:`allies.services.influence.layout.map_layout_in`) of the network loaded once
(:func:`allies.services.influence.loading.load_influence_network`); the ties are handled as
arrays, and only the ties drawn become objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.errors import InvalidInput, NotFound
from allies.services.context import TODAY, Lens
from allies.services.influence.loading import load_influence_network
from allies.services.network.map import MapEdge, MapNode
from allies.services.network.map_data import (
    IntArray,
    MapData,
    clusters_by,
    kept_places,
    map_data_of,
    map_kept,
)
from allies.services.network.map_layers import UNKNOWN, campaign_sides, map_campaign
from allies.services.ports import UnitOfWork

__all__ = [
    "EVERYONE_UP_TO",
    "INLINE_UP_TO",
    "MapCluster",
    "MapLink",
    "MapNotReady",
    "MapView",
    "SideTotal",
    "ViewNode",
    "map_view",
]

#: A network of up to this many people is drawn whole (no overview needed).
EVERYONE_UP_TO = 500
#: Up to this many people what the map needs is worked out while the view waits (well
#: under a second); beyond, ``map_view(wait=False)`` never does (see :class:`MapNotReady`).
INLINE_UP_TO = 500
#: The most influential people the overview draws on their own.
TOP = 100
#: The most people an opened cluster or a circle adds (the most influential first).
LIMIT = 1500
#: The most links (to and between clusters) an answer carries, the most ties first.
MOST_LINKS = 600
LEVELS = ("overview", "everyone")
BY = ("group", "unit")


class MapNotReady(Exception):
    """The map of the network as it is now is not worked out yet (a large network just
    changed, or never drawn): ask the background work for it and look again shortly."""

    def __init__(self, people: int) -> None:
        super().__init__(f"the map of {people} people is being drawn")
        self.people = people


@dataclass(frozen=True)
class ViewNode(MapNode):
    """A person on the map, with the cluster (``group:3``, ``unit:12``) they belong to and
    their place in the influence ranking (1 for the most listened to)."""

    cluster: str = ""
    place: int = 0


@dataclass(frozen=True)
class MapCluster:
    """A cluster of the overview: a disc of the map, its people drawn inside it; those
    not drawn on their own stand as the disc.

    ``size`` counts every member, ``hidden`` those inside the circle (the rest are drawn
    on their own); ``x``, ``y`` and ``radius`` give the disc its people are drawn in;
    ``top`` names the most influential members; ``influence`` adds up their influence
    rank.
    """

    key: str
    name: str
    size: int
    hidden: int
    influence: float
    x: float | None
    y: float | None
    radius: float
    top: list[str]


@dataclass(frozen=True)
class MapLink:
    """How many ties join two things on the map (a person's id or a cluster's key)."""

    source: str
    target: str
    ties: int


@dataclass(frozen=True)
class SideTotal:
    """How many people take a side on the campaign shown, and their share of influence."""

    side: str
    people: int
    influence: float


@dataclass(frozen=True)
class MapView:
    """What the map draws now, and how it relates to the whole network."""

    level: str
    by: str
    nodes: list[ViewNode]
    edges: list[MapEdge]
    clusters: list[MapCluster]
    links: list[MapLink]
    units: list[str]
    kinds: list[str]
    sized_by: str
    people: int
    ties: int
    groups: list[str] = field(default_factory=list)
    campaign: str = ""
    campaigns: list[str] = field(default_factory=list)
    sides: list[SideTotal] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    focus: int | None = None
    circle: list[int] = field(default_factory=list)
    left_out: int = 0


def _circle(data: MapData, focus: int, depth: int) -> tuple[IntArray, int]:
    """The person at ``focus`` (index) and everyone within ``depth`` ties of them (either
    way, any tie), closest then most influential first, and how many were left out."""
    n = len(data.ids)
    ones = np.ones(len(data.source), dtype=np.int8)
    adjacency = sp.csr_array((ones, (data.source, data.target)), shape=(n, n))
    adjacency = sp.csr_array(adjacency + adjacency.T)
    rings = [np.asarray([focus], dtype=np.int64)]
    seen = np.zeros(n, dtype=bool)
    seen[focus] = True
    for _ in range(depth):
        rows = rings[-1]
        starts, stops = adjacency.indptr[rows], adjacency.indptr[rows + 1]
        reached = np.unique(
            np.concatenate([adjacency.indices[a:b] for a, b in zip(starts, stops, strict=True)])
            if len(rows)
            else np.zeros(0, dtype=np.int64)
        ).astype(np.int64)
        reached = reached[~seen[reached]]
        seen[reached] = True
        rings.append(reached[np.lexsort((data.ids[reached], -data.rank[reached]))])
    everyone = np.concatenate(rings)
    return everyone[:LIMIT], max(0, len(everyone) - LIMIT)


def _links(
    data: MapData, shown: npt.NDArray[np.bool_], cluster: IntArray, keys: list[str]
) -> list[MapLink]:
    """Ties to and between clusters, counted (the pairs with most ties first)."""
    n = len(data.ids)
    rep = np.where(shown, np.arange(n), n + cluster)
    a, b = rep[data.source], rep[data.target]
    keep = (a != b) & ~(shown[data.source] & shown[data.target])
    low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    pairs, counts = np.unique(low * (n + len(keys)) + high, return_counts=True)
    order = np.lexsort((pairs, -counts))[:MOST_LINKS]

    def name(end: int) -> str:
        return str(int(data.ids[end])) if end < n else keys[end - n]

    width = n + len(keys)
    return [
        MapLink(name(int(pairs[i]) // width), name(int(pairs[i]) % width), int(counts[i]))
        for i in order.tolist()
    ]


def _checked(level: str, by: str, depth: int, top: int) -> None:
    if level not in LEVELS:
        raise InvalidInput(f"Level must be overview or everyone, not {level!r}.", field="level")
    if by not in BY:
        raise InvalidInput(f"Clusters are by group or unit, not {by!r}.", field="by")
    if depth not in (1, 2):
        raise InvalidInput("A circle reaches one or two steps out (depth 1 or 2).", field="depth")
    if top < 0:
        raise InvalidInput("Show zero or more people on their own (top).", field="top")


def map_view(
    uow: UnitOfWork,
    lens: Lens = TODAY,
    *,
    level: str = "overview",
    by: str = "group",
    top: int | None = None,
    opened: Sequence[str] = (),
    focus: int | None = None,
    depth: int = 1,
    people: Sequence[int] = (),
    campaign: str | None = None,
    wait: bool = True,
) -> MapView:
    """What the map draws: everyone in a small network, else an overview with the
    clusters ``opened`` drawn person by person and the circle of ``focus``.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work (entered here).
    lens : Lens
        The day ties and observations are weighed on.
    level : {"overview", "everyone"}
        ``everyone`` draws every person and tie whatever the size (slow on a large
        network); ``overview`` draws everyone only up to :data:`EVERYONE_UP_TO` people.
    by : {"group", "unit"}
        What the overview's clusters are: communities or units.
    top : int, optional
        How many of the most influential people the overview draws on their own
        (:data:`TOP` by default).
    opened : sequence of str
        Keys of clusters (``group:3``, ``unit:12``) to draw person by person.
    focus : int, optional
        A person (id) to draw with everyone within ``depth`` ties of them.
    depth : int
        1 or 2.
    people : sequence of int
        People (ids) to draw on their own too, such as those on a path.
    campaign : str, optional
        The campaign whose sides the people carry (the active one decided soonest by
        default).
    wait : bool
        Work out what is not kept even on a large network (the default); when False, a
        network of more than :data:`INLINE_UP_TO` people whose map is not kept raises
        :class:`MapNotReady` instead.

    Returns
    -------
    MapView

    Raises
    ------
    MapNotReady
        With ``wait`` false, when the map of a large network is not worked out yet.
    allies.errors.InvalidInput
        A level, ``by``, depth or cluster key that does not exist.
    allies.errors.NotFound
        No one has the ``focus`` id.
    """
    top = TOP if top is None else top
    _checked(level, by, depth, top)
    network = load_influence_network(uow, lens, with_campaigns=True)
    if not wait and len(network.ids) > INLINE_UP_TO and not map_kept(network, by):
        raise MapNotReady(len(network.ids))
    data = map_data_of(network)
    net = data.net
    n = len(data.ids)
    cluster, keys, names = clusters_by(data, by)
    known = set(keys)
    bad = [key for key in opened if key not in known]
    if bad:
        raise InvalidInput(
            f"There is no cluster {bad[0]!r} (clusters are by {by}).", field="cluster"
        )
    whole = level == "everyone" or n <= EVERYONE_UP_TO
    shown = np.ones(n, dtype=bool) if whole else np.zeros(n, dtype=bool)
    left_out = 0
    if not whole:
        best = np.lexsort((data.ids, -data.rank))
        shown[best[:top]] = True
        shown[data.me] = True
        budget = LIMIT
        for key in opened:
            members = np.flatnonzero(cluster == keys.index(key))
            members = members[np.lexsort((data.ids[members], -data.rank[members]))]
            shown[members[:budget]] = True
            left_out += max(0, len(members) - budget)
            budget = max(0, budget - len(members))
    wanted = np.asarray([pid for pid in people if pid in net.people], dtype=np.int64)
    shown[np.searchsorted(data.ids, wanted)] = True
    circle: IntArray = np.zeros(0, dtype=np.int64)
    if focus is not None:
        if focus not in net.people:
            raise NotFound(
                f"No one on the map has the id {focus}.",
                hint="Pick the person from the suggestions.",
            )
        circle, cut = _circle(data, int(np.searchsorted(data.ids, focus)), depth)
        shown[circle] = True
        left_out += cut
    return _view(
        data,
        shown,
        cluster,
        keys,
        names,
        whole=whole,
        by=by,
        campaign=campaign,
        uow=uow,
        opened=list(opened),
        focus=focus,
        circle=circle,
        left_out=left_out,
    )


def _view(
    data: MapData,
    shown: npt.NDArray[np.bool_],
    cluster: IntArray,
    keys: list[str],
    names: list[str],
    *,
    whole: bool,
    by: str,
    campaign: str | None,
    uow: UnitOfWork,
    opened: list[str],
    focus: int | None,
    circle: IntArray,
    left_out: int,
) -> MapView:
    net = data.net
    n = len(data.ids)
    tie = data.tie
    day = net.as_of.toordinal()
    centre, radius, xy = (
        (None, None, data.xy) if whole else kept_places(data, by, cluster, len(keys))
    )
    in_degree = np.bincount(data.target, minlength=n)
    has_evidence = bool(tie["evidence"].sum()) and n > 1
    top_rank = float(data.rank.max()) if n else 0.0
    top_degree = int(in_degree.max()) if n else 0
    if has_evidence and top_rank > 0:
        sizes = data.rank / top_rank
    else:
        sizes = in_degree / top_degree if top_degree else np.zeros(n)
    with uow:
        organisations = {o.id: o.name for o in uow.organisations.list()}
        drawn_ids = data.ids[shown].tolist()
        everyone = {p.id: p for p in uow.people.several(drawn_ids)}
        chosen = map_campaign(net.campaigns, campaign)
        stances = (
            [
                s
                for issue in chosen.issues
                if issue.id
                for s in uow.stances.current_for_issue(issue.id)
            ]
            if chosen
            else []
        )
    sides = campaign_sides(chosen, stances) if chosen else None
    places = net.positions if n else np.zeros(0, dtype=np.int64)
    nodes = []
    for i in np.flatnonzero(shown).tolist():
        pid = int(data.ids[i])
        p = everyone.get(pid) or net.people[pid]
        nodes.append(
            ViewNode(
                id=pid,
                name=p.name,
                title=p.title,
                unit=net.units.get(p.unit_id or 0, ""),
                organisation=organisations.get(p.organisation_id, ""),
                level=p.level.value if p.level else "",
                is_me=p.is_me,
                influence=float(data.rank[i]),
                in_degree=int(in_degree[i]),
                size=round(float(sizes[i]), 4),
                group=int(data.group[i]),
                side=sides.side.get(pid, UNKNOWN) if sides else "",
                x=float(xy[i, 0]),
                y=float(xy[i, 1]),
                cluster=keys[int(cluster[i])] if len(keys) else "",
                place=int(places[i]),
            )
        )
    drawn = np.flatnonzero(shown[data.source] & shown[data.target])
    kinds = [str(k) for k in tie["kinds"].tolist()]
    start, end = tie["valid_from"][drawn], tie["valid_to"][drawn]
    current = ((start == 0) | (start <= day)) & ((end == 0) | (day <= end))
    edges = [
        MapEdge(
            id=int(tie["id"][i]),
            source=int(data.ids[tie["source"][i]]),
            target=int(data.ids[tie["target"][i]]),
            kind=kinds[int(tie["kind"][i])],
            weight=float(tie["weight"][i]),
            confidence=float(tie["confidence"][i]),
            current=bool(now),
        )
        for i, now in zip(drawn.tolist(), current.tolist(), strict=True)
    ]
    clusters: list[MapCluster] = []
    links: list[MapLink] = []
    if centre is not None and radius is not None:
        clusters = _clusters(data, shown, cluster, (keys, names), (centre, radius))
        links = _links(data, shown, cluster, keys)
    totals = _sides(data, sides.side if sides else None)
    unit_names = {net.units.get(u, "") for u in np.unique(data.unit).tolist()}
    return MapView(
        level="everyone" if whole else "overview",
        by=by,
        nodes=nodes,
        edges=edges,
        clusters=clusters,
        links=links,
        units=sorted((u for u in unit_names if u), key=str.casefold),
        kinds=kinds,
        sized_by="influence" if has_evidence else "in-degree",
        people=n,
        ties=int(tie["evidence"][0]),
        groups=list(data.group_names),
        campaign=sides.name if sides else "",
        campaigns=[c.name for c in net.campaigns],
        sides=totals,
        opened=opened,
        focus=focus,
        circle=[int(data.ids[i]) for i in circle.tolist()],
        left_out=left_out,
    )


def _clusters(
    data: MapData,
    shown: npt.NDArray[np.bool_],
    cluster: IntArray,
    named: tuple[list[str], list[str]],
    discs: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]],
) -> list[MapCluster]:
    keys, names = named
    centre, radius = discs
    count = len(keys)
    size = np.bincount(cluster, minlength=count)
    hidden = np.bincount(cluster[~shown], minlength=count)
    influence = np.bincount(cluster, weights=data.rank, minlength=count)
    order = np.lexsort((data.ids, -data.rank, cluster))
    starts = np.searchsorted(cluster[order], np.arange(count))
    found = []
    for c in np.flatnonzero(size).tolist():
        best = order[starts[c] : starts[c] + 3]
        found.append(
            MapCluster(
                key=keys[c],
                name=names[c],
                size=int(size[c]),
                hidden=int(hidden[c]),
                influence=float(influence[c]),
                x=float(centre[c, 0]),
                y=float(centre[c, 1]),
                radius=float(radius[c]),
                top=[data.name(i) for i in best.tolist()],
            )
        )
    return found


def _sides(data: MapData, side: dict[int, str] | None) -> list[SideTotal]:
    """Everyone's side on the campaign, counted with their share of the influence."""
    if side is None:
        return []
    total = float(data.rank.sum()) or 1.0
    everyone = np.asarray([side.get(pid, UNKNOWN) for pid in data.ids.tolist()], dtype=object)
    found = []
    for name in ("for", "against", "undecided", UNKNOWN):
        at = everyone == name
        found.append(SideTotal(name, int(at.sum()), float(data.rank[at].sum()) / total))
    return found
