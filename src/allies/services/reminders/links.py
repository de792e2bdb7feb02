"""Signed, expiring links that mark a line of the digest done, or snooze it, without
logging in.

A link carries the workspace, the line's key and the action, signed with HMAC-SHA1 by
``itsdangerous``' ``URLSafeTimedSerializer`` (RFC 2104) and stamped with the time it was
made; it is refused when its signature does not match or it is older than
:data:`LINK_DAYS` days. It works once: the line it handles leaves the agenda, so a
second use finds nothing to do.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from allies.errors import InvalidInput

__all__ = [
    "LINK_DAYS",
    "LinkAction",
    "SignedLine",
    "link_owner",
    "new_link_key",
    "read_link",
    "sign_link",
]

#: How long a link works.
LINK_DAYS = 3
_SALT = "allies.reminders.line"

LinkAction = Literal["done", "snooze"]


@dataclass(frozen=True)
class SignedLine:
    """What a link asks for: an action on a line of a workspace's agenda, as the member
    the digest went to (``""`` on a laptop)."""

    workspace: str
    key: str
    action: LinkAction
    member: str = ""


def new_link_key() -> str:
    """A fresh random key for a workspace's links (when the server has no secret key)."""
    return secrets.token_urlsafe(32)


def _serializer(key: str) -> URLSafeTimedSerializer:
    if not key:
        raise InvalidInput("Reminder links need a key; set reminders up first.")
    return URLSafeTimedSerializer(key, salt=_SALT)


def sign_link(key: str, line: SignedLine) -> str:
    """The token of a link (URL-safe)."""
    return _serializer(key).dumps([line.workspace, line.key, line.action, line.member])


def read_link(key: str, token: str, *, max_days: int = LINK_DAYS) -> SignedLine:
    """What a token asks for.

    Raises
    ------
    allies.errors.InvalidInput
        When the link is damaged, signed with another key, or expired.
    """
    try:
        workspace, line_key, action, member = _serializer(key).loads(
            token, max_age=max_days * 86400
        )
    except SignatureExpired:
        raise InvalidInput(
            f"This link has expired: links of a digest work for {max_days} days.",
            field="link",
            hint="Open Today to handle the line.",
        ) from None
    except (BadSignature, ValueError, TypeError):
        raise InvalidInput(
            "This link is not valid (damaged, or made with another key).",
            field="link",
            hint="Open Today to handle the line.",
        ) from None
    if action not in ("done", "snooze"):
        raise InvalidInput("This link asks for nothing allies knows.", field="link")
    return SignedLine(str(workspace), str(line_key), action, str(member))


def link_owner(token: str) -> tuple[str, str]:
    """The workspace and member a token names, read before it is checked (its key
    depends on them).

    Raises
    ------
    allies.errors.InvalidInput
        When the token cannot be read at all.
    """
    _, payload = URLSafeTimedSerializer("unchecked", salt=_SALT).loads_unsafe(token)
    if not isinstance(payload, list) or len(payload) != 4:
        raise InvalidInput(
            "This link is not valid (damaged).", field="link", hint="Open Today instead."
        )
    return str(payload[0]), str(payload[3])
