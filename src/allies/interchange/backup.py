"""A complete workspace as one JSON document, and back.

A :class:`WorkspaceData` holds every kind of record as plain domain objects whose
references are *local keys*: positions in the lists of the same document
(``tie.source_id == 3`` means ``people[3]``; a stance's ``issue_id`` indexes every
campaign's issues in order). The store's ids and its bookkeeping times (``created_at``,
``updated_at``) are left out, so a backup says what the workspace holds, not where it was
stored, and restoring it into an empty workspace gives the same network.

:func:`dump_backup` writes the document; :func:`load_backup` reads it back, checking each
value's type and each record's rules, and names the record at fault
(``people[12].emails``) when one is broken.

The kinds, their keys and their order are the registry's (:mod:`allies.domain.kinds`):
one list per top-level kind, under its plural, in dependency order. A kind's former
plural is still read, so a backup that holds promises under ``commitments`` restores.

Examples
--------
>>> from datetime import UTC, datetime
>>> from allies.domain import Person
>>> raw = dump_backup(WorkspaceData(people=[Person("Ann Lee", emails=["ann@acme.test"])]),
...                   workspace="default", created=datetime(2026, 1, 1, tzinfo=UTC))
>>> [p.emails for p in load_backup(raw).people]
[['ann@acme.test']]
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, get_args, get_origin, get_type_hints

from allies.domain.kinds import Kind, backed_up_kinds, top_level_kinds
from allies.errors import AlliesError, ImportFormatError

__all__ = [
    "CLASSES",
    "FORMAT",
    "HELD",
    "KINDS",
    "VERSION",
    "WorkspaceData",
    "dump_backup",
    "load_backup",
]

FORMAT = "allies-backup"
VERSION = 1
#: Fields a backup leaves out: the store's ids and its bookkeeping times.
SKIPPED = frozenset({"id", "created_at", "updated_at"})

#: The kinds of record (their plurals, the document's keys), in the order they are
#: written and restored: the registry's top-level kinds (:mod:`allies.domain.kinds`).
KINDS: tuple[str, ...] = tuple(kind.plural for kind in top_level_kinds())
#: What the document holds: the records, then the bookkeeping a backup carries
#: (:func:`allies.domain.kinds.backed_up_kinds`; a backup written before it was carried
#: has none).
HELD: tuple[str, ...] = tuple(kind.plural for kind in backed_up_kinds())
#: The domain class of each kind's records.
CLASSES: dict[str, type] = {kind.plural: kind.cls for kind in backed_up_kinds()}
_REGISTERED: dict[str, Kind] = {kind.plural: kind for kind in backed_up_kinds()}


class WorkspaceData:
    """Every record of a workspace, linked by local keys (positions in these lists).

    One list per kind of the registry, named by its plural (``data.people``,
    ``data.promises``); a kind not given is empty. ``authors`` names the users the
    records' ``author_id`` values stand for (a note's author), by that id: a user's id is
    the store's, so a restore finds the author again by username.

    Raises
    ------
    TypeError
        When a keyword names no kind of record.
    """

    __slots__ = ("authors", "records")

    def __init__(self, **records: list[Any]) -> None:
        self.authors: dict[int, str] = {}
        unknown = sorted(set(records) - set(HELD))
        if unknown:
            raise TypeError(f"WorkspaceData() got an unexpected kind of record {unknown[0]!r}")
        self.records: dict[str, list[Any]] = {kind: records.get(kind, []) for kind in HELD}

    def __getattr__(self, name: str) -> list[Any]:
        if name not in ("records", "authors") and name in HELD:
            return self.records[name]
        raise AttributeError(f"WorkspaceData has no kind of record {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkspaceData):
            return NotImplemented
        return self.records == other.records and self.authors == other.authors

    __hash__ = None  # type: ignore[assignment]  # mutable, like the lists it holds

    def __repr__(self) -> str:
        return f"WorkspaceData({self.counts()})"

    def counts(self) -> dict[str, int]:
        """How many records of each kind."""
        return {name: len(self.records[name]) for name in HELD}


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.name not in SKIPPED
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def dump_backup(data: WorkspaceData, *, workspace: str, created: datetime) -> bytes:
    """The workspace as a JSON document (UTF-8, indented, keys in a fixed order)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "workspace": workspace,
        "created": created.isoformat(),
        "counts": data.counts(),
        "authors": {str(key): name for key, name in sorted(data.authors.items())},
    }
    for kind in HELD:
        document[kind] = [_plain(item) for item in getattr(data, kind)]
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class _Bad(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def _convert(kind: Any, value: Any, where: str) -> Any:
    origin = get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        if value is None and len(options) < len(get_args(kind)):
            return None
        return _convert(options[0], value, where)
    if origin is list:
        if not isinstance(value, list):
            raise _Bad(where, "should be a list")
        (item,) = get_args(kind)
        return [_convert(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise _Bad(where, "should be an object")
        _, item = get_args(kind)
        return {str(k): _convert(item, v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(kind, type) and is_dataclass(kind):
        return _build(kind, value, where)
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            raise _Bad(where, f"{value!r} is not one of {[m.value for m in kind]}") from None
    return _scalar(kind, value, where)


def _scalar(kind: Any, value: Any, where: str) -> Any:
    if kind in (date, datetime):
        if not isinstance(value, str):
            raise _Bad(where, "should be a date written as text (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value) if kind is date else datetime.fromisoformat(value)
        except ValueError:
            raise _Bad(where, f"{value!r} is not a date") from None
    if kind is bool:
        if not isinstance(value, bool):
            raise _Bad(where, "should be true or false")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad(where, "should be a whole number")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Bad(where, "should be a number")
        return float(value)
    if kind is str:
        if not isinstance(value, str):
            raise _Bad(where, "should be text")
        return value
    raise _Bad(where, f"cannot be read as {kind!r}")  # pragma: no cover - every type is above


def _build(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise _Bad(where, "should be an object")
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise _Bad(f"{where}.{unknown[0]}", "is not a field of this record")
    arguments = {
        f.name: _convert(hints[f.name], value[f.name], f"{where}.{f.name}")
        for f in fields(cls)
        if f.name in value and f.name not in SKIPPED
    }
    try:
        return cls(**arguments)
    except AlliesError as error:
        field_name = getattr(error, "field", "") or ""
        raise _Bad(f"{where}.{field_name}".rstrip("."), error.message) from None
    except TypeError as error:  # a required field is missing
        raise _Bad(where, f"is incomplete ({error})") from None


def load_backup(raw: bytes, *, path: str = "input") -> WorkspaceData:
    """Read a backup written by :func:`dump_backup`.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file is not JSON, not an ``allies`` backup, of a newer version, or holds a
        record that breaks a rule (the message names it, such as ``people[3].emails``).
    """
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFormatError("not a backup (the file is not UTF-8 text).", path=path) from None
    except json.JSONDecodeError as error:
        raise ImportFormatError(f"not JSON ({error.msg}).", path=path, line=error.lineno) from None
    except RecursionError:
        raise ImportFormatError("not a backup (nested too deeply).", path=path) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFormatError(
            'not an allies backup (no "format": "allies-backup").',
            path=path,
            hint="Make one by exporting a backup of the workspace.",
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION:
        raise ImportFormatError(
            f"backup version {version!r} is not one this version of allies reads "
            f"(up to {VERSION}).",
            path=path,
            hint="Upgrade allies to restore it.",
        )
    data = WorkspaceData()
    try:
        data.authors.update(_authors(document.get("authors", {})))
        for kind in HELD:
            key, records = _records_of(document, _REGISTERED[kind])
            if not isinstance(records, list):
                raise _Bad(key, "should be a list")
            cls = CLASSES[kind]
            getattr(data, kind).extend(
                _build(cls, record, f"{key}[{i}]") for i, record in enumerate(records)
            )
    except _Bad as bad:
        raise ImportFormatError(
            f"{bad.where}: {bad.message}.".replace("..", "."), path=path
        ) from None
    return data


def _authors(value: Any) -> dict[int, str]:
    """The ``authors`` of a document: user ids (as text) to usernames."""
    if not isinstance(value, dict):
        raise _Bad("authors", "should be an object")
    found: dict[int, str] = {}
    for key, name in value.items():
        numeric = isinstance(key, str) and key.isascii() and key.isdigit()
        if not (numeric and isinstance(name, str) and name):
            raise _Bad(f"authors.{key}", "should name a user by a username")
        found[int(key)] = name
    return found


def _records_of(document: dict[str, Any], kind: Kind) -> tuple[str, Any]:
    """The key and records of ``kind`` in ``document``, under its plural or a former one.

    A backup written before a kind was renamed holds it under its former plural (promises
    under ``commitments``); it still restores. Both at once is refused: they would be two
    lists of one kind.
    """
    present = [key for key in (kind.plural, *kind.aliases) if key in document]
    if len(present) > 1:
        raise _Bad(present[1], f"holds {kind.plural} as {present[0]!r} does; keep one of them")
    key = present[0] if present else kind.plural
    return key, document.get(key, [])
