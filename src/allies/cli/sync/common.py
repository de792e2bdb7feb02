"""What the sync commands share: the wired sync context of the command's workspace."""

from __future__ import annotations

import typer

from allies.cli.context import state
from allies.services.sync.accounts import SyncContext

__all__ = ["sync_ctx"]


def sync_ctx(ctx: typer.Context) -> SyncContext:
    """The sync context of the chosen database and workspace (as ``--as``, when given)."""
    from allies.bootstrap import sync_context

    cli = state(ctx)
    actor = None
    if cli.member is not None:
        from allies.services.team.members import member_actor

        actor = member_actor(cli.factory(), cli.settings.workspace, cli.member)
    return sync_context(cli.settings, cli.settings.workspace, actor)
