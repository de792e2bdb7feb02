"""Everyone's health ranking, kept between views of the health list (issue 22).

Ranking the health list needs everyone's score: the database sums three years of
interactions per person and period (0.4 s of CPU at 300,000 interactions), whichever page
is shown. The ranking changes only when the records it is made of change, or the day, so
it is kept in the workspace's analysis cache (``uow.analysis_cache``, like the network's
analyses of :mod:`allies.services.influence.kept`) under a key made of

- the *stamp* of the records
  (:meth:`~allies.services.ports.health_reads.HealthReadsRepository.stamp`: a few SQL
  aggregates over the people, interactions, favours and promises the viewer sees, which
  change with any write of them),
- the day, the scoring settings and the cadences.

What is kept is small: everyone's id, today's rounded score (``-1`` without one), whether
the relationship is cooling, and the two orders of the list (strongest and weakest
first). A view of an unchanged workspace reads the stamp and these arrays, and scores only
the rows of its page; any change gives another key, so nothing has to remember to
invalidate anything. The background task ``analyses`` calls ``refresh_health`` (through
:func:`allies.services.influence.kept.refresh`), so
the first view after a change, or of a new day, finds the ranking already worked out.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from allies.analysis.health import HealthParams
from allies.domain import Cadence
from allies.services.ports import UnitOfWork

__all__ = ["HEALTH", "KeptRanking", "decode", "encode", "health_key", "ranking_of"]

#: The kind under which the ranking is kept in the analysis cache.
HEALTH = "health_ranking"
#: Changes when what is kept changes shape, so older entries are never read.
_FORMAT = 1

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class KeptRanking:
    """Everyone's standing on one day.

    Attributes
    ----------
    ids : ndarray of int
        Everyone but me, ascending.
    rounded : ndarray of int
        Today's score rounded, ``-1`` with not enough evidence.
    cooling : ndarray of bool
        Whether the relationship is cooling.
    strongest, weakest : ndarray of int
        Positions in ``ids``, in the order of the list (strongest or weakest first, those
        without a score last, then by name).
    """

    ids: IntArray
    rounded: IntArray
    cooling: BoolArray
    strongest: IntArray
    weakest: IntArray

    def order(self, *, weakest_first: bool) -> IntArray:
        """The positions in the order asked for."""
        return self.weakest if weakest_first else self.strongest


def ranking_of(
    ids: Sequence[int], names: Sequence[str], rounded: IntArray, cooling: BoolArray
) -> KeptRanking:
    """The ranking of everyone from today's rounded scores and cooling flags."""
    folded = [name.casefold() for name in names]
    score = np.asarray(rounded, dtype=np.int64)
    missing = score < 0
    # lexsort: the last key first; names by their position in sorted order
    by_name = np.empty(len(folded), dtype=np.int64)
    by_name[sorted(range(len(folded)), key=folded.__getitem__)] = np.arange(len(folded))
    plain = np.where(missing, 0, score)
    strongest = np.lexsort((by_name, -plain, missing))
    weakest = np.lexsort((by_name, plain, missing))
    return KeptRanking(
        ids=np.asarray(ids, dtype=np.int64),
        rounded=score,
        cooling=np.asarray(cooling, dtype=bool),
        strongest=strongest.astype(np.int64),
        weakest=weakest.astype(np.int64),
    )


def health_key(
    stamp: str, day: date, params: HealthParams, cadences: Sequence[Cadence], trend: object
) -> str:
    """The key of the ranking of records whose stamp is ``stamp``, on ``day``, with these
    settings and cadences (64 hexadecimal digits, BLAKE2b)."""
    digest = hashlib.blake2b(digest_size=32)
    shown = sorted(repr(c) for c in cadences)
    digest.update(repr((_FORMAT, stamp, day.isoformat(), asdict(params), shown, trend)).encode())
    return digest.hexdigest()


def encode(ranking: KeptRanking) -> bytes:
    """The ranking as an ``.npz`` archive (no pickles)."""
    buffer = io.BytesIO()
    np.savez(buffer, **asdict(ranking))
    return buffer.getvalue()


def decode(payload: bytes | None) -> KeptRanking | None:
    """The ranking kept in ``payload``; None when there is none or it cannot be read."""
    if payload is None:
        return None
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
            return KeptRanking(
                ids=np.asarray(archive["ids"], dtype=np.int64),
                rounded=np.asarray(archive["rounded"], dtype=np.int64),
                cooling=np.asarray(archive["cooling"], dtype=bool),
                strongest=np.asarray(archive["strongest"], dtype=np.int64),
                weakest=np.asarray(archive["weakest"], dtype=np.int64),
            )
    except (OSError, ValueError, KeyError):
        return None


def keep(uow: UnitOfWork, key: str, ranking: KeptRanking) -> bool:
    """Store the ranking through a unit of work not in use; False when it could not."""
    try:
        with uow:
            if uow.analysis_cache.put(HEALTH, key, encode(ranking)):
                uow.commit()
                return True
    except RuntimeError:  # the unit of work is in use by the caller: nothing kept
        return False
    return False
