"""``allies person history|export|erase``: the audit trail of one person and the data
protection requests about them (a copy of everything held, or erasure)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.files import write_file
from allies.cli.network import people
from allies.cli.output import Format, emit_rows, say
from allies.services.network import privacy
from allies.services.team import audit

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
PersonArg = Annotated[str, typer.Argument(help="Name, e-mail or id (#12).")]


@people.app.command("history")
def person_history(
    ctx: typer.Context,
    person: PersonArg,
    limit: Annotated[int, typer.Option(help="How many changes at most.")] = 50,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Show every change to a person and to the records about them: who, when, what.

    Example: allies person history "Maria Lopez" --limit 20
    """
    history = audit.person_history(state(ctx).uow(), person, limit=limit)
    rows = [
        {"when": line.at.strftime("%Y-%m-%d %H:%M"), "who": line.actor, "what": line.summary}
        for line in history.lines
    ]
    emit_rows(rows, fmt, title=f"History of {history.name}", empty="No changes recorded.")


@people.app.command("export")
def person_export(
    ctx: typer.Context,
    person: PersonArg,
    file: Annotated[Path, typer.Argument(help="The JSON file to write.")],
    include_private: Annotated[
        bool,
        typer.Option(
            "--include-private",
            help="Also include members' private notes (for a data protection request).",
        ),
    ] = False,
) -> None:
    """Write everything held about one person to a JSON file (a data protection export).

    Example: allies person export "Maria Lopez" maria.json
    """
    data = privacy.export_person(state(ctx).uow(), person, include_private=include_private)
    write_file(file, data)
    say(f"Wrote everything held about {person} to {file} ({len(data):,} bytes).")


@people.app.command("erase")
def person_erase(
    ctx: typer.Context,
    person: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person completely: their records, their place in meetings, and their
    values in the audit trail. This cannot be undone.

    Example: allies person erase "Maria Lopez" --yes
    """
    if not yes:
        typer.confirm(f"Erase {person} and everything about them, for good?", abort=True)
    report = privacy.erase_person(state(ctx).uow(), person)
    removed = ", ".join(f"{n} {kind}" for kind, n in report.removed.items() if n) or "no records"
    say(
        f"Erased {report.name} (#{report.person_id}): {removed}; "
        f"{report.texts_blanked} meeting texts blanked; "
        f"{report.audit_entries_scrubbed} audit entries scrubbed."
    )
