"""Bringing people in: match each one, merge into the stored record or add a new one.

A merge only ever adds: e-mails, phones and tags are united, empty fields are filled, a
note is appended when it is not there yet; nothing already stored is overwritten. The same
record merged twice changes nothing the second time, which is what makes re-importing a
file harmless. Which records merge is the matcher's careful rule
(:mod:`allies.services.network.matching`): records of one file merge with each other only
when an identifier agrees. Every merge is listed on the report with its evidence and kept
in the audit trail (:mod:`allies.services.network.merge_history`), so that ``allies person
split`` can undo it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from allies.domain import Level, Organisation, Person, Tier, Unit, parse_enum
from allies.domain.provenance import origin_key
from allies.errors import InvalidInput
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.text import clean_email, name_from_email
from allies.services.network.matching import Match, Matcher, normalise_name, normalise_organisation
from allies.services.network.merge_history import plain, record_merge
from allies.services.network.provenance import identifiers_of, profile_key
from allies.services.ports import UnitOfWork
from allies.services.transfer.import_batch import BATCH, PendingPeople, near_match
from allies.services.transfer.import_report import ImportReport, MergeLine, ProblemLog

__all__ = ["PeopleWriter"]

E = TypeVar("E", Level, Tier)
_FILLED = ("title", "interests", "agenda", "values", "offers", "trades")
_PROFILE = re.compile(r"https?://\S*linkedin\.com/\S+", re.I)


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


class PeopleWriter:
    """Matches, merges and adds people inside one open unit of work.

    Parameters
    ----------
    uow : UnitOfWork
        Open (inside its ``with`` block).
    report : ImportReport
        Where additions, merges and near matches are counted.
    threshold : float
        The name-match threshold (see :mod:`allies.services.network.matching`).
    """

    def __init__(self, uow: UnitOfWork, report: ImportReport, *, threshold: float) -> None:
        self.uow = uow
        self.report = report
        people = uow.people.list()
        organisations = uow.organisations.list()
        self.me: Person | None = next((p for p in people if p.is_me), None)
        self.matcher = Matcher(
            people, {o.id: o.name for o in organisations if o.id is not None}, threshold=threshold
        )
        self._organisations = {normalise_organisation(o.name): o.id for o in organisations}
        self._units = {(u.organisation_id, normalise_name(u.name)): u.id for u in uow.units.list()}
        self._by_address: dict[str, Person | None] = {}
        self._quiet = ProblemLog(report, strict=False)
        #: The identifiers each person was found or added by in this import.
        self.sources: dict[int, set[str]] = {}
        #: For a record this import added: the identifiers each person on it came by.
        self.record_sources: dict[tuple[str, int, int], set[str]] = {}
        #: New people waiting to be written together (None: each is written at once).
        self.batch: PendingPeople | None = None
        #: What the import is reading now, when the caller knows it better than a record's
        #: row (``message <id>``): the item of the people :meth:`resolve` adds or merges.
        self.item = ""
        #: Record sources noted here: (kind, the record or its id, the person or their id,
        #: identifier or origin), written by :meth:`write_notes` once all have ids.
        self._notes: list[tuple[str, object, object, str]] = []
        #: Organisations and units added for the record being imported (see :meth:`attach`).
        self._made: list[tuple[str, int]] = []

    # -- organisations and units ---------------------------------------------------------

    def organisation_id(self, name: str) -> int | None:
        """The id of the organisation called ``name``, added when new."""
        key = normalise_organisation(name)
        if not key:
            return None
        if key not in self._organisations:
            stored = self.uow.organisations.add(Organisation(name=name.strip()))
            self._organisations[key] = stored.id
            self._made.append(("organisation", stored.id or 0))
            self.matcher.set_organisation(stored.id or 0, stored.name)
            self.report.added["organisations"] += 1
        return self._organisations[key]

    def unit_id(self, name: str, organisation_id: int | None) -> int | None:
        """The id of the unit called ``name`` in the organisation, added when new."""
        key = normalise_name(name)
        if not key:
            return None
        for owner in (organisation_id, None):
            if (owner, key) in self._units:
                return self._units[(owner, key)]
        stored = self.uow.units.add(Unit(name=name.strip(), organisation_id=organisation_id))
        self._units[(organisation_id, key)] = stored.id
        self._made.append(("unit", stored.id or 0))
        self.report.added["units"] += 1
        return stored.id

    # -- people --------------------------------------------------------------------------

    def upsert(
        self,
        record: ContactRecord,
        log: ProblemLog,
        path: str,
        *,
        by_name: bool = True,
        same_file: bool = True,
    ) -> Person:
        """Merge ``record`` into the person it matches, or add it; returns the stored person.

        With ``by_name`` false, only an e-mail match counts; with ``same_file`` false,
        people added by this import are never matched (a graph's nodes).
        """
        level, tier = (
            self._enum(Level, record.level, record, log, path),
            self._enum(Tier, record.tier, record, log, path),
        )
        emails = [e for e in record.emails if self._free(e, record, log, path)]
        if by_name:
            match = self.matcher.match(
                record.name,
                emails,
                record.organisation,
                phones=record.phones,
                notes=record.notes,
                same_file=same_file,
            )
        else:
            found = self.matcher.by_email(emails, fresh=same_file)
            match = Match(found, "email", 100.0, evidence="same e-mail") if found else Match()
        origin = self.origin_of(record, path)
        self._made.clear()  # (what a record that failed half-way made is not this one's)
        if match.person is not None:
            self.flush()  # what waits is written first, in file order
            person = match.person
            if self.batch is not None:
                self.batch.restore(self.uow, person)
            before = plain(person)
            added = self._merge(person, record, emails, level, tier)
            self.attach(person, origin)
            if added:
                self.uow.people.save(person)
                self.matcher.add(person)
                self.note("person", person, person, [origin])  # they took in this item
                self._record(
                    person, before, record, emails, level, tier, match.evidence, path, origin
                )
                self.report.merged.append(
                    MergeLine(
                        record.name, person.label, match.how, added, match.evidence, person.id
                    )
                )
            else:
                self.report.unchanged["people"] += 1
            if not same_file:  # a graph's node: its edges are attached by these identifiers
                self._sourced(person, emails, record.phones)
            return person
        person = Person(
            name=record.name,
            title=record.title,
            emails=emails,
            phones=record.phones,
            tags=record.tags,
            interests=record.interests,
            agenda=record.agenda,
            values=record.values,
            offers=record.offers,
            trades=record.trades,
            level=level,
            tier=tier,
            notes=record.notes,
        )
        person.organisation_id = self.organisation_id(record.organisation)
        person.unit_id = self.unit_id(record.unit, person.organisation_id)
        self.note("person", person, person, [origin])
        self.attach(person, origin)
        batch = self.batch
        if batch is not None and same_file:
            batch.people.append(person)  # written with the batch (its id comes then)
            self.matcher.add(person, fresh=True)
            self.report.added["people"] += 1
            if match.near:
                batch.near.append((record.name, person, match))
            return person
        self.flush()
        self.uow.people.add(person)
        self.matcher.add(person, fresh=True)
        self.report.added["people"] += 1
        if not same_file:
            self._sourced(person, emails, record.phones)
        if match.near:
            self.report.near_matches.append(near_match(record.name, person, match))
        return person

    def batched(self, size: int = BATCH) -> None:
        """Write the new people of this import in batches of ``size`` from now on (a
        contacts file: see :mod:`allies.services.transfer.import_batch`)."""
        self.batch = PendingPeople(size)

    def flush(self) -> None:
        """Write the people (and card details) waiting in the batch, if any."""
        if self.batch is not None:
            self.batch.write(self.uow, self.report)
            self.write_notes()

    # -- where records came from -----------------------------------------------------------

    def origin_of(self, record: ContactRecord | None = None, path: str = "") -> str:
        """The origin (:func:`allies.domain.provenance.origin_key`) of ``record``: the
        file and its row (and a LinkedIn profile address), else the item read now."""
        item = self.item
        if record is not None and (record.line or record.number):
            item = f"line {record.line}" if record.line else f"record {record.number}"
            profiles = _profiles(record)
            if profiles:
                item += " " + profiles[0]
        return origin_key(self.report.source or path or "import", item)

    def note(self, kind: str, record: object, person: object, found: Sequence[str]) -> None:
        """Note that ``record`` came with ``person`` by ``found`` (identifiers, origins).

        ``record`` and ``person`` may be objects not written yet: their ids are read when
        the notes are written (:meth:`write_notes`). A record noted here gets no other
        identifiers at the end of the import (:func:`~allies.services.network.provenance.
        note_sources`).
        """
        for identifier in found:
            self._notes.append((kind, record, person, identifier))
        record_id, person_id = _id_of(record), _id_of(person)
        if record_id is not None and person_id is not None:
            self.record_sources.setdefault((kind, record_id, person_id), set())

    def attach(self, person: Person, origin: str) -> None:
        """Note the organisations and units added for the record just read as coming
        with ``person`` from ``origin``."""
        for kind, record_id in self._made:
            self.note(kind, record_id, person, [origin])
        self._made.clear()

    def write_notes(self, *, waiting: int = 0) -> int:
        """Write the record sources noted so far whose records and people have ids (each
        once), when more than ``waiting`` are noted; how many rows."""
        if len(self._notes) <= waiting:
            return 0
        rows: dict[tuple[str, int, int, str], None] = {}
        later: list[tuple[str, object, object, str]] = []
        for kind, record, person, identifier in self._notes:
            record_id, person_id = _id_of(record), _id_of(person)
            if record_id is None or person_id is None:
                later.append((kind, record, person, identifier))
                continue
            rows.setdefault((kind, record_id, person_id, identifier), None)
        self._notes = later
        self.uow.record_sources.add(list(rows))
        return len(rows)

    def resolve(self, email: str, name: str, *, create: bool) -> Person | None:
        """The person behind an address: by e-mail, then by name; added when ``create``.

        A person found by name gains the address. A name guessed from the address alone
        is never matched against names. Used for calendar attendees and correspondents.
        """
        address = clean_email(email, single_label=True)
        for key in (email, address) if email not in self._by_address else (email,):
            if key in self._by_address:
                known = self._by_address[key]
                if known is not None or not create:
                    return known
        person = self.matcher.by_email([address]) if address else None
        if person is None:
            found = self.matcher.match(name, [address] if address else []).person if name else None
            if found is not None or (create and (address or name)):
                record = ContactRecord(
                    name=name or name_from_email(address), emails=[address] if address else []
                )
                person = self.upsert(record, self._quiet, "", by_name=bool(name))
        if address:
            self._by_address[address] = person
            self._sourced(person, [address])
        return person

    def claim_addresses(self, addresses: Sequence[str]) -> None:
        """Add addresses to my own record (those nobody else has)."""
        me = self.me
        if me is None:
            return
        new = [a for a in addresses if a not in me.emails and self.matcher.by_email([a]) is None]
        if new:
            me.emails = [*me.emails, *new]
            self.uow.people.save(me)
            self.matcher.add(me)
            self.report.merged.append(
                MergeLine(
                    "your addresses",
                    me.label,
                    "email",
                    ("emails",),
                    "addresses you named as yours: " + ", ".join(new),
                    me.id,
                )
            )

    # -- helpers ---------------------------------------------------------------------------

    def came_by(self, kind: str, record_id: int | None, by: dict[int, set[str]]) -> None:
        """Note the e-mail addresses each person on a record just added came by."""
        for person_id, addresses in by.items():
            if record_id is not None and addresses:
                self.record_sources[(kind, record_id, person_id)] = identifiers_of(addresses)

    def _sourced(
        self, person: Person | None, emails: Sequence[str], phones: Sequence[str] = ()
    ) -> None:
        """Note the identifiers ``person`` was found (or added) by in this import, for the
        records it gets attached to (:func:`allies.services.network.provenance.note_sources`):
        correspondents and attendees (:meth:`resolve`) and a graph's nodes; not every card
        of an address book, which attaches nothing (and may hold 100,000 of them)."""
        if person is not None and person.id is not None:
            self.sources.setdefault(person.id, set()).update(identifiers_of(emails, phones))

    def _record(
        self,
        person: Person,
        before: dict[str, object],
        record: ContactRecord,
        emails: list[str],
        level: Level | None,
        tier: Tier | None,
        evidence: str,
        path: str,
        origin: str = "",
    ) -> None:
        """Keep the merge in the audit trail: what the record held, what the person gained."""
        incoming = Person(
            name=record.name,
            title=record.title,
            emails=emails,
            phones=record.phones,
            tags=record.tags,
            interests=record.interests,
            agenda=record.agenda,
            values=record.values,
            offers=record.offers,
            trades=record.trades,
            level=level,
            tier=tier,
            notes=record.notes,
            organisation_id=self._organisations.get(normalise_organisation(record.organisation)),
        )
        where = f"import of {self.report.source or path}"
        if record.line:
            where += f", line {record.line}"
        record_merge(
            self.uow,
            person,
            before,
            plain(incoming),
            source=where,
            evidence=evidence,
            origin=origin,
        )

    def _free(self, email: str, record: ContactRecord, log: ProblemLog, path: str) -> bool:
        """False (with a warning) when the address belongs to someone the record is not."""
        owner = self.matcher.by_email([email])
        others = [e for e in record.emails if e != email]
        if owner is None or not others:
            return True
        first = self.matcher.by_email(others[:1])
        if first is None or first is owner:
            return True
        log(
            RecordProblem(
                path,
                record.line,
                record.number,
                f"{email} already belongs to {owner.label}; left out of this record",
                warning=True,
            )
        )
        return False

    def _enum(
        self, enum: type[E], value: str, record: ContactRecord, log: ProblemLog, path: str
    ) -> E | None:
        if not value:
            return None
        try:
            return parse_enum(enum, value, enum.__name__.lower())
        except InvalidInput as error:
            log(RecordProblem(path, record.line, record.number, error.message, warning=True))
            return None

    def _merge(
        self,
        person: Person,
        record: ContactRecord,
        emails: list[str],
        level: Level | None,
        tier: Tier | None,
    ) -> tuple[str, ...]:
        """Add what ``record`` knows that ``person`` lacks; returns the fields changed."""
        added: list[str] = []
        new = [e for e in emails if e not in person.emails]
        if new:
            person.emails = [*person.emails, *new]
            added.append("emails")
        known = {_digits(p) for p in person.phones}
        phones = [p for p in record.phones if _digits(p) and _digits(p) not in known]
        if phones:
            person.phones = [*person.phones, *dict.fromkeys(phones)]
            added.append("phones")
        tags = [t.lower() for t in record.tags if t.strip().lower() not in person.tags]
        if tags:
            person.tags = [*person.tags, *dict.fromkeys(t.strip() for t in tags)]
            added.append("tags")
        for name in _FILLED:
            if not getattr(person, name) and getattr(record, name):
                setattr(person, name, getattr(record, name))
                added.append(name)
        note = record.notes.strip()
        if note and note not in person.notes:
            person.notes = f"{person.notes}\n{note}" if person.notes else note
            added.append("notes")
        if person.organisation_id is None and record.organisation:
            person.organisation_id = self.organisation_id(record.organisation)
            added.append("organisation")
        if person.unit_id is None and record.unit:
            person.unit_id = self.unit_id(record.unit, person.organisation_id)
            added.append("unit")
        if person.level is None and level is not None:
            person.level = level
            added.append("level")
        if person.tier is None and tier is not None:
            person.tier = tier
            added.append("tier")
        return tuple(added)


def _id_of(value: object) -> int | None:
    """The id of a record (or the id itself)."""
    return value if isinstance(value, int) else getattr(value, "id", None)


def _profiles(record: ContactRecord) -> list[str]:
    """The LinkedIn profile addresses a record names (its URLs, a note)."""
    found = [u for u in record.extras.urls if _PROFILE.fullmatch(u.strip())]
    return [*found, *_PROFILE.findall(record.notes)]


def profile_keys(record: ContactRecord) -> list[str]:
    """The identifiers of a record: its e-mails, phones and profile addresses."""
    keys = identifiers_of(record.emails, record.phones)
    return sorted(keys | {profile_key(u) for u in _profiles(record)})
