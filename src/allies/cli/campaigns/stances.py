"""``allies stance``: where people stand on a campaign's issues, kept as history.

``stance_app`` holds ``set``, ``list`` and ``history``; the options and table helpers
here are shared with ``allies campaign``.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from allies.cli.context import state
from allies.cli.output import Format, console, emit_rows, say
from allies.errors import InvalidInput
from allies.services.campaigns import editing as service
from allies.services.campaigns.support import AGAINST_WORD, ON_BOARD_WORD, UNDECIDED_WORD
from allies.services.dates import parse_date, parse_optional_date

stance_app = typer.Typer(
    help="Stances: where a person stands on a campaign issue (position 0-100, salience "
    "0-1, capability, confidence), kept as history.",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
CampaignArg = Annotated[
    str, typer.Argument(help="The campaign: name, part of it, #id, or 'active'.")
]
CampaignOpt = Annotated[
    str,
    typer.Option("--campaign", "-c", help="The campaign: name, part of it, #id, or 'active'."),
]
IssueOpt = Annotated[
    str, typer.Option("--issue", "-i", help="The issue (may be left out with one issue).")
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="As it stood on this day (default: today).")
]


def note(text: str) -> None:
    """Print a dim note under a table."""
    console().print(f"[dim]{text}[/dim]", markup=True, highlight=False)


def split_names(values: list[str] | None) -> list[str]:
    """Names from repeated options, each of which may hold several separated by commas."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def number(value: float | None, digits: int = 0) -> float | int | None:
    """A number rounded for a table (whole by default); None stays None."""
    if value is None:
        return None
    return round(value) if digits == 0 else round(value, digits)


def stance_rows(rows: list[service.StanceRow]) -> list[dict[str, Any]]:
    """Stance rows as the table columns of ``campaign show`` and ``stance list``."""
    return [
        {
            "name": r.name,
            "decider": r.is_decider,
            "position": number(r.position),
            "to_target": number(r.to_target),
            "side": r.side,
            "salience": r.salience,
            "capability": number(r.capability, 2),
            "from": r.capability_source,
            "confidence": r.confidence,
            "change": number(r.change),
            "recorded_on": r.recorded_on,
        }
        for r in rows
    ]


def issue_title(table: Any) -> str:
    """The title of an issue's stance table: its ends, my position and the sides."""
    return (
        f"{table.issue}: 0 = {table.low_label}, 100 = {table.high_label}; I want "
        f"{table.desired:g} ({table.count(ON_BOARD_WORD)} {ON_BOARD_WORD}, "
        f"{table.count(UNDECIDED_WORD)} {UNDECIDED_WORD}, {table.count(AGAINST_WORD)} against)"
    )


@stance_app.command("set")
def set_(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Who: name, e-mail or id.")],
    position: Annotated[
        float, typer.Option("--position", "-p", help="Where they stand, 0-100.", min=0, max=100)
    ],
    campaign: CampaignOpt = "active",
    issue: IssueOpt = "",
    salience: Annotated[
        float | None,
        typer.Option(
            "--salience", "-s", help="How much it matters to them, 0-1 (kept).", min=0, max=1
        ),
    ] = None,
    capability: Annotated[
        str | None,
        typer.Option(help="What they can bring to bear, 0-1, or 'influence' to derive it."),
    ] = None,
    confidence: Annotated[
        float | None, typer.Option(help="How sure you are, 0-1 (kept).", min=0, max=1)
    ] = None,
    on: Annotated[str, typer.Option(help="When they stood so: a date or 'yesterday'.")] = "today",
    note: Annotated[str, typer.Option(help="Where this comes from.")] = "",
) -> None:
    """Record where someone stands on a campaign issue (their history is kept).

    Salience, confidence and a stated capability carry over from their last stance
    unless given.

    Example: allies stance set "Maria Lopez" --issue Scope --position 60 --salience 0.8
    """
    cap: float | service.Keep | None = service.KEEP
    if capability is not None:
        if capability.strip().lower() in ("influence", "derive", "derived", "none"):
            cap = None
        else:
            try:
                cap = float(capability)
            except ValueError:
                raise InvalidInput(
                    "--capability must be a number from 0 to 1 or 'influence', "
                    f"not {capability!r}.",
                    field="capability",
                ) from None
    stance = service.set_stance(
        state(ctx).uow(),
        campaign,
        person,
        issue,
        position,
        salience=salience,
        capability=cap,
        confidence=confidence,
        on=parse_date(on, field="on"),
        note=note,
    )
    shown = "from influence" if stance.capability is None else f"{stance.capability:g}"
    say(
        f"Recorded: position {stance.position:g}, salience {stance.salience:g}, "
        f"capability {shown}, confidence {stance.confidence:g}, on {stance.recorded_on}."
    )


@stance_app.command("list")
def list_stances(
    ctx: typer.Context,
    campaign: CampaignArg = "active",
    issue: IssueOpt = "",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Current stances on a campaign's issues, against my desired position.

    Example: allies stance list "Analytics platform" --issue Funding --format csv
    """
    table = service.stance_table(
        state(ctx).uow(),
        campaign,
        issue=issue,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is not Format.TABLE:
        emit_rows([row for t in table.issues for row in t.rows], fmt)
        return
    for t in table.issues:
        emit_rows(stance_rows(t.rows), fmt, title=issue_title(t), empty=f"{t.issue}: none.")


@stance_app.command("history")
def history(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Who: name, e-mail or id.")],
    campaign: CampaignOpt = "active",
    issue: IssueOpt = "",
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Every stance someone has had on a campaign's issues, oldest first.

    Example: allies stance history "Maria Lopez" --campaign "Analytics platform"
    """
    rows = service.stance_history(state(ctx).uow(), campaign, person, issue=issue)
    if fmt is not Format.TABLE:
        emit_rows(rows, fmt)
        return
    emit_rows(
        [
            {
                "issue": r.issue,
                "recorded_on": r.recorded_on,
                "position": number(r.position),
                "to_target": number(r.to_target),
                "side": r.side,
                "salience": r.salience,
                "capability": "influence" if r.capability is None else r.capability,
                "confidence": r.confidence,
                "note": r.note,
            }
            for r in rows
        ],
        fmt,
        empty="No stances recorded for them on this campaign.",
    )
