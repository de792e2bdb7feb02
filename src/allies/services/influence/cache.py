"""Analyses kept between views: computed once per state of the network, then read back.

Betweenness, communities and the map layout take seconds on a large workspace and do not
change between two views of an unchanged network. :func:`stored` keeps each result in the
workspace's analysis cache (``uow.analysis_cache``) under a *fingerprint*: a BLAKE2b hash
(RFC 7693) of the graph the analysis runs on (its people in order and every weighted
edge) and of the analysis's parameters. Any change of the ties or observations, or of the
day or half-life that weighs them, changes the graph and so the key: the stored result is
not found and the analysis runs again. Nothing has to remember to invalidate anything.

Results travel as NumPy ``.npz`` archives of named arrays (no pickles).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from allies.analysis.graph import WeightedDigraph
from allies.services.ports import UnitOfWork

__all__ = ["Arrays", "fingerprint", "stored"]

#: Named arrays, the form a stored analysis takes.
Arrays = dict[str, npt.NDArray[Any]]


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
