"""The workspace's ties and observations as the evidence the analyses weigh.

:func:`stated_ties` and :func:`observed_evidence` convert record by record (for the
explanations); :func:`evidence_columns` converts the store's columns in bulk, so loading a
large workspace makes no Python object per record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import partial

import numpy as np
import numpy.typing as npt

from allies.analysis.evidence import (
    NO_DAY,
    EvidenceColumns,
    ObservedEvidence,
    StatedTie,
    observation_kind_code,
    tie_kind_code,
)
from allies.domain import (
    Observation,
    ObservationColumns,
    ObservationKind,
    Tie,
    TieColumns,
    TieKind,
)


def _stated_tie(t: Tie) -> StatedTie:
    return StatedTie(
        source=t.source_id,
        target=t.target_id,
        weight=t.weight,
        confidence=t.confidence,
        kind=t.kind.value,
        valid_from=t.valid_from,
        valid_to=t.valid_to,
        ref=t.id,
    )


def _observed(o: Observation) -> ObservedEvidence:
    return ObservedEvidence(
        observer=None,
        source=o.subject_id,
        target=o.object_id,
        kind=o.kind.value,
        observed_on=o.observed_on,
        strength=o.strength,
        ref=o.id,
    )


def stated_ties(ties: Iterable[Tie]) -> list[StatedTie]:
    """The domain's ties as evidence records (``ref`` is the tie id)."""
    return [_stated_tie(t) for t in ties]


def observed_evidence(observations: Iterable[Observation]) -> list[ObservedEvidence]:
    """The domain's observations as evidence records (``ref`` is the observation id)."""
    return [_observed(o) for o in observations]


def _tie_at(ties: TieColumns, position: int) -> StatedTie:
    i = position
    return StatedTie(
        source=ties.source_id[i],
        target=ties.target_id[i],
        weight=ties.weight[i],
        confidence=ties.confidence[i],
        kind=TieKind(ties.kind[i]).value,
        valid_from=ties.valid_from[i],
        valid_to=ties.valid_to[i],
        ref=ties.id[i],
    )


def _observed_at(observations: ObservationColumns, position: int) -> ObservedEvidence:
    i = position
    return ObservedEvidence(
        observer=None,
        source=observations.subject_id[i],
        target=observations.object_id[i],
        kind=ObservationKind(observations.kind[i]).value,
        observed_on=observations.observed_on[i],
        strength=observations.strength[i],
        ref=observations.id[i],
    )


def _days(days: Iterable[date | None], count: int) -> npt.NDArray[np.int64]:
    return np.fromiter((NO_DAY if d is None else d.toordinal() for d in days), np.int64, count)


def evidence_columns(
    ties: TieColumns | Sequence[Tie], observations: ObservationColumns | Sequence[Observation]
) -> EvidenceColumns:
    """The ties and observations as the evidence columns of the listens-to graph.

    The same evidence as :func:`stated_ties` and :func:`observed_evidence` give, without a
    record object per row: the record of a tie or observation is made only when an
    explanation shows it. Either the columns the repositories read (``columns()``) or
    domain objects, which give the same arrays.
    """
    tie = ties if isinstance(ties, TieColumns) else TieColumns.of(ties)
    seen = (
        observations
        if isinstance(observations, ObservationColumns)
        else ObservationColumns.of(observations)
    )
    m, k = len(tie), len(seen)
    tie_kinds = {kind.value: tie_kind_code(kind.value) for kind in TieKind}
    seen_kinds = {kind.value: observation_kind_code(kind.value) for kind in ObservationKind}

    def codes(kinds: Sequence[str], known: dict[str, int], count: int) -> npt.NDArray[np.int64]:
        return np.fromiter(map(known.__getitem__, kinds), np.int64, count)

    return EvidenceColumns(
        tie_source=np.fromiter(tie.source_id, np.int64, m),
        tie_target=np.fromiter(tie.target_id, np.int64, m),
        tie_kind=codes(tie.kind, tie_kinds, m),
        tie_weight=np.fromiter(tie.weight, np.float64, m),
        tie_confidence=np.fromiter(tie.confidence, np.float64, m),
        tie_valid_from=_days(tie.valid_from, m),
        tie_valid_to=_days(tie.valid_to, m),
        observation_source=np.fromiter(seen.subject_id, np.int64, k),
        observation_target=np.fromiter(seen.object_id, np.int64, k),
        observation_kind=codes(seen.kind, seen_kinds, k),
        observation_day=_days(seen.observed_on, k),
        observation_strength=np.fromiter(seen.strength, np.float64, k),
        tie_record=partial(_tie_at, tie),
        observation_record=partial(_observed_at, seen),
    )
