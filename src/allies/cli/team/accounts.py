"""``allies user``, ``allies token`` and ``allies workspace add|grant|revoke|members``: the
accounts of a team server."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, emit_rows, say
from allies.cli.team import workspaces as admin
from allies.errors import InvalidInput
from allies.services.team import accounts
from allies.services.team.members import join, team_members

user_app = typer.Typer(
    help="Users of a team server: who can log in (allies serve --team).", no_args_is_help=True
)
token_app = typer.Typer(
    help="API tokens: let a program use /api/v1 as a user, in one workspace.",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
RoleOpt = Annotated[
    accounts.Role,
    typer.Option(help="owner (manages the workspace), editor (changes it) or viewer (reads)."),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput("No password on standard input.", field="password")
        return password
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Letters, digits, '.', '_', '@', '+', '-'.")],
    name: Annotated[str, typer.Option("--name", help="The name shown for them.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a user who can log in to the team server (asks for the password twice).

    Example: allies user add ann --name "Ann Lee"
    """
    user = accounts.add_user(
        state(ctx).factory(), username, _password(password_stdin), display_name=name
    )
    say(f"Added user {user.label}. Give them a role: allies workspace grant TEAM {user.username}")


@user_app.command("list")
def user_list(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List the users, whether they can log in, and their workspaces and roles.

    Example: allies user list --format csv
    """
    emit_rows(accounts.list_users(state(ctx).factory()), fmt, empty="No users yet.")


@user_app.command("disable")
def user_disable(ctx: typer.Context, username: Annotated[str, typer.Argument(help="Who.")]) -> None:
    """Stop a user from logging in: their sessions end and their tokens stop working.

    Example: allies user disable bo
    """
    user = accounts.disable_user(state(ctx).factory(), username)
    say(f"{user.username} can no longer log in (enable again with `allies user enable`).")


@user_app.command("enable")
def user_enable(ctx: typer.Context, username: Annotated[str, typer.Argument(help="Who.")]) -> None:
    """Let a disabled user log in again.

    Example: allies user enable bo
    """
    user = accounts.enable_user(state(ctx).factory(), username)
    say(f"{user.username} can log in again.")


@user_app.command("password")
def user_password(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Who.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a new password for a user (their sessions end; a lock-out does not).

    Example: allies user password ann
    """
    user = accounts.set_password(state(ctx).factory(), username, _password(password_stdin))
    say(f"New password set for {user.username}.")


# -- workspaces -------------------------------------------------------------------------


@admin.workspace_app.command("add")
def workspace_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The new workspace's name.")],
    owner: Annotated[str | None, typer.Option(help="A user to make its first owner.")] = None,
) -> None:
    """Create an empty workspace, optionally with its first owner.

    Example: allies workspace add public-affairs --owner ann
    """
    accounts.add_workspace(state(ctx).factory(), name, owner=owner)
    say(f"Created workspace {name!r}" + (f", owned by {owner}." if owner else "."))


@admin.workspace_app.command("grant")
def workspace_grant(
    ctx: typer.Context,
    workspace: Annotated[str, typer.Argument(help="The workspace.")],
    username: Annotated[str, typer.Argument(help="The user.")],
    role: RoleOpt = accounts.Role.EDITOR,
) -> None:
    """Give a user a role in a workspace (replacing the role they had).

    Example: allies workspace grant public-affairs bo --role viewer
    """
    before = accounts.grant(state(ctx).factory(), workspace, username, role)
    was = f" (was {before.value})" if before else ""
    say(f"{username} is now {role.value} of {workspace!r}{was}.")
    if before is None:
        say(f"Say who they are there: allies workspace join {workspace} {username} --person NAME")


@admin.workspace_app.command("revoke")
def workspace_revoke(
    ctx: typer.Context,
    workspace: Annotated[str, typer.Argument(help="The workspace.")],
    username: Annotated[str, typer.Argument(help="The user.")],
) -> None:
    """Take a user out of a workspace; their API tokens for it stop working.

    Example: allies workspace revoke public-affairs bo
    """
    before = accounts.revoke(state(ctx).factory(), workspace, username)
    if before is None:
        say(f"{username} was not a member of {workspace!r}.")
    else:
        say(f"{username} is no longer {before.value} of {workspace!r}.")


@admin.workspace_app.command("members")
def workspace_members(
    ctx: typer.Context,
    workspace: Annotated[str, typer.Argument(help="The workspace.")],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List the members of a workspace, their roles, the person who is each and how many
    relationships each owns.

    Example: allies workspace members public-affairs
    """
    factory = state(ctx).factory()
    accounts.members(factory, workspace)  # NotFound for a workspace that does not exist
    rows = [
        {"username": m.username, "role": m.role, "person": m.person, "owns": m.owns}
        for m in team_members(factory(workspace))
    ]
    emit_rows(rows, fmt, empty="Nobody belongs to it yet.")


@admin.workspace_app.command("join")
def workspace_join(
    ctx: typer.Context,
    workspace: Annotated[str, typer.Argument(help="The workspace.")],
    username: Annotated[str, typer.Argument(help="The member.")],
    person: Annotated[
        str | None,
        typer.Option("--person", help="The person of the network who is them (name, e-mail, #id)."),
    ] = None,
    new: Annotated[
        str | None, typer.Option("--new", help="Add a new person of this name who is them.")
    ] = None,
) -> None:
    """Say who a member is in the workspace's network: their "me" there.

    Without --person or --new, an owner becomes the workspace's own "me" when no member
    is it yet, anyone else a new person named after the user.

    Example: allies workspace join public-affairs bo --person "Bo Chen"
    """
    joined = join(state(ctx).factory(), workspace, username, person=person, new=new)
    say(f"{joined.username} is {joined.person} (#{joined.person_id}) in {workspace!r}.")


# -- tokens -----------------------------------------------------------------------------


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="The user the token acts as.")],
    workspace: Annotated[
        str | None,
        typer.Option("--in", help="The workspace it works in (default: the global -w)."),
    ] = None,
    name: Annotated[str, typer.Option(help="What it is for, to tell tokens apart.")] = "",
) -> None:
    """Make an API token and print it once (only its hash is kept).

    Example: allies token create ann --in public-affairs --name "CRM sync"
    """
    cli = state(ctx)
    secret, token = accounts.create_token(
        cli.factory(), username, workspace or cli.settings.workspace, name
    )
    say(f"Token #{token.id} for {username} in {token.workspace!r}; it is shown only now:")
    typer.echo(secret)
    say("Send it as the header  Authorization: Bearer <token>  to /api/v1.")


@token_app.command("list")
def token_list(
    ctx: typer.Context,
    username: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List the API tokens (never their secrets), active and revoked.

    Example: allies token list ann
    """
    emit_rows(accounts.list_tokens(state(ctx).factory(), username), fmt, empty="No tokens yet.")


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: Annotated[int, typer.Argument(help="The token's number, from `allies token list`.")],
) -> None:
    """Revoke an API token: it stops working at once.

    Example: allies token revoke 3
    """
    accounts.revoke_token(state(ctx).factory(), token_id)
    say(f"Token #{token_id} is revoked.")
