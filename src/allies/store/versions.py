"""Optimistic concurrency for the records of :data:`allies.store.tables.VERSIONED`.

Every such row carries a ``version``: 1 when added, one more with each save. A caller
that read a record at some version (the API's ``ETag``) names it for the request with
:func:`expecting`; the repository then saves with one ``UPDATE ... WHERE id = :id AND
version = :expected`` (and removes with ``DELETE ... WHERE ...``), so comparing and
writing are one statement in one transaction: of two editors who read the same version,
exactly one writes and the other is refused with :class:`allies.errors.StaleRecord`
(Kung and Robinson 1981, "On optimistic methods for concurrency control", *ACM TODS*
6(2), 213-226, with the validation folded into the write).

The versions a request read (or wrote) are collected in a :class:`VersionWatch`, from
which the API takes the ``ETag`` of its answer. Both travel in a context variable, so
they reach the repositories through the thread the request runs in without being passed
through every service.

Examples
--------
>>> with watching() as watch:
...     expecting("favour", 3, 2)
...     watch.expected_for("favour", 3), watch.expected_for("favour", 4)
(2, None)
>>> current() is None
True
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

__all__ = ["VersionWatch", "current", "expecting", "watching"]


@dataclass
class VersionWatch:
    """The versions one request expects (from ``If-Match``) and those it read or wrote."""

    expected: dict[tuple[str, int], int] = field(default_factory=dict)
    seen: dict[tuple[str, int], int] = field(default_factory=dict)

    def expected_for(self, kind: str, record_id: int) -> int | None:
        """The version the request requires of the record, if any."""
        return self.expected.get((kind, record_id))

    def saw(self, kind: str, record_id: int, version: int, *, wrote: bool = False) -> None:
        """Note a version read (the first read wins) or written (it replaces)."""
        key = (kind, record_id)
        if wrote or key not in self.seen:
            self.seen[key] = int(version)

    def version_of(self, kind: str, record_id: int) -> int | None:
        """The version of the record as the request read or left it."""
        return self.seen.get((kind, record_id))


_WATCH: ContextVar[VersionWatch | None] = ContextVar("allies_version_watch", default=None)


def current() -> VersionWatch | None:
    """The watch of the request under way, if one is watched."""
    return _WATCH.get()


@contextmanager
def watching() -> Iterator[VersionWatch]:
    """Watch the versions read and written inside the ``with`` block (one request)."""
    watch = VersionWatch()
    token = _WATCH.set(watch)
    try:
        yield watch
    finally:
        _WATCH.reset(token)


def expecting(kind: str, record_id: int, version: int) -> None:
    """Require ``version`` of the record when it is next saved or removed in this watch."""
    watch = _WATCH.get()
    if watch is None:
        raise RuntimeError("expecting() needs an open watching() block")
    watch.expected[(kind, record_id)] = int(version)
