"""Working through the agenda: a line done, snoozed or dismissed, and kept so.

Each line is found by its number on today's agenda (what ``allies today`` and the Today
page show) or by its key (:mod:`allies.services.agenda.lines`). *Done* takes the natural
action of the line's kind, then stores the line as handled:

- a check-in, a cooling relationship, a campaign meeting or a goal step with someone:
  a check-in with them is logged (an interaction; with an alliance's partners for an
  alliance's check-in);
- a promise (or the goal step of keeping one): the promise is marked kept;
- a favour to give back: a favour given to them is recorded;
- an alliance duty: marked done; a milestone: celebrated (reached, when only due);
  a conflict: resolved.

*Snooze* hides the line until a day; *dismiss* hides it for good, with a reason. The
handled line is stored in the database, so it stays handled on every device.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from allies.errors import Forbidden, InvalidInput, NotFound
from allies.services.agenda import lines
from allies.services.agenda.today import AgendaItem, agenda
from allies.services.alliances import manage as alliances
from allies.services.keep import log as routine
from allies.services.ports import UnitOfWork
from allies.services.ports.agenda import HandledAction, HandledLine

__all__ = [
    "Handled",
    "dismiss_line",
    "done_label",
    "find_line",
    "line_done",
    "snooze_line",
    "undo_line",
]

#: The summary of the interaction logged when a line is done.
CHECKED_IN = "Checked in (from the agenda)"


@dataclass(frozen=True)
class Handled:
    """A line handled: the line as it stood, what was stored, and what was done."""

    item: AgendaItem
    handled: HandledLine
    done: str


def find_line(
    uow: UnitOfWork, line: str | int, *, today: date | None = None, days: int = 1
) -> AgendaItem:
    """The line numbered ``line`` on the agenda from ``today`` (as it shows now), or the
    line whose key is ``line``.

    Raises
    ------
    allies.errors.NotFound
        When no line has that number or key (it may be handled already).
    """
    items = agenda(uow, today=today, days=days).items
    text = str(line).strip().lstrip("#")
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(items):
            return items[number - 1]
        raise NotFound(
            f"The agenda has no line {number}; it has {len(items)}.",
            hint="List the agenda again: numbers move as lines are handled.",
        )
    for item in items:
        if item.key == text:
            return item
    raise NotFound(
        f"No line {text!r} is on the agenda.",
        hint="It may be handled already; list the agenda again.",
    )


def _check_writer(uow: UnitOfWork) -> str | None:
    actor = uow.actor
    if actor is not None and not actor.can_write:
        raise Forbidden(
            f"{actor.username} is a viewer of workspace {uow.workspace!r} and cannot "
            "handle its agenda.",
            hint="Ask an owner of the workspace for the editor role.",
        )
    return actor.username if actor is not None else None


def _store(
    uow: UnitOfWork,
    item: AgendaItem,
    action: HandledAction,
    day: date,
    *,
    until: date | None = None,
    reason: str = "",
) -> HandledLine:
    who = _check_writer(uow)
    if not item.key:
        raise InvalidInput("This line cannot be handled here.", field="line")
    with uow:
        stored = uow.agenda_handled.put(
            HandledLine(item.key, action, day, until=until, reason=reason.strip(), handled_by=who)
        )
        uow.commit()
    return stored


def _alliance_people(uow: UnitOfWork, alliance_id: int | None) -> list[int]:
    with uow:
        found = uow.alliances.get(alliance_id or 0)
    return [p.person_id for p in found.partners if p.person_id is not None]


def _natural_action(uow: UnitOfWork, item: AgendaItem, day: date) -> str:
    """Take the line's natural action; what was done, in words."""
    kind, ids = lines.parse_key(item.key)
    ref = f"#{item.alliance_id}"
    if item.promise_id is not None:
        routine.settle_promise(uow, item.promise_id, "done", on=day)
        return f"promise kept: {item.what.removeprefix('keep your promise: ')}"
    if kind == "favour" and item.person_id is not None:
        routine.record_favour_by_id(
            uow, item.person_id, "given", "gave something back", size="small", on=day
        )
        return f"favour given to {item.who} recorded"
    if kind == "duty" and len(ids) == 2:
        alliances.duty_done(uow, ref, ids[1], on=day)
        return f"duty done: {item.what}"
    if kind in ("celebrate", "milestone") and len(ids) == 2:
        what = "celebrated" if kind == "celebrate" else "reached"
        alliances.mark_milestone(uow, ref, ids[1], what, on=day)
        return f"milestone {what}: {item.what.split(': ', 1)[-1]}"
    if kind == "conflict" and len(ids) == 2:
        alliances.move_conflict(uow, ref, ids[1], "resolved", note="resolved", on=day)
        return f"conflict resolved: {item.what.removeprefix('resolve: ')}"
    people = [item.person_id] if item.person_id is not None else []
    if not people and item.alliance_id is not None and kind == "check-in":
        people = _alliance_people(uow, item.alliance_id)
    if people:
        routine.log_interaction_by_id(uow, people, kind="one_on_one", on=day, summary=CHECKED_IN)
        return f"check-in with {item.who} logged"
    return "marked done"


def line_done(
    uow: UnitOfWork, line: str | int, *, today: date | None = None, days: int = 1
) -> Handled:
    """Do a line: its natural action (see the module doc), then keep it handled.

    Raises
    ------
    allies.errors.NotFound
        When the agenda has no such line.
    allies.errors.Forbidden
        When the actor may only read the workspace.
    """
    day = today or date.today()
    _check_writer(uow)
    item = find_line(uow, line, today=day, days=days)
    done = _natural_action(uow, item, day)
    return Handled(item, _store(uow, item, "done", day), done)


def snooze_line(
    uow: UnitOfWork,
    line: str | int,
    until: date | None = None,
    *,
    today: date | None = None,
    days: int = 1,
) -> Handled:
    """Hide a line until ``until`` (tomorrow when left out); it shows again that day.

    Raises
    ------
    allies.errors.InvalidInput
        When ``until`` is not after today.
    """
    day = today or date.today()
    wake = until or day + timedelta(days=1)
    if wake <= day:
        raise InvalidInput(
            "Snooze a line to a day after today.", field="until", hint="For example tomorrow."
        )
    item = find_line(uow, line, today=day, days=days)
    stored = _store(uow, item, "snoozed", day, until=wake)
    return Handled(item, stored, f"snoozed until {wake:%a %d %b}")


def dismiss_line(
    uow: UnitOfWork,
    line: str | int,
    why: str = "",
    *,
    today: date | None = None,
    days: int = 1,
) -> Handled:
    """Hide a line for good, with the reason (may be empty)."""
    day = today or date.today()
    item = find_line(uow, line, today=day, days=days)
    stored = _store(uow, item, "dismissed", day, reason=why)
    return Handled(item, stored, "dismissed" + (f": {why.strip()}" if why.strip() else ""))


def undo_line(uow: UnitOfWork, key: str) -> bool:
    """Show a handled line again (its natural action, if any, stays done)."""
    _check_writer(uow)
    with uow:
        removed = uow.agenda_handled.remove(key)
        uow.commit()
    return removed


def done_label(item: AgendaItem) -> str:
    """The words on a line's *done* button: its natural action, done."""
    kind = item.key.split(":", 1)[0]
    if item.promise_id is not None:
        return "Kept"
    labels = {
        "favour": "Gave back",
        "duty": "Done",
        "celebrate": "Celebrated",
        "milestone": "Reached",
        "conflict": "Resolved",
    }
    if kind in labels:
        return labels[kind]
    if item.person_id is not None or (kind == "check-in" and item.alliance_id is not None):
        return "Met"
    return "Done"
