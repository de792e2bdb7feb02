"""Removing and merging people without losing anything by accident.

A person's records (ties, observations, interactions, favours, promises, cadence, stances,
campaign and alliance roles, goal needs) are either *reassigned* to another person or
*deleted*, and the caller chooses which: nothing goes silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allies.domain import Person
from allies.errors import Conflict, InvalidInput
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork


@dataclass
class RelatedRecords:
    """How many records refer to one person, by kind."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All of them together."""
        return sum(self.counts.values())

    def describe(self) -> str:
        """For example ``"4 ties, 2 interactions, 1 promise"``."""
        parts = [
            f"{n} {kind if n != 1 else kind.rstrip('s')}" for kind, n in self.counts.items() if n
        ]
        return ", ".join(parts) or "nothing else"


def related_records(uow: UnitOfWork, person_id: int) -> RelatedRecords:
    """Count what refers to the person (the unit of work must be open)."""
    counts = {
        "ties": len(uow.ties.involving(person_id)),
        "observations": len(uow.observations.involving(person_id)),
        "interactions": len(uow.interactions.with_person(person_id)),
        "favours": len(uow.favours.with_person(person_id)),
        "promises": len(uow.promises.involving(person_id)),
        "cadences": 1 if uow.cadences.for_person(person_id) else 0,
        "stances": sum(1 for s in uow.stances.list() if s.person_id == person_id),
        "campaign roles": sum(1 for c in uow.campaigns.list() if person_id in c.decider_ids),
        "alliance roles": sum(
            sum(1 for p in a.partners if p.person_id == person_id)
            + sum(1 for r in a.responsibilities if r.person_id == person_id)
            for a in uow.alliances.list()
        ),
        "goal needs": sum(1 for g in uow.goals.list() for n in g.needs if n.holder_id == person_id),
        "notes": len(uow.notes.all_for_person(person_id)),
    }
    return RelatedRecords(counts)


@dataclass
class RemovalReport:
    """What removing or merging did."""

    removed: Person
    kept: Person | None
    moved: RelatedRecords
    deleted: RelatedRecords


def _repoint_pair(record: Any, first: str, second: str, old: int, new: int | None) -> bool:
    """Point the end of a two-person record that is ``old`` at ``new``.

    Returns False when the record must go instead: there is no ``new`` person, or the
    record would then link ``new`` to themselves.
    """
    end = first if getattr(record, first) == old else second
    other = getattr(record, second if end == first else first)
    if new is None or other == new:
        return False
    setattr(record, end, new)
    return True


def _move_everything(
    uow: UnitOfWork, old: int, new: int | None
) -> tuple[RelatedRecords, RelatedRecords]:
    """Point every record at ``new`` instead of ``old``; delete when ``new`` is None.

    A record that would link the new person to themselves (a tie, an observation or a
    promise between the two merged records) is deleted, and counted as deleted.
    """
    moved: dict[str, int] = {}
    deleted: dict[str, int] = {}

    def bump(book: dict[str, int], kind: str) -> None:
        book[kind] = book.get(kind, 0) + 1

    pairs: list[tuple[str, Any, list[Any], str, str]] = [
        ("ties", uow.ties, uow.ties.involving(old), "source_id", "target_id"),
        (
            "observations",
            uow.observations,
            uow.observations.involving(old),
            "subject_id",
            "object_id",
        ),
    ]
    for kind, repository, records, first, second in pairs:
        for record in records:
            if _repoint_pair(record, first, second, old, new):
                repository.save(record)
                bump(moved, kind)
            else:
                repository.remove(record.id or 0)
                bump(deleted, kind)
    for meeting in uow.interactions.with_person(old):
        others = [p for p in meeting.participant_ids if p != old]
        if new is None and not others:
            uow.interactions.remove(meeting.id or 0)
            bump(deleted, "interactions")
            continue
        meeting.participant_ids = list(dict.fromkeys(others + ([new] if new else [])))
        if meeting.initiator_id == old:
            meeting.initiator_id = new
        uow.interactions.save(meeting)
        bump(moved if new else deleted, "interactions")
    for favour in uow.favours.with_person(old):
        if new is None:
            uow.favours.remove(favour.id or 0)
            bump(deleted, "favours")
        else:
            favour.person_id = new
            uow.favours.save(favour)
            bump(moved, "favours")
    for promise in uow.promises.involving(old):
        if _repoint_pair(promise, "promiser_id", "promisee_id", old, new):
            uow.promises.save(promise)
            bump(moved, "promises")
        else:
            uow.promises.remove(promise.id or 0)
            bump(deleted, "promises")
    cadence = uow.cadences.for_person(old)
    if cadence is not None:
        if new is None or uow.cadences.for_person(new) is not None:
            uow.cadences.remove(cadence.id or 0)
            bump(deleted, "cadences")
        else:
            cadence.person_id = new
            uow.cadences.save(cadence)
            bump(moved, "cadences")
    for stance in [s for s in uow.stances.list() if s.person_id == old]:
        if new is None:
            uow.stances.remove(stance.id or 0)
            bump(deleted, "stances")
        else:
            stance.person_id = new
            uow.stances.save(stance)
            bump(moved, "stances")
    for campaign in uow.campaigns.list():
        if old in campaign.decider_ids:
            rest = [d for d in campaign.decider_ids if d != old]
            campaign.decider_ids = list(dict.fromkeys(rest + ([new] if new else [])))
            uow.campaigns.save(campaign)
            bump(moved if new else deleted, "campaign roles")
    for alliance in uow.alliances.list():
        touched = False
        for partner in list(alliance.partners):
            if partner.person_id == old:
                touched = True
                if new is None:
                    alliance.partners.remove(partner)
                    bump(deleted, "alliance roles")
                else:
                    partner.person_id = new
                    bump(moved, "alliance roles")
        for duty in alliance.responsibilities:
            if duty.person_id == old:
                touched = True
                duty.person_id = new
                bump(moved if new else deleted, "alliance roles")
        if touched:
            uow.alliances.save(alliance)
    for goal in uow.goals.list():
        touched = False
        for need in goal.needs:
            if need.holder_id == old:
                need.holder_id = new
                touched = True
                bump(moved if new else deleted, "goal needs")
        if touched:
            uow.goals.save(goal)
    notes = uow.notes.purge_person(old) if new is None else uow.notes.move_person(old, new)
    if notes:
        (moved if new else deleted)["notes"] = notes
    return RelatedRecords(moved), RelatedRecords(deleted)


def remove_person(
    uow: UnitOfWork,
    reference: str,
    *,
    delete_related: bool = False,
    reassign_to: str | None = None,
) -> RemovalReport:
    """Remove a person, deciding explicitly what happens to what refers to them.

    Parameters
    ----------
    reference
        Who to remove (name, e-mail or id).
    delete_related
        Delete their ties, observations, favours, promises, stances and roles, and take
        them off interactions (an interaction with nobody else left is deleted).
    reassign_to
        Instead, move all of it to this person.

    Raises
    ------
    allies.errors.Conflict
        When records refer to the person and neither option was given; the message
        counts them.
    """
    if delete_related and reassign_to:
        raise InvalidInput(
            "Choose either to delete related records or to reassign them, not both.",
            field="reassign_to",
        )
    with uow:
        person = resolve_person(uow, reference)
        pid = person.id or 0
        target = resolve_person(uow, reassign_to) if reassign_to else None
        if target is not None and target.id == pid:
            raise InvalidInput(
                "Cannot reassign a person's records to themselves.", field="reassign_to"
            )
        related = related_records(uow, pid)
        if related.total and not delete_related and target is None:
            raise Conflict(
                f"{person.label} is referred to by {related.describe()}.",
                hint="Say what to do with them: --delete-related to delete them, or "
                "--reassign-to PERSON to move them (or merge the two records).",
            )
        moved, deleted = _move_everything(uow, pid, target.id if target else None)
        uow.people.remove(pid)
        uow.commit()
        return RemovalReport(removed=person, kept=target, moved=moved, deleted=deleted)


def merge_people(uow: UnitOfWork, keep: str, duplicate: str) -> RemovalReport:
    """Merge ``duplicate`` into ``keep``: fields are united, records moved, duplicate removed."""
    with uow:
        kept = resolve_person(uow, keep)
        gone = resolve_person(uow, duplicate)
        if kept.id == gone.id:
            raise InvalidInput("Those are the same person.", field="duplicate")
        if kept.is_me and gone.is_me:
            raise Conflict("Both records are marked as you.")
        kept.absorb(gone)
        moved, deleted = _move_everything(uow, gone.id or 0, kept.id)
        uow.people.remove(gone.id or 0)
        uow.people.save(kept)
        uow.commit()
        return RemovalReport(removed=gone, kept=kept, moved=moved, deleted=deleted)
