"""Listening to what a request sends to the database: its BEGINs and its statements.

Counted on the store's own engine (the one the app's units of work run on), so nothing of
ours is stood in for: every BEGIN and every statement a request sends is seen. Test
modules import :func:`traffic` to use it as a fixture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings

__all__ = ["Traffic", "traffic"]


@dataclass
class Traffic:
    """What reached the database while it was listened to."""

    begins: int = 0
    statements: list[str] = field(default_factory=list)

    def whole_reads_of(self, table: str) -> int:
        """How many SELECTs read every row of ``table`` in the workspace (not a lookup by id)."""
        whole = re.compile(
            rf"FROM\s+{table}\s+WHERE\s+{table}\.workspace_id\s*=\s*\?\s+ORDER BY", re.I
        )
        return sum(1 for s in self.statements if whole.search(s))

    def reset(self) -> None:
        """Forget what was seen so far (to count the next request alone)."""
        self.begins = 0
        self.statements.clear()


@pytest.fixture
def traffic(settings: Settings) -> Iterator[Traffic]:
    """Listen to the BEGINs and statements on the app's engine for the length of a test."""
    engine = unit_of_work_factory(settings).engine  # type: ignore[attr-defined]
    seen = Traffic()

    def on_begin(_connection: Any) -> None:
        seen.begins += 1

    def on_statement(
        _conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
    ) -> None:
        seen.statements.append(statement)

    event.listen(engine, "begin", on_begin)
    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        yield seen
    finally:
        event.remove(engine, "begin", on_begin)
        event.remove(engine, "before_cursor_execute", on_statement)
