"""Alliances as records: change what an alliance says about itself, or delete it.

:mod:`allies.services.alliances.manage` builds an alliance up part by part; this module edits its
own fields (name, purpose, start day, check-in cadence) in one transaction and removes an
alliance with everything in it. Organisations named by id are checked here too, so a face
can report an unknown one against the field that named it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date

from allies.domain import Alliance
from allies.errors import Conflict, InvalidInput
from allies.services.alliances.manage import pick_alliance
from allies.services.ports import UnitOfWork

__all__ = ["delete_alliance", "edit_alliance", "get_alliance", "require_organisations"]


def get_alliance(uow: UnitOfWork, alliance: str) -> Alliance:
    """The alliance ``alliance`` names (an id such as ``#3``, or a name).

    Raises
    ------
    allies.errors.NotFound
        When no alliance matches.
    """
    with uow:
        return pick_alliance(uow.alliances.list(), alliance)


def edit_alliance(
    uow: UnitOfWork,
    alliance: str,
    *,
    name: str | None = None,
    purpose: str | None = None,
    started_on: date | None = None,
    clear_start: bool = False,
    ideal_days: int | None = None,
    max_days: int | None = None,
) -> Alliance:
    """Change an alliance's own fields; those left at ``None`` stay.

    ``clear_start`` removes the start day. The check-in gaps must still satisfy
    1 ≤ ideal ≤ maximum afterwards.

    Raises
    ------
    allies.errors.NotFound
        When no alliance matches ``alliance``.
    allies.errors.Conflict
        When another alliance already has the new name.
    allies.errors.InvalidInput
        When the name is empty or the gaps are out of order.
    """
    with uow:
        alliances = uow.alliances.list()
        found = pick_alliance(alliances, alliance)
        if name is not None:
            wanted = name.strip().casefold()
            if any(a.name.casefold() == wanted and a.id != found.id for a in alliances):
                raise Conflict(
                    f"There is already an alliance called {name.strip()!r}.",
                    hint="Pick another name.",
                )
            found.name = name.strip()
        if purpose is not None:
            found.purpose = purpose.strip()
        if started_on is not None or clear_start:
            found.started_on = started_on
        if ideal_days is not None:
            found.checkin_ideal_days = ideal_days
        if max_days is not None:
            found.checkin_max_days = max_days
        # Rebuild so the alliance's own rules run again on the changed values.
        Alliance(**{f.name: getattr(found, f.name) for f in fields(Alliance)})
        stored = uow.alliances.save(found)
        uow.commit()
        return stored


def delete_alliance(uow: UnitOfWork, alliance: str) -> Alliance:
    """Delete an alliance with its partners, goals, agreement, duties, milestones and
    conflicts; the people and organisations stay. Returns what was deleted.

    Raises
    ------
    allies.errors.NotFound
        When no alliance matches ``alliance``.
    """
    with uow:
        found = pick_alliance(uow.alliances.list(), alliance)
        uow.alliances.remove(found.id or 0)
        uow.commit()
        return found


def require_organisations(
    uow: UnitOfWork, references: Mapping[str, int | Sequence[int] | None]
) -> None:
    """Check that the organisations a request names by id exist.

    ``references`` maps a field name to an organisation id (or several); the first
    unknown id raises InvalidInput naming its field.
    """
    with uow:
        known = {o.id for o in uow.organisations.list()}
    for name, value in references.items():
        ids = [] if value is None else [value] if isinstance(value, int) else list(value)
        for organisation_id in ids:
            if organisation_id not in known:
                raise InvalidInput(f"There is no organisation #{organisation_id}.", field=name)
