"""``allies person``: add, show, list, edit, merge, split and remove people."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from allies.cli.context import state
from allies.cli.output import (
    Format,
    ShowAllOpt,
    console,
    emit_record,
    emit_rows,
    say,
    table_page,
)
from allies.services.dates import parse_optional_date
from allies.services.network import people as people_service
from allies.services.network.cards import card_fields

app = typer.Typer(
    help="Add, show, list, edit, merge, split and remove the people in your network.\n\n"
    "Name a person by name, e-mail or id (#12); 'me' is you.",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help='Full name, e.g. "Maria Lopez".')],
    title: Annotated[str, typer.Option(help="Job title.")] = "",
    org: Annotated[str | None, typer.Option(help="Organisation (created if new).")] = None,
    unit: Annotated[str | None, typer.Option(help="Unit or team (created if new).")] = None,
    email: Annotated[list[str] | None, typer.Option(help="E-mail; repeat for more.")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Phone; repeat for more.")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Tag; repeat or comma-separate.")] = None,
    level: Annotated[
        str | None, typer.Option(help="Relative to you: above, peer, below or external.")
    ] = None,
    tier: Annotated[str | None, typer.Option(help="inner, key or network.")] = None,
    interests: Annotated[str, typer.Option(help="What they care about.")] = "",
    agenda: Annotated[str, typer.Option(help="What they are trying to achieve.")] = "",
    values: Annotated[str, typer.Option(help="What they value.")] = "",
    offers: Annotated[str, typer.Option(help="What they could offer.")] = "",
    trades: Annotated[str, typer.Option(help="What they might trade.")] = "",
    notes: Annotated[str, typer.Option(help="Free notes.")] = "",
    me: Annotated[bool, typer.Option("--me", help="This person is you.")] = False,
    allow_duplicate: Annotated[
        bool, typer.Option(help="Add even if someone has the same name.")
    ] = False,
) -> None:
    """Add a person.

    Example: allies person add "Maria Lopez" --title CFO --unit Finance --level above
    """
    person = people_service.add_person(
        state(ctx).uow(),
        name,
        title=title,
        organisation=org,
        unit=unit,
        emails=email,
        phones=phone,
        tags=tag,
        level=level,
        tier=tier,
        interests=interests,
        agenda=agenda,
        values=values,
        offers=offers,
        trades=trades,
        notes=notes,
        is_me=me,
        allow_duplicate=allow_duplicate,
    )
    say(f"Added {person.label}.")


#: How many events of the story a table shows unless asked for more.
STORY_ROWS = 25


@app.command("show")
def show(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, e-mail or id.")],
    fmt: FormatOpt = Format.TABLE,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=0,
            help=f"How many events of the story, newest first (a table shows {STORY_ROWS}, "
            "JSON every one).",
        ),
    ] = None,
    before: Annotated[
        str | None,
        typer.Option(
            help="Only the events older than this one (its day, kind and id, as the end of "
            "a table names it, e.g. 2024-05-01.interaction.42)."
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every event of the story, however many.")
    ] = False,
) -> None:
    """Show a person: profile, ties in and out, and the story between you (its newest
    events; --limit, --before or --all for more).

    Example: allies person show "Maria" --format json
    """
    if show_all:
        wanted: int | None = None
    elif limit is not None:
        wanted = limit
    elif fmt is Format.TABLE:
        wanted = STORY_ROWS
    else:  # JSON holds the whole story; CSV shows none of it
        wanted = None if fmt is Format.JSON else 0
    profile = people_service.show_person(state(ctx).uow(), person, limit=wanted, before=before)
    p = profile.person
    record: dict[str, Any] = {
        "id": p.id,
        "name": p.name,
        "title": p.title,
        "organisation": profile.organisation,
        "unit": profile.unit,
        "level": p.level,
        "tier": p.tier,
        "emails": p.emails,
        "phones": p.phones,
        "tags": p.tags,
        "interests": p.interests,
        "agenda": p.agenda,
        "values": p.values,
        "offers": p.offers,
        "trades": p.trades,
        "notes": p.notes,
        "is_me": p.is_me,
        "last_contact": profile.last_contact,
        "interactions": profile.interaction_count,
        **card_fields(profile.card),
    }
    roles = [
        {"on": r.changed_on, "became": r.describe_new(), "was": r.describe_old(), "from": r.source}
        for r in reversed(profile.roles)
    ]
    ties = [
        {"direction": "out", "kind": t.kind, "person": other.name, "weight": t.weight, "id": t.id}
        for t, other in profile.ties_out
    ] + [
        {"direction": "in", "kind": t.kind, "person": other.name, "weight": t.weight, "id": t.id}
        for t, other in profile.ties_in
    ]
    if fmt is Format.JSON:
        record["ties"] = ties
        record["timeline"] = profile.timeline
        record["timeline_total"] = profile.story_total
        record["timeline_next"] = profile.older
        record["roles_before"] = roles
        emit_record(record, fmt)
        return
    if fmt is Format.CSV:
        emit_record(record, fmt)
        return
    emit_record(record, fmt, title=p.name)
    out = console()
    if ties:
        emit_rows(ties, fmt, title="Ties", columns=["direction", "kind", "person", "weight"])
    else:
        out.print("[dim]No ties yet. Add one with `allies tie add`.[/dim]")
    if roles:
        emit_rows(roles, fmt, title="Roles before", columns=["on", "became", "was", "from"])
    if profile.timeline:
        emit_rows(profile.timeline, fmt, title="Story", columns=["on", "kind", "text"])
    elif before:
        out.print("[dim]Nothing older than that.[/dim]")
    elif wanted != 0:
        out.print("[dim]Nothing logged yet. Log a meeting with `allies log`.[/dim]")
    if profile.older:
        out.print(
            f"Showing {len(profile.timeline):,} of the {profile.story_total:,} events. "
            f"Older ones: --before {profile.older}; every one: --all.",
            highlight=False,
        )


@app.command("list")
def list_(
    ctx: typer.Context,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Part of a name, title, e-mail, unit.")
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Only people with this tag.")] = None,
    unit: Annotated[str | None, typer.Option(help="Only people in this unit.")] = None,
    level: Annotated[str | None, typer.Option(help="above, peer, below or external.")] = None,
    org: Annotated[str | None, typer.Option(help="Only people of this organisation.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only people contacted since (e.g. '30 days ago').")
    ] = None,
    not_since: Annotated[
        str | None,
        typer.Option(help="Only people NOT contacted since (e.g. '3 months ago')."),
    ] = None,
    sort: Annotated[str, typer.Option(help="name, last-contact, level, unit or id.")] = "name",
    fmt: FormatOpt = Format.TABLE,
    show_all: ShowAllOpt = False,
) -> None:
    """List people, filtered and sorted (a table shows the first 50; --all for everyone).

    Example: allies person list --sort last-contact --not-since "2 months ago"
    """
    page = people_service.people_page(  # a table reads only the rows it shows
        state(ctx).uow(),
        search=search,
        tag=tag,
        unit=unit,
        level=level,
        organisation=org,
        contacted_since=parse_optional_date(since, field="--since"),
        not_contacted_since=parse_optional_date(not_since, field="--not-since"),
        sort=sort,  # type: ignore[arg-type]  # checked by the service
        limit=table_page(fmt, show_all),
    )
    emit_rows(
        page.items,
        fmt,
        columns=["id", "name", "title", "unit", "organisation", "level", "tags", "last_contact"]
        if fmt is Format.TABLE
        else None,
        empty="No one matches. Add someone with `allies person add NAME`.",
        show_all=show_all,
        total=page.total,
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, e-mail or id.")],
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    title: Annotated[str | None, typer.Option(help="New title ('' clears).")] = None,
    org: Annotated[str | None, typer.Option(help="New organisation.")] = None,
    unit: Annotated[str | None, typer.Option(help="New unit.")] = None,
    email: Annotated[list[str] | None, typer.Option(help="Replace the e-mails.")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Replace the phones.")] = None,
    add_tag: Annotated[list[str] | None, typer.Option(help="Add a tag.")] = None,
    remove_tag: Annotated[list[str] | None, typer.Option(help="Remove a tag.")] = None,
    level: Annotated[str | None, typer.Option(help="above, peer, below, external.")] = None,
    tier: Annotated[str | None, typer.Option(help="inner, key or network.")] = None,
    interests: Annotated[str | None, typer.Option(help="What they care about.")] = None,
    agenda: Annotated[str | None, typer.Option(help="What they are trying to achieve.")] = None,
    values: Annotated[str | None, typer.Option(help="What they value.")] = None,
    offers: Annotated[str | None, typer.Option(help="What they could offer.")] = None,
    trades: Annotated[str | None, typer.Option(help="What they might trade.")] = None,
    notes: Annotated[str | None, typer.Option(help="Free notes.")] = None,
) -> None:
    """Change a person's details; options left out stay as they are.

    Example: allies person edit "Maria Lopez" --agenda "cut costs" --add-tag board
    """
    changes = {
        "name": name,
        "title": title,
        "organisation": org,
        "unit": unit,
        "emails": email,
        "phones": phone,
        "add_tags": add_tag,
        "remove_tags": remove_tag,
        "level": level,
        "tier": tier,
        "interests": interests,
        "agenda": agenda,
        "values": values,
        "offers": offers,
        "trades": trades,
        "notes": notes,
    }
    updated = people_service.edit_person(state(ctx).uow(), person, changes)
    say(f"Updated {updated.label}.")


@app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The record to keep.")],
    duplicate: Annotated[str, typer.Argument(help="The duplicate to fold into it.")],
) -> None:
    """Merge a duplicate into another record: details united, history moved.

    Example: allies person merge "Maria Lopez" "M. Lopez"
    """
    from allies.services.network import removal

    report = removal.merge_people(state(ctx).uow(), keep, duplicate)
    kept = report.kept.label if report.kept else "?"
    say(f"Merged {report.removed.name} into {kept}; moved {report.moved.describe()}.")
    if report.deleted.total:
        say(f"Dropped {report.deleted.describe()} that linked the two records to each other.")


@app.command("split")
def split_(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The person a record was merged into.")],
    merge: Annotated[
        int | None, typer.Option("--merge", help="Which merge to undo (its number in --list).")
    ] = None,
    list_merges: Annotated[
        bool, typer.Option("--list", help="List the merges that can be undone; change nothing.")
    ] = False,
) -> None:
    """Undo a merge: the merged person comes back with their details and records.

    The newest merge not undone yet is undone, unless --merge names another; merges made
    by hand and by imports are both kept in the audit trail.

    Example: allies person split "John Smith"
    """
    from allies.services.network import split

    if list_merges:
        rows = [
            {
                "merge": m.id,
                "at": m.at.strftime("%Y-%m-%d %H:%M"),
                "merged": m.absorbed,
                "by": m.source,
                "evidence": m.evidence,
            }
            for m in split.merges_of(state(ctx).uow(), person)
        ]
        if not rows:
            say("No merge into them can be undone.")
            return
        emit_rows(rows, Format.TABLE, title="Merges that can be undone")
        return
    report = split.split_person(state(ctx).uow(), person, merge_id=merge)
    say(report.summary())
    for item in report.left:
        say(f"Left as it is: {item}.")


@app.command("rm")
def rm(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, e-mail or id.")],
    delete_related: Annotated[
        bool, typer.Option(help="Also delete their ties, observations, favours, promises ...")
    ] = False,
    reassign_to: Annotated[
        str | None, typer.Option(help="Move their records to this person instead.")
    ] = None,
) -> None:
    """Remove a person. If records refer to them, say what to do with those.

    Example: allies person rm "Old Contact" --delete-related
    """
    from allies.services.network import removal

    report = removal.remove_person(
        state(ctx).uow(), person, delete_related=delete_related, reassign_to=reassign_to
    )
    say(f"Removed {report.removed.label}.")
    if report.moved.total and report.kept:
        say(f"Moved {report.moved.describe()} to {report.kept.name}.")
    if report.deleted.total:
        say(f"Deleted {report.deleted.describe()}.")
