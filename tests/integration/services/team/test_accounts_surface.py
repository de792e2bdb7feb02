"""``allies.services.team.accounts`` keeps offering every name its callers import, though the
work is done in smaller modules."""

from __future__ import annotations

from allies.services.team import accounts

#: The public names callers have imported from ``allies.services.team.accounts``.
PUBLIC = {
    "ADDRESS_LIMIT", "LOCK_AFTER", "LOCK_MINUTES", "MIN_PASSWORD", "SESSION_HOURS",
    "TOKEN_PREFIX", "TOUCH_EVERY", "Actor", "Identity", "Membership", "Role", "TokenRow",
    "UserRow", "add_user", "add_workspace", "authenticate", "create_token", "disable_user",
    "enable_user", "end_session", "grant", "identify_session", "identify_token",
    "list_tokens", "list_users", "members", "require_owner", "revoke", "revoke_token",
    "select_workspace", "set_password", "start_session", "usernames",
}  # fmt: skip


def test_every_public_name_is_still_importable_from_accounts() -> None:
    assert set(accounts.__all__) >= PUBLIC
    missing = [name for name in accounts.__all__ if not hasattr(accounts, name)]
    assert missing == []


def test_the_names_come_from_modules_that_say_what_they_hold() -> None:
    homes = {name: getattr(accounts, name).__module__ for name in ("add_user", "grant",
             "create_token", "authenticate", "start_session", "require_owner")}  # fmt: skip
    assert homes == {
        "add_user": "allies.services.team.users",
        "grant": "allies.services.team.memberships",
        "create_token": "allies.services.team.tokens",
        "authenticate": "allies.services.team.logins",
        "start_session": "allies.services.team.sessions",
        "require_owner": "allies.services.team.identities",
    }
