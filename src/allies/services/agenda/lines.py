"""Stable names for agenda lines, and whether a handled line still shows.

The agenda is computed anew at each look, so what was done with a line is stored under
a key that names the same line tomorrow and on another device: its kind, the record it
is about and, when the line has one, its day. A check-in's day is the day it fell due,
so logging a meeting (which moves that day) makes a new line; a promise's is its due
date. The parts are separated by ``:`` and hold no spaces, so a key is safe in a URL.
"""

from __future__ import annotations

import hashlib
from datetime import date

from allies.services.ports.agenda import HandledLine

__all__ = [
    "campaign_key",
    "check_in_key",
    "favour_key",
    "goal_key",
    "hides",
    "parse_key",
    "person_key",
    "promise_key",
    "record_key",
]


def _day(on: date | None) -> str:
    return on.isoformat() if on is not None else "-"


def check_in_key(person_id: int | None, alliance_id: int | None, due_on: date) -> str:
    """A check-in with a person (or an alliance's partners) that fell due on ``due_on``."""
    who = f"p{person_id}" if person_id is not None else f"a{alliance_id}"
    return f"check-in:{who}:{_day(due_on)}"


def promise_key(promise_id: int, due_on: date | None) -> str:
    """An open promise falling due on ``due_on``."""
    return f"promise:{promise_id}:{_day(due_on)}"


def person_key(kind: str, person_id: int | None, on: date | None) -> str:
    """A line about a person (a cooling relationship, since their last contact ``on``)."""
    return f"{kind}:p{person_id}:{_day(on)}"


def favour_key(person_id: int, given: int, received: int) -> str:
    """A nudge to give back, for the balance it has now (a new favour makes a new line)."""
    return f"favour:p{person_id}:{given}-{received}"


def record_key(kind: str, alliance_id: int | None, record_id: int | None, on: date | None) -> str:
    """A line about one part of an alliance: a duty, a milestone, a conflict."""
    return f"{kind}:a{alliance_id}-{record_id}:{_day(on)}"


def goal_key(goal_id: int, kind: str, person_id: int | None, what: str) -> str:
    """A next step towards a goal (what it says tells two steps with one person apart)."""
    digest = hashlib.sha256(what.encode()).hexdigest()[:10]
    return f"goal:g{goal_id}-{kind}-p{person_id}:{digest}"


def campaign_key(campaign_id: int, person_id: int | None, on: date) -> str:
    """A planned campaign meeting on ``on``."""
    return f"campaign:c{campaign_id}-p{person_id}:{_day(on)}"


def parse_key(key: str) -> tuple[str, list[int]]:
    """The kind of a key and the ids of its middle part (``duty:a3-7:...`` -> duty, [3, 7])."""
    kind, _, rest = key.partition(":")
    middle = rest.split(":", 1)[0]
    ids = []
    for part in middle.split("-"):
        digits = part.lstrip("acgp")
        if digits.isdigit():
            ids.append(int(digits))
    return kind, ids


def hides(handled: HandledLine | None, on: date) -> bool:
    """Whether a line handled so is left out of the agenda starting ``on``: done and
    dismissed lines are; a snoozed one until the day it was snoozed to."""
    if handled is None:
        return False
    if handled.action == "snoozed":
        return handled.until is not None and handled.until > on
    return True
