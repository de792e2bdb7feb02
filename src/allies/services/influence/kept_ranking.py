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

The background task ``analyses`` keeps the ranking as the command shows it by default
(:data:`DEFAULT_TOP` people, today, the configured half-life) right after a change
(:func:`refresh_ranking`); a shorter ranking is read from it. While the current one is
worked out, :func:`newest_ranking` gives the newest kept one with the moment it was
worked out (a command shows it, saying so).

This module loads neither NumPy nor SciPy (but :func:`refresh_ranking` does).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from allies.services.context import Lens
from allies.services.ports import UnitOfWork

__all__ = [
    "DEFAULT_TOP",
    "KIND",
    "VERSION",
    "keep_ranking",
    "kept_ranking",
    "newest_ranking",
    "plain_record",
    "refresh_ranking",
]

log = logging.getLogger("allies.influence")

#: The kind under which the ranking's record is kept.
KIND = "influencers"
#: Changes whenever what the ranking holds or how it is computed changes, so that a
#: record kept by another version of allies is not shown.
VERSION = "1"
#: How many people ``allies influencers`` shows unless asked (the ranking kept after a change).
DEFAULT_TOP = 10


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
        stamp = uow.network_reads.stamp()
        for kept_top in _tops(top):  # the ranking asked for, else a longer one cut short
            payload = uow.analysis_cache.get(KIND, _key(stamp, lens, kept_top))
            if payload is None:
                continue
            try:
                record = _cut(json.loads(payload), top)
                fresh = _still_named(uow, record)
            except (ValueError, KeyError, TypeError):  # not a record this version reads
                continue
            return record if fresh else None
    return None


def _tops(top: int | None) -> list[int | None]:
    """The kept rankings that hold the first ``top`` people, the one asked for first."""
    if top is not None and top < DEFAULT_TOP:
        return [top, DEFAULT_TOP]
    return [top]


def _cut(record: dict[str, Any], top: int | None) -> dict[str, Any]:
    """The record with its first ``top`` people only."""
    if top is not None and len(record["influencers"]) > top:
        record = {**record, "influencers": record["influencers"][:top]}
    return record


def newest_ranking(
    uow: UnitOfWork, lens: Lens, top: int | None
) -> tuple[dict[str, Any], datetime] | None:
    """The newest ranking kept with the lens's half-life that holds the first ``top``
    people, whatever the network it was worked out for, and when it was worked out; None
    when there is none (or the people it names have another name, title or unit now, or
    are gone).

    Parameters
    ----------
    uow : UnitOfWork
        Not inside a ``with`` block.
    lens : Lens
    top : int or None

    Returns
    -------
    (dict, datetime) or None
    """
    with uow:
        for _, computed_at, payload in uow.analysis_cache.newest(KIND):
            try:
                record = json.loads(payload)
                if float(record["half_life_days"]) != float(lens.half_life_days):
                    continue
                everyone = len(record["influencers"]) >= int(record["people"])
                if top is not None and len(record["influencers"]) < top and not everyone:
                    continue
                if top is None and not everyone:
                    continue
                record = _cut(record, top)
                if _still_named(uow, record):
                    return record, computed_at
            except (ValueError, KeyError, TypeError):  # not a record this version reads
                continue
            return None
    return None


def plain_record(value: Any) -> Any:
    """Dataclasses, enums and dates as JSON-ready values (the record the command prints)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain_record(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain_record(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain_record(v) for v in value]
    return value


def refresh_ranking(uow: UnitOfWork, lens: Lens, top: int | None = DEFAULT_TOP) -> bool:
    """Work out and keep the plain ranking of the network as it is when it is not kept;
    True when it was worked out now. For the background task ``analyses``.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work (not inside a ``with`` block); used several times.
    lens : Lens
    top : int or None
    """
    if kept_ranking(uow, lens, top) is not None:
        return False
    from allies.errors import AlliesError
    from allies.services.influence.ranking import influencers

    try:
        record = plain_record(influencers(uow, top=top, lens=lens))
    except AlliesError as problem:  # nothing to rank: the command says why when asked
        log.info("the influence ranking was not worked out: %s", problem.message)
        return False
    keep_ranking(uow, lens, top, record)
    return True


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
