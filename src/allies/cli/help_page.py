"""The list of commands that ``allies --help`` (and ``allies`` alone) prints.

Typer draws help with its own module of Rich panels, which brings Markdown, tracebacks and
syntax highlighting with it (about a third of the start-up of ``allies --help``). The top
level needs none of that: its help is the usage line, the description, the global options
and one line per command from :data:`allies.cli.app.COMMANDS`, drawn here with the Rich
pieces every command already loads, in the same layout. Each command's own ``--help`` is
still Typer's.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typer._click.core import Command, Context

__all__ = ["print_top_help"]

_OPTION, _SWITCH, _METAVAR = "bold cyan", "bold green", "bold yellow"


def _console() -> Console:
    """A console sized as Typer sizes its help (``TERMINAL_WIDTH`` when set)."""
    width = os.environ.get("TERMINAL_WIDTH")
    return Console(width=int(width) if width and width.isdigit() else None)


def _option_rows(params: Iterable[Any]) -> list[tuple[Text, Text, Text, Text]]:
    """Each visible option: its long names, short names, the kind of value and its help."""
    rows: list[tuple[Text, Text, Text, Text]] = []
    for param in params:
        if not getattr(param, "opts", None) or getattr(param, "hidden", False):
            continue
        names = [*param.opts, *param.secondary_opts]
        long = ", ".join(n for n in names if n.startswith("--"))
        short = ", ".join(n for n in names if not n.startswith("--"))
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        kind = "" if param.is_flag else getattr(annotation, "__name__", "text").lower()
        rows.append(
            (
                Text(long, style=_OPTION),
                Text(short, style=_SWITCH),
                Text(f"<{kind}>" if kind else "", style=_METAVAR),
                Text(inspect.cleandoc(param.help or "")),
            )
        )
    return rows


def _table() -> Table:
    return Table(show_header=False, expand=True, box=None, padding=(0, 1), pad_edge=False)


def _panel(table: Table, title: str) -> Panel:
    return Panel(table, title=title, title_align="left", border_style="dim", expand=True)


def print_top_help(ctx: Context, commands: Iterable[tuple[str, str]]) -> None:
    """Print the help of the ``allies`` group: usage, description, options and commands.

    Parameters
    ----------
    ctx : Context
        The group's context (its command is the ``allies`` group).
    commands : iterable of (str, str)
        Each listed command's name and one-line summary, in order.
    """
    group: Command = ctx.command
    console = _console()
    console.print(Padding(Text(group.get_usage(ctx), style="bold"), 1))
    if group.help:
        console.print(Padding(Text(inspect.cleandoc(group.help)), (0, 1, 1, 1)))
    options = _table()
    for row in _option_rows(group.get_params(ctx)):
        options.add_row(*row)
    console.print(_panel(options, "Options"))
    listed = _table()
    listed.add_column(style="bold cyan", no_wrap=True)
    listed.add_column(ratio=1)
    for name, summary in commands:
        listed.add_row(name, summary)
    console.print(_panel(listed, "Commands"))
