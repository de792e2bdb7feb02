"""Calendar events as interactions: who I met, when, and who called the meeting.

Each occurrence of an event in the window becomes an interaction with the other people on
it, matched by e-mail first, then by name (added when new). Left out, and counted by
reason: events I declined, cancelled events (a cancellation also withdraws the meeting an
earlier import of the same event brought in), events with nobody else on them (all-day
holidays, birthdays and reminders mostly), events so large they are broadcasts rather
than meetings, and occurrences outside the window (with the window that would take them
in). Rooms and other resources are not
people; attendees who declined or delegated, and those invited for information only
(``ROLE=NON-PARTICIPANT``), are not participants. The organiser is the initiator.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from allies.domain import Interaction, InteractionKind, Person
from allies.errors import AlliesError, InvalidInput, NextStep
from allies.interchange.icalendar_import import Attendee, CalendarRead, EventRecord
from allies.interchange.records import RecordProblem
from allies.services.transfer.import_people import PeopleWriter
from allies.services.transfer.import_report import ProblemLog, Progress

__all__ = ["MAX_ATTENDEES", "apply_calendar", "interaction_key", "my_addresses"]

#: Events with more people than this are broadcasts (an all-hands), not meetings.
MAX_ATTENDEES = 30
_NOT_PEOPLE = {"RESOURCE", "ROOM"}
_ABSENT = {"DECLINED", "DELEGATED"}

InteractionKey = tuple[date, frozenset[int], str]


def interaction_key(interaction: Interaction) -> InteractionKey:
    """What makes two interactions the same for an import: day, people and summary."""
    return (
        interaction.occurred_on,
        frozenset(interaction.participant_ids),
        interaction.summary.strip().casefold(),
    )


def my_addresses(
    writer: PeopleWriter,
    given: tuple[str, ...],
    counts: Counter[str],
    records: int,
    hint: str = "",
) -> set[str]:
    """My addresses: those given, my record's, the file's owner; else the most frequent.

    The most frequent address (``counts``: records each address appears in) is taken only
    when it appears in at least two records and in half of them.

    Raises
    ------
    allies.errors.InvalidInput
        When nobody is marked as me, or no address of mine can be told.
    """
    me = writer.me
    if me is None:
        raise InvalidInput(
            "Nobody is marked as you yet, so allies cannot tell your meetings and mail apart "
            "from other people's.",
            field="me",
            hint="Add yourself first, marked as you, with your e-mail address.",
            next_step=NextStep("add", "person", {"me": True, "email": "you@example.org"}),
        )
    mine = {a.strip().lower() for a in given if a.strip()} | set(me.emails)
    if not mine and hint:
        mine = {hint}
        writer.report.notes.append(f"Took {hint} to be your address (the file says so).")
    if not mine and counts:
        address, seen = counts.most_common(1)[0]
        if seen >= 2 and 2 * seen >= records:
            mine = {address}
            writer.report.notes.append(
                f"Took {address}, the address seen most often, to be yours; "
                "name your own address to say otherwise."
            )
    if not mine:
        raise InvalidInput(
            "allies does not know your e-mail address, so it cannot tell who else was there.",
            field="me",
            hint="Say which address is yours, or add it to your own record.",
            next_step=NextStep("edit", "person", {"person": "me", "email": "you@example.org"}),
        )
    writer.claim_addresses(sorted(mine - set(me.emails)))
    return mine


def _others(event: EventRecord, mine: set[str]) -> list[Attendee]:
    people: dict[str, Attendee] = {}
    everyone = list(event.attendees)
    if event.organizer is not None:
        everyone.append(event.organizer)
    for attendee in everyone:
        if attendee.cutype in _NOT_PEOPLE or attendee.partstat in _ABSENT:
            continue
        if attendee.role == "NON-PARTICIPANT":
            continue
        if attendee.email in mine:
            continue
        key = attendee.email or attendee.name.casefold()
        if key and key not in people:
            people[key] = attendee
    return list(people.values())


def _leave_out(event: EventRecord, mine: set[str], others: list[Attendee]) -> str:
    """Why the event is left out, or ``""`` to keep it."""
    if event.status == "CANCELLED":
        return "cancelled events"
    if any(a.email in mine and a.partstat == "DECLINED" for a in event.attendees):
        return "events you declined"
    if not others:
        return (
            "all-day events with nobody else on them"
            if event.all_day
            else ("events with nobody else on them")
        )
    if len(others) > MAX_ATTENDEES:
        return f"events with more than {MAX_ATTENDEES} people (broadcasts, not meetings)"
    return ""


def apply_calendar(
    writer: PeopleWriter,
    read: CalendarRead,
    log: ProblemLog,
    me: tuple[str, ...],
    window: tuple[date, date],
    progress: Progress,
) -> None:
    """Turn the events of ``read`` into interactions (see the module's description)."""
    report = writer.report
    events = read.events
    counts: Counter[str] = Counter()
    for event in events:
        on = {a.email for a in (*event.attendees, event.organizer) if a is not None and a.email}
        counts.update(on)
    mine = my_addresses(writer, me, counts, len(events), read.owner)
    if read.outside:
        report.skipped[f"occurrences outside {window[0]} … {window[1]}"] += read.outside
        wider = read.suggested_window(*window)
        if wider is not None:
            report.notes.append(
                f"{read.outside} occurrence{'s' if read.outside != 1 else ''} fell outside the "
                f"window {window[0]} … {window[1]} (the first on {read.outside_first}, the last "
                f"on {read.outside_last}); import again with the window {wider[0]}..{wider[1]} "
                "to take them in."
            )
    stored = writer.uow.interactions.list()
    existing = {interaction_key(i) for i in stored}
    withdraw = _Withdrawal(writer, stored)
    total = len(read.items)
    for done, item in enumerate(read.items, start=1):
        if done % 100 == 0 or done == total:
            progress("events", done, total)
        if isinstance(item, RecordProblem):
            log(item)
            continue
        report.read += 1
        if item.status == "CANCELLED":
            withdraw(item)
        others = _others(item, mine)
        reason = _leave_out(item, mine, others)
        if reason:
            report.skipped[reason] += 1
            continue
        try:
            people = [writer.resolve(a.email, a.name, create=True) for a in others]
        except AlliesError as error:
            log(RecordProblem(log.report.source, item.line, item.number, error.message))
            continue
        participants = list(dict.fromkeys(p.id for p in people if p is not None and not p.is_me))
        if not participants:
            report.skipped["events with nobody else on them"] += 1
            continue
        came_by: dict[int, set[str]] = {}
        for attendee, person in zip(others, people, strict=True):
            if person is not None and person.id is not None:
                came_by.setdefault(person.id, set()).add(attendee.email)
        _add(writer, item, mine, participants, existing, came_by)


_SOURCE = ("From a calendar (event ", ").")


class _Withdrawal:
    """Removes the meetings an earlier import brought in when their event is cancelled."""

    def __init__(self, writer: PeopleWriter, stored: list[Interaction]) -> None:
        self.writer = writer
        self.by_event: dict[tuple[str, date], list[Interaction]] = {}
        head, tail = _SOURCE
        for interaction in stored:
            note = interaction.notes.strip()
            if note.startswith(head) and note.endswith(tail):
                uid = note.removeprefix(head).removesuffix(tail)
                self.by_event.setdefault((uid, interaction.occurred_on), []).append(interaction)

    def __call__(self, event: EventRecord) -> None:
        """Withdraw the stored meetings of ``event`` on its day (each one once)."""
        for interaction in self.by_event.pop((event.uid, event.day), []):
            if interaction.id is not None:
                self.writer.uow.interactions.remove(interaction.id)
                self.writer.report.updated["interactions withdrawn (cancelled)"] += 1


def _add(
    writer: PeopleWriter,
    event: EventRecord,
    mine: set[str],
    participants: list[int | None],
    existing: set[InteractionKey],
    came_by: dict[int, set[str]] | None = None,
) -> None:
    organiser = event.organizer
    initiator: Person | None = None
    if organiser is not None and organiser.email not in mine:
        initiator = writer.resolve(organiser.email, organiser.name, create=False)
    by_me = None if organiser is None else organiser.email in mine
    ids = [p for p in participants if p is not None]
    interaction = Interaction(
        occurred_on=event.day,
        participant_ids=ids,
        kind=InteractionKind.ONE_ON_ONE if len(ids) == 1 else InteractionKind.GROUP_MEETING,
        initiated_by_me=by_me,
        initiator_id=initiator.id if initiator is not None and initiator.id in ids else None,
        summary=event.summary or "Calendar event",
        notes=_SOURCE[0] + event.uid + _SOURCE[1],
    )
    key = interaction_key(interaction)
    if key in existing:
        writer.report.unchanged["interactions"] += 1
        return
    writer.uow.interactions.add(interaction)
    writer.came_by("interaction", interaction.id, came_by or {})
    existing.add(key)
    writer.report.added["interactions"] += 1
