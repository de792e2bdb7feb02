"""What a merge records in the audit trail, so that it can be undone.

Every merge (``allies person merge``, or an import folding an incoming record into a stored
person) leaves one ``merge`` entry on the kept person's record whose values say:

* ``absorbed``: the merged record as it was (every field, as plain JSON values), and its
  id when it was a stored person;
* ``gained``: what the kept record gained: for a list, the items it did not hold; for any
  other field, the value before and after;
* ``moved``: the records that pointed at the absorbed person and now point at the kept
  one (kind, id, which fields, and for a nested record its position);
* ``deleted``: the records the merge had to delete (a tie between the two, the absorbed
  person's cadence), with their values;
* ``notes``: the ids of the notes moved; ``evidence`` and ``source``: why, and by what;
* ``origin``: for an import, the item it took in (the file and row, or the message: see
  :mod:`allies.domain.provenance`), so that a split gives back what came from that item.

:mod:`allies.services.network.split` reads it back. The values are plain JSON, so the
trail needs no table of its own.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from allies.domain import Person
from allies.domain.records import AuditAction
from allies.services.ports import UnitOfWork

__all__ = ["MERGE_FORMAT", "build", "convert_field", "gained", "plain", "record_merge"]

#: The version of the values a merge entry holds.
MERGE_FORMAT = 1
#: Fields a record's values leave out: the store's bookkeeping.
_SKIPPED = frozenset({"created_at", "updated_at"})
T = TypeVar("T")


def plain(value: Any) -> Any:
    """A domain record (or any value in one) as plain JSON values.

    >>> plain(Person("Ann Lee", emails=["ann@acme.test"]))["emails"]
    ['ann@acme.test']
    """
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name)) for f in fields(value) if f.name not in _SKIPPED
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _convert(kind: Any, value: Any) -> Any:
    origin = get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        if value is None and len(options) < len(get_args(kind)):
            return None
        return _convert(options[0], value)
    if origin in (list, tuple):
        item = get_args(kind)[0]
        converted = [_convert(item, v) for v in value]
        return converted if origin is list else tuple(converted)
    if origin is dict:
        _, item = get_args(kind)
        return {str(k): _convert(item, v) for k, v in value.items()}
    if isinstance(kind, type) and is_dataclass(kind):
        return build(kind, value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is float and isinstance(value, int):
        return float(value)
    return value


def build(cls: type[T], values: dict[str, Any]) -> T:
    """The record of class ``cls`` that :func:`plain` turned into ``values``.

    >>> build(Person, plain(Person("Ann Lee", tags=["board"]))).tags
    ['board']
    """
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    arguments = {k: _convert(hints[k], v) for k, v in values.items() if k in known}
    return cls(**arguments)


def convert_field(cls: type, name: str, value: Any) -> Any:
    """One field's :func:`plain` value turned back into the type ``cls`` gives it.

    >>> convert_field(Person, "level", None) is None
    True
    """
    return _convert(get_type_hints(cls)[name], value)


def gained(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What a record gained between two of its :func:`plain` values.

    >>> gained({"emails": ["a@x.test"], "title": ""}, {"emails": ["a@x.test", "b@x.test"],
    ...                                                "title": "CFO"})
    {'emails': ['b@x.test'], 'title': {'before': '', 'after': 'CFO'}}
    """
    out: dict[str, Any] = {}
    for name, new in after.items():
        old = before.get(name)
        if name == "id" or new == old:
            continue
        if isinstance(new, list):
            added = [item for item in new if item not in (old or [])]
            if added:
                out[name] = added
        else:
            out[name] = {"before": old, "after": new}
    return out


def record_merge(
    uow: UnitOfWork,
    kept: Person,
    kept_before: dict[str, Any],
    absorbed: dict[str, Any],
    *,
    source: str,
    evidence: str,
    absorbed_id: int | None = None,
    moved: list[dict[str, Any]] | None = None,
    deleted: dict[str, list[dict[str, Any]]] | None = None,
    notes: list[int] | None = None,
    origin: str = "",
) -> None:
    """Keep a ``merge`` entry on ``kept``'s record (written when the unit of work commits).

    Parameters
    ----------
    kept
        The person who stays, as saved after the merge.
    kept_before
        Their :func:`plain` values before the merge.
    absorbed
        The merged record's :func:`plain` values (a stored person, or what an import read).
    source
        ``"merge"`` (two stored people) or ``"import"`` (the import's file name follows).
    evidence
        Why the two were taken for one person.
    origin
        The origin of the item an import merged (:func:`allies.domain.provenance.origin_key`).
    """
    values = {
        "merge": MERGE_FORMAT,
        "source": source,
        "evidence": evidence,
        "absorbed_id": absorbed_id,
        "absorbed": absorbed,
        "gained": gained(kept_before, plain(kept)),
        "moved": moved or [],
        "deleted": deleted or {},
        "notes": notes or [],
        "origin": origin,
    }
    uow.audit.record("person", kept.id or 0, AuditAction.MERGE, None, values)
