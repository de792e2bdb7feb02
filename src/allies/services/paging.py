"""Cutting long lists into pages, the same way for every face.

>>> page = paginate(list(range(7)), offset=5, limit=5)
>>> page.items, page.total, page.has_more
([5, 6], 7, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from allies.errors import InvalidInput

T = TypeVar("T")

#: The most rows one page may hold.
MAX_LIMIT = 500
#: The page size when none is asked for.
DEFAULT_LIMIT = 50
#: The largest offset accepted: far beyond any list, and within every store's integers.
MAX_OFFSET = 1_000_000_000


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list: ``items`` from position ``offset`` of ``total``."""

    items: list[T]
    total: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        """Whether rows follow this page."""
        return self.offset + len(self.items) < self.total

    @property
    def next_offset(self) -> int | None:
        """The offset of the next page, or ``None`` on the last one."""
        return self.offset + self.limit if self.has_more else None


def paginate(items: Sequence[T], *, offset: int = 0, limit: int = DEFAULT_LIMIT) -> Page[T]:
    """The page of ``items`` that starts at ``offset`` and holds at most ``limit`` rows.

    Raises
    ------
    allies.errors.InvalidInput
        When ``offset`` is outside 0..:data:`MAX_OFFSET` or ``limit`` outside
        1..:data:`MAX_LIMIT`.
    """
    check_window(offset, limit)
    return Page(list(items[offset : offset + limit]), len(items), offset, limit)


def check_window(offset: int, limit: int) -> None:
    """Refuse an ``offset`` outside 0..:data:`MAX_OFFSET` or a ``limit`` outside
    1..:data:`MAX_LIMIT`.

    Raises
    ------
    allies.errors.InvalidInput
        Naming the field and its allowed range.
    """
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(
            f"offset must be between 0 and {MAX_OFFSET}; got {offset}.", field="offset"
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}; got {limit}.", field="limit")
