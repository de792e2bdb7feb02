"""``allies remind``: the morning digest now (or what it would say), its settings and
what was sent."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from allies.cli.context import state
from allies.cli.output import say
from allies.domain.reminders import DAY_NAMES, parse_days
from allies.errors import InvalidInput

if TYPE_CHECKING:
    from allies.services.reminders.ports import RemindersContext

app = typer.Typer(invoke_without_command=True)


def _context(ctx: typer.Context) -> RemindersContext:
    from allies.bootstrap import reminders_context

    return reminders_context(state(ctx).settings)


@app.callback()
def remind(
    ctx: typer.Context,
    now: Annotated[
        bool, typer.Option("--now", help="Send today's digest now (what the bare command does).")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the digest that would go; send nothing.")
    ] = False,
) -> None:
    """Send today's digest of the agenda now, by e-mail and to the Apprise channel.

    Each channel gets the day's digest once: a second run says it went already. Set the
    mail server, the recipients, the hour and the quiet days with `allies remind setup`;
    `allies serve` (or `allies worker` on a team server) sends it by itself at that hour.

    Example: allies remind --dry-run
    """
    if ctx.invoked_subcommand is not None:
        return
    from allies.services.reminders import due

    rctx = _context(ctx)
    uow = state(ctx).uow()
    if dry_run:
        digest = due.preview(rctx, uow)
        typer.echo(f"Subject: {digest.subject}\n")
        typer.echo(digest.text())
        return
    for result in due.send_now(rctx, uow):
        if result.sent:
            say(
                f"Sent the digest of {result.day:%a %d %b} by {result.channel} "
                f"({result.lines} lines)."
            )
        elif result.error:
            say(f"Could not send by {result.channel}: {result.error} It is tried again later.")
        else:
            say(f"Nothing sent by {result.channel}: {result.skipped}.")


@app.command()
def setup(
    ctx: typer.Context,
    smtp: Annotated[
        str | None, typer.Option(help="The mail server, HOST or HOST:PORT (587 by default).")
    ] = None,
    security: Annotated[
        str | None,
        typer.Option(help="starttls (port 587), ssl (port 465) or none (a local relay only)."),
    ] = None,
    user: Annotated[str | None, typer.Option(help="The login on the mail server.")] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Read the mail server's password from standard input."
        ),
    ] = False,
    sender: Annotated[str | None, typer.Option("--from", help="The sender's address.")] = None,
    to: Annotated[
        list[str] | None, typer.Option(help="Who gets the digest (repeat for several).")
    ] = None,
    apprise: Annotated[
        str | None,
        typer.Option(
            help="An Apprise address (ntfy://, tgram://, slack://, matrix:// ...), '-' to "
            "read it from standard input, '' to remove the channel.",
        ),
    ] = None,
    at: Annotated[str | None, typer.Option(help="The time of day to send, e.g. 07:30.")] = None,
    quiet_days: Annotated[
        str | None,
        typer.Option(help="Days with no digest, e.g. sat,sun ('' for none)."),
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="The time zone of the hour, e.g. Europe/Madrid.")
    ] = None,
    link_base: Annotated[
        str | None,
        typer.Option(help="The address the links open, e.g. https://allies.example.org."),
    ] = None,
    enabled: Annotated[
        bool | None, typer.Option("--on/--off", help="Send digests, or stop.")
    ] = None,
) -> None:
    """Set how and when the digest goes: mail server, recipients, Apprise, hour, quiet days.

    Only what you give changes. The password (--password-stdin) and the Apprise address
    are kept in the system keyring, never in the database, a backup or the output.

    Example: echo "$PW" | allies remind setup --smtp mail.example.org --user me@example.org
    --password-stdin --to me@example.org --at 07:30 --quiet-days sat,sun
    """
    from allies.services.reminders import setup as service
    from allies.services.reminders.secrets import where

    changes: dict[str, object] = {}
    if smtp is not None:
        host, _, port = smtp.partition(":")
        changes["smtp_host"] = host.strip()
        if port:
            if not port.isdigit():
                raise InvalidInput(f"{port!r} is not a port number.", field="smtp")
            changes["smtp_port"] = int(port)
    if security is not None:
        changes["smtp_security"] = security.strip().lower()
        if security == "ssl" and smtp and ":" not in smtp:
            changes["smtp_port"] = 465
    for name, value in (("smtp_user", user), ("smtp_from", sender), ("timezone", timezone)):
        if value is not None:
            changes[name] = value.strip()
    if link_base is not None:
        changes["link_base"] = link_base.strip().rstrip("/")
    if to is not None:
        changes["email_to"] = tuple(a.strip() for t in to for a in t.split(",") if a.strip())
    if at is not None:
        changes["send_at"] = service.parse_time(at)
    if quiet_days is not None:
        changes["quiet_days"] = parse_days(quiet_days)
    if enabled is not None:
        changes["enabled"] = enabled
    if password_stdin and apprise == "-":
        raise InvalidInput("Read either the password or the Apprise address from standard input.")
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    if apprise == "-":
        apprise = sys.stdin.readline().strip()
    service.configure(
        _context(ctx), state(ctx).uow(), smtp_password=password, apprise_url=apprise, **changes
    )
    say("Reminders saved." + (f" Secrets are kept in {where()}." if password or apprise else ""))
    _show(ctx)


@app.command()
def status(ctx: typer.Context) -> None:
    """Show the reminders' settings, when the next digest goes and what was sent lately.

    Example: allies remind status
    """
    _show(ctx)


def _show(ctx: typer.Context) -> None:
    from allies.services.reminders import setup as service

    found = service.status(_context(ctx), state(ctx).uow(), now=datetime.now(UTC))
    s = found.settings
    if not found.configured:
        say("Reminders are not set up yet.")
        return
    email = (
        f"to {', '.join(s.email_to)} through {s.smtp_host}:{s.smtp_port} ({s.smtp_security})"
        if s.has_email
        else "no e-mail"
    )
    if s.smtp_user:
        email += f" as {s.smtp_user}" + ("" if found.has_password else " (no password kept)")
    quiet = ", ".join(DAY_NAMES[d] for d in s.quiet_days) or "none"
    lines = [
        f"Digest: {'on' if s.enabled else 'off'}, at {s.send_at:%H:%M} {s.timezone}, "
        f"quiet days {quiet}",
        f"E-mail: {email}",
        f"Apprise: {s.channel + ' channel' if s.channel and found.has_channel else 'none'}",
        f"Links open: {s.link_base}",
        "Next digest: "
        + (
            f"{found.next_send:%a %d %b %H:%M}"
            if found.next_send
            else "none (off or nowhere to go)"
        ),
    ]
    for send in found.sends[:7]:
        state_words = {"sent": "sent", "failed": "FAILED", "sending": "sending"}[send.status]
        extra = f" after {send.attempts} tries: {send.error}" if send.status == "failed" else ""
        lines.append(
            f"  {send.day:%a %d %b} {send.channel}: {state_words}, {send.lines} lines{extra}"
        )
    for line in lines:
        typer.echo(line)
