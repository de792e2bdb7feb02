"""The errors ``allies`` raises, one small tree rooted at :class:`AlliesError`.

An error carries facts, not commands: a plain message, an optional plain-words
``hint``, the ``kind`` and ``record_id`` of the record concerned, and an optional
:class:`NextStep` (what to do next, as an action on a kind of record). Each face renders
the next step its own way (a command line, a link, a JSON object), so no message names
a command or an option of one face::

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, get_args

__all__ = [
    "Action",
    "AlliesError",
    "AmbiguousName",
    "ConfigurationError",
    "Conflict",
    "Forbidden",
    "ImportFormatError",
    "InvalidInput",
    "NextStep",
    "NotFound",
    "StaleRecord",
    "TooManyAttempts",
    "Unauthorized",
]


#: What a next step asks the user to do. ``list``, ``show``, ``add`` and ``edit`` act on
#: records of a kind; ``merge``, ``reassign`` and ``delete-related`` settle what refers to
#: a record; ``restore-elsewhere`` restores a backup into another workspace; ``take``
#: works through a questionnaire or a programme day; ``export`` writes a file; ``grant``
#: gives a user a role; ``replace`` rebuilds what is there; ``reload`` reads again
#: before retrying; ``log-in`` signs in; ``map-columns`` says which column of a file holds
#: which field; ``skip-bad`` imports again, skipping the records that cannot be read.
Action = Literal[
    "list",
    "show",
    "add",
    "edit",
    "merge",
    "reassign",
    "delete-related",
    "restore-elsewhere",
    "take",
    "export",
    "grant",
    "replace",
    "reload",
    "log-in",
    "map-columns",
    "skip-bad",
]
#: A value a next step names: a name, an id, a number of days, a flag.
OptionValue = str | int | bool

_ACTIONS = frozenset(get_args(Action))


@dataclass(frozen=True)
class NextStep:
    """What to do next, as a fact: an action on a kind of record, with named values.

    The faces turn it into their own words: the command line prints the command, the
    web pages link to the page, the API answers it as JSON. ``options`` carries what the
    step needs, by name (``{"me": True}`` to add oneself, ``{"person": "Ann"}``).

    Parameters
    ----------
    action
        What to do (see :data:`Action`).
    kind
        The kind of record it concerns (``"favour"``, ``"person"`` ...), if any.
    options
        Named values for the step; read-only once made.
    """

    action: Action
    kind: str | None = None
    options: Mapping[str, OptionValue] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.action not in _ACTIONS:
            raise ValueError(f"Unknown next-step action {self.action!r}.")
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    def as_dict(self) -> dict[str, Any]:
        """The step as plain JSON-ready values."""
        return {"action": self.action, "kind": self.kind, "options": dict(self.options)}


class AlliesError(Exception):
    """Base of every error ``allies`` raises on purpose.

    ``hint`` is plain words (never a command or an option of one face); ``next_step``
    says what to do next as a fact; ``kind`` and ``record_id`` name the record concerned.
    """

    http_status = 400

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        next_step: NextStep | None = None,
        kind: str | None = None,
        record_id: int | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.next_step = next_step
        self.kind = kind
        self.record_id = record_id
        super().__init__(message if hint is None else f"{message} {hint}")


class NotFound(AlliesError):
    """Nothing stored matches what was asked for.

    ``NotFound(kind="favour", record_id=999)`` says "No favour #999." and, unless told
    otherwise, suggests listing the favours as the next step. ``suggestions`` carries the
    closest matches, when there are any.
    """

    http_status = 404

    def __init__(
        self,
        message: str | None = None,
        *,
        kind: str | None = None,
        record_id: int | None = None,
        hint: str | None = None,
        suggestions: Sequence[str] = (),
        next_step: NextStep | None = None,
    ) -> None:
        if message is None:
            if kind is None:
                raise TypeError("NotFound needs a message or the kind of record missing.")
            message = f"No {kind} #{record_id}." if record_id is not None else f"No such {kind}."
        if next_step is None and kind is not None:
            next_step = NextStep("list", kind)
        self.suggestions = list(suggestions)
        if hint is None and self.suggestions:
            hint = "Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message, hint=hint, next_step=next_step, kind=kind, record_id=record_id)


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


class StaleRecord(Conflict):
    """The record was changed by someone else since the version the change was based on
    (an ``If-Match`` that no longer holds): HTTP 412 Precondition Failed (RFC 9110,
    13.1.1)."""

    http_status = 412


class InvalidInput(AlliesError):
    """A value breaks one of the rules; ``field`` names the offending field."""

    http_status = 422

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        hint: str | None = None,
        next_step: NextStep | None = None,
    ) -> None:
        self.field = field
        super().__init__(message, hint=hint, next_step=next_step)


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
        next_step: NextStep | None = None,
    ) -> None:
        self.path = path
        self.line = line
        where = path or "input"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message}", field=field, hint=hint, next_step=next_step)


class Unauthorized(AlliesError):
    """Nobody is logged in, or the username, password or token is wrong."""

    http_status = 401


class TooManyAttempts(Unauthorized):
    """Too many failed logins; ``retry_after`` says in how many seconds to try again."""

    http_status = 429

    def __init__(
        self,
        message: str,
        *,
        retry_after: int,
        hint: str | None = None,
        next_step: NextStep | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, hint=hint, next_step=next_step)


class Forbidden(AlliesError):
    """The user is known, but their role does not allow what they asked for."""

    http_status = 403


class ConfigurationError(AlliesError):
    """A setting is missing or wrong; the message names the setting."""

    http_status = 500
