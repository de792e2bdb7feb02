"""The power base, kept between views: worked out once per change of the records (issue 22).

The report reads the whole network, everyone's relationship health and the warm paths to
the people my goals and campaigns need: seconds on a workspace of twenty thousand people.
It changes only when the records it is made of change, or the day does. So it is kept in
the workspace's analysis cache (:class:`allies.services.ports.AnalysisCacheRepository`)
under a key made of

- the network's stamp (people, ties, observations:
  :meth:`~allies.services.ports.network_reads.NetworkReadsRepository.stamp`);
- the health stamp (people, interactions, favours, promises, and who is looking:
  :meth:`~allies.services.ports.health_reads.HealthReadsRepository.stamp`);
- a digest of the few other records it reads (units, organisations, campaigns, stances,
  alliances, goals, assessments, cadences, favours, promises);
- the day, the half-life of evidence and the format of the payload;

all read with a handful of aggregate queries. A view reads the report back while nothing
changed (:func:`kept_power_base`); the background task ``analyses`` works it out right
after a change (:func:`refresh_power_base`); a command that must not wait reads the
report of the records as they are if it is kept (:func:`current_power_base`), else the
newest one kept (:func:`newest_power_base`), saying when it was worked out. The payload
is JSON (the cache may be written by any member: nothing in it is ever run), read back
into the same dataclasses.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from allies.errors import NotFound
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork
from allies.services.standing.powerbase import Later, PowerBase, Tieline, power_base_in

if TYPE_CHECKING:
    from allies.services.standing.snapshot import Standing

__all__ = [
    "POWER_BASE",
    "current_power_base",
    "decode",
    "encode",
    "kept_power_base",
    "newest_power_base",
    "refresh_power_base",
]


def load_standing(uow: UnitOfWork, lens: Lens = TODAY) -> Standing:
    """:func:`allies.services.standing.snapshot.load_standing`, whose analyses (NumPy,
    SciPy, the influence graph) load only when a report is worked out, not read back."""
    from allies.services.standing.snapshot import load_standing as load

    return load(uow, lens)


#: The kind of analysis the report is kept as.
POWER_BASE = "powerbase"
#: Changes whenever the report's fields or how they are worked out change.
FORMAT = 2


def power_base_key(uow: UnitOfWork, lens: Lens) -> str:
    """The key of the report of the records as they are, on the lens's day (``uow``
    already entered)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((FORMAT, lens.day.isoformat(), float(lens.half_life_days))).encode())
    digest.update(uow.network_reads.stamp().encode())
    digest.update(uow.health_reads.stamp().encode())
    for records in (
        uow.units.list(),
        uow.organisations.list(),
        uow.campaigns.list(),
        uow.stances.list(),
        uow.alliances.list(),
        uow.goals.list(),
        uow.assessments.list(),
        uow.cadences.list(),
        uow.favours.list(),
        uow.promises.list(),
    ):
        digest.update(repr(records).encode())
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """A report (or a part of one) as JSON values: a dataclass as the list of its fields
    in order, a day as its ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


#: Where every relationship sits among the report's fields: kept apart (after a newline,
#: which compact JSON never holds), so a view that does not show them does not read them.
_RELATIONSHIPS = [f.name for f in dataclasses.fields(PowerBase)].index("relationships")


def encode(report: PowerBase) -> bytes:
    """The report as the JSON kept in the analysis cache: the report with its
    relationships left empty, a newline, then the relationships."""
    head = _plain(report)
    rows, head[_RELATIONSHIPS] = head[_RELATIONSHIPS], []
    return _json(head) + b"\n" + _json(rows)


def _same(value: Any) -> Any:
    return value


def _optional(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else inner(value)


def _listed(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: [inner(v) for v in value]


def _keyed(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: {k: inner(v) for k, v in value.items()}


def _record(kind: type, parts: list[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    special = [(i, part) for i, part in enumerate(parts) if part is not _same]
    if not special:  # plain fields: straight into the class
        return lambda value: kind(*value)
    size = len(parts)

    def build(value: list[Any]) -> Any:
        if len(value) != size:
            raise ValueError(f"{kind.__name__}: {len(value)} values for {size} fields")
        for i, part in special:  # the list is the one json.loads made: ours to change
            value[i] = part(value[i])
        return kind(*value)

    return build


@cache
def _converter(kind: Any) -> Callable[[Any], Any]:
    """What turns a value of :func:`_plain` back into ``kind`` (worked out once a type)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        chosen = [a for a in typing.get_args(kind) if a is not type(None)]
        return _optional(_converter(chosen[0]))
    if origin is list:
        item = _converter(typing.get_args(kind)[0])
        return list if item is _same else _listed(item)
    if origin is tuple:
        item = _converter(typing.get_args(kind)[0])
        return lambda value: tuple(item(v) for v in value)
    if origin is dict:
        item = _converter(typing.get_args(kind)[1])
        return dict if item is _same else _keyed(item)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return _record(kind, [_converter(hints[f.name]) for f in dataclasses.fields(kind)])
    if kind is date:
        return date.fromisoformat
    return _same


def decode(payload: bytes | None) -> PowerBase | None:
    """The report kept as ``payload``, or None when there is none or it cannot be read
    (then the report is worked out again)."""
    if payload is None:
        return None
    apart = payload.find(b"\n")
    try:
        found = _converter(PowerBase)(json.loads(payload if apart < 0 else payload[:apart]))
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    if not isinstance(found, PowerBase):
        return None
    if apart >= 0:  # every relationship, read when first looked at
        later = Later(lambda: _relationships(payload[apart + 1 :]))
        object.__setattr__(found, "relationships", later)
    return found


def _relationships(rows: bytes) -> list[Tieline]:
    return typing.cast(list[Tieline], _converter(list[Tieline])(json.loads(rows)))


def kept_power_base(uow: UnitOfWork, lens: Lens = TODAY) -> PowerBase:
    """The power-base report (:func:`allies.services.standing.powerbase.power_base`):
    read back when kept for the records as they are, else worked out now and kept.

    Raises
    ------
    allies.errors.NotFound
        When nobody is marked as me.
    """
    lens.checked()
    with uow:
        key = power_base_key(uow, lens)
        found = decode(uow.analysis_cache.get(POWER_BASE, key))
    if found is not None:
        return found
    report = power_base_in(load_standing(uow, lens))
    with uow:
        if uow.analysis_cache.put(POWER_BASE, key, encode(report)):
            uow.commit()
    return report


def refresh_power_base(uow: UnitOfWork, lens: Lens = TODAY) -> bool:
    """Work out and keep the report of the records as they are when it is not kept yet;
    True when it was worked out now. Nothing when nobody is marked as me. For the
    background task ``analyses``."""
    with uow:
        key = power_base_key(uow, lens)
        if uow.analysis_cache.has(POWER_BASE, key):
            return False
    try:
        report = power_base_in(load_standing(uow, lens))
    except NotFound:
        return False
    with uow:
        if uow.analysis_cache.put(POWER_BASE, key, encode(report)):
            uow.commit()
    return True


def current_power_base(uow: UnitOfWork, lens: Lens = TODAY) -> PowerBase | None:
    """The report kept for the records as they are on the lens's day, or None; never
    worked out here (a few aggregate queries)."""
    lens.checked()
    with uow:
        return decode(uow.analysis_cache.get(POWER_BASE, power_base_key(uow, lens)))


def newest_power_base(uow: UnitOfWork) -> tuple[PowerBase, datetime] | None:
    """The newest report kept for the workspace's owner as they are now, of whatever
    records and day, with the moment it was worked out; None when there is none. Never
    worked out here.

    Erasing a person clears every kept report (:mod:`allies.services.network.privacy`),
    so an earlier report never names someone erased since.

    Raises
    ------
    allies.errors.NotFound
        When nobody is marked as me (as :func:`kept_power_base` does).
    """
    with uow:
        me = uow.people.me()
        kept = [] if me is None else uow.analysis_cache.newest(POWER_BASE)
    if me is None:
        power_base_in(load_standing(uow, TODAY))  # says what to do, in its own words
        return None
    for _, computed_at, payload in kept:
        found = decode(payload)
        if found is not None and found.me.id == me.id:
            return found, computed_at
    return None
