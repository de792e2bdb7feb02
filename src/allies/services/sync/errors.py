"""The two ways a server lets a sync down, as errors of the one tree (:mod:`allies.errors`).

- :class:`LoginRefused`: the server is there and refused the login (a wrong password, an
  expired token). Retrying will not help; the user must change the credentials.
- :class:`ServerUnreachable`: the server could not be reached or broke off (down, a wrong
  host or port, a timeout). Worth retrying later; the job queue does, with backoff.

Both name the account, never its password.
"""

from __future__ import annotations

from allies.errors import AlliesError, InvalidInput

__all__ = ["LoginRefused", "ServerUnreachable"]


class LoginRefused(InvalidInput):
    """The server refused the account's login (HTTP 422, on the field ``password``)."""

    def __init__(self, account: str, server: str, reason: str) -> None:
        super().__init__(
            f"The server {server} refused the login of account {account!r}: {reason}",
            field="password",
            hint="Check the user name and password (an app password where the provider "
            "asks for one), or the token command, and save the account again.",
        )
        self.account = account


class ServerUnreachable(AlliesError):
    """The server of an account cannot be reached now (HTTP 502); try again later."""

    http_status = 502

    def __init__(self, account: str, server: str, reason: str) -> None:
        super().__init__(
            f"Cannot reach {server} for account {account!r}: {reason}",
            hint="Check the address and port and that the server is up; the sync can be "
            "run again, and resumes where it stopped.",
        )
        self.account = account
