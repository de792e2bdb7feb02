"""Logging in with a username and a password, with lock-outs and rate limits.

Every rule that protects logins lives in the database, never in one process's memory, so
any number of app processes enforce it together:

- a username is **locked out** for :data:`LOCK_MINUTES` minutes after
  :data:`LOCK_AFTER` failed logins in a row (within that many minutes);
- an address that failed :data:`ADDRESS_LIMIT` times within :data:`LOCK_MINUTES`
  minutes is **rate limited** for the rest of that window, whatever username it tries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from allies.domain.accounts import User
from allies.errors import TooManyAttempts, Unauthorized
from allies.services.ports import UnitOfWorkFactory
from allies.services.team import passwords
from allies.services.team.identities import moment

__all__ = ["ADDRESS_LIMIT", "LOCK_AFTER", "LOCK_MINUTES", "authenticate"]

#: Failed logins in a row that lock a username.
LOCK_AFTER = 5
#: How long a lock-out lasts, and the window in which failures count, in minutes.
LOCK_MINUTES = 15
#: Failed logins from one address, within the window, after which it is refused.
ADDRESS_LIMIT = 20
#: How long login attempts are kept, in days.
KEEP_ATTEMPTS_DAYS = 30


def _locked_for(attempts: Sequence[tuple[datetime, bool]], now: datetime) -> int:
    """Seconds the username stays locked (0: not locked), from its recent attempts."""
    failures: list[datetime] = []
    for at, succeeded in attempts:
        failures = [] if succeeded else [*failures, at]
    if len(failures) < LOCK_AFTER:
        return 0
    until = failures[-1] + timedelta(minutes=LOCK_MINUTES)
    return max(0, int((until - now).total_seconds()) + 1) if until > now else 0


def authenticate(
    factory: UnitOfWorkFactory,
    username: str,
    password: str,
    *,
    address: str = "",
    now: datetime | None = None,
) -> User:
    """The user whose username and password these are; every attempt is recorded.

    Raises
    ------
    allies.errors.TooManyAttempts
        When the username is locked out or the address is rate limited (``retry_after``
        says for how long); the password is not even checked.
    allies.errors.Unauthorized
        When the username or the password is wrong, or the user is disabled (one
        message for all three, so it gives nothing away).
    """
    at = moment(now)
    window = at - timedelta(minutes=LOCK_MINUTES)
    name = (username or "").strip().lower()[:64]
    with factory.accounts() as accounts:
        if address and accounts.attempts.failures_from(address, window) >= ADDRESS_LIMIT:
            raise TooManyAttempts(
                "Too many failed logins from this address.",
                retry_after=LOCK_MINUTES * 60,
                hint=f"Wait {LOCK_MINUTES} minutes before trying again.",
            )
        locked = _locked_for(accounts.attempts.recent(name, window), at)
        if locked:
            raise TooManyAttempts(
                f"This account is locked after {LOCK_AFTER} failed logins.",
                retry_after=locked,
                hint=f"Try again in {max(1, locked // 60)} minutes, or ask an administrator "
                "to set a new password.",
            )
        user = accounts.users.by_name(name) if name else None
        hashed = user.password_hash if user else passwords.dummy_hash()
        ok = passwords.verify(hashed, password or "")
        if not (user and ok and user.active):
            accounts.attempts.record(name or "?", address or "?", False, at)
            accounts.commit()
            raise Unauthorized(
                "Wrong username or password.",
                hint=f"After {LOCK_AFTER} failures in a row the account is locked for "
                f"{LOCK_MINUTES} minutes.",
            )
        if passwords.hasher().check_needs_rehash(user.password_hash):
            user.password_hash = passwords.hasher().hash(password)
            accounts.users.save(user)
        accounts.attempts.record(name, address or "?", True, at)
        accounts.attempts.purge_before(at - timedelta(days=KEEP_ATTEMPTS_DAYS))
        accounts.commit()
    return user
