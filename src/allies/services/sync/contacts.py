"""Address books by CardDAV: each card a person, with everything the card holds.

A card seen for the first time is matched like an imported contact
(:class:`~allies.services.transfer.import_people.PeopleWriter`: by e-mail, then by
name and organisation) and merged or added; the person it became is remembered with the
card's href and etag, so a card changed later updates that same person: new e-mails and
phones are added, a new name replaces the old one, a new title or organisation is
noticed as a role change (:func:`~allies.services.network.cards.notice_role`), and the
birthday, addresses, URLs, photo and custom fields follow the card. A card deleted on
the server never deletes the person: it is reported.

With write-back on (the account's ``write_back``), changes made in allies first go to the
server (:mod:`~allies.services.sync.contacts_write`); a card changed there since it was
read is left alone and the conflict listed.

Batches are transactions with their resume point, as for calendars
(:mod:`~allies.services.sync.calendar`).
"""

from __future__ import annotations

import re

from allies.domain import Person
from allies.domain.dav import DavObject
from allies.errors import AlliesError, ImportFormatError
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.vcard import read_vcards
from allies.services.network.cards import keep_card, notice_role
from allies.services.network.matching import DEFAULT_THRESHOLD
from allies.services.ports import UnitOfWork
from allies.services.sync.contacts_write import push_changes
from allies.services.sync.dav_client import CONTACTS
from allies.services.sync.dav_run import DavRun, Work, plan_work
from allies.services.sync.summary import SyncSummary
from allies.services.transfer.import_people import PeopleWriter
from allies.services.transfer.import_report import ImportReport, ProblemLog

__all__ = ["DELETED", "read_card", "sync_address_books"]

#: The reason a deleted card is counted under (its person is kept).
DELETED = "cards deleted on the server (their people are kept)"


def sync_address_books(run: DavRun) -> SyncSummary:
    """Sync every address book of the run's account; what was done (see the module)."""
    summary = SyncSummary(run.account.name, "carddav")
    for url in run.session.collections(CONTACTS):
        if run.account.write_back:
            push_changes(run, url, summary)
        work = plan_work(run, url, CONTACTS)
        _sync_collection(run, work, summary)
    return summary


def read_card(data: str, href: str) -> tuple[ContactRecord | None, list[RecordProblem]]:
    """The contact of a card's text (None when it has none) and the problems met."""
    try:
        items = list(read_vcards(data.encode("utf-8"), path=href))
    except ImportFormatError as error:
        return None, [RecordProblem(href, None, None, error.message)]
    records = [i for i in items if isinstance(i, ContactRecord)]
    problems = [i for i in items if isinstance(i, RecordProblem)]
    return (records[0] if records else None), problems


def _sync_collection(run: DavRun, work: Work, summary: SyncSummary) -> None:
    total, done = len(work.hrefs), 0
    for batch, last in work.batches(run.batch_size):
        fetched = run.session.fetch(work.url, CONTACTS, [h for h in batch if h in work.fetch])
        with run.factory(run.workspace, run.actor) as uow:
            report = ImportReport(format="carddav", source=f"{run.account.name}: {work.url}")
            writer = PeopleWriter(uow, report, threshold=DEFAULT_THRESHOLD)
            for href in batch:
                _one(run, writer, work, href, fetched.get(href), summary)
            if last:
                uow.dav_state.set_resume_point(work.collection_id, work.token, work.ctag)
            uow.commit()
        summary.absorb(report)
        summary.batches += 1
        done += len(batch)
        run.progress("cards", done, total)


def _person(uow: UnitOfWork, seen: DavObject | None) -> Person | None:
    if seen is None or not seen.record_ids:
        return None
    return uow.people.find(seen.record_ids[0])


def _one(
    run: DavRun,
    writer: PeopleWriter,
    work: Work,
    href: str,
    fetched: tuple[str, str] | None,
    summary: SyncSummary,
) -> None:
    uow, seen = writer.uow, work.seen.get(href)
    if href in work.gone:
        person = _person(uow, seen)
        summary.skipped[DELETED] += 1
        if person is not None:
            summary.notes.append(
                f"The card of {person.name} was deleted on the server; {person.name} is kept."
            )
        uow.dav_state.remove_object(work.collection_id, href)
        return
    if fetched is None:
        return  # gone from the server since it was listed: the next sync says so
    etag, data = fetched
    record, problems = read_card(data, href)
    log = ProblemLog(writer.report, strict=False)
    for problem in problems:
        log(problem)
    if record is None:
        return
    writer.report.read += 1
    person = _person(uow, seen)
    try:
        if person is None:
            person = writer.upsert(record, log, href)
        else:
            old, _ = read_card(seen.data, href) if seen is not None else (None, [])
            _update(writer, person, record, old)
    except AlliesError as error:
        log(RecordProblem(href, record.line, record.number, f"{error.message} Skipped."))
        return
    if person.id is None:
        return
    if keep_card(uow, person.id, record.extras, replace=True):
        summary.changed["card details"] += 1
    if not person.is_me:
        change = notice_role(
            uow,
            person,
            record.title,
            record.organisation,
            source=f"CardDAV sync ({run.account.name})",
            on=run.today,
            organisation_id=writer.organisation_id,
        )
        if change is not None:
            summary.changed["roles"] += 1
            summary.notes.append(
                f"{person.name} is now {change.describe_new()} (was {change.describe_old()})."
            )
    uow.dav_state.put_object(
        work.collection_id, DavObject(href, etag, record.key, [person.id], data)
    )


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _update(
    writer: PeopleWriter, person: Person, record: ContactRecord, old: ContactRecord | None
) -> None:
    """Bring a changed card's name, e-mails and phones to the person it became before."""
    changed = False
    if old is not None and record.name != old.name and record.name != person.name:
        person.name = record.name
        changed = True
    emails = [e for e in record.emails if e not in person.emails]
    if emails:
        person.emails = [*person.emails, *emails]
        changed = True
    known = {_digits(p) for p in person.phones}
    phones = [p for p in record.phones if _digits(p) and _digits(p) not in known]
    if phones:
        person.phones = [*person.phones, *phones]
        changed = True
    if changed:
        writer.uow.people.save(person)
        writer.report.updated["people"] += 1
    else:
        writer.report.unchanged["people"] += 1
