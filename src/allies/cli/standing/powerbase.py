"""``allies powerbase`` and ``allies report``: where you stand, in the terminal or as a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from allies.cli.context import state
from allies.cli.files import write_text
from allies.cli.kept_views import (
    ask,
    leave_to_background,
    note,
    seconds_for,
    waiting,
)
from allies.cli.output import Format, console, emit_record, emit_rows, say
from allies.errors import InvalidInput
from allies.services.dates import parse_optional_date, worked_out
from allies.services.standing import powerbase as service
from allies.services.standing.kept import current_power_base, newest_power_base
from allies.services.standing.report import standing_report

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
WaitOpt = Annotated[
    bool,
    typer.Option(
        "--wait", help="Work it out now if the report of the records as they are is not kept."
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Weigh everything as on this day (default: today)."),
]

_MARKS = {"risk": "[bold red]RISK[/bold red]", "gap": "[yellow]GAP[/yellow]"}


def _bar(count: int, most: int, width: int = 30) -> str:
    return "█" * (round(width * count / most) if most else 0)


def _findings(report: service.PowerBase) -> None:
    out = console()
    for f in report.findings:
        mark = _MARKS.get(f.kind, "[green]STRENGTH[/green]")
        out.print(f"{mark} [bold]{escape(f.title)}[/bold]")
        out.print(f"    {escape(f.detail)}", style="dim")
        if f.people:
            names = ", ".join(p.name + (f" ({p.note})" if p.note else "") for p in f.people[:6])
            out.print(f"    people: {escape(names)}")
        for action in f.actions:
            out.print(f"    → {escape(action)}")


def _groups(rows: list[service.GroupRow], title: str, fmt: Format, top: int | None) -> None:
    shown = rows[:top] if top else rows
    emit_rows(
        [
            {
                "group": r.group,
                "people": r.people,
                "strong": r.strong,
                "moderate": r.moderate,
                "weak": r.weak,
                "none": r.none,
                "mean": r.mean_strength,
                "allies": ", ".join(a.name for a in r.allies),
            }
            for r in shown
        ],
        fmt,
        title=title,
    )


def powerbase(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="Also list every relationship, every unit and every dependency risk."
        ),
    ] = False,
    fmt: FormatOpt = Format.TABLE,
    wait: WaitOpt = False,
) -> None:
    """Your power base: findings with the people behind them and what to do, then your
    network by level, unit and organisation, the strength of your relationships, your
    reach, brokerage, sphere of influence, word kept and dependency risks.

    On a large network the report is worked out in the background after a change; until
    it is, the table shows the newest report kept and says when it was worked out (or,
    with none kept yet, about when it will be). --wait works it out now. JSON and CSV
    always give the report of the records as they are, waiting for it.

    Example: allies powerbase --full
    """
    lens = state(ctx).lens(parse_optional_date(as_of, field="as-of"))
    report, earlier = None, None
    if fmt is Format.TABLE and not wait and lens.day == date.today():
        report = current_power_base(state(ctx).uow(), lens)
        if report is None and leave_to_background(ctx):
            found = newest_power_base(state(ctx).uow())
            ask(ctx, "analyses")
            if found is None:
                note(
                    "Your power base is being worked out in the background: about "
                    f"{seconds_for(ctx, 'analyses')} seconds on this network. Run `allies "
                    "powerbase` again then, or `allies powerbase --wait` to wait for it."
                )
                return
            report, earlier = found
    if report is None:
        with waiting("Working out your power base…"):
            report = service.power_base(state(ctx).uow(), lens=lens)
    _show(report, fmt, full)
    if earlier is not None:
        note(
            f"This report was worked out {worked_out(earlier)}, before the latest changes; "
            "the current one is being worked out. Run `allies powerbase` again in a few "
            "seconds, or `allies powerbase --wait` to wait for it."
        )


def _show(report: service.PowerBase, fmt: Format, full: bool) -> None:
    if fmt is Format.JSON:
        emit_record(report, fmt)
        return
    if fmt is Format.CSV:
        emit_rows(report.relationships, fmt)
        return
    out = console()
    where = ", ".join(x for x in (report.title, report.unit, report.organisation) if x)
    out.print(f"[bold]Where {escape(report.me.name)} stands[/bold] ({escape(where)})")
    out.print(f"{report.people} people, as of {report.as_of.isoformat()}\n", style="dim")
    _findings(report)
    out.print()
    _groups(report.by_level, "By level", fmt, None)
    _groups(report.by_unit, "By unit", fmt, None if full else 8)
    _groups(report.by_organisation, "By organisation", fmt, None if full else 5)
    most = max((b.count for b in report.strength.bins), default=0)
    out.print("[bold]Strength of your relationships[/bold]")
    for column in report.strength.bins:
        bar = _bar(column.count, most)
        out.print(f"  {column.low:.1f}-{column.high:.1f} {bar:<30} {column.count}")
    bands = ", ".join(f"{k} {v}" for k, v in report.strength.bands.items())
    out.print(f"  {bands}; mean {report.strength.mean:.2f}", style="dim")
    r = report.reach
    out.print(
        f"[bold]Reach[/bold]: {r.direct} people in one step, {r.two_steps} more in two "
        f"({r.beyond} beyond); through allies {r.strong_direct} and {r.strong_two_steps}"
    )
    b = report.brokerage
    if b.constraint is not None:
        out.print(
            f"[bold]Brokerage[/bold]: constraint {b.constraint:.2f}, effective size "
            f"{b.effective_size:.1f} of {b.contacts} contacts (Burt 1992)"
        )
    s = report.sphere
    top = ", ".join(f"{p.name} {p.share:.0%}" for p in s.people[:5])
    out.print(
        f"[bold]Sphere of influence[/bold]: {s.listeners} take your lead directly; spread over "
        f"about {s.effective_people:g} people; {escape(top)}"
    )
    led = report.ledger
    out.print(
        f"[bold]Your word[/bold]: {led.my_reliability}% reliable ({led.kept} kept, {led.late} "
        f"late, {led.broken} broken); favours given {led.given_units}, received "
        f"{led.received_units}\n"
    )
    _dependencies(report, fmt, full=full)
    if full:
        emit_rows(
            report.relationships,
            fmt,
            title="Every relationship",
            columns=["name", "level", "unit", "tie", "tie_kind", "health", "strength", "band"],
        )
    for line in report.method:
        out.print(line, style="dim")


#: Dependency risks listed without ``--full`` (the most important first).
DEPENDENCIES_SHOWN = 15


def _dependencies(report: service.PowerBase, fmt: Format, *, full: bool = False) -> None:
    shown = report.dependencies if full else report.dependencies[:DEPENDENCIES_SHOWN]
    rows: list[dict[str, Any]] = [
        {
            "name": d.name,
            "risk": d.risk,
            "strength": d.strength,
            "needed by": "; ".join(d.needed_by),
            "what to do": d.action,
        }
        for d in shown
    ]
    emit_rows(rows, fmt, title="Dependency risks", empty="No dependency risks.")
    more = len(report.dependencies) - len(shown)
    if more:
        console().print(
            f"… and {more} more dependency risks: `allies powerbase --full` lists them all.\n",
            style="dim",
        )


def report(
    ctx: typer.Context,
    html: Annotated[
        Path, typer.Option("--html", help="Write a self-contained HTML report to this file.")
    ],
    as_of: AsOfOpt = None,
) -> None:
    """Write the power base, your goals and your self-assessment as one HTML file that
    opens anywhere and prints well.

    Example: allies report --html where-i-stand.html
    """
    from allies.web.report import render_report

    if html.is_dir():
        raise InvalidInput(f"{html} is a folder; give a file name.", field="html")
    data = standing_report(
        state(ctx).uow(),
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    write_text(html, render_report(data))
    say(
        f"Wrote {html}: {len(data.power_base.findings)} findings, {len(data.goals)} goals. "
        "Open it in a browser; it prints on A4."
    )
