"""The influence ranking as it was last shown, kept so that showing it again is quick.

``allies influencers`` without deciders shows the first people of the influence ranking
(:func:`allies.services.influence.ranking.influencers`). Working it out reads the whole
network and loads the numerical libraries, a second on a large workspace, although it
changes only when the network does. :func:`keep_ranking` keeps the ranking's record (the
JSON-ready form the command line prints) in the workspace's analysis cache under a key
made of the network's *stamp* (SQL aggregates over its people, ties and observations,
:meth:`~allies.services.ports.network_reads.NetworkReadsRepository.stamp`), the day, the
half-life and how many rows were shown; :func:`kept_ranking` gives it back while that key
holds. The stamp does not see a person's name, title or unit, so the kept record is given
back only when the people it names still have the names, titles and units it shows.

This module loads neither NumPy nor SciPy.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any

from allies.services.context import Lens
from allies.services.ports import UnitOfWork

__all__ = ["KIND", "VERSION", "keep_ranking", "kept_ranking"]

log = logging.getLogger("allies.influence")

#: The kind under which the ranking's record is kept.
KIND = "influencers"
#: Changes whenever what the ranking holds or how it is computed changes, so that a
#: record kept by another version of allies is not shown.
VERSION = "1"


def _key(stamp: str, lens: Lens, top: int | None) -> str:
    digest = hashlib.blake2b(digest_size=32)
    digest.update(repr((VERSION, stamp, lens.day.isoformat(), lens.half_life_days, top)).encode())
    return digest.hexdigest()


def _named(record: Mapping[str, Any]) -> tuple[dict[int, tuple[str, str, str]], dict[int, str]]:
    """The people a record shows, ``id -> (name, title, unit)``, and those it names as
    listeners, ``id -> name``."""
    shown = {int(r["id"]): (r["name"], r["title"], r["unit"]) for r in record["influencers"]}
    listeners = {
        int(x["id"]): x["name"]
        for r in record["influencers"]
        for x in (*r["top_listeners"], *r["heard_through"])
    }
    return shown, listeners


def _still_named(uow: UnitOfWork, record: Mapping[str, Any]) -> bool:
    """Whether everyone the record names still has the name, title and unit it shows."""
    shown, listeners = _named(record)
    units = {u.id: u.name for u in uow.units.list()}
    now = {
        p.id: (p.name, p.title, units.get(p.unit_id, "") if p.unit_id else "")
        for p in uow.people.several(shown)
    }
    return now == shown and uow.people.names(listeners) == listeners


def kept_ranking(uow: UnitOfWork, lens: Lens, top: int | None) -> dict[str, Any] | None:
    """The record of the influence ranking kept for the network as it is now, or None.

    Parameters
    ----------
    uow : UnitOfWork
        Not inside a ``with`` block (it is entered here).
    lens : Lens
        The day and half-life the ranking is asked for.
    top : int or None
        How many people it shows (None for everyone).

    Returns
    -------
    dict or None
        The record :func:`keep_ranking` kept, as JSON-ready values (dates as ISO text).
    """
    lens.checked()
    with uow:
        payload = uow.analysis_cache.get(KIND, _key(uow.network_reads.stamp(), lens, top))
        if payload is None:
            return None
        try:
            record: dict[str, Any] = json.loads(payload)
            fresh = _still_named(uow, record)
        except (ValueError, KeyError, TypeError):  # not a record this version reads
            return None
    return record if fresh else None


def keep_ranking(uow: UnitOfWork, lens: Lens, top: int | None, record: Mapping[str, Any]) -> bool:
    """Keep the record of a ranking just worked out; False when it could not be kept
    (another process kept it first, or the database cannot be written: the ranking is
    shown all the same).

    Parameters
    ----------
    uow : UnitOfWork
        Not inside a ``with`` block.
    lens : Lens
    top : int or None
    record : mapping
        The ranking as JSON-ready values.
    """
    payload = json.dumps(record, ensure_ascii=False).encode()
    try:
        with uow:
            if uow.analysis_cache.put(KIND, _key(uow.network_reads.stamp(), lens, top), payload):
                uow.commit()
                return True
    except Exception as failure:  # a cache: failing to keep it costs the next view time
        log.info("the influence ranking was not kept: %s", failure)
    return False
