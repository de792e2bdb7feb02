"""``allies influencers``, ``brokers``, ``path``, ``confidants``, ``communities``, ``why``.

Who moves the decision and how to reach them; every answer says what it rests on. The
analyses (and NumPy and SciPy under them) load in the command that runs them; the plain
influence ranking is shown from the one kept for the network as it is, when there is one
(:mod:`allies.services.influence.kept_ranking`); on a large network, while that one is
worked out in the background, the newest one kept (:mod:`allies.cli.kept_views`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from allies.cli.context import state
from allies.cli.kept_views import ask, leave_to_background, seconds_for
from allies.cli.output import Format, bullet_lines, console, emit_record, emit_rows, plain
from allies.services.dates import parse_optional_date, worked_out
from allies.services.influence.kept_ranking import (
    DEFAULT_TOP,
    keep_ranking,
    kept_ranking,
    newest_ranking,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
TopOpt = Annotated[int, typer.Option("--top", "-n", help="How many people to list.", min=1)]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Weigh the evidence as on this day (default: today)."),
]
FromOpt = Annotated[
    str, typer.Option("--from", help="Where paths start (default: you).", show_default=False)
]


def _note(text: str) -> None:
    console().print(f"[dim]{text}[/dim]", markup=True, highlight=False)


def _names(listeners: list[dict[str, Any]]) -> str:
    """The names of the listeners of a ranking's record."""
    return ", ".join(x["name"] for x in listeners)


def influencers(
    ctx: typer.Context,
    deciders: Annotated[
        str | None,
        typer.Option(help="Who decides, comma-separated; ranks people by the deciders' ear."),
    ] = None,
    campaign: Annotated[
        str | None,
        typer.Option(help="Use this campaign's deciders ('active' for the active campaign)."),
    ] = None,
    top: TopOpt = 10,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    wait: Annotated[
        bool, typer.Option("--wait", help="Work the ranking out now if it is not kept.")
    ] = False,
) -> None:
    """Who is listened to most, or who has the deciders' ear.

    Influence is the PageRank of being listened to, from stated ties and observations
    that fade with age. With --deciders (or --campaign) people are ranked by how much of
    the deciders' attention reaches them, directly or through others.

    On a large network the plain ranking (up to 10 people, today) is worked out in the
    background after a change; until it is, the table shows the newest ranking kept and
    says when it was worked out. --wait works it out now. JSON and CSV always give the
    ranking of the network as it is, waiting for it.

    Example: allies influencers --deciders "Maria Lopez, Bo Chen" --top 5
    """
    lens = state(ctx).lens(parse_optional_date(as_of, field="as-of"))
    asked = [d for d in (deciders or "").split(",") if d.strip()]
    plain_ranking = not asked and campaign is None  # the same until the network changes
    record = kept_ranking(state(ctx).uow(), lens, top) if plain_ranking else None
    earlier = None
    if (
        record is None
        and plain_ranking
        and fmt is Format.TABLE
        and top <= DEFAULT_TOP
        and lens.day == date.today()
        and leave_to_background(ctx, wait=wait)
    ):
        found = newest_ranking(state(ctx).uow(), lens, top)
        ask(ctx, "analyses")
        if found is None:
            _note(
                "The influence ranking is being worked out in the background: about "
                f"{seconds_for(ctx, 'analyses')} seconds on this network. Run `allies "
                "influencers` again then, or `allies influencers --wait` to wait for it."
            )
            return
        record, earlier = found
    if record is None:
        from allies.cli.kept_views import waiting
        from allies.services.influence import ranking as influence

        with waiting("Working out the influence ranking…"):
            result = influence.influencers(
                state(ctx).uow(), deciders=asked, campaign=campaign, top=top, lens=lens
            )
        record = plain(result)
        if plain_ranking:
            keep_ranking(state(ctx).uow(), lens, top, record)
    _show_ranking(record, fmt)
    if earlier is not None:
        _note(
            f"This ranking was worked out {worked_out(earlier)}, before the latest changes; "
            "the current one is being worked out. Run `allies influencers` again in a few "
            "seconds, or `allies influencers --wait` to wait for it."
        )


def _show_ranking(record: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.JSON:
        emit_record(record, fmt)
        return
    rows: list[dict[str, Any]] = []
    for x in record["influencers"]:
        row: dict[str, Any] = {"#": x["position"], "name": x["name"], "title": x["title"]}
        if record["deciders"]:
            row |= {
                "decider": x["is_decider"],
                "ear": round(x["ear"] or 0.0, 4),
                "direct": round(x["ear_direct"] or 0.0, 4),
                "indirect": round(x["ear_indirect"] or 0.0, 4),
                "heard_through": _names(x["heard_through"]),
                "influence_rank": x["influence_position"],
            }
        else:
            row |= {
                "influence": round(x["influence"], 4),
                "in_strength": round(x["in_strength"], 2),
                "listeners": x["listeners"],
                "observations": x["observations"],
                "ties": x["ties"],
                "most_from": _names(x["top_listeners"]),
            }
        rows.append(row)
    title = f"Who has the ear of {', '.join(record['deciders'])}" if record["deciders"] else None
    emit_rows(rows, fmt, title=title, empty="Nobody in this workspace yet.")
    if fmt is Format.TABLE and rows:
        people, edges = record["people"], record["edges"]
        _note(f"{people} people, {edges} listens-to edges, as of {record['as_of']}.")
        _note(record["formula"])


def brokers(
    ctx: typer.Context,
    top: TopOpt = 10,
    pivots: Annotated[
        int | None,
        typer.Option(help="Estimate betweenness from this many sampled people (faster)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for sampling and communities.")] = 0,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Who stands between others: betweenness, Burt's constraint and effective size.

    Example: allies brokers --top 5 --format csv
    """
    from allies.services.influence import ranking as influence

    result = influence.brokers(
        state(ctx).uow(),
        top=top,
        pivots=pivots,
        seed=seed,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    rows = [
        {
            "#": b.position,
            "name": b.name,
            "title": b.title,
            "betweenness": round(b.betweenness, 4),
            "constraint": None if b.constraint is None else round(b.constraint, 3),
            "effective_size": None if b.effective_size is None else round(b.effective_size, 2),
            "contacts": b.contacts,
            "groups": b.communities_spanned,
            "between": ", ".join(b.between),
        }
        for b in result.brokers
    ]
    emit_rows(rows, fmt, empty="Nobody in this workspace yet.")
    if fmt is Format.TABLE and rows:
        if result.exact:
            _note("Betweenness is exact.")
        else:
            _note(
                f"Betweenness sampled from {result.pivots} people: every value is within "
                f"±{result.error_bound:.3f} of the exact one with probability "
                f"{1 - result.failure_probability:.0%}."
            )
        _note(result.method)


def path(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Whom to reach: name, e-mail or id.")],
    alternatives: Annotated[
        int, typer.Option("--alternatives", "-k", help="Also show this many next-best paths.")
    ] = 2,
    source: FromOpt = "me",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    team: Annotated[
        bool, typer.Option("--team", help="Who on the team has the best path, best first.")
    ] = False,
) -> None:
    """The strongest warm-introduction path from you to someone, and alternatives.

    A path's strength is the product of its hops; each hop counts its tie's stated weight
    scaled by how warm the relationship is (w × (1 + health) / 2, health 0 when nothing
    is on record), and shows its tie.

    With --team, each member's strongest path instead, the member best placed first.

    Example: allies path "Maria Lopez" --alternatives 3
    """
    if team:
        from allies.cli.team.team import show_team_paths

        show_team_paths(ctx, target, as_of, fmt)
        return
    from allies.services.influence import ranking as influence

    result = influence.warm_path(
        state(ctx).uow(),
        target,
        alternatives=alternatives,
        source=source,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    if not result.paths:
        bullet_lines([result.message])
        return
    rows = [
        {
            "path": option.number,
            "hop": i,
            "from": hop.from_name,
            "to": hop.to_name,
            "tie": hop.statement,
            "strength": round(hop.strength, 3),
            "so_far": round(hop.so_far, 3),
        }
        for option in result.paths
        for i, hop in enumerate(option.steps, start=1)
    ]
    if fmt is Format.CSV or not rows:
        emit_rows(rows, fmt, empty=f"{result.target} is you.")
        return
    out = console()
    for option in result.paths:
        label = "Strongest" if option.number == 1 else f"Alternative {option.number - 1}"
        out.print(
            f"[bold]{label}[/bold] ({option.hops} hops, strength {option.formula}): "
            + " → ".join(option.people),
            markup=True,
            highlight=False,
        )
        for hop in option.steps:
            out.print(
                f"  {hop.statement}  [{hop.strength:.2f}, stated {hop.stated:.2f}]",
                markup=False,
                highlight=False,
            )
    _note(result.method)


def confidants(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="The person to influence.")],
    source: FromOpt = "me",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Whom someone trusts, closest to you first: speak to someone they trust.

    Example: allies confidants "Maria Lopez" --format json
    """
    from allies.services.influence import ranking as influence

    result = influence.confidants(
        state(ctx).uow(),
        target,
        source=source,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    if not result.confidants:
        bullet_lines(
            [
                result.message,
                f'Record a tie with: allies tie add "{result.target}" trusts NAME',
                "Or what you saw with: allies observe A KIND B",
            ]
        )
        return
    rows = [
        {
            "#": c.position,
            "name": c.name,
            "title": c.title,
            "trust": round(c.trust, 3),
            "because": c.because,
            "closeness": round(c.closeness, 3),
            "path": " → ".join(c.path.people) if c.path else "no path yet",
        }
        for c in result.confidants
    ]
    emit_rows(rows, fmt, title=f"Whom {result.target} trusts, closest to {result.source} first")
    if fmt is Format.TABLE:
        _note(result.method)


def communities(
    ctx: typer.Context,
    seed: Annotated[int, typer.Option(help="Seed; the same seed gives the same groups.")] = 0,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Groups of people who listen to each other more than to the rest (Louvain).

    Example: allies communities --seed 3 --format csv
    """
    from allies.services.influence import ranking as influence

    result = influence.communities(
        state(ctx).uow(),
        seed=seed,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    rows = [
        {
            "#": c.number,
            "size": c.size,
            "most_listened_to": c.leader,
            "units": ", ".join(c.units),
            "inside": round(c.inside, 2),
            "members": ", ".join(m.name for m in c.members),
        }
        for c in result.communities
    ]
    emit_rows(rows, fmt, empty="Nobody in this workspace yet.")
    if fmt is Format.TABLE and rows:
        _note(
            f"{len(rows)} groups, modularity {result.modularity:.3f} (seed {result.seed}). "
            "inside: share of the members' listens-to weight that stays in the group."
        )


def why(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, e-mail, id or 'me'.")],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Why someone ranks where they do: who listens to them and on what evidence.

    Lists every tie and observation behind their influence with its age, its decay and
    how much it counted.

    Example: allies why "Bo Chen" --format json
    """
    from allies.services.influence import ranking as influence

    result = influence.why(
        state(ctx).uow(),
        person,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    rows = [
        {
            "listener": x.name,
            "share": round(x.share, 4),
            "weight": round(x.weight, 3),
            "evidence": e.statement,
            "record": f"{e.record} #{e.record_id}" if e.record_id is not None else e.record,
            "on": e.on,
            "age_days": e.age_days,
            "factor": e.factor,
            "decay": round(e.decay, 3),
            "counted": round(e.weight, 3) if e.counted else "superseded",
            "effect": e.effect,
        }
        for x in result.listeners
        for e in x.evidence
    ]
    if fmt is Format.CSV:
        emit_rows(rows, fmt)
        return
    bullet_lines(result.summary)
    _note(result.formula)
    if rows:
        emit_rows(rows, fmt, title="The evidence, by listener")
        _note(
            "counted = factor × strength × decay; decay = 2^(−age / "
            f"{result.half_life_days:g} days); a listener's weight = (1 − Π(1 − counted)) "
            "× Π(1 − opposed); share = d × their rank × weight / max(1, all they listen "
            "to): attention they spend on no one in particular goes to everyone's base."
        )
    for note in result.skipped:
        _note(f"Not counted: {note}")
