"""Which line ``allies today done|snooze|dismiss N`` means: the one the user saw as N.

On a large network ``allies today`` may show the agenda before the day's campaign meetings
are planned (they are planned in the background, :mod:`allies.cli.kept_views`); once they
are, they take their places among the lines and the numbers move. So:

- when the agenda was shown without them, the keys of the lines shown are noted in a small
  file of the data directory (:func:`shown_partly`; forgotten when it is shown whole);
- a number is then read against the whole agenda (planned now if it still is not, while
  the command waits) and taken only when the line there is the one that was shown with
  that number; otherwise the command asks to list the agenda again (:func:`line_seen`);
- a number given with nothing noted waits for the day's plans too, when they are not
  stored, so that it is read against the agenda as it will stay.

A line's key is always taken as it is.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import typer

from allies.cli.context import state
from allies.cli.kept_views import waiting
from allies.errors import NotFound
from allies.services.agenda.today import Agenda

__all__ = ["line_seen", "shown_partly"]


def _noted(ctx: typer.Context) -> Path:
    cli = state(ctx)
    from allies.config import data_dir

    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{cli.settings.database_url}\0{cli.settings.workspace}\0{cli.member}".encode())
    return data_dir() / "background" / f"today-shown-{digest.hexdigest()}.json"


def shown_partly(ctx: typer.Context, plan: Agenda | None) -> None:
    """Note the lines of today's agenda shown before its campaign meetings were planned
    (``plan``), or forget them (None: the agenda was shown whole)."""
    path = _noted(ctx)
    try:
        if plan is None:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        keys = [item.key for item in plan.items]
        path.write_text(json.dumps({"day": plan.start.isoformat(), "keys": keys}))
    except OSError:  # a note to be careful with; without it a number waits for the plans
        pass


def _seen(ctx: typer.Context) -> list[str | None] | None:
    """The keys of today's agenda as last shown without its campaign meetings, or None."""
    try:
        noted = json.loads(_noted(ctx).read_text())
        if noted["day"] == date.today().isoformat():
            return list(noted["keys"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def line_seen(ctx: typer.Context, line: str) -> str:
    """The line to handle: ``line`` itself (a key, or a number read against the agenda as
    it stands) or the key of the line shown as that number.

    Raises
    ------
    allies.errors.NotFound
        When the agenda was shown before its campaign meetings were planned and the line
        numbered so now is another one.
    """
    text = line.strip().lstrip("#")
    if not text.isdigit():
        return line
    from allies.services.agenda.campaign_meetings import unplanned_campaigns
    from allies.services.agenda.today import agenda

    cli = state(ctx)
    seen = _seen(ctx)
    if seen is None and not unplanned_campaigns(cli.uow(), date.today()):
        return line  # the plans are stored: the numbers are those of the agenda shown
    with waiting("Planning the day's campaign meetings first…"):
        items = agenda(cli.uow()).items  # planned and stored now when they were not
    if seen is None:
        return line
    number = int(text)
    now = items[number - 1].key if 1 <= number <= len(items) else None
    then = seen[number - 1] if 1 <= number <= len(seen) else None
    if now is None or now != then:
        raise NotFound(
            f"Line {number} is not the line you saw: the day's campaign meetings have "
            "been planned since the agenda was shown, and the numbers moved.",
            hint="List the agenda again with `allies today`, then use the new number.",
        )
    return now
