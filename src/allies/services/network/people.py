"""Use cases about people: add, edit, show, list, merge and remove."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, get_args

from allies.domain import (
    Cadence,
    Favour,
    Interaction,
    Level,
    Observation,
    Organisation,
    Person,
    Promise,
    Tie,
    Tier,
    Unit,
    parse_enum,
)
from allies.domain.listing import Listed, ListingFilter, ListingSort
from allies.errors import Conflict, InvalidInput, NotFound
from allies.services.network.lookup import resolve_organisation, resolve_person
from allies.services.paging import DEFAULT_LIMIT, Page, check_window
from allies.services.ports import UnitOfWork

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

SortKey = ListingSort
SORT_KEYS: tuple[str, ...] = get_args(ListingSort)


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list."""

    id: int
    name: str
    title: str
    organisation: str
    unit: str
    level: str
    tier: str
    tags: list[str]
    emails: list[str]
    last_contact: date | None
    is_me: bool


@dataclass
class TimelineEntry:
    """One dated event in a person's story."""

    on: date
    kind: str  # interaction, observation, favour, promise
    text: str
    id: int


@dataclass
class PersonProfile:
    """Everything the person page and ``allies person show`` display."""

    person: Person
    organisation: str
    unit: str
    ties_out: list[tuple[Tie, Person]]
    ties_in: list[tuple[Tie, Person]]
    interactions: list[Interaction]
    observations: list[Observation]
    favours: list[Favour]
    promises: list[Promise]
    last_contact: date | None
    timeline: list[TimelineEntry] = field(default_factory=list)
    version: int | None = None  # the stored version, for an optimistic edit
    cadence: Cadence | None = None  # the cadence set on the person themselves


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
                        hint="Use --allow-duplicate if this is someone else, "
                        "or edit the existing record.",
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
        uow.commit()
        return stored


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
    unknown = set(changes) - set(EDITABLE_FIELDS) - {"add_tags", "remove_tags"}
    if unknown:
        raise InvalidInput(
            f"Cannot edit {', '.join(sorted(unknown))}.",
            field=sorted(unknown)[0],
            hint="Editable fields: " + ", ".join(EDITABLE_FIELDS) + ".",
        )
    with uow:
        person = resolve_person(uow, reference)
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
        uow.commit()
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


def _row(listed: Listed) -> PersonRow:
    p = listed.person
    return PersonRow(
        id=p.id or 0,
        name=p.name,
        title=p.title,
        organisation=listed.organisation,
        unit=listed.unit,
        level=p.level.value if p.level else "",
        tier=p.tier.value if p.tier else "",
        tags=list(p.tags),
        emails=list(p.emails),
        last_contact=listed.last_contact,
        is_me=p.is_me,
    )


def _listing(
    search: str | None,
    tag: str | None,
    unit: str | None,
    level: str | None,
    organisation: str | None,
    contacted_since: date | None,
    not_contacted_since: date | None,
    never_contacted: bool,
    sort: str,
) -> ListingFilter:
    if sort not in SORT_KEYS:
        raise InvalidInput(
            f"Cannot sort by {sort!r}.",
            field="sort",
            hint="Sort by name, last-contact, level, unit or id.",
        )
    return ListingFilter(
        search=search.strip() if search and search.strip() else None,
        tag=tag.strip() if tag and tag.strip() else None,
        unit=unit or None,
        organisation=organisation or None,
        level=parse_enum(Level, level, "level").value if level else None,
        contacted_since=contacted_since,
        not_contacted_since=not_contacted_since,
        never_contacted=never_contacted,
    )


def list_people(
    uow: UnitOfWork,
    *,
    search: str | None = None,
    tag: str | None = None,
    unit: str | None = None,
    level: str | None = None,
    organisation: str | None = None,
    contacted_since: date | None = None,
    not_contacted_since: date | None = None,
    never_contacted: bool = False,
    sort: SortKey = "name",
) -> list[PersonRow]:
    """The people of the workspace as rows, filtered and sorted (every row; the web pages
    ask for one page at a time with :func:`people_page`).

    ``search`` looks in names, titles, e-mails, organisations and units; ``sort=
    "last-contact"`` puts the most recently contacted first and never-contacted people
    last.

    Raises
    ------
    allies.errors.InvalidInput
        When ``level`` or ``sort`` is not one of theirs.
    """
    return people_page(
        uow,
        search=search,
        tag=tag,
        unit=unit,
        level=level,
        organisation=organisation,
        contacted_since=contacted_since,
        not_contacted_since=not_contacted_since,
        never_contacted=never_contacted,
        sort=sort,
        limit=None,
    ).items


def people_page(
    uow: UnitOfWork,
    *,
    search: str | None = None,
    tag: str | None = None,
    unit: str | None = None,
    level: str | None = None,
    organisation: str | None = None,
    contacted_since: date | None = None,
    not_contacted_since: date | None = None,
    never_contacted: bool = False,
    sort: SortKey = "name",
    offset: int = 0,
    limit: int | None = DEFAULT_LIMIT,
) -> Page[PersonRow]:
    """One page of the people list (see :func:`list_people` for the filters), with the
    number of people the whole filtered list holds; ``limit=None`` gives every row.

    The database filters, sorts and cuts the page, so a page costs the same in a
    workspace of ten or ten thousand people.

    Raises
    ------
    allies.errors.InvalidInput
        When a filter, ``offset`` or ``limit`` is out of range.
    """
    listing = _listing(
        search,
        tag,
        unit,
        level,
        organisation,
        contacted_since,
        not_contacted_since,
        never_contacted,
        sort,
    )
    if limit is not None:
        check_window(offset, limit)
    with uow:
        rows, total = uow.people.listing(listing, sort, offset=offset, limit=limit)
    return Page([_row(r) for r in rows], total, offset, limit or max(total, 1))


def suggest_people(uow: UnitOfWork, text: str, *, limit: int = 20) -> list[str]:
    """Up to ``limit`` people whose name holds ``text``, as ``Name (#id)`` (the form every
    person field accepts), names that start with it first."""
    with uow:
        return [f"{name} (#{pid})" for pid, name in uow.people.suggest(text, limit)]


def show_person(uow: UnitOfWork, reference: str) -> PersonProfile:
    """A person with their ties in and out and the story of what happened between us."""
    with uow:
        person = resolve_person(uow, reference)
        pid = person.id or 0
        ties = uow.ties.involving(pid)
        interactions = uow.interactions.with_person(pid)
        observations = uow.observations.involving(pid)
        favours = uow.favours.with_person(pid)
        promises = uow.promises.involving(pid)
        others = {t.source_id for t in ties} | {t.target_id for t in ties}
        everyone = {p.id: p for p in uow.people.several(others - {pid})}
        everyone[pid] = person
        ties_out = [(t, everyone[t.target_id]) for t in ties if t.source_id == pid]
        ties_in = [(t, everyone[t.source_id]) for t in ties if t.target_id == pid]
        mentioned = {q for i in interactions for q in i.participant_ids}
        mentioned |= {o.subject_id for o in observations} | {o.object_id for o in observations}
        mentioned |= {c.promiser_id for c in promises} | {c.promisee_id for c in promises}
        names: dict[int | None, str] = {
            k: v for k, v in uow.people.names(mentioned - set(everyone)).items()
        }
        organisation = (
            uow.organisations.get(person.organisation_id).name if person.organisation_id else ""
        )
        unit = uow.units.get(person.unit_id).name if person.unit_id else ""
        version = uow.people.version_of(pid)
        cadence = uow.cadences.for_person(pid)
    names.update({k: v.name for k, v in everyone.items()})
    timeline = build_timeline(names, interactions, observations, favours, promises)
    return PersonProfile(
        person=person,
        organisation=organisation,
        unit=unit,
        ties_out=ties_out,
        ties_in=ties_in,
        interactions=interactions,
        observations=observations,
        favours=favours,
        promises=promises,
        last_contact=max((i.occurred_on for i in interactions), default=None),
        timeline=timeline,
        version=version,
        cadence=cadence,
    )


def build_timeline(
    names: Mapping[int | None, str],
    interactions: Sequence[Interaction],
    observations: Sequence[Observation],
    favours: Sequence[Favour],
    promises: Sequence[Promise],
) -> list[TimelineEntry]:
    """Interactions, observations, favours and promises as one story, newest first."""
    entries: list[TimelineEntry] = []
    for i in interactions:
        who = ", ".join(names.get(p, f"#{p}") for p in i.participant_ids)
        tone = f" (tone {i.tone:+d})" if i.tone else ""
        text = f"{i.kind.value.replace('_', ' ')} with {who}{tone}"
        if i.summary:
            text += f": {i.summary}"
        entries.append(TimelineEntry(i.occurred_on, "interaction", text, i.id or 0))
    for o in observations:
        verb = o.kind.value.replace("_", " ")
        text = f"{names.get(o.subject_id, '?')} {verb} {names.get(o.object_id, '?')}"
        if o.context:
            text += f" ({o.context})"
        entries.append(TimelineEntry(o.observed_on, "observation", text, o.id or 0))
    for f in favours:
        direction = "gave" if f.direction.value == "given" else "received"
        text = f"I {direction} a {f.size.value} favour: {f.description}"
        entries.append(TimelineEntry(f.occurred_on, "favour", text, f.id or 0))
    for c in promises:
        due = f" by {c.due_on.isoformat()}" if c.due_on else ""
        text = (
            f"{names.get(c.promiser_id, '?')} promised {names.get(c.promisee_id, '?')}: "
            f"{c.description}{due} [{c.status.value}]"
        )
        entries.append(TimelineEntry(c.made_on, "promise", text, c.id or 0))
    entries.sort(key=lambda e: (e.on, e.kind, e.id), reverse=True)
    return entries


def count_people(uow: UnitOfWork) -> int:
    """How many people the workspace holds.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace's unit of work.
    """
    with uow:
        return uow.people.count()
