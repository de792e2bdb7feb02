"""The views with a slow part (the power base, the influence ranking, the day's campaign
plans) answer at once: what is kept, while the rest is worked out in the background.

On a network larger than :data:`INLINE_UP_TO` people, a view whose answer for the records
as they are is not kept yet shows the newest one kept, saying when it was worked out, and
asks for it to be worked out by a process of its own
(:func:`allies.background.detached.ask`); with nothing kept it says so and how long it
takes. ``--wait`` works it out while the command waits, behind a spinner on standard
error; so do the JSON and CSV outputs (a script needs the current answer), a network of
at most :data:`INLINE_UP_TO` people (a fraction of a second), ``--as`` and other days
(``--as-of``), and every command when the background work is switched off
(``ALLIES_BACKGROUND=off``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.markup import escape

from allies.cli.context import state
from allies.cli.output import console, error_console

__all__ = [
    "INLINE_UP_TO",
    "ask",
    "background_allowed",
    "leave_to_background",
    "note",
    "seconds_for",
    "waiting",
]

#: Up to this many people a view works out what is not kept while it waits (as the web's
#: Today page does); beyond, it leaves it to the background.
INLINE_UP_TO = 500

#: Seconds per 1,000 people of each kind of work (a process's start included), for saying
#: about how long it takes: measured at 20,000 people.
_PER_THOUSAND = {"analyses": 0.2, "plans": 0.3}


def background_allowed(ctx: typer.Context, *, wait: bool = False) -> bool:
    """Whether the view may leave its slow part to the background at all: not asked to
    wait, the background on, the local user (not ``--as``)."""
    from allies.background.detached import available

    cli = state(ctx)
    return not wait and cli.member is None and available(cli.settings)


def leave_to_background(ctx: typer.Context, *, wait: bool = False) -> bool:
    """Whether the view may show what is kept and leave the rest to the background:
    :func:`background_allowed`, on a network of more than :data:`INLINE_UP_TO` people."""
    if not background_allowed(ctx, wait=wait):
        return False
    from allies.services.network.people_list import count_people

    return count_people(state(ctx).uow()) > INLINE_UP_TO


def ask(ctx: typer.Context, name: str) -> None:
    """Have the background task ``name`` run now for the command's workspace (never
    fails the command)."""
    from allies.background.detached import ask as ask_now

    cli = state(ctx)
    ask_now(cli.settings, name, cli.settings.workspace)


def seconds_for(ctx: typer.Context, name: str) -> int:
    """About how many seconds the background task takes on this network."""
    from allies.services.network.people_list import count_people

    people = count_people(state(ctx).uow())
    return max(3, round(2 + _PER_THOUSAND.get(name, 0.2) * people / 1000))


def note(text: str) -> None:
    """A dim note on standard output (after a table)."""
    console().print(f"[dim]{escape(text)}[/dim]", markup=True, highlight=False)


@contextmanager
def waiting(message: str, *, unless: bool = False) -> Iterator[None]:
    """A spinner with ``message`` on standard error while the block runs (on a terminal,
    and not ``unless``; nothing in a pipe)."""
    if unless or not sys.stderr.isatty():
        yield
        return
    with error_console().status(message, spinner="dots"):
        yield
