"""``allies person history|export|erase``, ``allies note`` and ``allies audit
export|accounts``: the audit trails, notes and data protection requests on the command
line."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.network import people
from allies.cli.output import Format, emit_rows, say
from allies.services.dates import parse_optional_date
from allies.services.network import notes, privacy
from allies.services.team import account_trail, audit

note_app = typer.Typer(
    help="Notes about people: shared with the workspace, or private to you (--private).",
    no_args_is_help=True,
)
audit_app = typer.Typer(help="The audit trail: every change, who made it and when.",
                        no_args_is_help=True)  # fmt: skip

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
    file.write_bytes(data)
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


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    person: PersonArg,
    text: Annotated[str, typer.Argument(help="The note.")],
    private: Annotated[bool, typer.Option(help="Only you will see it.")] = False,
) -> None:
    """Write a note about a person.

    Example: allies note add "Maria Lopez" "Prefers a call to an e-mail" --private
    """
    note = notes.add_note(state(ctx).uow(), person, text, private=private)
    say(f"Note #{note.id} about {note.person}{' (private)' if note.private else ''}.")


@note_app.command("list")
def note_list(ctx: typer.Context, person: PersonArg, fmt: FormatOpt = Format.TABLE) -> None:
    """List the notes about a person you may see, newest first.

    Example: allies note list "Maria Lopez"
    """
    rows = [
        {"id": n.id, "private": n.private, "by": n.author, "note": n.body}
        for n in notes.list_notes(state(ctx).uow(), person)
    ]
    emit_rows(rows, fmt, empty="No notes yet.")


@note_app.command("search")
def note_search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Text to look for.")],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Find the notes you may see that contain some text.

    Example: allies note search budget
    """
    rows = [
        {"id": n.id, "person": n.person, "private": n.private, "note": n.body}
        for n in notes.search_notes(state(ctx).uow(), text)
    ]
    emit_rows(rows, fmt, empty="No note says that.")


@note_app.command("remove")
def note_remove(
    ctx: typer.Context,
    note_id: Annotated[int, typer.Argument(help="The note's number, from `allies note list`.")],
) -> None:
    """Delete a note.

    Example: allies note remove 12
    """
    notes.remove_note(state(ctx).uow(), note_id)
    say(f"Deleted note #{note_id}.")


@audit_app.command("export")
def audit_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    since: Annotated[str | None, typer.Option(help="From this day on (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Before this day (ISO date).")] = None,
) -> None:
    """Export the workspace's audit trail, oldest first, as JSON or CSV.

    Example: allies audit export trail.csv --format csv --since 2026-01-01
    """
    start, end = parse_optional_date(since), parse_optional_date(until)
    data = audit.export_audit(
        state(ctx).uow(),
        fmt=fmt,
        since=datetime.combine(start, time(), UTC) if start else None,
        until=datetime.combine(end, time(), UTC) if end else None,
    )
    file.write_bytes(data)
    say(f"Wrote the audit trail to {file} ({len(data):,} bytes).")


@audit_app.command("accounts")
def audit_accounts(
    ctx: typer.Context,
    user: Annotated[
        str | None, typer.Option("--user", help="Only changes by or about this user.")
    ] = None,
    workspace: Annotated[
        str | None, typer.Option("--in", help="Only changes concerning this workspace.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this day on (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Before this day (ISO date).")] = None,
    limit: Annotated[int, typer.Option(help="Show the latest so many (0: all).")] = 200,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List changes to users, workspaces, roles and API tokens: who, when, what, oldest
    first (never a password or a token).

    Example: allies audit accounts --user bo --format json
    """
    start, end = parse_optional_date(since), parse_optional_date(until)
    rows = account_trail.account_changes(
        state(ctx).factory(),
        user=user,
        workspace=workspace,
        since=datetime.combine(start, time(), UTC) if start else None,
        until=datetime.combine(end, time(), UTC) if end else None,
        limit=limit or None,
    )
    columns = ["at", "summary"] if fmt is Format.TABLE else None
    emit_rows(rows, fmt, columns=columns, empty="No account changes recorded.")
