"""The day and the helpers of the tests of keeping alliances alive.

Their fixtures (``factory``, ``network``) are in ``tests/integration/services/conftest.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.services.keep import log as routine
from allies.services.ports import UnitOfWorkFactory

TODAY = date(2026, 6, 15)


def ago(days: int) -> date:
    """``days`` before :data:`TODAY` (negative: after)."""
    return TODAY - timedelta(days=days)


def meet(factory: UnitOfWorkFactory, who: str, days_ago: int, tone: int = 0) -> None:
    """Log a one-on-one with ``who`` ``days_ago`` days before TODAY."""
    routine.log_interaction(factory(), [who], on=ago(days_ago), tone=tone)
