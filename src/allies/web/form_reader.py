"""Reading a whole submitted form, every field, before anything is saved.

:class:`Reader` turns the strings of a form into values (dates in words, numbers, people
by any part of their name, accents and case ignored) and, instead of stopping at the
first mistake, notes one problem per field; :meth:`Reader.check` then raises
:class:`~allies.web.problems.FormProblems` with all of them. People are looked up once,
here, and handed on to the services as ids (``#12``), so the confirmation can say whom a
typed name was taken to mean.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from allies.errors import AlliesError
from allies.services.dates import future_message, parse_date
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork
from allies.web.problems import FormProblems

_LABELLED_ID = re.compile(r"\(#(\d+)\)\s*$")


class Reader:
    """Reads the fields of one submitted form and collects every problem.

    Parameters
    ----------
    values : mapping of str to str
        The submitted form.
    today : date, optional
        The day words such as ``yesterday`` count from (the current day by default).
    """

    def __init__(self, values: Mapping[str, str], *, today: date | None = None) -> None:
        self.values = values
        self.today = today or date.today()
        self.problems: dict[str, str] = {}
        #: Whom each typed name was taken to mean: (what was typed, the person's name).
        self.resolved: list[tuple[str, str]] = []
        self.person_ids: list[int] = []

    def problem(self, key: str, message: str) -> None:
        """Note a problem with ``key`` (the first one noted for a field is kept)."""
        self.problems.setdefault(key, message)

    def text(self, key: str, *, required: str | None = None) -> str:
        """The text typed into ``key``, stripped; ``required`` is the message when blank."""
        typed = self.values.get(key, "").strip()
        if not typed and required:
            self.problem(key, required)
        return typed

    def day(
        self,
        key: str,
        *,
        past: bool = False,
        blank: date | None = None,
        what: str = "something that happened",
    ) -> date | None:
        """The day typed into ``key``: an ISO date or words (``end of January``,
        ``in two weeks``, ``next friday``); ``blank`` when nothing is typed.

        With ``past``, a day after today is a problem: something that happened cannot
        have happened next week.
        """
        typed = self.values.get(key, "").strip()
        if not typed:
            return blank
        try:
            found = parse_date(typed, today=self.today, field=key)
        except AlliesError:
            self.problem(
                key,
                f"Cannot read “{typed}” as a date. Try a date such as 2026-03-31 or words "
                "such as yesterday, 3 days ago, next friday, in two weeks, end of January.",
            )
            return None
        if past and found > self.today:
            self.problem(key, future_message(typed, found, what))
        return found

    def number(
        self,
        key: str,
        default: float | None = None,
        *,
        low: float | None = None,
        high: float | None = None,
        label: str = "This",
    ) -> float | None:
        """The number typed into ``key`` (``default`` when blank), within ``low``-``high``."""
        typed = self.values.get(key, "").strip().replace(",", ".")
        if not typed:
            return default
        try:
            found = float(typed)
        except ValueError:
            self.problem(key, f"{label} should be a number; “{typed}” is not one.")
            return default
        if (low is not None and found < low) or (high is not None and found > high):
            self.problem(key, f"{label} should be between {low:g} and {high:g}; got {found:g}.")
        return found

    def person(self, uow: UnitOfWork, key: str, *, required: str | None = None) -> str | None:
        """The person named in ``key`` as ``#id``, or ``None`` (and a problem) if none is."""
        found = self.people(uow, key, required=required)
        if len(found) > 1:
            self.problem(key, "Name one person here.")
        return found[0] if found else None

    def people(self, uow: UnitOfWork, key: str, *, required: str | None = None) -> list[str]:
        """Everyone named in ``key`` (separated by commas) as ``#id``.

        A name is found by any unique part of it, ignoring accents and case (``etienne``
        finds Étienne). Names that match nobody or several people are problems, all in
        one message.
        """
        typed = self.values.get(key, "")
        parts = [p.strip() for p in re.split(r"[,;]", typed) if p.strip()]
        if not parts:
            if required:
                self.problem(key, required)
            return []
        found: list[str] = []
        wrong: list[str] = []
        with uow:
            for part in parts:
                match = _LABELLED_ID.search(part)
                reference = f"#{match[1]}" if match else part
                try:
                    person = resolve_person(uow, reference)
                except AlliesError as error:
                    wrong.append(str(error))
                    continue
                if f"#{person.id}" not in found:
                    found.append(f"#{person.id}")
                    self.person_ids.append(person.id or 0)
                    self.resolved.append((part, person.name))
        if wrong:
            self.problem(key, " ".join(wrong))
        return found

    def check(self) -> None:
        """Raise :class:`FormProblems` with every problem noted, if there is any."""
        if self.problems:
            raise FormProblems(self.problems)

    def resolved_names(self) -> list[str]:
        """The names of the people found, in the order they were typed."""
        return [name for _, name in self.resolved]
