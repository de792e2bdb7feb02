"""What put a person where they are in the listens-to graph: the evidence behind their
rank, listener by listener (see :mod:`allies.analysis.evidence`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from allies.analysis.evidence_records import (
    Contribution,
    Explanation,
)
from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import Attention, row_scale


@dataclass(frozen=True)
class ListenerEvidence:
    """One person who listens to the explained person, and why.

    Attributes
    ----------
    listener : int
        Their id.
    weight : float
        Weight of the edge ``listener → person``.
    rank_share : float or None
        The part of the person's influence rank that flows in along this edge,
        ``damping × rank[listener] × weight × scale[listener]``, where ``scale`` is
        what the rank multiplies the listener's weights by (``1 / out-strength``, or
        ``1 / max(1, out-strength)`` when weights are shares of attention); None if
        no rank was given.
    contributions : tuple of Contribution
        The evidence behind the edge, strongest first.
    """

    listener: int
    weight: float
    rank_share: float | None
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class PersonExplanation:
    """What put a person where they are in the listens-to graph.

    Attributes
    ----------
    person : int
        Their id.
    in_strength : float
        Sum of the weights of the edges into them.
    rank : float or None
        Their influence rank, if a rank vector was given.
    base_share : float or None
        The part of the rank that comes from the random jump and from attention
        spent on no one in particular, not from any listener (``rank − Σ rank_share``).
    listeners : tuple of ListenerEvidence
        Ranked by rank share when a rank is given, else by edge weight.
    contributions : tuple of Contribution
        All evidence on the incoming edges, strongest first.
    """

    person: int
    in_strength: float
    rank: float | None
    base_share: float | None
    listeners: tuple[ListenerEvidence, ...]
    contributions: tuple[Contribution, ...]


def explain_person(
    graph: WeightedDigraph,
    explanation: Explanation,
    person_id: int,
    *,
    rank: npt.ArrayLike | None = None,
    damping: float = 0.85,
    attention: Attention = "normalise",
) -> PersonExplanation:
    """Rank the evidence that makes others listen to one person.

    Parameters
    ----------
    graph : WeightedDigraph
        The listens-to graph returned with ``explanation``.
    explanation : Explanation
        Its explanation.
    person_id : int
        The person to explain.
    rank : array_like of shape (n,), optional
        Influence ranks (from :func:`allies.analysis.influence.influence_rank`
        with the same ``damping``); if given, each listener's share of the
        person's rank is computed, following the PageRank equation [1]_.
    damping : float
        The damping used for ``rank``.
    attention : {"normalise", "keep"}
        How weights entered ``rank`` (see
        :func:`allies.analysis.influence.influence_rank`); the shares divide each
        listener's rank as the rank did, so they and the base add up to the rank.

    Returns
    -------
    PersonExplanation

    Raises
    ------
    KeyError
        If the person is not in the graph.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The
       PageRank citation ranking: bringing order to the web". Stanford InfoLab
       technical report 1999-66.
    """
    j = graph.index_of(person_id)
    column = graph.weights[:, [j]].tocoo()
    incoming = {graph.ids[i]: float(w) for i, w in zip(column.row, column.data, strict=True)}
    ranks: npt.NDArray[np.float64] | None = None
    scale: npt.NDArray[np.float64] | None = None
    if rank is not None:
        ranks = np.asarray(rank, dtype=np.float64).reshape(-1)
        if ranks.shape != (graph.n,):
            raise ValueError(f"rank must have one entry per node ({graph.n})")
        scale, _ = row_scale(graph, attention)
    listeners: list[ListenerEvidence] = []
    for e in explanation.into(person_id):
        if e.weight <= 0 and e.listener not in incoming:
            listeners.append(ListenerEvidence(e.listener, 0.0, None, e.contributions))
            continue
        share = None
        if ranks is not None and scale is not None:
            i = graph.index_of(e.listener)
            share = damping * float(ranks[i]) * e.weight * float(scale[i])
        listeners.append(ListenerEvidence(e.listener, e.weight, share, e.contributions))
    explained = {x.listener for x in listeners}
    for listener, w in incoming.items():  # edges the explanation does not cover
        if listener not in explained:
            share = None
            if ranks is not None and scale is not None:
                i = graph.index_of(listener)
                share = damping * float(ranks[i]) * w * float(scale[i])
            listeners.append(ListenerEvidence(listener, w, share, ()))
    listeners.sort(key=lambda x: (-(x.rank_share or 0.0), -x.weight, x.listener))
    contributions = sorted(
        (c for x in listeners for c in x.contributions),
        key=lambda c: (not c.counted, c.effect != "adds", -c.weight, c.listener),
    )
    person_rank = None if ranks is None else float(ranks[j])
    base = None
    if person_rank is not None:
        base = person_rank - sum(x.rank_share or 0.0 for x in listeners)
    return PersonExplanation(
        person=person_id,
        in_strength=sum(incoming.values()),
        rank=person_rank,
        base_share=base,
        listeners=tuple(listeners),
        contributions=tuple(contributions),
    )
