"""The records of listens-to evidence: stated ties, observations, their weights and the
explanation of each edge (see :mod:`allies.analysis.evidence`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

TieKind = Literal["listens_to", "trusts", "reports_to", "works_with", "knows"]
ObservationKind = Literal[
    "deferred_to", "eyes_went_to", "has_ear_of", "sought_advice_from", "endorsed", "opposed"
]
TIE_KINDS: tuple[str, ...] = get_args(TieKind)
OBSERVATION_KINDS: tuple[str, ...] = get_args(ObservationKind)

#: Observation kinds whose listens-to edge runs from target to source.
REVERSED_OBSERVATION_KINDS: frozenset[str] = frozenset({"has_ear_of"})
#: Observation kinds that discount the listens-to edge instead of adding to it.
DISCOUNTING_OBSERVATION_KINDS: frozenset[str] = frozenset({"opposed"})


def _check_unit(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, not {value}")


@dataclass(frozen=True)
class StatedTie:
    """A tie someone stated: ``source`` is tied to ``target`` by ``kind``.

    Parameters
    ----------
    source, target : int
        Person ids; the tie points from source to target (source
        ``reports_to`` target, source ``trusts`` target, ...).
    weight : float
        Strength of the tie, 0-1.
    confidence : float
        How sure the statement is, 0-1.
    kind : {"listens_to", "trusts", "reports_to", "works_with", "knows"}
    valid_from, valid_to : date, optional
        The tie counts only while ``as_of`` lies in this inclusive window.
    ref : int, optional
        The caller's identifier for the record, carried into explanations.
    """

    source: int
    target: int
    weight: float = 1.0
    confidence: float = 1.0
    kind: TieKind = "listens_to"
    valid_from: date | None = None
    valid_to: date | None = None
    ref: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in TIE_KINDS:
            raise ValueError(f"unknown tie kind {self.kind!r}; use one of {', '.join(TIE_KINDS)}")
        if self.source == self.target:
            raise ValueError(f"a tie needs two different people, not {self.source} twice")
        _check_unit("tie weight", self.weight)
        _check_unit("tie confidence", self.confidence)


@dataclass(frozen=True)
class ObservedEvidence:
    """Dated evidence of influence seen in the room.

    Parameters
    ----------
    observer : int or None
        Who saw it (None when unknown). Carried into explanations only.
    source, target : int
        The people involved, read as "source *kind* target" (source deferred to
        target; source has the ear of target; ...). See the module docstring
        for the listens-to direction of each kind.
    kind : {"deferred_to", "eyes_went_to", "has_ear_of", "sought_advice_from", \
"endorsed", "opposed"}
    observed_on : date
        When it was seen; the weight halves every ``half_life_days`` after it.
    strength : float
        How clear the sign was, 0-1.
    ref : int, optional
        The caller's identifier for the record, carried into explanations.
    """

    observer: int | None
    source: int
    target: int
    kind: ObservationKind
    observed_on: date
    strength: float = 1.0
    ref: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in OBSERVATION_KINDS:
            raise ValueError(
                f"unknown observation kind {self.kind!r}; use one of {', '.join(OBSERVATION_KINDS)}"
            )
        if self.source == self.target:
            raise ValueError(f"an observation needs two different people, not {self.source} twice")
        _check_unit("observation strength", self.strength)

    @property
    def listener(self) -> int:
        """The person this observation says listens (or, if opposed, listens less)."""
        return self.target if self.kind in REVERSED_OBSERVATION_KINDS else self.source

    @property
    def leader(self) -> int:
        """The person listened to."""
        return self.source if self.kind in REVERSED_OBSERVATION_KINDS else self.target


@dataclass(frozen=True)
class EvidenceWeights:
    """How much each kind of evidence says about listening, and how fast it fades.

    Every field can be overridden, e.g. ``EvidenceWeights(trusts=0.7)``. Tie
    factors multiply ``weight × confidence``; observation factors multiply
    ``strength × decay``. ``opposed`` is a discount (see the module docstring).

    References
    ----------
    .. [1] Pearl, J. (1988). *Probabilistic Reasoning in Intelligent Systems*,
       section 4.3.2. Morgan Kaufmann.
    """

    listens_to: float = 1.0
    trusts: float = 0.5
    reports_to: float = 0.6
    works_with: float = 0.2
    knows: float = 0.05
    deferred_to: float = 0.6
    eyes_went_to: float = 0.4
    has_ear_of: float = 0.6
    sought_advice_from: float = 0.5
    endorsed: float = 0.25
    opposed: float = 0.3
    half_life_days: float = 182.0
    mutual_tie_kinds: frozenset[str] = field(
        default_factory=lambda: frozenset({"works_with", "knows"})
    )

    def __post_init__(self) -> None:
        for kind in (*TIE_KINDS, *OBSERVATION_KINDS):
            _check_unit(f"the factor for {kind}", self.factor(kind))
        if not self.half_life_days > 0:
            raise ValueError(f"half_life_days must be positive, not {self.half_life_days}")
        unknown = set(self.mutual_tie_kinds) - set(TIE_KINDS)
        if unknown:
            raise ValueError(f"mutual_tie_kinds names unknown tie kinds {sorted(unknown)}")

    def factor(self, kind: str) -> float:
        """The factor of a tie or observation kind."""
        if kind not in TIE_KINDS and kind not in OBSERVATION_KINDS:
            raise ValueError(f"unknown evidence kind {kind!r}")
        return float(getattr(self, kind))

    def decay(self, age_days: float) -> float:
        """``2 ** (-age_days / half_life_days)``: 1 today, 0.5 after one half-life."""
        return float(0.5 ** (age_days / self.half_life_days))


@dataclass(frozen=True)
class Contribution:
    """One piece of evidence on one listens-to edge.

    Attributes
    ----------
    evidence : StatedTie or ObservedEvidence
        The record it came from.
    listener, leader : int
        The edge it bears on (``listener`` listens to ``leader``).
    factor : float
        The factor of its kind.
    age_days : int or None
        Days from the observation to ``as_of``; None for a stated tie.
    decay : float
        ``2 ** (-age_days / half_life)``; 1.0 for a stated tie.
    weight : float
        Its contribution ``a_k`` in ``[0, 1]``.
    effect : {"adds", "discounts"}
        Whether it raises the edge weight or discounts it (``opposed``).
    counted : bool
        False for a stated tie superseded by a stronger one of the same kind on
        the same pair.
    """

    evidence: StatedTie | ObservedEvidence
    listener: int
    leader: int
    factor: float
    age_days: int | None
    decay: float
    weight: float
    effect: Literal["adds", "discounts"]
    counted: bool = True


@dataclass(frozen=True)
class EdgeEvidence:
    """All evidence on one ordered pair and the weight it adds up to.

    Attributes
    ----------
    listener, leader : int
        The pair (``listener`` listens to ``leader``).
    weight : float
        ``support × discount``, the weight of the edge in the graph (an edge
        with weight 0 is left out of the graph but kept here).
    support : float
        ``1 − Π (1 − a_k)`` over the counted contributions that add.
    discount : float
        ``Π (1 − a_o)`` over the oppositions.
    contributions : tuple of Contribution
        Strongest first.
    """

    listener: int
    leader: int
    weight: float
    support: float
    discount: float
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class SkippedEvidence:
    """A record that did not count, and why."""

    evidence: StatedTie | ObservedEvidence
    reason: str


@dataclass(frozen=True)
class Explanation:
    """Why each listens-to edge has its weight.

    Attributes
    ----------
    as_of : date
        The day ages are counted to.
    weights : EvidenceWeights
        The factors and half-life used.
    edges : mapping of (listener, leader) to EdgeEvidence
        Every ordered pair with any evidence. :func:`listens_to_graph` gives a
        read-only mapping that builds each pair's :class:`EdgeEvidence` when it is
        first looked up.
    skipped : tuple of SkippedEvidence
        Ties out of their validity window, observations after ``as_of``.
    """

    as_of: date
    weights: EvidenceWeights
    edges: Mapping[tuple[int, int], EdgeEvidence]
    skipped: tuple[SkippedEvidence, ...] = ()

    def edge(self, listener: int, leader: int) -> EdgeEvidence | None:
        """The evidence on ``listener → leader``, or None if there is none."""
        return self.edges.get((listener, leader))

    def into(self, leader: int) -> list[EdgeEvidence]:
        """Evidence on every edge into ``leader`` (people listening to them)."""
        indexed = getattr(self.edges, "into", None)  # the graph's own table keeps an index
        if callable(indexed):
            return list(indexed(leader))
        return [e for (_, to), e in self.edges.items() if to == leader]


#: Stands for an open end of a validity window in :class:`EvidenceColumns`.
