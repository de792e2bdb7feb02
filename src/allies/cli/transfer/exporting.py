"""``allies export FORMAT FILE``: the network as CSV, vCard, GraphML, GEXF or a backup, and
check-ins and promise deadlines as iCalendar."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.files import write_file
from allies.cli.output import say
from allies.services.agenda import calendar as exports
from allies.services.transfer.exporting import export_workspace

__all__ = ["app"]

app = typer.Typer(
    help="Take your network out: people as CSV or vCard, the network as GraphML or GEXF "
    "(Gephi), check-ins and promises as iCalendar, or the whole workspace as a backup.",
    no_args_is_help=True,
)


@app.command("ics")
def export_ics(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the .ics file ('-': stdout).")],
) -> None:
    """Write check-ins and promise deadlines as an iCalendar file.

    Example: allies export ics ~/allies.ics
    """
    data = exports.export_calendar(state(ctx).uow())
    if str(file) == "-":
        typer.echo(data.decode("utf-8"), nl=False)
        return
    write_file(file, data)
    count = data.count(b"BEGIN:VEVENT")
    say(f"Wrote {count} event{'s' if count != 1 else ''} to {file}.")


def _writer(fmt: str, summary: str, example: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="Where to write it ('-': standard output).")],
    ) -> None:
        result = export_workspace(state(ctx).uow(), fmt)
        if str(file) == "-":
            sys.stdout.buffer.write(result.data)
            sys.stdout.flush()
            return
        write_file(file, result.data)
        say(f"Wrote {result.description} to {file}.")

    command.__doc__ = f"{summary}\n\nExample: {example}"
    command.__name__ = f"export_{fmt}"
    return command


_EXPORTS = (
    ("csv", "Write everyone as a CSV spreadsheet.", "allies export csv people.csv"),
    ("vcard", "Write everyone as vCard 4.0, for an address book.", "allies export vcard all.vcf"),
    (
        "graphml",
        "Write people and ties as GraphML (yEd, Gephi, networkx).",
        "allies export graphml network.graphml",
    ),
    (
        "gexf",
        "Write people and ties as GEXF, to open in Gephi.",
        "allies export gexf network.gexf",
    ),
    (
        "backup",
        "Write the whole workspace as a JSON backup; `allies import backup` restores it.",
        "allies export backup allies-backup.json",
    ),
)


for _fmt, _summary, _example in _EXPORTS:
    app.command(_fmt)(_writer(_fmt, _summary, _example))
