"""Who a request comes from: the :class:`Identity` of a session or an API token, and the
rule that only an owner manages a workspace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from allies.domain.accounts import Actor, Membership, Role, User
from allies.errors import Forbidden
from allies.services.ports import AccountsUnitOfWork

__all__ = ["TOUCH_EVERY", "Identity", "identity_of", "moment", "require_owner"]

#: Activity is written back at most this often per session or token, in seconds.
TOUCH_EVERY = 60


def moment(now: datetime | None) -> datetime:
    """``now``, or the current time in UTC when it is ``None``."""
    return now or datetime.now(UTC)


@dataclass(frozen=True)
class Identity:
    """Who a request comes from, and the workspace and role it works with.

    ``workspace`` and ``role`` are ``None`` when the user belongs to no workspace.
    """

    user_id: int
    username: str
    display_name: str
    workspace: str | None
    role: Role | None
    workspaces: tuple[Membership, ...] = ()
    #: The person who is the user in :attr:`workspace` ("me"), when they have said.
    person_id: int | None = None
    via: Literal["session", "token"] = "session"
    session_hash: str | None = field(default=None, repr=False)

    @property
    def actor(self) -> Actor | None:
        """The actor for a unit of work on :attr:`workspace` (None without one)."""
        if self.role is None:
            return None
        return Actor(self.user_id, self.username, self.role, self.person_id)

    @property
    def can_write(self) -> bool:
        """Whether the user may change the workspace in use."""
        return self.role is not None and self.role.can_write

    @property
    def is_owner(self) -> bool:
        """Whether the user owns the workspace in use."""
        return self.role is not None and self.role.is_owner


def require_owner(actor: Actor | None, what: str) -> None:
    """Raise Forbidden unless ``actor`` owns the workspace (``None``, the local user, does).

    ``what`` completes the message: "Only an owner of the workspace can <what>."

    Raises
    ------
    allies.errors.Forbidden
        When the actor is a member who is not an owner.
    """
    if actor is not None and not actor.role.is_owner:
        raise Forbidden(
            f"Only an owner of the workspace can {what}.",
            hint="Ask an owner to do it, or to make you an owner.",
        )


def identity_of(
    accounts: AccountsUnitOfWork,
    user: User,
    wanted: str | None,
    *,
    via: Literal["session", "token"],
    session_hash: str | None = None,
) -> Identity:
    """The identity of ``user`` working in ``wanted``.

    A session that asks for no workspace (or one the user does not belong to) gets the
    user's first workspace; a token gets none, so it cannot stray from its own.
    """
    memberships = tuple(accounts.memberships.of_user(user.id or 0))
    chosen = next((m for m in memberships if m.workspace == wanted), None)
    if chosen is None and via == "session" and memberships:
        chosen = memberships[0]
    return Identity(
        user_id=user.id or 0,
        username=user.username,
        display_name=user.display_name,
        workspace=chosen.workspace if chosen else None,
        role=chosen.role if chosen else None,
        workspaces=memberships,
        via=via,
        session_hash=session_hash,
        person_id=chosen.person_id if chosen else None,
    )
