"""Listens-to weights from stated ties and observed evidence, with explanations.

Everything known about who takes whose lead is turned into one weight in
``[0, 1]`` per ordered pair (*listener*, *leader*), the edge
``listener → leader`` of a listens-to graph.

Directions
----------
Read every record as "source *kind* target". The listens-to edge it supports
(listener → leader) and the default factor from :class:`EvidenceWeights`:

======================  ===================  ======
kind                    listener → leader    factor
======================  ===================  ======
``listens_to``          source → target      1.0
``trusts``              source → target      0.5
``reports_to``          source → target      0.6
``works_with``          source ↔ target      0.2
``knows``               source ↔ target      0.05
``deferred_to``         source → target      0.6
``eyes_went_to``        source → target      0.4
``has_ear_of``          **target → source**  0.6
``sought_advice_from``  source → target      0.5
``endorsed``            source → target      0.25
``opposed``             source → target      0.3 (discount)
======================  ===================  ======

The first five are stated ties, the rest observations:

- ``reports_to``: the report listens to the boss.
- ``works_with`` and ``knows`` are mutual relations, so by default they count
  in both directions (``EvidenceWeights.mutual_tie_kinds``).
- ``eyes_went_to``: when a question was asked, the source's eyes went to the
  target, so the source looks to the target for the lead.
- ``has_ear_of``: the source has the ear of the target, so the *target*
  listens to the source; this is the one kind whose edge is reversed.
- ``opposed``: the source opposed the target. It never creates or adds to an
  edge; it discounts the source → target weight (see below), so it can only
  lower how much the source is taken to listen to the target.

Combination
-----------
Each piece of evidence ``k`` gives a contribution ``a_k`` in ``[0, 1]``: for a
tie ``factor × weight × confidence``, for an observation
``factor × strength × 2^(−age / half_life)``, the age counted in days from
``as_of``. Independent pieces of evidence combine like independent chances
(a noisy-OR), and oppositions discount the result::

    weight = (1 − Π_k (1 − a_k)) × Π_o (1 − a_o)

Several stated ties of one kind on one ordered pair restate a single
relationship, so only the strongest of them counts (the others are listed with
``counted=False``). Every observation counts separately, so repeated sightings
accumulate, and no amount of evidence passes 1. Stated ties do not fade; they
count while ``as_of`` lies within their ``valid_from``..``valid_to`` (both
inclusive). Observations dated after ``as_of`` are ignored.

References
----------
.. [1] Pearl, J. (1988). *Probabilistic Reasoning in Intelligent Systems*,
   section 4.3.2 (the noisy-OR combination). Morgan Kaufmann.
.. [2] Krackhardt, D. (1987). "Cognitive social structures". *Social Networks*
   9:109-134 (advice ties as "who listens to whom").
.. [3] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The PageRank
   citation ranking: bringing order to the web". Stanford InfoLab technical
   report 1999-66 (the rank shares of :func:`explain_person`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from allies.analysis.evidence_columns import (
    NO_DAY,
    EvidenceColumns,
    observation_kind_code,
    tie_kind_code,
)
from allies.analysis.evidence_combine import combine_evidence
from allies.analysis.evidence_explain import ListenerEvidence, PersonExplanation, explain_person
from allies.analysis.evidence_records import (
    Contribution,
    EdgeEvidence,
    EvidenceWeights,
    Explanation,
    ObservationKind,
    ObservedEvidence,
    SkippedEvidence,
    StatedTie,
    TieKind,
)
from allies.analysis.graph import WeightedDigraph

__all__ = [
    "NO_DAY",
    "Contribution",
    "EdgeEvidence",
    "EvidenceColumns",
    "EvidenceWeights",
    "Explanation",
    "ListenerEvidence",
    "ObservationKind",
    "ObservedEvidence",
    "PersonExplanation",
    "SkippedEvidence",
    "StatedTie",
    "TieKind",
    "explain_person",
    "listens_to_graph",
    "listens_to_graph_from_columns",
    "observation_kind_code",
    "tie_kind_code",
]


def listens_to_graph(
    ties: Iterable[StatedTie],
    observations: Iterable[ObservedEvidence],
    as_of: date,
    *,
    ids: Iterable[int] | None = None,
    weights: EvidenceWeights | None = None,
) -> tuple[WeightedDigraph, Explanation]:
    """Combine stated ties and observations into a listens-to graph.

    Parameters
    ----------
    ties : iterable of StatedTie
    observations : iterable of ObservedEvidence
    as_of : date
        The day the evidence is weighed on; observations fade from their date
        to this one, later ones are ignored.
    ids : iterable of int, optional
        Every person to include, in index order (people without evidence are
        kept as isolated nodes). Defaults to every person named in the
        evidence, sorted.
    weights : EvidenceWeights, optional
        Factors and half-life; the documented defaults if omitted.

    Returns
    -------
    graph : WeightedDigraph
        Edge ``i → j`` with weight in ``(0, 1]``: ``i`` listens to ``j``.
    explanation : Explanation
        For every pair with evidence, each contribution (record, age, decayed
        weight) and how they combined; a pair's :class:`EdgeEvidence` is built
        when it is first looked up.

    Raises
    ------
    ValueError
        If ``ids`` is given and the evidence names someone not in it.

    Notes
    -----
    The weight of a pair is ``(1 − Π (1 − a_k)) × Π (1 − a_o)`` (see the
    module docstring): a noisy-OR of the supporting evidence [1]_, discounted
    by each opposition. The combination runs on arrays (one sort by pair), so a
    million records take seconds; :func:`listens_to_graph_from_columns` takes
    the evidence as columns without a record object per row.

    References
    ----------
    .. [1] Pearl, J. (1988). *Probabilistic Reasoning in Intelligent Systems*,
       section 4.3.2. Morgan Kaufmann.

    Examples
    --------
    >>> from datetime import date
    >>> seen = ObservedEvidence(None, 1, 2, "deferred_to", date(2024, 1, 1))
    >>> graph, why = listens_to_graph([], [seen], as_of=date(2024, 1, 1))
    >>> graph.weight(1, 2), why.edge(1, 2).contributions[0].age_days
    (0.6, 0)
    """
    columns = EvidenceColumns.from_records(list(ties), list(observations))
    return combine_evidence(columns, as_of, ids, weights or EvidenceWeights())


def listens_to_graph_from_columns(
    columns: EvidenceColumns,
    as_of: date,
    *,
    ids: Iterable[int] | None = None,
    weights: EvidenceWeights | None = None,
) -> tuple[WeightedDigraph, Explanation]:
    """:func:`listens_to_graph` on evidence held as columns.

    Parameters
    ----------
    columns : EvidenceColumns
        The ties and observations, one array entry per record.
    as_of, ids, weights
        As for :func:`listens_to_graph`.

    Returns
    -------
    graph : WeightedDigraph
    explanation : Explanation
        The same as :func:`listens_to_graph` gives for the records of ``columns``.
    """
    return combine_evidence(columns, as_of, ids, weights or EvidenceWeights())
