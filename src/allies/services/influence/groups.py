"""Brokers and communities of the listens-to network, with the people behind them.

Brokers sit on the strongest chains between others: betweenness [1]_ counts the strongest
listens-to chains (edge length ``−log(weight)``, either direction) between other people
that pass through a person, exactly for networks of up to ``exact_up_to`` people and from
sampled pivots beyond, with the Hoeffding error bound of Brandes and Pich [2]_. Burt's
constraint and effective size [3]_ say whether a person's contacts are tied to each other
(little brokerage) or not. Communities come from Louvain [4]_ on the symmetrised graph,
seeded so the same seed gives the same groups.

References
----------
.. [1] Brandes, U. (2001). "A faster algorithm for betweenness centrality". *Journal of
   Mathematical Sociology* 25(2):163-177.
.. [2] Brandes, U. and Pich, C. (2007). "Centrality estimation in large networks".
   *International Journal of Bifurcation and Chaos* 17(7):2303-2318.
.. [3] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
   Harvard University Press.
.. [4] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). "Fast
   unfolding of communities in large networks". *Journal of Statistical Mechanics* P10008.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import scipy.sparse as sp

from allies.errors import InvalidInput
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.kept import (
    kept_betweenness,
    kept_brokerage,
    network_betweenness,
    network_brokerage,
    network_communities,
)
from allies.services.influence.loading import load_influence_network
from allies.services.ports import UnitOfWork

__all__ = [
    "Broker",
    "BrokerReport",
    "Community",
    "CommunityMember",
    "CommunityReport",
    "brokers",
    "brokers_in",
    "communities",
    "communities_in",
    "kept_brokers_in",
    "network_betweenness",
    "network_brokerage",
    "network_communities",
]


@dataclass(frozen=True)
class Broker:
    """Someone who stands between others.

    Attributes
    ----------
    position : int
        Place by betweenness (1 first).
    betweenness : float
        Share of the strongest chains between other pairs that pass through them
        (normalised by ``(n − 1)(n − 2)``).
    constraint : float or None
        Burt's constraint, ``Σ_v (p_uv + Σ_w p_uw p_wv)²``; low means open, brokering
        contacts (None for someone with no ties).
    effective_size : float or None
        Contacts minus their redundancy (Burt); high means many non-redundant contacts.
    contacts : int
        People they listen to or who listen to them.
    communities_spanned : int
        How many communities their contacts belong to.
    between : tuple of str
        Their strongest contact in each of the communities they reach, strongest first.
    """

    position: int
    id: int
    name: str
    title: str
    unit: str
    betweenness: float
    constraint: float | None
    effective_size: float | None
    contacts: int
    communities_spanned: int
    between: tuple[str, ...]


@dataclass(frozen=True)
class BrokerReport:
    """The brokers and how their betweenness was obtained.

    ``exact`` is False when pivots were sampled; then, with probability at least
    ``1 − failure_probability``, every betweenness is within ``error_bound`` of the exact
    value (``pivots`` says how many were used).
    """

    as_of: date
    people: int
    exact: bool
    pivots: int
    error_bound: float
    failure_probability: float
    method: str
    brokers: list[Broker]
    #: When the betweenness was computed, and whether of the network as it is now (False:
    #: the newest result of an earlier state, shown while the current one is worked out).
    computed_at: datetime | None = None
    current: bool = True


@dataclass(frozen=True)
class CommunityMember:
    """A member of a community, with their influence rank."""

    id: int
    name: str
    title: str
    unit: str
    influence: float


@dataclass(frozen=True)
class Community:
    """A group more tied to each other than to the rest.

    ``leader`` is the member with the highest influence rank, ``units`` the units the
    members come from ("Finance (4)"), ``inside`` the share of the members' listens-to
    weight that stays inside the group.
    """

    number: int
    size: int
    leader: str
    units: list[str]
    inside: float
    members: list[CommunityMember]


@dataclass(frozen=True)
class CommunityReport:
    """A partition of the network into communities, with its modularity and seed."""

    as_of: date
    people: int
    seed: int
    modularity: float
    levels: int
    method: str
    communities: list[Community]


def _none_if_nan(value: float) -> float | None:
    return None if math.isnan(value) else value


def brokers(
    uow: UnitOfWork,
    *,
    top: int | None = 10,
    pivots: int | None = None,
    exact_up_to: int = 2000,
    seed: int = 0,
    lens: Lens = TODAY,
) -> BrokerReport:
    """The people who stand between others in the listens-to network.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace to read.
    top : int or None
        How many brokers to return (None for everyone).
    pivots : int, optional
        Sample this many pivot sources instead of computing betweenness exactly.
    exact_up_to : int
        Without ``pivots``: exact up to this many people, else 500 sampled pivots.
    seed : int
        Seed of the pivot sample and of the communities used to explain each broker.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    BrokerReport
        Ordered by betweenness, then effective size.
    """
    network = load_influence_network(uow, lens)
    return brokers_in(network, top=top, pivots=pivots, exact_up_to=exact_up_to, seed=seed)


def brokers_in(
    network: InfluenceNetwork,
    *,
    top: int | None = 10,
    pivots: int | None = None,
    exact_up_to: int = 2000,
    seed: int = 0,
) -> BrokerReport:
    """:func:`brokers` on a network already loaded (computing what is not kept)."""
    report = _brokers_in(network, top, pivots, exact_up_to, seed, wait=True)
    assert report is not None
    return report


def kept_brokers_in(
    network: InfluenceNetwork,
    *,
    top: int | None = 10,
    pivots: int | None = None,
    exact_up_to: int = 2000,
    seed: int = 0,
) -> BrokerReport | None:
    """:func:`brokers_in` from the kept analyses only, never computing the slow ones:
    the brokers of the network as it is now, else of the newest state worked out (its
    ``computed_at`` says when, ``current`` is False), else None (nothing worked out yet;
    see :func:`allies.services.influence.kept.refresh_soon`)."""
    return _brokers_in(network, top, pivots, exact_up_to, seed, wait=False)


def _brokers_in(
    network: InfluenceNetwork,
    top: int | None,
    pivots: int | None,
    exact_up_to: int,
    seed: int,
    *,
    wait: bool,
) -> BrokerReport | None:
    if top is not None and top < 1:
        raise InvalidInput("Show at least one (top must be 1 or more).", field="top")
    graph = network.graph
    n = graph.n
    if pivots is not None and not 2 <= pivots <= max(n, 2):
        raise InvalidInput(f"Pivots must be between 2 and {n}, not {pivots}.", field="pivots")
    if n == 0:
        return BrokerReport(network.as_of, 0, True, 0, 0.0, 0.05, "nobody to compare", [])
    k = pivots if pivots is not None and pivots < n else None
    computed_at, current = None, True
    if wait:
        between = network_betweenness(network, k=k, exact_up_to=exact_up_to, seed=seed)
        held, size = network_brokerage(network)
    else:
        found = kept_betweenness(network, k=k, exact_up_to=exact_up_to, seed=seed)
        burt = kept_brokerage(network)
        if found is None or burt is None:
            return None
        between, (held, size) = found.value, burt.value
        computed_at, current = found.computed_at, found.current and burt.current
    labels = network_communities(network, seed=seed).labels
    mutual = sp.csr_array(graph.weights + graph.weights.T)
    order = np.lexsort((np.asarray(network.ids), -np.nan_to_num(size), -between.values))
    rows: list[Broker] = []
    for place, index in enumerate(order[: n if top is None else top].tolist(), start=1):
        start, stop = mutual.indptr[index], mutual.indptr[index + 1]
        contacts = np.asarray(mutual.indices[start:stop])
        strengths = np.asarray(mutual.data[start:stop])
        strongest: dict[int, tuple[float, int]] = {}
        for contact, strength in zip(contacts.tolist(), strengths.tolist(), strict=True):
            group = int(labels[contact])
            if group not in strongest or strength > strongest[group][0]:
                strongest[group] = (strength, contact)
        reps = sorted(strongest.values(), key=lambda x: (-x[0], x[1]))
        pid = network.ids[index]
        rows.append(
            Broker(
                position=place,
                id=pid,
                name=network.name(pid),
                title=network.title(pid),
                unit=network.unit_of(pid),
                betweenness=float(between.values[index]),
                constraint=_none_if_nan(float(held[index])),
                effective_size=_none_if_nan(float(size[index])),
                contacts=len(contacts),
                communities_spanned=len(strongest),
                between=tuple(network.name(network.ids[c]) for _, c in reps[:4]),
            )
        )
    method = (
        "betweenness over the strongest listens-to chains (length −log weight, either "
        "direction), Brandes' algorithm, "
        + ("exact" if between.exact else f"{len(between.sources)} sampled pivots")
        + "; Burt's constraint and effective size on the mutual weights w_uv + w_vu"
    )
    return BrokerReport(
        as_of=network.as_of,
        people=n,
        exact=between.exact,
        pivots=len(between.sources),
        error_bound=between.error_bound,
        failure_probability=between.failure_probability,
        method=method,
        brokers=rows,
        computed_at=computed_at,
        current=current,
    )


def communities(
    uow: UnitOfWork,
    *,
    seed: int = 0,
    lens: Lens = TODAY,
) -> CommunityReport:
    """Groups of people who listen to each other more than to the rest.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace to read.
    seed : int
        Seed of Louvain's node order; the same seed gives the same groups.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    CommunityReport
        Largest community first; members by influence rank.
    """
    network = load_influence_network(uow, lens)
    return communities_in(network, seed=seed)


def communities_in(
    network: InfluenceNetwork, *, seed: int = 0, members: int | None = None
) -> CommunityReport:
    """:func:`communities` on a network already loaded.

    ``members`` keeps only the most influential few members of each community (its
    ``size`` still counts all); None keeps everyone.
    """
    graph = network.graph
    found = network_communities(network, seed=seed)
    undirected = sp.csr_array(graph.symmetrized("sum").weights)
    strength = np.asarray(undirected.sum(axis=1), dtype=np.float64).reshape(-1)
    labels = found.labels
    rows = np.repeat(np.arange(graph.n, dtype=np.int64), np.diff(undirected.indptr))
    same = labels[rows] == labels[undirected.indices]
    inside_by = np.bincount(
        labels[rows[same]], weights=undirected.data[same], minlength=found.count
    )
    total_by = np.bincount(labels, weights=strength, minlength=found.count)
    ids = np.asarray(network.ids, dtype=np.int64)
    # Everyone by community, then influence (highest first), then id.
    order = np.lexsort((ids, -network.rank, labels))
    starts = np.searchsorted(labels[order], np.arange(found.count + 1))
    unit_names = [network.unit_of(pid) or "no unit" for pid in network.ids]
    groups: list[Community] = []
    for number in range(found.count):
        ordered = order[starts[number] : starts[number + 1]].tolist()
        if not ordered:
            continue
        units = Counter(unit_names[i] for i in ordered)
        shown = ordered if members is None else ordered[:members]
        people = [
            CommunityMember(
                id=network.ids[i],
                name=network.name(network.ids[i]),
                title=network.title(network.ids[i]),
                unit=network.unit_of(network.ids[i]),
                influence=float(network.rank[i]),
            )
            for i in shown
        ]
        total = float(total_by[number])
        groups.append(
            Community(
                number=0,
                size=len(ordered),
                leader=people[0].name,
                units=[f"{unit} ({count})" for unit, count in units.most_common()],
                inside=float(inside_by[number]) / total if total > 0 else 0.0,
                members=people,
            )
        )
    groups.sort(key=lambda c: (-c.size, -c.members[0].influence, c.leader))
    numbered = [
        Community(i, c.size, c.leader, c.units, c.inside, c.members)
        for i, c in enumerate(groups, start=1)
    ]
    return CommunityReport(
        as_of=network.as_of,
        people=graph.n,
        seed=seed,
        modularity=found.modularity,
        levels=found.levels,
        method="Louvain modularity optimisation on w_ij + w_ji, seeded; disconnected "
        "groups split into their connected parts",
        communities=numbered,
    )
