"""Analyses kept between views: computed once per state of the network, then read back.

Betweenness, communities and the map layout take seconds on a large workspace and do not
change between two views of an unchanged network. :func:`stored` keeps each result in the
workspace's analysis cache (``uow.analysis_cache``) under a *fingerprint*: a BLAKE2b hash
(RFC 7693) of the graph the analysis runs on (its people in order and every weighted
edge) and of the analysis's parameters. Any change of the ties or observations, or of the
day or half-life that weighs them, changes the graph and so the key: the stored result is
not found and the analysis runs again. Nothing has to remember to invalidate anything.

A network read through :func:`~allies.services.influence.loading.load_influence_network`
carries a *stamp* instead (:func:`stamp_key`): a digest of SQL aggregates over its people,
ties and observations, read without reading the rows. Its analyses are kept under the
stamp, the day and the weights, so a view of an unchanged network finds them without
reading or hashing the network. Each stored result holds the ids of the people it was
computed for, so :func:`latest` can give the newest result of a kind, with the moment it
was computed, while the current one is being worked out.

Results travel as NumPy ``.npz`` archives of named arrays (no pickles).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, is_dataclass
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from allies.analysis.graph import WeightedDigraph
from allies.services.ports import UnitOfWork

__all__ = [
    "GRAPH",
    "Arrays",
    "Kept",
    "dated",
    "fingerprint",
    "keep",
    "latest",
    "params_text",
    "read_kept",
    "stamp_key",
    "stored",
]

#: Named arrays, the form a stored analysis takes.
Arrays = dict[str, npt.NDArray[Any]]
#: The kind under which the listens-to graph and its evidence totals are kept.
GRAPH = "listens_to"


@dataclass(frozen=True)
class Kept:
    """A stored result with when it was computed and the key it was stored under."""

    arrays: Arrays
    computed_at: datetime
    key: str


def stamp_key(stamp: str, **parameters: object) -> str:
    """A hex key for an analysis of the network whose stamp is ``stamp``.

    Parameters
    ----------
    stamp : str
        From :meth:`~allies.services.ports.network_reads.NetworkReadsRepository.stamp`.
    **parameters
        The analysis and whatever else the result depends on (day, weights, seed, ...).

    Returns
    -------
    str
        64 hexadecimal digits (BLAKE2b, 32-byte digest).
    """
    digest = hashlib.blake2b(digest_size=32)
    digest.update(stamp.encode())
    digest.update(repr(_canonical(parameters)).encode())
    return digest.hexdigest()


def _canonical(value: object) -> object:
    """``value`` in a form whose ``repr`` is the same in every process: mappings and sets
    sorted, dataclasses as their fields (a set's own order follows the process's string
    hashing, which changes from one process to the next)."""
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, _canonical(asdict(value)))
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(_canonical(v)) for v in value))
    if isinstance(value, list | tuple):
        return tuple(_canonical(v) for v in value)
    return value


def fingerprint(graph: WeightedDigraph, **parameters: object) -> str:
    """A hex key for an analysis of ``graph`` with ``parameters``.

    Parameters
    ----------
    graph : WeightedDigraph
        The graph the analysis runs on.
    **parameters
        Whatever else the result depends on (seed, pivots, ...), by name.

    Returns
    -------
    str
        64 hexadecimal digits (BLAKE2b, 32-byte digest).
    """
    weights = graph.weights.tocsr()
    digest = hashlib.blake2b(digest_size=32)
    digest.update(np.asarray(graph.ids, dtype=np.int64).tobytes())
    for part in (weights.indptr, weights.indices):
        digest.update(np.asarray(part, dtype=np.int64).tobytes())
    digest.update(np.asarray(weights.data, dtype=np.float64).tobytes())
    digest.update(repr(sorted(parameters.items())).encode())
    return digest.hexdigest()


def _encode(arrays: Mapping[str, npt.NDArray[Any]]) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def _decode(payload: bytes) -> Arrays | None:
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except (OSError, ValueError):
        return None  # unreadable: computed anew and stored over


def stored(
    uow: UnitOfWork | None,
    kind: str,
    key: str,
    compute: Callable[[], Arrays],
) -> Arrays:
    """The analysis ``kind`` stored under ``key``, computed and stored when missing.

    Parameters
    ----------
    uow : UnitOfWork or None
        The workspace whose cache to use; None computes without storing. It must not be
        inside a ``with`` block (it is entered here); if it is, the result is computed
        and not stored.
    kind : str
        What analysis it is (``"betweenness"``, ``"communities"``, ``"layout"``).
    key : str
        From :func:`fingerprint`.
    compute : callable
        Runs the analysis; returns its named arrays.

    Returns
    -------
    dict of str to ndarray
    """
    if uow is None:
        return compute()
    try:
        with uow:
            payload = uow.analysis_cache.get(kind, key)
    except RuntimeError:  # the unit of work is already in use by the caller
        return compute()
    found = None if payload is None else _decode(payload)
    if found is not None:
        return found
    result = compute()
    with uow:
        if uow.analysis_cache.put(kind, key, _encode(result)):
            uow.commit()
    return result


def read_kept(uow: UnitOfWork, kind: str, key: str) -> Arrays | None:
    """The analysis ``kind`` stored under ``key``, read through a unit of work the caller
    has entered; None when there is none (or it cannot be read)."""
    payload = uow.analysis_cache.get(kind, key)
    return None if payload is None else _decode(payload)


def keep(uow: UnitOfWork, kind: str, key: str, arrays: Arrays) -> bool:
    """Store ``arrays`` under ``kind`` and ``key`` through a unit of work not in use;
    False when it could not (in use, or another process stored it first)."""
    try:
        with uow:
            if uow.analysis_cache.put(kind, key, _encode(arrays)):
                uow.commit()
                return True
    except RuntimeError:  # the unit of work is in use by the caller: nothing kept
        return False
    return False


def latest(uow: UnitOfWork | None, kind: str, *, like: Mapping[str, object]) -> Kept | None:
    """The newest stored result of ``kind`` whose ``params`` entry matches ``like``.

    Parameters
    ----------
    uow : UnitOfWork or None
        Not inside a ``with`` block (it is entered here).
    kind : str
    like : mapping
        The parameters the result must have been computed with (stored with it as its
        ``params`` entry by :func:`stored`).

    Returns
    -------
    Kept or None
    """
    if uow is None:
        return None
    wanted = params_text(like)
    try:
        with uow:
            found = uow.analysis_cache.newest(kind)
    except RuntimeError:
        return None
    for key, computed_at, payload in found:
        arrays = _decode(payload)
        if arrays is not None and str(arrays.get("params", "")) == wanted:
            return Kept(arrays, computed_at, key)
    return None


def dated(uow: UnitOfWork | None, kind: str, key: str) -> Kept | None:
    """The result of ``kind`` kept under exactly ``key``, with when it was computed;
    None when there is none. ``uow`` is entered here."""
    if uow is None:
        return None
    try:
        with uow:
            found = uow.analysis_cache.newest(kind)
    except RuntimeError:
        return None
    for stored_key, computed_at, payload in found:
        if stored_key == key:
            arrays = _decode(payload)
            return None if arrays is None else Kept(arrays, computed_at, key)
    return None


def params_text(parameters: Mapping[str, object]) -> str:
    """The settings a result was computed with, as the text stored with it (``params``)
    and matched by :func:`latest`."""
    return repr(_canonical(parameters))
