"""The evidence as columns: one numpy array entry per stated tie or observation.

The combination of :mod:`allies.analysis.evidence` works on these arrays, so a store can
hand a million records over without a Python object per row; the kinds travel as their
positions in :data:`TIE_KINDS` and :data:`OBSERVATION_KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from allies.analysis.evidence_records import (
    OBSERVATION_KINDS,
    TIE_KINDS,
    ObservedEvidence,
    StatedTie,
)

NO_DAY = -1

_TIE_CODE: dict[str, int] = {kind: code for code, kind in enumerate(TIE_KINDS)}
_OBSERVATION_CODE: dict[str, int] = {kind: code for code, kind in enumerate(OBSERVATION_KINDS)}
HAS_EAR_OF_CODE = OBSERVATION_KINDS.index("has_ear_of")
OPPOSED_CODE = OBSERVATION_KINDS.index("opposed")


def tie_kind_code(kind: str) -> int:
    """The position of a tie kind in :data:`TIE_KINDS` (a string enum member works too)."""
    code = _TIE_CODE.get(kind)
    return TIE_KINDS.index(str(kind)) if code is None else code


def observation_kind_code(kind: str) -> int:
    """The position of an observation kind in :data:`OBSERVATION_KINDS`."""
    code = _OBSERVATION_CODE.get(kind)
    return OBSERVATION_KINDS.index(str(kind)) if code is None else code


def _ordinal(day: date | None) -> int:
    return NO_DAY if day is None else day.toordinal()


@dataclass(frozen=True)
class EvidenceColumns:
    """Stated ties and observations as arrays, one entry per record.

    The column form of the evidence that :func:`listens_to_graph` takes as records. It
    lets a caller holding many records in another form (rows of a store, say) skip
    building a :class:`StatedTie` or :class:`ObservedEvidence` for each: ``tie_record``
    and ``observation_record`` make the record of one entry when an explanation needs it.
    The columns are not validated again: each entry must satisfy what the record
    classes check (known kind, two different people, weights in ``[0, 1]``).

    Attributes
    ----------
    tie_source, tie_target : ndarray of int
        Person ids of each tie.
    tie_kind : ndarray of int
        Position of the kind in ``TIE_KINDS`` (see :func:`tie_kind_code`).
    tie_weight, tie_confidence : ndarray of float
    tie_valid_from, tie_valid_to : ndarray of int
        Proleptic ordinals of the validity window (:meth:`datetime.date.toordinal`);
        :data:`NO_DAY` for an open end.
    observation_source, observation_target : ndarray of int
        "source *kind* target" of each observation.
    observation_kind : ndarray of int
        Position of the kind in ``OBSERVATION_KINDS``.
    observation_day : ndarray of int
        Ordinal of the day it was observed.
    observation_strength : ndarray of float
    tie_record, observation_record : callable
        The record of the tie or observation at a position.
    """

    tie_source: npt.NDArray[np.int64]
    tie_target: npt.NDArray[np.int64]
    tie_kind: npt.NDArray[np.int64]
    tie_weight: npt.NDArray[np.float64]
    tie_confidence: npt.NDArray[np.float64]
    tie_valid_from: npt.NDArray[np.int64]
    tie_valid_to: npt.NDArray[np.int64]
    observation_source: npt.NDArray[np.int64]
    observation_target: npt.NDArray[np.int64]
    observation_kind: npt.NDArray[np.int64]
    observation_day: npt.NDArray[np.int64]
    observation_strength: npt.NDArray[np.float64]
    tie_record: Callable[[int], StatedTie]
    observation_record: Callable[[int], ObservedEvidence]

    @classmethod
    def from_records(
        cls, ties: Sequence[StatedTie], observations: Sequence[ObservedEvidence]
    ) -> EvidenceColumns:
        """The columns of lists of records (which serve as the records of the entries)."""
        m, k = len(ties), len(observations)
        return cls(
            tie_source=np.fromiter((t.source for t in ties), np.int64, m),
            tie_target=np.fromiter((t.target for t in ties), np.int64, m),
            tie_kind=np.fromiter((tie_kind_code(t.kind) for t in ties), np.int64, m),
            tie_weight=np.fromiter((t.weight for t in ties), np.float64, m),
            tie_confidence=np.fromiter((t.confidence for t in ties), np.float64, m),
            tie_valid_from=np.fromiter((_ordinal(t.valid_from) for t in ties), np.int64, m),
            tie_valid_to=np.fromiter((_ordinal(t.valid_to) for t in ties), np.int64, m),
            observation_source=np.fromiter((o.source for o in observations), np.int64, k),
            observation_target=np.fromiter((o.target for o in observations), np.int64, k),
            observation_kind=np.fromiter(
                (observation_kind_code(o.kind) for o in observations), np.int64, k
            ),
            observation_day=np.fromiter(
                (o.observed_on.toordinal() for o in observations), np.int64, k
            ),
            observation_strength=np.fromiter((o.strength for o in observations), np.float64, k),
            tie_record=ties.__getitem__,
            observation_record=observations.__getitem__,
        )
