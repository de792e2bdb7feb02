"""Who moves the decision: influence rankings and the ear of the deciders, explained.

The use cases of the influence map. Each reads the workspace once
(:func:`~allies.services.influence.loading.load_influence_network`), runs the analyses of
:mod:`allies.analysis` on the arrays and returns plain dataclasses carrying names, the
numbers and what produced them (the people behind each score and the formula's parts).

- :func:`influencers`: the influence rank (PageRank of being listened to), in- and
  out-strength, and for a set of deciders how much each person's influence reaches them;
- :func:`~allies.services.influence.groups.brokers` and
  :func:`~allies.services.influence.groups.communities`;
- :func:`~allies.services.influence.paths.warm_path` and
  :func:`~allies.services.influence.paths.confidants`;
- :func:`~allies.services.influence.why.why`: the evidence behind one person's place.

References
----------
.. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The PageRank citation
   ranking: bringing order to the web". Stanford InfoLab technical report 1999-66.
.. [2] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings of WWW 2002*,
   517-526.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.influence import DecidersEar, deciders_ear
from allies.errors import InvalidInput
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import (
    ATTENTION,
    DAMPING,
    InfluenceNetwork,
)
from allies.services.influence.groups import (
    Broker,
    BrokerReport,
    Community,
    CommunityMember,
    CommunityReport,
    brokers,
    brokers_in,
    communities,
    communities_in,
    kept_brokers_in,
)
from allies.services.influence.loading import load_influence_network
from allies.services.influence.paths import (
    ConfidantRow,
    Confidants,
    Hop,
    PathOption,
    WarmPaths,
    Warmth,
    confidants,
    confidants_in,
    relationship_warmth,
    warm_path,
    warm_path_in,
)
from allies.services.influence.why import Followed, PersonWhy, WhyListener, why, why_in
from allies.services.ports import UnitOfWork

__all__ = [
    "Broker",
    "BrokerReport",
    "Community",
    "CommunityMember",
    "CommunityReport",
    "ConfidantRow",
    "Confidants",
    "Followed",
    "Hop",
    "InfluenceNetwork",
    "InfluenceRanking",
    "Influencer",
    "Listener",
    "PathOption",
    "PersonWhy",
    "WarmPaths",
    "Warmth",
    "WhyListener",
    "brokers",
    "brokers_in",
    "communities",
    "communities_in",
    "confidants",
    "confidants_in",
    "influencers",
    "influencers_at",
    "influencers_in",
    "kept_brokers_in",
    "load_influence_network",
    "relationship_warmth",
    "warm_path",
    "warm_path_in",
    "why",
    "why_in",
]

RANK_FORMULA = (
    "influence_j = (1 − d)/n + d · Σ_i influence_i · w_ij / max(1, out_i) + d · (unguided "
    "attention)/n (PageRank of being listened to, weights read as shares of attention, "
    "d = {d}); w_ij = (1 − Π(1 − a_k)) · Π(1 − a_o) over the evidence that i listens to j; "
    "a_k = factor × strength × 2^(−age / {h:g} days) for an observation, "
    "factor × weight × confidence for a tie"
)
EAR_FORMULA = (
    "ear_j = direct + indirect: the deciders' attention (PageRank restarting at the deciders, "
    "d = {d}, weights read as shares of attention as in the rank: attention not spent on "
    "anyone known returns to the deciders) that reaches j along listens-to edges; direct "
    "when a decider listens to j, indirect through people the deciders listen to"
)


@dataclass(frozen=True)
class Listener:
    """Someone who listens to a person, and how much of the person's score comes from it.

    ``share = d × score[listener] × weight / max(1, out_strength[listener])``, the flow along the
    edge in the PageRank equation.
    """

    id: int
    name: str
    weight: float
    share: float


@dataclass(frozen=True)
class Influencer:
    """One person in an influence ranking, with what puts them there.

    Attributes
    ----------
    position : int
        Place in this ranking (1 first).
    influence : float
        Influence rank (sums to 1 over everyone).
    influence_position : int
        Place by influence rank among everyone.
    in_strength, out_strength : float
        Sum of the weights of the listens-to edges into and out of them.
    listeners : int
        How many people listen to them.
    observations, ties : int
        How many observations and stated ties count towards being listened to.
    top_listeners : tuple of Listener
        Who contributes most to their influence.
    is_decider : bool
        Whether they are one of the deciders asked about.
    ear, ear_direct, ear_indirect : float or None
        The deciders' ear (``direct + indirect``) when deciders were given.
    heard_through : tuple of Listener
        Who carries the deciders' attention to them (largest flows first).
    """

    position: int
    id: int
    name: str
    title: str
    unit: str
    influence: float
    influence_position: int
    in_strength: float
    out_strength: float
    listeners: int
    observations: int
    ties: int
    top_listeners: tuple[Listener, ...]
    is_decider: bool = False
    ear: float | None = None
    ear_direct: float | None = None
    ear_indirect: float | None = None
    heard_through: tuple[Listener, ...] = ()


@dataclass(frozen=True)
class InfluenceRanking:
    """An influence ranking and how it was computed.

    ``ordered_by`` is ``"influence"`` or ``"deciders' ear"``; ``formula`` states what the
    numbers are.
    """

    as_of: date
    half_life_days: float
    damping: float
    people: int
    edges: int
    ordered_by: str
    deciders: tuple[str, ...]
    campaign: str | None
    influencers: list[Influencer]
    formula: str


def inflow(
    network: InfluenceNetwork,
    columns: sp.csc_array,
    score: npt.NDArray[np.float64],
    person: int,
    *,
    limit: int = 3,
) -> tuple[Listener, ...]:
    """The largest flows of ``score`` into ``person`` along listens-to edges.

    Parameters
    ----------
    network : InfluenceNetwork
        Gives names and out-strengths.
    columns : scipy.sparse.csc_array
        The listens-to weights in column form.
    score : ndarray
        The stationary vector (influence rank or the deciders' ear).
    person : int
        Matrix index of the person listened to.
    limit : int
        How many to return.

    Returns
    -------
    tuple of Listener
        Largest share first.
    """
    start, stop = columns.indptr[person], columns.indptr[person + 1]
    rows = np.asarray(columns.indices[start:stop])
    weights = np.asarray(columns.data[start:stop])
    shares = DAMPING * score[rows] * weights / network.attention_divisor[rows]
    order = [k for k in np.lexsort((rows, -shares))[:limit].tolist() if shares[k] > 0]
    return tuple(
        Listener(
            id=network.ids[int(rows[k])],
            name=network.name(network.ids[int(rows[k])]),
            weight=round(float(weights[k]), 6),
            share=float(shares[k]),
        )
        for k in order
    )


def influencers(
    uow: UnitOfWork,
    *,
    deciders: Sequence[str] | None = None,
    campaign: str | None = None,
    top: int | None = 10,
    lens: Lens = TODAY,
) -> InfluenceRanking:
    """Rank people by how much they are listened to, or by their ear of the deciders.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace to read.
    deciders : sequence of str, optional
        People (names, e-mails, ids) who make the decision. When given (or when
        ``campaign`` is), people are ordered by how much of the deciders' attention
        reaches them, directly or through others.
    campaign : str, optional
        Use this campaign's deciders (a name, an id, or ``active`` for the active campaign
        deciding soonest); added to ``deciders``.
    top : int or None
        How many people to return (None for everyone).
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    InfluenceRanking

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        If a decider or the campaign cannot be found.
    allies.errors.InvalidInput
        If ``top`` is not positive or a campaign has no deciders.
    """
    network = load_influence_network(uow, lens, with_campaigns=campaign is not None)
    return influencers_in(network, deciders=deciders, campaign=campaign, top=top)


def influencers_in(
    network: InfluenceNetwork,
    *,
    deciders: Sequence[str] | None = None,
    campaign: str | None = None,
    top: int | None = 10,
) -> InfluenceRanking:
    """:func:`influencers` on a network already loaded (read with its campaigns when
    ``campaign`` is given)."""
    if top is not None and top < 1:
        raise InvalidInput("Show at least one (top must be 1 or more).", field="top")
    chosen = network.people_named(deciders or [])
    campaign_name = None
    if campaign is not None:
        found = network.campaign(campaign)
        if not found.decider_ids:
            raise InvalidInput(f"Campaign {found.name!r} names no deciders yet.", field="campaign")
        campaign_name = found.name
        known = {p.id for p in chosen}
        chosen += [network.people[i] for i in found.decider_ids if i not in known]
    graph = network.graph
    columns = sp.csc_array(graph.weights)
    n = graph.n
    ear = None
    if chosen:
        # Weights are shares of attention here as in the rank (ATTENTION, "keep"): a
        # decider who listens faintly to one person gives them a faint share, not the
        # whole ear. The attention a decider spends on no one known returns to the
        # deciders (counted in ``seed``), so ordering by direct + indirect never puts
        # the deciders' own unguided attention on top.
        ear = deciders_ear(
            graph, [network.index(p.id or 0) for p in chosen], DAMPING, attention=ATTENTION
        )
        reach = ear.direct + ear.indirect
        order = np.lexsort((np.asarray(network.ids), -network.rank, -reach))
    else:
        order = np.argsort(network.positions, kind="stable")
    decider_set = {p.id for p in chosen}
    rows = [
        _row(network, columns, place, index, ear, decider_set)
        for place, index in enumerate(order[: n if top is None else top].tolist(), start=1)
    ]
    half_life_days = network.weights.half_life_days
    formula = RANK_FORMULA.format(d=DAMPING, h=half_life_days)
    if ear is not None:
        formula = EAR_FORMULA.format(d=DAMPING) + "; " + formula
    return InfluenceRanking(
        as_of=network.as_of,
        half_life_days=half_life_days,
        damping=DAMPING,
        people=n,
        edges=graph.n_edges,
        ordered_by="deciders' ear" if ear is not None else "influence",
        deciders=tuple(p.name for p in chosen),
        campaign=campaign_name,
        influencers=rows,
        formula=formula,
    )


def influencers_at(network: InfluenceNetwork, indices: Sequence[int]) -> list[Influencer]:
    """The influence ranking's rows of the people at these matrix indices, in that order
    (``position`` is their place by influence).

    Parameters
    ----------
    network : InfluenceNetwork
    indices : sequence of int
        Matrix indices (see :meth:`InfluenceNetwork.index`).

    Returns
    -------
    list of Influencer
    """
    columns = sp.csc_array(network.graph.weights)
    return [_row(network, columns, int(network.positions[i]), int(i), None, set()) for i in indices]


def _row(
    network: InfluenceNetwork,
    columns: sp.csc_array,
    place: int,
    index: int,
    ear: DecidersEar | None,
    decider_set: set[int | None],
) -> Influencer:
    """One row of the ranking: the person at matrix ``index``, shown at ``place``."""
    observed, stated = network.evidence_totals
    pid = network.ids[index]
    return Influencer(
        position=place,
        id=pid,
        name=network.name(pid),
        title=network.title(pid),
        unit=network.unit_of(pid),
        influence=float(network.rank[index]),
        influence_position=int(network.positions[index]),
        in_strength=float(network.in_strength[index]),
        out_strength=float(network.out_strength[index]),
        listeners=int(columns.indptr[index + 1] - columns.indptr[index]),
        observations=int(observed[index]),
        ties=int(stated[index]),
        top_listeners=inflow(network, columns, network.rank, index),
        is_decider=pid in decider_set,
        ear=None if ear is None else float(ear.direct[index] + ear.indirect[index]),
        ear_direct=None if ear is None else float(ear.direct[index]),
        ear_indirect=None if ear is None else float(ear.indirect[index]),
        heard_through=() if ear is None else inflow(network, columns, ear.score, index),
    )
