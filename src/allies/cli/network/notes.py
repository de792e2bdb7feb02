"""``allies note``: notes about people, shared with the workspace or private to their author."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, emit_rows, say
from allies.services.network import notes

app = typer.Typer(
    help="Notes about people: shared with the workspace, or private to you (--private).",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
PersonArg = Annotated[str, typer.Argument(help="Name, e-mail or id (#12).")]


@app.command("add")
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


@app.command("list")
def note_list(ctx: typer.Context, person: PersonArg, fmt: FormatOpt = Format.TABLE) -> None:
    """List the notes about a person you may see, newest first.

    Example: allies note list "Maria Lopez"
    """
    rows = [
        {"id": n.id, "private": n.private, "by": n.author, "note": n.body}
        for n in notes.list_notes(state(ctx).uow(), person)
    ]
    emit_rows(rows, fmt, empty="No notes yet.")


@app.command("search")
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


@app.command("remove")
def note_remove(
    ctx: typer.Context,
    note_id: Annotated[int, typer.Argument(help="The note's number, from `allies note list`.")],
) -> None:
    """Delete a note: your own, or (an owner) anyone's, which the audit trail records.

    Example: allies note remove 12
    """
    notes.remove_note(state(ctx).uow(), note_id)
    say(f"Deleted note #{note_id}.")
