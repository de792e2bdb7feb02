"""Ties and observations as columns: what a whole-network analysis reads, without an
object per row.

A network of a million ties is read far faster as a handful of columns than as a million
checked :class:`~allies.domain.ties.Tie` objects, and the analyses turn the records into
arrays anyway. The columns hold what was checked when each record was written; the i-th
entry of every column belongs to the i-th record, oldest id first, as ``list()`` gives
them.

Examples
--------
>>> from allies.domain.ties import Tie, TieKind
>>> columns = TieColumns.of([Tie(1, 2, TieKind.TRUSTS, weight=0.8, id=7)])
>>> len(columns), columns.kind, columns.weight
(1, ('trusts',), (0.8,))
>>> columns.tie(0).kind is TieKind.TRUSTS and columns.tie(0).id == 7
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from allies.domain.ties import Observation, Tie, TieKind, TieOrigin

__all__ = ["ObservationColumns", "TieColumns"]


@dataclass(frozen=True)
class TieColumns:
    """Ties as parallel columns (entry ``i`` of each is tie ``i``), without their notes.

    Attributes
    ----------
    id : sequence of int or None
        The tie's id (None for a tie not stored, in columns made with :meth:`of`).
    source_id, target_id : sequence of int
        The two people it joins (``source`` → ``target``).
    kind, origin : sequence of str
        The :class:`~allies.domain.ties.TieKind` and
        :class:`~allies.domain.ties.TieOrigin` values.
    weight, confidence : sequence of float
        Both in [0, 1].
    valid_from, valid_to : sequence of date or None
        The days the tie holds from and to (None: open).
    """

    id: Sequence[int | None] = ()
    source_id: Sequence[int] = ()
    target_id: Sequence[int] = ()
    kind: Sequence[str] = ()
    weight: Sequence[float] = ()
    confidence: Sequence[float] = ()
    origin: Sequence[str] = ()
    valid_from: Sequence[date | None] = ()
    valid_to: Sequence[date | None] = ()

    def __len__(self) -> int:
        return len(self.id)

    @classmethod
    def of(cls, ties: Iterable[Tie]) -> TieColumns:
        """The columns of domain ties (in the order given)."""
        rows = [
            (
                t.id,
                t.source_id,
                t.target_id,
                t.kind.value,
                t.weight,
                t.confidence,
                t.origin.value,
                t.valid_from,
                t.valid_to,
            )
            for t in ties
        ]
        return cls(*(tuple(column) for column in zip(*rows, strict=True))) if rows else cls()

    def tie(self, position: int) -> Tie:
        """Tie ``position`` as a domain object (checked again; its note is not read)."""
        i = position
        return Tie(
            source_id=self.source_id[i],
            target_id=self.target_id[i],
            kind=TieKind(self.kind[i]),
            weight=self.weight[i],
            confidence=self.confidence[i],
            origin=TieOrigin(self.origin[i]),
            valid_from=self.valid_from[i],
            valid_to=self.valid_to[i],
            id=self.id[i],
        )


@dataclass(frozen=True)
class ObservationColumns:
    """Observations as parallel columns (entry ``i`` of each is observation ``i``),
    without their notes.

    Attributes
    ----------
    id : sequence of int or None
        The observation's id (None for one not stored, in columns made with :meth:`of`).
    subject_id, object_id : sequence of int
        ``subject`` *kind* ``object``.
    kind : sequence of str
        The :class:`~allies.domain.ties.ObservationKind` values.
    observed_on : sequence of date
        When it was seen.
    strength : sequence of float
        In [0, 1].
    context : sequence of str
        Where it was seen ("" when not said).
    """

    id: Sequence[int | None] = ()
    subject_id: Sequence[int] = ()
    object_id: Sequence[int] = ()
    kind: Sequence[str] = ()
    observed_on: Sequence[date] = ()
    strength: Sequence[float] = ()
    context: Sequence[str] = ()

    def __len__(self) -> int:
        return len(self.id)

    @classmethod
    def of(cls, observations: Iterable[Observation]) -> ObservationColumns:
        """The columns of domain observations (in the order given)."""
        rows = [
            (
                o.id,
                o.subject_id,
                o.object_id,
                o.kind.value,
                o.observed_on,
                o.strength,
                o.context,
            )
            for o in observations
        ]
        return cls(*(tuple(column) for column in zip(*rows, strict=True))) if rows else cls()
