"""``allies account add|list|test|remove``: the mail, calendar and contacts accounts to sync."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from allies.cli.output import Format, console, emit_rows, say
from allies.cli.sync.common import sync_ctx
from allies.errors import InvalidInput
from allies.services.sync.accounts import (
    NewAccount,
    add_account,
    check_account,
    list_accounts,
    remove_account,
)

__all__ = ["account_app"]

account_app = typer.Typer(
    help="The mail (IMAP), calendar (CalDAV) and contacts (CardDAV) accounts allies syncs "
    "with.\n\nPasswords go to the system keyring (or, with a secret key set, are encrypted "
    "in the database); they are never printed, exported or backed up.",
    no_args_is_help=True,
)


def _password(stdin: bool, token_command: str) -> str:
    if not stdin:
        if token_command:
            return ""
        raise InvalidInput(
            "Give the password on standard input (--password-stdin) or a --token-command.",
            field="password",
            hint="For example: pass show mail/work | allies account add ... --password-stdin",
        )
    lines = sys.stdin.read().splitlines()
    secret = lines[0] if lines else ""
    if not secret:
        raise InvalidInput("Standard input held no password.", field="password")
    return secret


@account_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the account, e.g. work-mail.")],
    kind: Annotated[
        str, typer.Option("--kind", help="imap (mail), caldav (calendars) or carddav (contacts).")
    ],
    url: Annotated[
        str,
        typer.Option(
            "--url",
            help="The server: imaps://imap.example.org for mail, the https:// address of the "
            "calendars or address book for CalDAV and CardDAV.",
        ),
    ],
    user: Annotated[str, typer.Option("--user", help="The login (often the e-mail address).")],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from standard input."),
    ] = False,
    token_command: Annotated[
        str,
        typer.Option(
            "--token-command",
            help="A command printing an OAuth2 access token, run at each sync (mail: XOAUTH2; "
            "calendars and contacts: a bearer token).",
        ),
    ] = "",
    folder: Annotated[
        list[str] | None,
        typer.Option("--folder", help="An IMAP folder to sync (repeat; INBOX by default)."),
    ] = None,
    me: Annotated[
        list[str] | None,
        typer.Option("--me", help="An e-mail address of yours besides the login (repeat)."),
    ] = None,
    write_back: Annotated[
        bool,
        typer.Option("--write-back", help="CardDAV: send changes made in allies to the server."),
    ] = False,
    no_test: Annotated[
        bool, typer.Option("--no-test", help="Store it without logging in first.")
    ] = False,
) -> None:
    """Add an account after checking that its server accepts the login.

    A refused login stores nothing.

    Example: pass show mail | allies account add work --kind imap --url imaps://imap.example.org
    --user ana@example.org --password-stdin
    """
    new = NewAccount(
        name=name,
        kind=kind,
        url=url,
        username=user,
        password=_password(password_stdin, token_command),
        token_command=token_command,
        folders=tuple(folder or ()),
        me=tuple(me or ()),
        write_back=write_back,
    )
    stored, found = add_account(sync_ctx(ctx), new, test=not no_test)
    if found:
        say(found)
    say(f"Added account {stored.name} ({stored.kind.value}).")
    say(f"Sync it with `allies sync {stored.name}`.")


@account_app.command("list")
def list_(
    ctx: typer.Context,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Table, JSON or CSV.")
    ] = Format.TABLE,
) -> None:
    """List the accounts: kind, server, user, last sync and its outcome.

    Example: allies account list
    """
    rows = [
        {
            "name": a.name,
            "kind": a.kind.value,
            "url": a.url,
            "user": a.username,
            "last_sync": f"{a.last_sync_at:%Y-%m-%d %H:%M} UTC" if a.last_sync_at else "never",
            "outcome": a.last_error or a.last_summary,
        }
        for a in list_accounts(sync_ctx(ctx))
    ]
    emit_rows(rows, fmt, empty="No account yet. Add one with `allies account add`.")


@account_app.command("test")
def test(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The account.")],
) -> None:
    """Log in to an account's server and say what is there; nothing is synced.

    Example: allies account test work
    """
    console().print(check_account(sync_ctx(ctx), name), markup=False, highlight=False)


@account_app.command("remove")
def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The account.")],
) -> None:
    """Remove an account, its password and where its sync stands; what it brought in stays.

    Example: allies account remove work
    """
    removed = remove_account(sync_ctx(ctx), name)
    say(f"Removed account {removed[0].name}.")
