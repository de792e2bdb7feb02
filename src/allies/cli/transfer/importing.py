"""``allies import FORMAT FILE``: address books, calendars, mail, spreadsheets, graph files and
backups into the workspace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from allies.cli.context import state
from allies.cli.output import Format, console, emit_record, emit_rows
from allies.cli.progress import progress_bar
from allies.services.dates import parse_window
from allies.services.network.matching import DEFAULT_THRESHOLD
from allies.services.transfer.import_report import ImportReport
from allies.services.transfer.importing import ImportOptions, import_file

__all__ = ["import_app"]

import_app = typer.Typer(
    help="Bring your network in: address books, calendars, mail, spreadsheets, graph files "
    "and backups.\n\nEvery import is one transaction; --dry-run shows what would change "
    "and saves nothing. Importing the same file again changes nothing.",
    no_args_is_help=True,
)

FileArg = Annotated[Path, typer.Argument(help="The file to import.")]
DryRun = Annotated[
    bool,
    typer.Option("--dry-run", help="Show what would be added, merged and skipped; save nothing."),
]
Strict = Annotated[
    bool,
    typer.Option("--strict", help="Stop at the first bad line or record (nothing is saved)."),
]
Threshold = Annotated[
    float,
    typer.Option(
        min=50,
        max=100,
        help="Name-match score (0-100) at which two people are taken to be the same.",
    ),
]
MeOpt = Annotated[
    list[str] | None,
    typer.Option("--me", help="An e-mail address of yours (repeat for more)."),
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Report as a table, JSON or CSV.")
]
_SHOWN = 20


def _run(ctx: typer.Context, fmt: str, file: Path, report_format: Format, **options: Any) -> None:
    bar, update = progress_bar("reading")
    with bar:
        report = import_file(state(ctx).uow(), fmt, file, ImportOptions(progress=update, **options))
    _show(report, report_format)


def _show(report: ImportReport, fmt: Format) -> None:
    if fmt is not Format.TABLE:
        emit_record(report.as_dict(), fmt)
        return
    out = console()
    prefix = "[bold]Dry run:[/bold] nothing was saved. " if report.dry_run else ""
    out.print(prefix + report.summary(), highlight=False)
    for note in report.notes:
        out.print(note, markup=False)
    if report.skipped:
        rows = [{"left out": reason, "count": n} for reason, n in report.skipped.most_common()]
        emit_rows(rows, Format.TABLE, title="Left out on purpose")
    if report.merged:
        rows = [
            {
                "incoming": m.incoming,
                "merged into": m.person,
                "evidence": m.evidence or m.how,
                "added": list(m.added),
            }
            for m in report.merged  # every merge, so that a wrong one can be split
        ]
        emit_rows(rows, Format.TABLE, title=f"Merged ({len(report.merged)})")
        if not report.dry_run:
            out.print("Undo a wrong merge with `allies person split PERSON`.")
    if report.near_matches:
        rows = [
            {
                "added": n.incoming,
                "looks like": list(n.candidates),
                "score": n.score,
                "not merged": n.reason,
            }
            for n in report.near_matches[:_SHOWN]
        ]
        emit_rows(rows, Format.TABLE, title=f"Possible duplicates ({len(report.near_matches)})")
        out.print("Merge any that are the same person with `allies person merge KEEP DUPLICATE`.")
    if report.replies:
        emit_rows(report.replies, Format.TABLE, title="Busiest correspondents")
    for title, problems in (
        ("Bad records skipped", report.problems),
        ("Warnings", report.warnings),
    ):
        if problems:
            out.print(f"[bold]{title} ({len(problems)}):[/bold]")
            for problem in problems[:_SHOWN]:
                out.print(f"  {problem}", markup=False, highlight=False)
            if len(problems) > _SHOWN:
                out.print(f"  … and {len(problems) - _SHOWN} more (see --format json).")


def _simple(fmt: str, summary: str, example: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        file: FileArg,
        dry_run: DryRun = False,
        strict: Strict = False,
        threshold: Threshold = DEFAULT_THRESHOLD,
        report_format: FormatOpt = Format.TABLE,
    ) -> None:
        _run(ctx, fmt, file, report_format, dry_run=dry_run, strict=strict, threshold=threshold)

    command.__doc__ = f"{summary}\n\nExample: {example}"
    command.__name__ = f"import_{fmt}"
    return command


for _fmt, _summary, _example in (
    (
        "vcard",
        "Import people from a vCard file (2.1, 3.0 or 4.0; one or many cards).\n\nPeople "
        "already stored are matched by e-mail, then by name and organisation, and merged.",
        "allies import vcard contacts.vcf --dry-run",
    ),
    (
        "google",
        "Import people from a Google Contacts export (Google CSV).",
        "allies import google contacts.csv",
    ),
    (
        "linkedin",
        "Import your LinkedIn connections (Connections.csv), each tied to you.",
        "allies import linkedin Connections.csv",
    ),
    (
        "graphml",
        "Import people and ties from a GraphML file (yEd, Gephi, networkx).",
        "allies import graphml network.graphml",
    ),
    (
        "gexf",
        "Import people and ties from a GEXF file (Gephi).",
        "allies import gexf network.gexf",
    ),
    (
        "kumu",
        "Import a Kumu map: a workbook with Elements and Connections sheets, one of them "
        "as CSV, or a folder holding elements.csv and connections.csv.",
        "allies import kumu map.xlsx",
    ),
):
    import_app.command(_fmt)(_simple(_fmt, _summary, _example))


@import_app.command("csv")
def import_csv(
    ctx: typer.Context,
    file: FileArg,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="field=Column pairs, comma-separated or repeated "
            "(fields: name, first_name, last_name, email, phone, organisation, unit, title, "
            "tags, notes, level, tier, interests, agenda, values, offers, trades).",
        ),
    ] = None,
    dry_run: DryRun = False,
    strict: Strict = False,
    threshold: Threshold = DEFAULT_THRESHOLD,
    report_format: FormatOpt = Format.TABLE,
) -> None:
    """Import people from any CSV; say which column is which with --map.

    Without --map, Google and LinkedIn exports are recognised, and columns named like
    the fields (Name, E-mail, Company, Title ...) are found by themselves.

    Example: allies import csv people.csv --map "name=Full Name,email=E-mail,organisation=Company"
    """
    _run(
        ctx,
        "csv",
        file,
        report_format,
        dry_run=dry_run,
        strict=strict,
        threshold=threshold,
        mapping=tuple(mapping or ()),
    )


@import_app.command("ics")
def import_ics(
    ctx: typer.Context,
    file: FileArg,
    window: Annotated[
        str | None,
        typer.Option(help="START..END: events in this span (default: the last year to today)."),
    ] = None,
    me: MeOpt = None,
    dry_run: DryRun = False,
    strict: Strict = False,
    threshold: Threshold = DEFAULT_THRESHOLD,
    report_format: FormatOpt = Format.TABLE,
) -> None:
    """Import meetings from an iCalendar file as interactions with the people on them.

    Recurring events are expanded within the window; events you declined, cancelled ones,
    and all-day events with nobody else on them are left out and counted.

    Example: allies import ics calendar.ics --window "2025-01-01..today" --me you@example.org
    """
    _run(
        ctx,
        "ics",
        file,
        report_format,
        dry_run=dry_run,
        strict=strict,
        threshold=threshold,
        window=parse_window(window, date.today()) if window else None,
        me=tuple(me or ()),
    )


@import_app.command("mail")
def import_mail(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An mbox file, an .eml file or a folder of .eml.")],
    me: MeOpt = None,
    dry_run: DryRun = False,
    strict: Strict = False,
    threshold: Threshold = DEFAULT_THRESHOLD,
    report_format: FormatOpt = Format.TABLE,
) -> None:
    """Import mail headers: weekly touch-points, ties and who answers whom.

    Only From, To, Cc, Date, Message-ID and In-Reply-To are read; bodies are never stored.

    Example: allies import mail ~/Takeout/Mail/All.mbox --me you@example.org
    """
    _run(
        ctx,
        "mail",
        file,
        report_format,
        dry_run=dry_run,
        strict=strict,
        threshold=threshold,
        me=tuple(me or ()),
    )


@import_app.command("backup")
def import_backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `allies export backup`.")],
    dry_run: DryRun = False,
    report_format: FormatOpt = Format.TABLE,
) -> None:
    """Restore a backup into an empty workspace, exactly as it was.

    Example: allies -w restored import backup allies-backup.json
    """
    _run(ctx, "backup", file, report_format, dry_run=dry_run)
