"""The errors ``allies`` raises, one small tree rooted at :class:`AlliesError`.

Every message says what went wrong *and* what to do next, so the faces (CLI, web, API)
can show it as it is::

    AlliesError
    ├── NotFound            no such person, tie, campaign ... (HTTP 404)
    ├── AmbiguousName       a name matches several people; lists the candidates (HTTP 409)
    ├── Conflict            the change clashes with what is stored (HTTP 409)
    ├── InvalidInput        a value breaks a rule; names the field (HTTP 422)
    │   └── ImportFormatError   a file cannot be read; names the file and line (HTTP 422)
    ├── Unauthorized        not logged in, or the password or token is wrong (HTTP 401)
    │   └── TooManyAttempts     too many failed logins: locked out for a while (HTTP 429)
    ├── Forbidden           logged in, but the role does not allow it (HTTP 403)
    └── ConfigurationError  a setting is missing or wrong; names the setting

This module is a leaf: it imports only the standard library, so every layer may raise
these errors.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AlliesError",
    "AmbiguousName",
    "ConfigurationError",
    "Conflict",
    "Forbidden",
    "ImportFormatError",
    "InvalidInput",
    "NotFound",
    "TooManyAttempts",
    "Unauthorized",
]


class AlliesError(Exception):
    """Base of every error ``allies`` raises on purpose."""

    http_status = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message if hint is None else f"{message} {hint}")


class NotFound(AlliesError):
    """Nothing stored matches what was asked for.

    ``suggestions`` carries the closest matches, when there are any.
    """

    http_status = 404

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        self.suggestions = list(suggestions)
        if hint is None and self.suggestions:
            hint = "Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message, hint=hint)


class AmbiguousName(AlliesError):
    """A name matches more than one record; ``candidates`` lists them."""

    http_status = 409

    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(
            f"{name!r} matches {len(self.candidates)} people: " + "; ".join(self.candidates) + ".",
            hint="Name one of them by e-mail or by id (for example #12).",
        )


class Conflict(AlliesError):
    """The change clashes with what is already stored (a duplicate, a stale edit)."""

    http_status = 409


class InvalidInput(AlliesError):
    """A value breaks one of the rules; ``field`` names the offending field."""

    http_status = 422

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        self.field = field
        super().__init__(message, hint=hint)


class ImportFormatError(InvalidInput):
    """A file being imported cannot be read; names the file and, when known, the line."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        where = path or "input"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message}", field=field, hint=hint)


class Unauthorized(AlliesError):
    """Nobody is logged in, or the username, password or token is wrong."""

    http_status = 401


class TooManyAttempts(Unauthorized):
    """Too many failed logins; ``retry_after`` says in how many seconds to try again."""

    http_status = 429

    def __init__(self, message: str, *, retry_after: int, hint: str | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message, hint=hint)


class Forbidden(AlliesError):
    """The user is known, but their role does not allow what they asked for."""

    http_status = 403


class ConfigurationError(AlliesError):
    """A setting is missing or wrong; the message names the setting."""

    http_status = 500
