"""The progress bar of the long commands (imports, syncs), on standard error.

It shows only on a terminal, and leaves nothing behind when the work is done, so a
command's output stays the same in a pipe or a script.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from allies.cli.output import error_console

__all__ = ["Update", "progress_bar"]

#: ``update(stage, done, total)``: what the work is doing, how far, out of how much.
Update = Callable[[str, int, int | None], None]


def progress_bar(first_stage: str) -> tuple[Progress, Update]:
    """A bar (use it as a context manager) and the callback that moves it.

    Parameters
    ----------
    first_stage
        What the bar says before the work reports anything ("reading", "connecting").

    Returns
    -------
    tuple of Progress and callable
        The bar, and ``update(stage, done, total)`` for the services' progress.
    """
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=error_console(),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    task = bar.add_task(first_stage, total=None)

    def update(stage: str, done: int, total: int | None) -> None:
        bar.update(task, description=stage, completed=done, total=total)

    return bar, update
