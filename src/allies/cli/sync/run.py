"""``allies sync [NAME]``: bring in what is new in the accounts, with a progress bar."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.output import Format, console, emit_rows, error_console
from allies.cli.progress import progress_bar
from allies.cli.sync.common import sync_ctx
from allies.services.sync.imap import BATCH_SIZE
from allies.services.sync.run import SyncOutcome, sync_accounts
from allies.services.sync.summary import SyncSummary

__all__ = ["sync"]

_SHOWN = 20


def _show(summary: SyncSummary) -> None:
    out = console()
    out.print(f"[bold]{summary.account}[/bold]: {summary.summary()}", highlight=False)
    for note in summary.notes:
        out.print(f"  {note}", markup=False, highlight=False)
    if summary.skipped:
        rows = [{"left out": reason, "count": n} for reason, n in summary.skipped.most_common()]
        emit_rows(rows, Format.TABLE, title="Left out on purpose")
    for title, lines in (
        ("Conflicts left alone", summary.conflicts),
        ("Unreadable", summary.problems),
    ):
        if lines:
            out.print(f"[bold]{title} ({len(lines)}):[/bold]")
            for line in lines[:_SHOWN]:
                out.print(f"  {line}", markup=False, highlight=False)
            if len(lines) > _SHOWN:
                out.print(f"  … and {len(lines) - _SHOWN} more (see --format json).")


def sync(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None, typer.Argument(help="The accounts to sync (all when none is named).")
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Items per transaction.")
    ] = BATCH_SIZE,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Table or JSON.")] = Format.TABLE,
) -> None:
    """Bring in what is new in your mail, calendar and contacts accounts.

    Only what changed since the last sync is read (mail headers only, never bodies);
    running it again changes nothing. Each batch is saved with where it stopped, so an
    interrupted sync resumes there.

    Example: allies sync work-mail
    """
    bar, update = progress_bar("connecting")

    with bar:
        outcomes = sync_accounts(sync_ctx(ctx), names or (), update, batch_size=batch_size)
    if fmt is Format.JSON:
        emit_rows([_plain(o) for o in outcomes], Format.JSON)
    else:
        if not outcomes:
            console().print("No account yet. Add one with `allies account add`.")
        for outcome in outcomes:
            if outcome.summary is not None:
                _show(outcome.summary)
            elif outcome.error is not None:
                error_console().print(
                    f"[bold]{outcome.account}[/bold]: {outcome.error}", highlight=False
                )
    if any(not o.ok for o in outcomes):
        raise typer.Exit(1)


def _plain(outcome: SyncOutcome) -> dict[str, object]:
    if outcome.summary is not None:
        return outcome.summary.as_dict()
    return {"account": outcome.account, "error": str(outcome.error)}
