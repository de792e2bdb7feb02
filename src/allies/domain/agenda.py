"""What was done with a line of the daily agenda: done, snoozed until a day, or dismissed.

The agenda itself is computed from the records at each look; these values are what is
kept of working through it, so a line handled on one device stays handled on every other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

__all__ = ["HandledAction", "HandledLine"]

#: What can be done with an agenda line.
HandledAction = Literal["done", "snoozed", "dismissed"]


@dataclass(frozen=True)
class HandledLine:
    """What was done with one agenda line, by whom and when.

    ``until`` is the first day a snoozed line shows again; ``reason`` says why a line was
    dismissed (may be empty); ``handled_by`` is the member's username (``None``: the
    local user).
    """

    line_key: str
    action: HandledAction
    handled_on: date
    until: date | None = None
    reason: str = ""
    handled_by: str | None = None
    handled_at: datetime | None = None
