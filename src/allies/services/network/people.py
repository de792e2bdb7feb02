"""Use cases about people: add, edit and show them (listing them is
:mod:`allies.services.network.people_list`, re-exported here).

Adding and editing come in two forms: the person named as someone typed them, answering
with the stored person, and (``*_profile``, for the REST API) by id, answering with the
person's profile read in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from allies.domain import (
    Level,
    Organisation,
    Person,
    Tier,
    Unit,
    parse_enum,
)
from allies.errors import Conflict, InvalidInput, NextStep, NotFound
from allies.services.network.lookup import resolve_organisation, resolve_person
from allies.services.network.people_list import (
    SORT_KEYS,
    PersonRow,
    SortKey,
    count_people,
    list_people,
    people_page,
    suggest_people,
)
from allies.services.network.profile import (
    STORY_PAGE,
    PersonProfile,
    TimelineEntry,
    build_timeline,
    profile_of,
    show_person,
)
from allies.services.ports import UnitOfWork

__all__ = [
    "EDITABLE_FIELDS",
    "SORT_KEYS",
    "STORY_PAGE",
    "PersonProfile",
    "PersonRow",
    "SortKey",
    "TimelineEntry",
    "add_person",
    "add_person_profile",
    "build_timeline",
    "count_people",
    "edit_person",
    "edit_person_profile",
    "list_people",
    "people_page",
    "show_person",
    "suggest_people",
]

EDITABLE_FIELDS = (
    "name",
    "title",
    "emails",
    "phones",
    "tags",
    "interests",
    "agenda",
    "values",
    "offers",
    "trades",
    "level",
    "tier",
    "notes",
    "organisation",
    "unit",
)


def _split(values: str | Sequence[str] | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _unit_id(uow: UnitOfWork, name: str | None, organisation_id: int | None) -> int | None:
    """The id of the unit called ``name``, created in ``organisation_id`` when new."""
    if not name:
        return None
    for unit in uow.units.list():
        if unit.name.casefold() == name.strip().casefold() and (
            organisation_id is None or unit.organisation_id in (None, organisation_id)
        ):
            return unit.id
    created = uow.units.add(Unit(name=name, organisation_id=organisation_id))
    return created.id


def _organisation_id(uow: UnitOfWork, name: str | None, create: bool = True) -> int | None:
    if not name:
        return None
    try:
        return resolve_organisation(uow, name).id
    except NotFound:
        if not create:
            raise
        return uow.organisations.add(Organisation(name=name)).id


def _add_person(
    uow: UnitOfWork,
    name: str,
    *,
    title: str = "",
    organisation: str | None = None,
    unit: str | None = None,
    emails: str | Sequence[str] | None = None,
    phones: str | Sequence[str] | None = None,
    tags: str | Sequence[str] | None = None,
    level: str | None = None,
    tier: str | None = None,
    interests: str = "",
    agenda: str = "",
    values: str = "",
    offers: str = "",
    trades: str = "",
    notes: str = "",
    is_me: bool = False,
    allow_duplicate: bool = False,
) -> Person:
    """Add a person in the unit of work already entered (see :func:`add_person`)."""
    candidate = Person(
        name=name,
        title=title,
        emails=_split(emails),
        phones=_split(phones),
        tags=_split(tags),
        level=parse_enum(Level, level, "level") if level else None,
        tier=parse_enum(Tier, tier, "tier") if tier else None,
        interests=interests,
        agenda=agenda,
        values=values,
        offers=offers,
        trades=trades,
        notes=notes,
        is_me=is_me,
    )
    existing = uow.people.list()
    if is_me and any(p.is_me for p in existing):
        me = next(p for p in existing if p.is_me)
        raise Conflict(
            f"{me.label} is already marked as you.",
            hint="Edit that record instead, or merge the two.",
        )
    if not allow_duplicate:
        for other in existing:
            if other.name.casefold() == candidate.name.casefold():
                raise Conflict(
                    f"{other.label} already has that name.",
                    hint="If this is someone else, add them anyway as a separate person; "
                    "otherwise edit the existing record.",
                    next_step=NextStep("add", "person", {"allow_duplicate": True}),
                    kind="person",
                    record_id=other.id,
                )
            shared = set(other.emails) & set(candidate.emails)
            if shared:
                raise Conflict(
                    f"{other.label} already has the e-mail {sorted(shared)[0]}.",
                    hint="Edit that person, or merge the records.",
                )
    candidate.organisation_id = _organisation_id(uow, organisation)
    candidate.unit_id = _unit_id(uow, unit, candidate.organisation_id)
    stored = uow.people.add(candidate)
    return stored


def add_person(
    uow: UnitOfWork,
    name: str,
    *,
    title: str = "",
    organisation: str | None = None,
    unit: str | None = None,
    emails: str | Sequence[str] | None = None,
    phones: str | Sequence[str] | None = None,
    tags: str | Sequence[str] | None = None,
    level: str | None = None,
    tier: str | None = None,
    interests: str = "",
    agenda: str = "",
    values: str = "",
    offers: str = "",
    trades: str = "",
    notes: str = "",
    is_me: bool = False,
    allow_duplicate: bool = False,
) -> Person:
    """Add a person to the network.

    Organisations and units named here are created when they do not exist yet. A second
    person with the same name or e-mail is refused unless ``allow_duplicate``; marking a
    person as *me* is refused when someone else already is.

    Returns
    -------
    Person
        The stored person, with its id.
    """
    with uow:
        stored = _add_person(
            uow,
            name,
            title=title,
            organisation=organisation,
            unit=unit,
            emails=emails,
            phones=phones,
            tags=tags,
            level=level,
            tier=tier,
            interests=interests,
            agenda=agenda,
            values=values,
            offers=offers,
            trades=trades,
            notes=notes,
            is_me=is_me,
            allow_duplicate=allow_duplicate,
        )
        uow.commit()
        return stored


def add_person_profile(uow: UnitOfWork, name: str, **fields: Any) -> PersonProfile:
    """Add a person (as :func:`add_person` does, with the same keywords) and answer with
    their profile, read in the same transaction.

    Raises
    ------
    allies.errors.Conflict
        When the name or an e-mail is taken, or someone else is marked as me.
    """
    with uow:
        stored = _add_person(uow, name, **fields)
        profile = profile_of(uow, uow.people.get(stored.id or 0))
        uow.commit()
        return profile


def edit_person(
    uow: UnitOfWork,
    reference: str,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> Person:
    """Change fields of a person.

    ``changes`` maps field names (see :data:`EDITABLE_FIELDS`) to new values; ``None``
    leaves a field alone, an empty string clears it. For ``emails``, ``phones`` and
    ``tags``, a value replaces the list; ``add_tags``/``remove_tags`` adjust it.
    ``expected_version`` (from :attr:`PersonProfile.version`) makes the edit fail with
    Conflict when someone else changed the person since it was read.
    """
    _check_editable(changes)
    with uow:
        stored = _edit_person(
            uow, resolve_person(uow, reference), changes, expected_version=expected_version
        )
        uow.commit()
        return stored


def edit_person_profile(
    uow: UnitOfWork,
    person_id: int,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> PersonProfile:
    """Change fields of the person with this id (as :func:`edit_person` does) and answer
    with their profile, read in the same transaction.

    Raises
    ------
    allies.errors.NotFound
        When there is nobody with that id.
    allies.errors.Conflict
        When ``expected_version`` is no longer the stored one.
    """
    _check_editable(changes)
    with uow:
        stored = _edit_person(
            uow, uow.people.get(person_id), changes, expected_version=expected_version
        )
        profile = profile_of(uow, uow.people.get(stored.id or 0))
        uow.commit()
        return profile


def _check_editable(changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - set(EDITABLE_FIELDS) - {"add_tags", "remove_tags"}
    if unknown:
        raise InvalidInput(
            f"Cannot edit {', '.join(sorted(unknown))}.",
            field=sorted(unknown)[0],
            hint="Editable fields: " + ", ".join(EDITABLE_FIELDS) + ".",
        )


def _edit_person(
    uow: UnitOfWork,
    person: Person,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None,
) -> Person:
    """Apply ``changes`` to ``person`` in the unit of work already entered."""
    if expected_version is not None:
        uow.people.expect_version(person.id or 0, expected_version)
    values = {k: v for k, v in changes.items() if v is not None}
    if "organisation" in values:
        person.organisation_id = _organisation_id(uow, values.pop("organisation"))
    if "unit" in values:
        person.unit_id = _unit_id(uow, values.pop("unit"), person.organisation_id)
    for key in ("emails", "phones", "tags"):
        if key in values:
            values[key] = _split(values[key])
    tags = list(values.pop("tags", person.tags))
    tags += [t for t in _split(values.pop("add_tags", None)) if t not in tags]
    removed = {t.lower() for t in _split(values.pop("remove_tags", None))}
    values["tags"] = [t for t in tags if t.lower() not in removed]
    for key, enum in (("level", Level), ("tier", Tier)):
        if key in values:
            values[key] = parse_enum(enum, values[key], key) if values[key] else None
    merged = {**_person_fields(person), **values}
    updated = Person(**merged)
    updated.id, updated.created_at = person.id, person.created_at
    stored = uow.people.save(updated)
    return stored


def _person_fields(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "title": person.title,
        "organisation_id": person.organisation_id,
        "unit_id": person.unit_id,
        "emails": list(person.emails),
        "phones": list(person.phones),
        "tags": list(person.tags),
        "interests": person.interests,
        "agenda": person.agenda,
        "values": person.values,
        "offers": person.offers,
        "trades": person.trades,
        "level": person.level,
        "tier": person.tier,
        "is_me": person.is_me,
        "notes": person.notes,
    }
