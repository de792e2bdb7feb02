"""One person's profile: their ties in and out, what was recorded about them, and the
story of what happened between us as one timeline, newest first.

What the person page and ``allies person show`` display, read in one unit of work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from allies.services.ports import UnitOfWork


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
    roles: list[RoleChange] = field(default_factory=list)  # former titles, oldest first
    card: CardDetails | None = None  # birthday, addresses, URLs, photo, custom fields


def show_person(uow: UnitOfWork, reference: str) -> PersonProfile:
    """A person with their ties in and out and the story of what happened between us."""
    with uow:
        return profile_of(uow, resolve_person(uow, reference))


def profile_of(uow: UnitOfWork, person: Person) -> PersonProfile:
    """The profile of ``person``, read in the unit of work already entered.

    Lets a use case that has just changed a person answer with their profile in the same
    transaction (it sees its own changes before they are committed).
    """
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
        roles=uow.role_changes.for_person(pid),
        card=uow.cards.for_person(pid),
    )


#: How a meeting went, in the words the Log form offers (a neutral one says nothing).
_TONE_WORDS = {2: "went very well", 1: "went well", -1: "went badly", -2: "went very badly"}


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
        tone = f" ({_TONE_WORDS[i.tone]})" if i.tone in _TONE_WORDS else ""
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
