"""One person's profile: their ties in and out, what was recorded about them, and the
story of what happened between us as one timeline, newest first.

What the person page and ``allies person show`` display, read in one unit of work. The
story is read a page at a time (:mod:`allies.services.network.story`): for "me", who
takes part in nearly every interaction, a profile reads the count and the last contact as
one aggregate and only the interactions of the page shown, never all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from allies.domain import (
    Cadence,
    Favour,
    Interaction,
    Observation,
    Person,
    Promise,
    Tie,
)
from allies.domain.cards import CardDetails, RoleChange
from allies.services.network.lookup import resolve_person
from allies.services.network.story import (
    TimelineEntry,
    build_timeline,
    interactions_before,
    parse_cursor,
    story_page,
)
from allies.services.ports import UnitOfWork

__all__ = [
    "STORY_PAGE",
    "PersonProfile",
    "TimelineEntry",
    "build_timeline",
    "profile_of",
    "show_person",
]

#: How many events of the story a profile holds unless asked for another number.
STORY_PAGE = 50


@dataclass
class PersonProfile:
    """Everything the person page and ``allies person show`` display.

    ``timeline`` is one page of the story: the newest ``limit`` events (after the cursor
    ``before``, when given); ``interactions`` are the interactions on it. The counts and
    the last contact are the whole story's.
    """

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
    roles: list[RoleChange] = field(default_factory=list)  # former titles, oldest first
    card: CardDetails | None = None  # birthday, addresses, URLs, photo, custom fields
    interaction_count: int = 0  # every interaction with them, not only the page's
    story_total: int = 0  # every event of the story
    before: str | None = None  # the cursor this page of the story starts after
    older: str | None = None  # the cursor of the next, older page (None: no older events)


def show_person(
    uow: UnitOfWork,
    reference: str,
    *,
    limit: int | None = STORY_PAGE,
    before: str | None = None,
) -> PersonProfile:
    """A person with their ties in and out and the story of what happened between us.

    Parameters
    ----------
    uow
        The unit of work to read in (entered here).
    reference
        The person as typed: name, e-mail or ``#id``.
    limit
        How many events of the story to read, newest first (``None``: every one).
    before
        A cursor (:attr:`TimelineEntry.cursor`, :attr:`PersonProfile.older`): read the
        events after it, the older ones.
    """
    with uow:
        return profile_of(uow, resolve_person(uow, reference), limit=limit, before=before)


def profile_of(
    uow: UnitOfWork,
    person: Person,
    *,
    limit: int | None = STORY_PAGE,
    before: str | None = None,
) -> PersonProfile:
    """The profile of ``person``, read in the unit of work already entered.

    Lets a use case that has just changed a person answer with their profile in the same
    transaction (it sees its own changes before they are committed). ``limit`` and
    ``before`` choose the page of the story, as in :func:`show_person`: only its
    interactions are read, and only the names of the people it mentions.
    """
    pid = person.id or 0
    cursor = parse_cursor(before) if before else None
    ties = uow.ties.involving(pid)
    count, last_contact = uow.interactions.summary_with_person(pid)
    if limit is None:
        interactions = uow.interactions.with_person(pid)
    else:  # one more than the page, to tell whether there are older ones
        bound = interactions_before(cursor)
        interactions = uow.interactions.newest_with_person(pid, limit + 1, before=bound)
    observations = uow.observations.involving(pid)
    favours = uow.favours.with_person(pid)
    promises = uow.promises.involving(pid)
    others = {t.source_id for t in ties} | {t.target_id for t in ties}
    everyone = {p.id: p for p in uow.people.several(others - {pid})}
    everyone[pid] = person
    ties_out = [(t, everyone[t.target_id]) for t in ties if t.source_id == pid]
    ties_in = [(t, everyone[t.source_id]) for t in ties if t.target_id == pid]
    known: dict[int | None, str] = {k: v.name for k, v in everyone.items()}

    def names(people: set[int]) -> dict[int | None, str]:
        found = uow.people.names(people - set(everyone))
        return {**{k: v for k, v in found.items()}, **known}

    page = story_page(
        interactions, observations, favours, promises, names, before=cursor, limit=limit
    )
    organisation = (
        uow.organisations.get(person.organisation_id).name if person.organisation_id else ""
    )
    unit = uow.units.get(person.unit_id).name if person.unit_id else ""
    return PersonProfile(
        person=person,
        organisation=organisation,
        unit=unit,
        ties_out=ties_out,
        ties_in=ties_in,
        interactions=page.interactions,
        observations=observations,
        favours=favours,
        promises=promises,
        last_contact=last_contact,
        timeline=page.entries,
        version=uow.people.version_of(pid),
        cadence=uow.cadences.for_person(pid),
        roles=uow.role_changes.for_person(pid),
        card=uow.cards.for_person(pid),
        interaction_count=count,
        story_total=count + len(observations) + len(favours) + len(promises),
        before=before or None,
        older=page.older,
    )
