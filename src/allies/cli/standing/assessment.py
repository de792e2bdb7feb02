"""``allies assess``: the political-skill self-assessment, from the keyboard, and its history."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from allies.cli.context import state
from allies.cli.output import Format, console, emit_record, emit_rows
from allies.services.dates import parse_date
from allies.services.standing import assessment as service

app = typer.Typer(
    help="Assess your political skill in four dimensions (networking ability, interpersonal "
    "influence, social astuteness, apparent sincerity; Ferris et al. 2005): 18 statements "
    "on a 7-point scale, scored with what each score means and what to practise. Every "
    "assessment is kept with its date, so the next one shows your progress.\n\n"
    "Example: allies assess",
    invoke_without_command=True,
    no_args_is_help=False,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]


def _ask() -> dict[str, int]:
    """Ask every item in turn; ``b`` goes back one item, ``q`` stops without saving."""
    out = console()
    items = service.questions()
    out.print(
        f"[bold]{len(items)} statements about how you work with people.[/bold] Answer each "
        "from 1 to 7 as it is true of you now, not as you would like it to be."
    )
    out.print("  " + "   ".join(f"{k} {v}" for k, v in service.SCALE.items()), style="dim")
    out.print("  Type b to go back one statement, q to stop without saving.\n", style="dim")
    answers: dict[str, int] = {}
    index = 0
    while index < len(items):
        item = items[index]
        out.print(f"[bold]{item.number}/{len(items)}[/bold] {escape(item.text)}")
        previous = answers.get(item.key)
        typed = typer.prompt(
            "  1-7", default=str(previous) if previous else None, show_default=bool(previous)
        ).strip()
        if typed.lower() == "q":
            out.print("Stopped: nothing was saved.")
            raise typer.Exit(code=1)
        if typed.lower() == "b":
            index = max(index - 1, 0)
            continue
        if not typed.isdigit() or not 1 <= int(typed) <= 7:
            out.print("  Please type a whole number from 1 to 7 (or b, q).", style="yellow")
            continue
        answers[item.key] = int(typed)
        index += 1
    return answers


def _show(result: service.AssessmentResult, fmt: Format) -> None:
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    rows = [
        {
            "dimension": d.name,
            "score": d.score,
            "of_7": f"{d.percent}%",
            "band": d.band,
            "change": "" if d.change is None else f"{d.change:+.2f}",
        }
        for d in result.dimensions
    ]
    title = f"Political skill, {result.taken_on.isoformat()}"
    emit_rows(rows, fmt, title=title if fmt is Format.TABLE else None)
    if fmt is not Format.TABLE:
        return
    out = console()
    if result.previous_on:
        out.print(f"Change since {result.previous_on.isoformat()} in the last column.", style="dim")
    for d in result.dimensions:
        out.print(f"[bold]{d.name}[/bold] ({d.score:g}, {d.band}): {escape(d.meaning)}")
        for line in d.practice:
            out.print(f"  → {escape(line)}")
    out.print("Framework: Ferris et al. (2005), J. of Management 31(1).", style="dim")


@app.callback()
def assess(
    ctx: typer.Context,
    answers: Annotated[
        str | None,
        typer.Option(
            help="Answer without questions: 18 numbers 1-7 in question order "
            "(e.g. 5,4,6,...), or ITEM=N pairs."
        ),
    ] = None,
    on: Annotated[str, typer.Option(help="The day you answered.")] = "today",
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Take the self-assessment: 18 statements, one key press each.

    Example: allies assess --answers 5,4,6,5,3,6,4,7,5,5,4,6,3,5,4,4,6,5
    """
    if ctx.invoked_subcommand is not None:
        return
    given = service.parse_answers(answers) if answers is not None else _ask()
    result = service.take_assessment(state(ctx).uow(), given, on=parse_date(on, field="on"))
    _show(result, fmt)


@app.command("history")
def history(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """Every assessment you have taken, oldest first, with each dimension's score and the
    change since the one before.

    Example: allies assess history --format csv
    """
    results = service.assessment_history(state(ctx).uow())
    if fmt is Format.JSON:
        emit_rows(results, fmt)
        return
    rows = []
    for r in results:
        row: dict[str, object] = {"taken_on": r.taken_on, "overall": r.overall}
        for d in r.dimensions:
            change = "" if d.change is None else f" ({d.change:+.2f})"
            row[d.key] = f"{d.score:g}{change}" if fmt is Format.TABLE else d.score
        rows.append(row)
    emit_rows(rows, fmt, empty="No assessments yet. Take one with `allies assess`.")


@app.command("show")
def show(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """Your latest assessment: each dimension's score, what it means and what to practise.

    Example: allies assess show
    """
    _show(service.latest_assessment(state(ctx).uow()), fmt)


@app.command("questions")
def questions(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List the 18 statements with their keys (for --answers ITEM=N).

    Example: allies assess questions --format csv
    """
    emit_rows(service.questions(), fmt)
