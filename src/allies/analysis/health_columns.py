"""The evidence of many relationships as columns, from which one or all are scored.

:class:`allies.analysis.health_parts.Evidence` holds one relationship's arrays and
:class:`allies.analysis.health_batch.EvidenceBatch` those of many, concatenated. Both
used to be built relationship by relationship from per-person lists; :class:`Ledger` and
:class:`RelationshipColumns` hold the same numbers as a few arrays sorted by whose they
are, so a batch of any relationships is a lookup and a mask, and one relationship's
evidence is a slice.

Examples
--------
>>> contacts = Ledger.build([7, 5, 7], [[740_010, 740_000, 740_003], [1, 2, -1]])
>>> contacts.of(7)
(array([740003., 740010.]), array([-1.,  1.]))
>>> columns = RelationshipColumns(contacts, Ledger.empty(2), Ledger.empty(5))
>>> batch = columns.batch([5, 7, 9])
>>> batch.interaction_of.tolist(), batch.interaction_days.tolist()
([0, 1, 1], [740000.0, 740003.0, 740010.0])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from allies.analysis.health_batch import EvidenceBatch
from allies.analysis.health_parts import Evidence, FloatArray

__all__ = ["Ledger", "RelationshipColumns"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Ledger:
    """Numbers about many people as parallel columns sorted by person (``owner``), then
    by the columns in order.

    Attributes
    ----------
    owner : ndarray of int
        Whose entry each is, ascending.
    columns : tuple of ndarray of float
        The numbers, one array per kind (a day, a tone, a value...), entry ``i`` of each
        belonging to ``owner[i]``.
    """

    owner: IntArray
    columns: tuple[FloatArray, ...]

    @classmethod
    def build(
        cls, owner: npt.ArrayLike, columns: Sequence[npt.ArrayLike], *, stable: bool = False
    ) -> Ledger:
        """The ledger of unsorted entries: sorted by owner, then by each column in turn
        (``stable``: by owner only, keeping the order given within an owner)."""
        who = np.asarray(owner, dtype=np.int64).reshape(-1)
        values = tuple(np.asarray(c, dtype=np.float64).reshape(-1) for c in columns)
        if any(v.size != who.size for v in values):
            raise ValueError("every column needs one entry per owner")
        by_values = (*reversed(values), who)
        order = np.argsort(who, kind="stable") if stable else np.lexsort(by_values)
        return cls(who[order], tuple(v[order] for v in values))

    @classmethod
    def empty(cls, width: int) -> Ledger:
        """A ledger of ``width`` columns and no entries."""
        return cls(np.zeros(0, dtype=np.int64), tuple(np.zeros(0) for _ in range(width)))

    def __len__(self) -> int:
        return int(self.owner.size)

    def of(self, owner: int) -> tuple[FloatArray, ...]:
        """One owner's entries, column by column."""
        lo, hi = np.searchsorted(self.owner, [owner, owner + 1])
        return tuple(c[lo:hi] for c in self.columns)

    def among(self, owners: Sequence[int]) -> tuple[IntArray, tuple[FloatArray, ...]]:
        """The entries of these owners (each listed once), with the position in
        ``owners`` of each entry's owner."""
        ids = np.asarray(owners, dtype=np.int64).reshape(-1)
        if not ids.size or not self.owner.size:
            return np.zeros(0, dtype=np.int64), tuple(np.zeros(0) for _ in self.columns)
        order = np.argsort(ids, kind="stable")
        ranked = ids[order]
        place = np.minimum(np.searchsorted(ranked, self.owner), ranked.size - 1)
        kept = ranked[place] == self.owner
        return order[place[kept]].astype(np.int64), tuple(c[kept] for c in self.columns)


@dataclass(frozen=True)
class RelationshipColumns:
    """Everything relationship health reads about many relationships, as ledgers.

    Attributes
    ----------
    contacts : Ledger
        Interactions: day and tone.
    favours : Ledger
        Favours: day and value in units (positive when I gave).
    promises : Ledger
        Promises that count (not released): made, due, resolved, credit and mine
        (1.0 when I made it), with ``nan`` for a missing day or an open promise's credit.
    """

    contacts: Ledger
    favours: Ledger
    promises: Ledger

    def evidence(self, owner: int) -> Evidence:
        """One relationship's evidence."""
        days, tones = self.contacts.of(owner)
        favour_days, favour_values = self.favours.of(owner)
        made, due, resolved, credit, mine = self.promises.of(owner)
        return Evidence.build(
            interaction_days=days,
            tones=tones,
            favour_days=favour_days,
            favour_values=favour_values,
            promise_made=made,
            promise_due=due,
            promise_resolved=resolved,
            promise_credit=credit,
            promise_mine=mine > 0.5,
        )

    def batch(self, owners: Sequence[int]) -> EvidenceBatch:
        """The batch of these relationships, in this order."""
        interaction_of, (days, tones) = self.contacts.among(owners)
        favour_of, (favour_days, favour_values) = self.favours.among(owners)
        promise_of, (made, due, resolved, credit, mine) = self.promises.among(owners)
        return EvidenceBatch(
            size=len(owners),
            interaction_of=interaction_of.astype(np.intp),
            interaction_days=days,
            tones=tones,
            favour_of=favour_of.astype(np.intp),
            favour_days=favour_days,
            favour_values=favour_values,
            promise_of=promise_of.astype(np.intp),
            promise_made=made,
            promise_due=due,
            promise_resolved=resolved,
            promise_credit=credit,
            promise_mine=mine > 0.5,
        )
