"""The day and the helpers of the power base and goal plan tests.

Their fixtures (``store``, ``team``) are in ``tests/integration/services/standing/conftest.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.services.keep import log as routine
from allies.services.network.structure import add_tie
from allies.services.ports import UnitOfWorkFactory

TODAY = date(2026, 6, 15)


def ago(days: int) -> date:
    """``days`` before :data:`TODAY`."""
    return TODAY - timedelta(days=days)


def ally(f: UnitOfWorkFactory, name: str, weight: float = 0.9, kind: str = "trusts") -> None:
    """A strong relationship: a tie from me and a meeting every fortnight for months."""
    add_tie(f(), "me", kind, name, weight=weight)
    for days in range(2, 180, 14):
        routine.log_interaction(f(), [name], on=ago(days), tone=1)
