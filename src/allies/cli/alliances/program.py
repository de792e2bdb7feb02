"""``allies program``: five days of action, from a cause to an alliance and a team."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, console, emit_rows, say
from allies.errors import InvalidInput
from allies.services.alliances import program as service
from allies.services.dates import read_answers


def _answers(pairs: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(
                f"--answer takes KEY=VALUE; got {pair!r}.",
                field="answer",
                hint="For example --answer cause='Same-day delivery'.",
            )
        answers[key.strip()] = value
    return answers


def program(
    ctx: typer.Context,
    day: Annotated[
        int | None, typer.Option(help="Which day, 1-5 (default: the first not done).", min=1, max=5)
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", "-a", help="KEY=VALUE for one question; with any, nothing is asked."
        ),
    ] = None,
    status: Annotated[
        bool, typer.Option("--status", help="Show which days are done, and stop.")
    ] = False,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output of --status: table, JSON or CSV.")
    ] = Format.TABLE,
) -> None:
    """Five days of action: the cause, who is good at it, the agreement, the alliance made
    real, and your team. Each day asks a few questions and stores the answers as a goal,
    an alliance, its partners, agreement, duties and milestones, tags and promises.

    Run it without options to be asked the next day's questions; give --answer to answer
    them without prompts (see `--status` for what is done).

    Example: allies program --day 1 -a cause="Same-day delivery in the north" -a why="churn"
    """
    uow_of = state(ctx).uow
    if status:
        emit_rows(service.program_status(uow_of()), fmt)
        return
    number = day or service.next_day(uow_of())
    spec = service.day(number)
    given = _answers(answer or [])
    if not given:
        out = console()
        out.print(f"[bold]Day {spec.number}: {spec.title}[/bold]")
        out.print(spec.intro, highlight=False)
        for prompt in spec.prompts:
            reply = typer.prompt(
                prompt.question,
                default=prompt.default or ("" if not prompt.required else None),
                show_default=bool(prompt.default),
            )
            given[prompt.key] = str(reply)
    answers = read_answers(given, spec.kinds, today=date.today())
    result = service.run_day(uow_of(), number, answers)
    say(f"Day {result.day}, {result.title}: recorded")
    for line in result.lines:
        say(f"  - {line}")
    if number < len(service.DAYS):
        say(f"Next: `allies program --day {number + 1}`.")
    else:
        say("That was the last day. See your agenda with `allies today`.")
