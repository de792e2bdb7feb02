"""Calendars by CalDAV: each meeting an interaction with the people on it, incrementally.

The server says what changed since the last sync (RFC 6578 sync-token, else the ctag and
every etag: :mod:`~allies.services.sync.dav_client`); only calendar objects whose etag
changed are fetched. Each object is read by the calendar importer
(:func:`~allies.interchange.icalendar_import.read_events` and
:func:`~allies.services.transfer.import_calendar.apply_calendar`), so recurrences, time
zones, ``X-WR-TIMEZONE``, cancellations and moved occurrences are handled once, the same
way as for an ``.ics`` file.

An object that changed on the server first withdraws the interactions it brought in
before, then brings in what it says now: a moved meeting moves, a cancelled one is
withdrawn, a deleted object withdraws its meetings. Occurrences still to come are not
meetings yet: the object is read again (from what was kept of it) on the day of the next
one. Objects are handled in batches; each batch is one transaction holding its records
and the etags of its objects, and the last one holds the collection's new sync-token, so
a sync killed at any moment resumes where it stopped and never keeps half a batch.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any, cast

from allies.domain import Interaction
from allies.domain.dav import DavObject
from allies.errors import ImportFormatError
from allies.interchange.icalendar_import import CalendarRead, EventRecord, read_events
from allies.interchange.records import RecordProblem
from allies.services.network.matching import DEFAULT_THRESHOLD
from allies.services.ports import InteractionRepository, UnitOfWork
from allies.services.sync.dav_client import CALENDAR
from allies.services.sync.dav_run import DavRun, Work, plan_work
from allies.services.sync.summary import SyncSummary
from allies.services.transfer.import_calendar import apply_calendar, interaction_key
from allies.services.transfer.import_people import PeopleWriter
from allies.services.transfer.import_report import ImportReport, ProblemLog, no_progress

__all__ = ["HISTORY_DAYS", "sync_calendars"]

#: How far back a calendar's meetings are brought in.
HISTORY_DAYS = 365
#: How far ahead occurrences are looked for (to know when to read an object again).
AHEAD_DAYS = 400
_SOURCE = ("From a calendar (event ", ").")


def sync_calendars(run: DavRun) -> SyncSummary:
    """Sync every calendar of the run's account; what was done (see the module)."""
    summary = SyncSummary(run.account.name, "caldav")
    for url in run.session.collections(CALENDAR):
        work = plan_work(run, url, CALENDAR)
        _sync_collection(run, work, summary)
    return summary


def _sync_collection(run: DavRun, work: Work, summary: SyncSummary) -> None:
    total, done = len(work.hrefs), 0
    for batch, last in work.batches(run.batch_size):
        fetched = run.session.fetch(work.url, CALENDAR, [h for h in batch if h in work.fetch])
        with run.factory(run.workspace, run.actor) as uow:
            report = ImportReport(format="caldav", source=f"{run.account.name}: {work.url}")
            _apply_batch(run, uow, work, batch, fetched, report, summary)
            if last:
                uow.dav_state.set_resume_point(work.collection_id, work.token, work.ctag)
            uow.commit()
        summary.absorb(report)
        summary.batches += 1
        done += len(batch)
        run.progress("events", done, total)


def _read(data: str, href: str, today: date) -> tuple[CalendarRead, date | None]:
    """The object's occurrences up to today, and the day of the next one still to come."""
    start = today - timedelta(days=HISTORY_DAYS)
    try:
        read = read_events(
            data.encode("utf-8"), path=href, start=start, end=today + timedelta(AHEAD_DAYS)
        )
    except ImportFormatError as error:
        return CalendarRead(items=[RecordProblem(href, None, None, error.message)]), None
    ahead = [i.day for i in read.items if isinstance(i, EventRecord) and i.day > today]
    read.items = [i for i in read.items if isinstance(i, RecordProblem) or i.day <= today]
    return read, min(ahead) if ahead else None


def _apply_batch(
    run: DavRun,
    uow: UnitOfWork,
    work: Work,
    batch: list[str],
    fetched: dict[str, tuple[str, str]],
    report: ImportReport,
    summary: SyncSummary,
) -> None:
    old_keys: dict[str, Counter[tuple[object, ...]]] = {}
    for href in batch:
        old_keys[href] = _withdraw(uow, work.seen.get(href))
    combined = CalendarRead()
    kept: dict[str, DavObject] = {}
    by_uid: dict[str, str] = {}
    for href in batch:
        if href in work.gone:
            uow.dav_state.remove_object(work.collection_id, href)
            continue
        if href in fetched:
            etag, data = fetched[href]
        elif href in work.fetch or href not in work.seen:
            continue  # gone from the server since it was listed
        else:
            etag, data = work.seen[href].etag, work.seen[href].data
        read, revisit = _read(data, href, run.today)
        uid = next((i.uid for i in read.items if isinstance(i, EventRecord)), "")
        by_uid.setdefault(uid, href)
        combined.items.extend(read.items)
        combined.owner = combined.owner or read.owner
        kept[href] = DavObject(href, etag, uid, [], data, revisit)
    recorder = _Recorder(uow)
    if combined.items:
        writer = PeopleWriter(cast(UnitOfWork, recorder), report, threshold=DEFAULT_THRESHOLD)
        window = (run.today - timedelta(days=HISTORY_DAYS), run.today)
        log = ProblemLog(report, strict=False)
        apply_calendar(writer, combined, log, run.me, window, no_progress)
    new_keys: dict[str, Counter[tuple[object, ...]]] = {h: Counter() for h in batch}
    fresh = 0
    for interaction in recorder.interactions.added:
        href = by_uid.get(_uid_of(interaction), "")
        if href in kept and interaction.id is not None:
            kept[href].record_ids.append(interaction.id)
            new_keys[href][interaction_key(interaction)] += 1
            fresh += 1
    report.added["interactions"] -= fresh
    for href in batch:
        _count(old_keys[href], new_keys[href], summary)
    uow.dav_state.put_objects(work.collection_id, list(kept.values()))


class _Recording:
    """The interactions repository of a unit of work, noting what is added through it."""

    def __init__(self, inner: InteractionRepository) -> None:
        self.inner = inner
        self.added: list[Interaction] = []

    def add(self, interaction: Interaction) -> Interaction:
        stored = self.inner.add(interaction)
        self.added.append(stored)
        return stored

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _Recorder:
    """A unit of work whose interactions repository notes the interactions added (so a
    batch knows which calendar object brought which, without reading them all again)."""

    def __init__(self, inner: UnitOfWork) -> None:
        self.inner = inner
        self.interactions = _Recording(inner.interactions)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _uid_of(interaction: Interaction) -> str:
    note = interaction.notes.strip()
    head, tail = _SOURCE
    return note.removeprefix(head).removesuffix(tail) if note.startswith(head) else ""


def _withdraw(uow: UnitOfWork, seen: DavObject | None) -> Counter[tuple[object, ...]]:
    """Remove the interactions an object brought in before; their keys."""
    keys: Counter[tuple[object, ...]] = Counter()
    for record_id in seen.record_ids if seen is not None else []:
        found = uow.interactions.find(record_id)
        if found is not None:
            keys[interaction_key(found)] += 1
            uow.interactions.remove(record_id)
    return keys


def _count(
    old: Counter[tuple[object, ...]], new: Counter[tuple[object, ...]], summary: SyncSummary
) -> None:
    same = sum((old & new).values())
    gone, came = sum((old - new).values()), sum((new - old).values())
    moved = min(gone, came)
    summary.unchanged["interactions"] += same
    summary.changed["interactions"] += moved
    summary.added["interactions"] += came - moved
    summary.withdrawn["interactions"] += gone - moved
