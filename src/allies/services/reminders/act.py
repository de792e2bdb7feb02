"""Handling a line from a signed link of the digest: done, or snoozed to tomorrow.

The link names the workspace, the line and the action (:mod:`.links`); it is checked with
the workspace's key and then handled as the Today page would (:mod:`allies.services.
agenda.work`), so the natural action is taken and the line stays handled everywhere. A
second use finds the line gone and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.errors import InvalidInput, NotFound
from allies.services.agenda import work
from allies.services.ports import UnitOfWork
from allies.services.reminders.links import SignedLine, link_owner, read_link
from allies.services.reminders.ports import RemindersContext
from allies.services.team.members import member_actor

__all__ = ["LinkOutcome", "act_on_link", "check_link", "describe_link"]


@dataclass(frozen=True)
class LinkOutcome:
    """What a link did: the line's words, and what happened (or why nothing did)."""

    line: SignedLine
    what: str
    done: str
    handled: bool


def check_link(ctx: RemindersContext, token: str) -> SignedLine:
    """What a link asks for, once its signature and age are checked.

    Raises
    ------
    allies.errors.InvalidInput
        When the link is damaged, made with another key, expired, or its workspace has
        no reminders.
    """
    workspace, member = link_owner(token)
    key = ctx.secret_key
    if not key:
        uow = _member_uow(ctx, workspace, member)
        with uow:
            settings = ctx.repositories(uow).settings()
        if settings is None:
            raise InvalidInput("This link is not valid any more.", field="link")
        key = settings.link_key
    return read_link(key, token)


def _member_uow(ctx: RemindersContext, workspace: str, member: str) -> UnitOfWork:
    """A unit of work as the member the digest went to (as nobody on a laptop).

    Raises
    ------
    allies.errors.InvalidInput
        When they are no longer a member of the workspace.
    """
    if not member:
        return ctx.factory(workspace)
    try:
        return ctx.factory(workspace, member_actor(ctx.factory, workspace, member))
    except NotFound:
        raise InvalidInput(
            f"This link was sent to {member!r}, who is no longer a member of the workspace.",
            field="link",
        ) from None


def act_on_link(ctx: RemindersContext, token: str, *, today: date | None = None) -> LinkOutcome:
    """Do what a link asks (done, or snooze to tomorrow).

    Raises
    ------
    allies.errors.InvalidInput
        When the link is not valid (see :func:`check_link`).
    """
    line = check_link(ctx, token)
    uow = _member_uow(ctx, line.workspace, line.member)
    try:
        if line.action == "done":
            handled = work.line_done(uow, line.key, today=today)
        else:
            handled = work.snooze_line(uow, line.key, today=today)
    except NotFound:
        return LinkOutcome(
            line, "", "This line is no longer on the agenda: it was handled already.", False
        )
    item = handled.item
    what = f"{item.who}: {item.what}" if item.who else item.what
    return LinkOutcome(line, what, handled.done, True)


def describe_link(
    ctx: RemindersContext, token: str, *, today: date | None = None
) -> tuple[SignedLine, str | None]:
    """What a link asks for and the words of its line (None when it was handled already).

    Raises
    ------
    allies.errors.InvalidInput
        When the link is not valid (see :func:`check_link`).
    """
    line = check_link(ctx, token)
    try:
        item = work.find_line(_member_uow(ctx, line.workspace, line.member), line.key, today=today)
    except NotFound:
        return line, None
    return line, f"{item.who}: {item.what}" if item.who else item.what
