"""Personal survey links: signed, expiring, good for one answer.

A link carries the workspace, the invitation and its nonce, signed with HMAC-SHA1 by
``itsdangerous``' ``URLSafeTimedSerializer`` (RFC 2104) with the survey's own key, which
never leaves the database. It is refused when its signature does not match, when the
survey has expired, when the invitation was answered already (a link works once) or made
anew. A second kind of link, given after answering, withdraws the answers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Literal

from itsdangerous import BadSignature, URLSafeTimedSerializer

from allies.errors import InvalidInput

__all__ = ["Purpose", "SignedInvite", "new_key", "new_nonce", "peek", "read", "sign"]

Purpose = Literal["answer", "withdraw"]
_SALT = "allies.surveys."


@dataclass(frozen=True)
class SignedInvite:
    """What a link names: a workspace's invitation, and what the link is for."""

    workspace: str
    invite_id: int
    nonce: str
    purpose: Purpose


def new_key() -> str:
    """A fresh random key for a survey's links."""
    return secrets.token_hex(32)


def new_nonce() -> str:
    """A fresh random nonce for an invitation's link."""
    return secrets.token_urlsafe(24)


def sign(key: str, invite: SignedInvite) -> str:
    """The URL-safe token of a link."""
    serializer = URLSafeTimedSerializer(key, salt=_SALT + invite.purpose)
    return serializer.dumps([invite.workspace, invite.invite_id, invite.nonce])


def _broken() -> InvalidInput:
    return InvalidInput(
        "This survey link is not valid (damaged, or not made by this server).",
        field="link",
        hint="Ask the person who sent the survey for a new link.",
    )


def peek(token: str, purpose: Purpose) -> tuple[str, int]:
    """The workspace and invitation a token names, read before it is checked (the key to
    check it with belongs to the invitation's survey).

    Raises
    ------
    allies.errors.InvalidInput
        When the token cannot be read at all.
    """
    _, payload = URLSafeTimedSerializer("unchecked", salt=_SALT + purpose).loads_unsafe(token)
    if not isinstance(payload, list) or len(payload) != 3 or not isinstance(payload[1], int):
        raise _broken()
    return str(payload[0]), int(payload[1])


def read(key: str, token: str, purpose: Purpose) -> SignedInvite:
    """What a token says, once its signature is checked against ``key``.

    Raises
    ------
    allies.errors.InvalidInput
        When the signature does not match.
    """
    try:
        workspace, invite_id, nonce = URLSafeTimedSerializer(key, salt=_SALT + purpose).loads(token)
    except (BadSignature, ValueError, TypeError):
        raise _broken() from None
    return SignedInvite(str(workspace), int(invite_id), str(nonce), purpose)
