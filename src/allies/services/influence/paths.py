"""Warm paths to anyone, and the people a target trusts ("speak to someone they trust").

A warm path runs along current ties, each usable both ways, from me to the target. Each
hop counts the tie's stated weight scaled by how warm the relationship is,
``w × (1 + h) / 2`` with ``h`` the health of my relationship with the other end when the
hop is mine (recency, frequency, favours, promises, tone from the keep records) and 0
otherwise (:func:`allies.analysis.paths.warm_weights`): a reporting line nobody uses keeps
half its weight. A path's strength is the product of its hops, so the strongest path is the
shortest with edge length ``−log`` (Dijkstra [1]_); alternatives are the next strongest
loopless paths (Yen [2]_). A target's confidants are the people the target trusts or takes the lead
of (stated ties and observations, but not mere acquaintance), closest to me first.

References
----------
.. [1] Dijkstra, E. W. (1959). "A note on two problems in connexion with graphs".
   *Numerische Mathematik* 1:269-271.
.. [2] Yen, J. Y. (1971). "Finding the K shortest loopless paths in a network".
   *Management Science* 17(11):712-716.
.. [3] Granovetter, M. S. (1973). "The strength of weak ties". *American Journal of
   Sociology* 78(6):1360-1380.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import numpy as np
import scipy.sparse as sp

from allies.analysis.graph import WeightedDigraph
from allies.analysis.paths import WarmPath, k_strongest_paths, warm_weights
from allies.analysis.paths import confidants as find_confidants
from allies.errors import InvalidInput
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import (
    PHRASES,
    EvidenceItem,
    InfluenceNetwork,
)
from allies.services.influence.loading import load_influence_network
from allies.services.influence.path_options import Hop, PathOption
from allies.services.keep.health import health_shares
from allies.services.keep.snapshot import load_snapshot
from allies.services.ports import UnitOfWork

__all__ = [
    "ConfidantRow",
    "Confidants",
    "Hop",
    "PathOption",
    "WarmPaths",
    "Warmth",
    "confidants",
    "path_option",
    "relationship_warmth",
    "warm_graph",
    "warm_path",
]

PATH_METHOD = (
    "strength = product of the hops along the path (current ties, either direction, the "
    "strongest tie on each pair); each hop counts w × (1 + h) / 2, w the tie's stated weight "
    "and h the health of your relationship with the other end when the hop is yours (0 "
    "otherwise, and 0 without enough evidence), so a tie no record shows in use keeps half "
    "its weight; the strongest path minimises Σ −log(hop) (Dijkstra), alternatives by Yen's "
    "k shortest loopless paths"
)


@dataclass(frozen=True)
class Warmth:
    """How warm my relationships are: the health share (0-1) of each one with enough
    evidence for a score, by person id. Empty (and ``me_id`` None) when nothing is known,
    and then every hop keeps half its stated weight."""

    me_id: int | None = None
    health: Mapping[int, float] = field(default_factory=dict)


def relationship_warmth(uow: UnitOfWork, lens: Lens = TODAY) -> Warmth:
    """The warmth of my relationships on the lens's day, from the keep records
    (interactions, favours, promises: :func:`allies.services.keep.health.health_shares`)."""
    snapshot = load_snapshot(uow)
    if snapshot.me_id is None:
        return Warmth()
    return Warmth(snapshot.me_id, health_shares(snapshot, lens.day))


def warm_graph(
    network: InfluenceNetwork, warmth: Warmth, *, avoiding: int | None = None
) -> WeightedDigraph:
    """The introduction graph with warm hop weights (see
    :func:`allies.analysis.paths.warm_weights`), optionally with every tie of one person
    (``avoiding``) left out."""
    graph = network.introduction_graph
    mine = warmth.me_id
    me = graph.index_of(mine) if mine is not None and mine in graph else None
    h = np.full(graph.n, np.nan)
    for pid, share in warmth.health.items():
        if pid in graph:
            h[graph.index_of(pid)] = share
    warm = warm_weights(graph, me, h)
    if avoiding is None or avoiding not in graph:
        return warm
    keep = np.ones(graph.n)
    keep[graph.index_of(avoiding)] = 0.0
    mask = sp.dia_array((keep, 0), shape=(graph.n, graph.n))
    return WeightedDigraph(sp.csr_array(mask @ warm.weights @ mask), graph.ids)


@dataclass(frozen=True)
class WarmPaths:
    """The strongest warm paths from ``source`` to ``target``, strongest first.

    ``paths`` is empty when no chain of current ties joins them; ``message`` then says so.
    """

    source: str
    target: str
    as_of: date
    paths: list[PathOption]
    method: str
    message: str


@dataclass(frozen=True)
class ConfidantRow:
    """Someone the target trusts, and how close they are to me.

    Attributes
    ----------
    trust : float
        Weight of "target trusts or listens to them" (0-1).
    because : str
        The kinds of evidence behind it, e.g. "trusts; deferred to ×2".
    evidence : list of EvidenceItem
        Each tie and observation behind the trust, and how much it counted.
    closeness : float
        Strength of my strongest path to them that avoids the target (1 if it is me, 0 if
        unreachable).
    path : PathOption or None
        That path; None when they cannot be reached.
    """

    position: int
    id: int
    name: str
    title: str
    trust: float
    because: str
    evidence: list[EvidenceItem]
    closeness: float
    path: PathOption | None


@dataclass(frozen=True)
class Confidants:
    """Whom ``target`` trusts, ranked by closeness to ``source``."""

    target: str
    source: str
    as_of: date
    confidants: list[ConfidantRow]
    method: str
    message: str


def path_option(network: InfluenceNetwork, found: WarmPath, number: int) -> PathOption:
    """The path ``found`` (the ``number``-th strongest) as people and hops, each with its
    tie and the product behind the strength."""
    ids = found.ids(network.introduction_graph)
    steps: list[Hop] = []
    so_far = 1.0
    for (a, b), strength in zip(pairwise(ids), found.ties, strict=True):
        so_far *= strength
        tie = network.tie_between(a, b)
        kind = tie.kind.value if tie else ""
        if tie is None:
            statement = ""
        else:
            phrase = PHRASES.get(kind, kind)
            statement = f"{network.name(tie.source_id)} {phrase} {network.name(tie.target_id)}"
        steps.append(
            Hop(
                from_id=a,
                from_name=network.name(a),
                to_id=b,
                to_name=network.name(b),
                strength=strength,
                so_far=so_far,
                stated=tie.weight if tie else strength,
                tie_id=tie.id if tie else None,
                tie_kind=kind,
                statement=statement,
            )
        )
    parts = " × ".join(f"{s:.2f}" for s in found.ties) or "1"
    return PathOption(
        number=number,
        strength=found.strength,
        hops=found.hops,
        people=[network.name(i) for i in ids],
        steps=steps,
        formula=f"{parts} = {found.strength:.3f}",
    )


def warm_path(
    uow: UnitOfWork,
    target: str,
    *,
    alternatives: int = 2,
    source: str = "me",
    lens: Lens = TODAY,
) -> WarmPaths:
    """The strongest warm-introduction path from ``source`` to ``target``, and alternatives.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace to read.
    target : str
        Whom to reach (name, e-mail or id).
    alternatives : int
        How many next-best paths to add (0 for the best only).
    source : str
        Where the path starts; ``me`` by default.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    WarmPaths
        Up to ``1 + alternatives`` paths, strongest first, each hop with its tie.

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        If either person cannot be found.
    allies.errors.InvalidInput
        If ``alternatives`` is negative.
    """
    network = load_influence_network(uow, lens)
    warmth = relationship_warmth(uow, lens)
    return warm_path_in(network, target, alternatives=alternatives, source=source, warmth=warmth)


def warm_path_in(
    network: InfluenceNetwork,
    target: str,
    *,
    alternatives: int = 2,
    source: str = "me",
    warmth: Warmth | None = None,
) -> WarmPaths:
    """:func:`warm_path` on a network already loaded; ``warmth`` is that of my
    relationships (:func:`relationship_warmth`; when omitted nothing is known and every
    hop keeps half its stated weight)."""
    if alternatives < 0:
        raise InvalidInput("The number of alternatives cannot be negative.", field="alternatives")
    start, end = network.person(source), network.person(target)
    graph = warm_graph(network, warmth or Warmth())
    found = k_strongest_paths(
        graph, graph.index_of(start.id or 0), graph.index_of(end.id or 0), 1 + alternatives
    )
    options = [path_option(network, path, number) for number, path in enumerate(found, start=1)]
    message = ""
    if not options:
        message = (
            f"No chain of current ties joins {start.name} and {end.name} yet. "
            "Record who knows whom to open a path."
        )
    return WarmPaths(
        source=start.name,
        target=end.name,
        as_of=network.as_of,
        paths=options,
        method=PATH_METHOD,
        message=message,
    )


def _because(evidence: list[EvidenceItem]) -> str:
    counted = Counter(
        PHRASES.get(e.kind, e.kind)
        for e in evidence
        if e.counted and e.effect == "adds" and e.weight > 0
    )
    opposed = sum(1 for e in evidence if e.effect == "discounts")
    parts = [k if n == 1 else f"{k} ×{n}" for k, n in counted.most_common()]
    if opposed:
        parts.append(f"opposed ×{opposed}" if opposed > 1 else "opposed")
    return "; ".join(parts)


def confidants(
    uow: UnitOfWork,
    target: str,
    *,
    source: str = "me",
    lens: Lens = TODAY,
) -> Confidants:
    """The people ``target`` trusts or listens to, closest to ``source`` first.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace to read.
    target : str
        The person to influence.
    source : str
        Whose closeness counts; ``me`` by default.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    Confidants
        Each confidant with the evidence of the target's trust, my closeness to them
        (strength of my strongest warm path that does not pass through the target) and
        that path. Ordered by closeness, then
        trust; people I cannot reach come last.
    """
    network = load_influence_network(uow, lens)
    return confidants_in(network, target, source=source, warmth=relationship_warmth(uow, lens))


def confidants_in(
    network: InfluenceNetwork,
    target: str,
    *,
    source: str = "me",
    warmth: Warmth | None = None,
) -> Confidants:
    """:func:`confidants` on a network already loaded (``warmth`` as in
    :func:`warm_path_in`)."""
    start, end = network.person(source), network.person(target)
    trust = network.trust_graph
    found = find_confidants(
        trust,
        trust.index_of(end.id or 0),
        trust.index_of(start.id or 0),
        path_graph=warm_graph(network, warmth or Warmth(), avoiding=end.id or 0),
    )
    rows: list[ConfidantRow] = []
    for position, c in enumerate(found, start=1):
        pid = network.ids[c.person]
        edge = network.trust_explanation.edge(end.id or 0, pid)
        evidence = [network.describe(x) for x in edge.contributions if x.weight > 0] if edge else []
        rows.append(
            ConfidantRow(
                position=position,
                id=pid,
                name=network.name(pid),
                title=network.people[pid].title,
                trust=c.trust,
                because=_because(evidence),
                evidence=evidence,
                closeness=c.closeness,
                path=None if c.path is None else path_option(network, c.path, 1),
            )
        )
    message = ""
    if not rows:
        message = (
            f"Nothing recorded says whom {end.name} trusts or listens to. Record a tie "
            f"saying whom {end.name} trusts, or what you saw them do in the room."
        )
    return Confidants(
        target=end.name,
        source=start.name,
        as_of=network.as_of,
        confidants=rows,
        method="confidants: whom the target trusts, listens to, reports to, defers to or asks "
        "for advice (stated ties and observations, fading with age; not works_with or knows); "
        "closeness: strength of the strongest warm path from "
        + start.name
        + " that does not pass through "
        + end.name
        + " (product of the hops, each its tie weight × (1 + health) / 2)",
        message=message,
    )
