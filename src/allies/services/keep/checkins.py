"""Check-ins: which cadence applies to whom, who is due or overdue, and snoozing.

A person's cadence is the first found of: one set on the person, one set on any of their
tags (the most demanding, i.e. the shortest maximum gap, when several tags have one), one
set on their tier (inner circle, key, network). People with none of these are not on the
check-in list; health measures them against :data:`DEFAULT_CADENCE`.

Any logged interaction resets the clock: a check-in is *due* once the ideal gap has passed
since the last contact and *overdue* once the maximum gap has. Someone with a cadence but
no interaction yet is due. A snoozed cadence hides the check-in until the day it ends.
Alliances have their own cadence, measured from the last contact with any of their people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from allies.domain import Alliance, AllianceStatus, Cadence, PeopleFilter, Person
from allies.errors import InvalidInput, NextStep, NotFound
from allies.services.keep.snapshot import Snapshot
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork

#: The ideal and maximum gap, in days, for people without a cadence of their own.
DEFAULT_CADENCE: tuple[int, int] = (90, 180)

Status = Literal["ok", "due", "overdue", "snoozed"]


@dataclass(frozen=True)
class ResolvedCadence:
    """The cadence that applies to someone and where it comes from."""

    ideal_days: int
    max_days: int
    source: str  # person, tag:<tag>, tier:<tier> or default
    snoozed_until: date | None = None

    @property
    def label(self) -> str:
        """For lists: "every 30 days, at most 60 (tier:key)"."""
        return f"every {self.ideal_days} days, at most {self.max_days} ({self.source})"


class CadenceBook:
    """The cadences of a workspace, indexed for resolving person > tag > tier > default."""

    def __init__(self, cadences: list[Cadence]) -> None:
        self.by_person = {c.person_id: c for c in cadences if c.person_id is not None}
        self.by_tag = {c.tag: c for c in cadences if c.tag is not None}
        self.by_tier = {c.tier: c for c in cadences if c.tier is not None}

    def explicit(self, person: Person) -> ResolvedCadence | None:
        """The person's, their tags' or their tier's cadence; ``None`` when none applies."""
        own = self.by_person.get(person.id) if person.id is not None else None
        if own is not None:
            return ResolvedCadence(own.ideal_days, own.max_days, "person", own.snoozed_until)
        tagged = [self.by_tag[t] for t in person.tags if t in self.by_tag]
        if tagged:
            best = min(tagged, key=lambda c: (c.max_days, c.ideal_days, c.tag or ""))
            return ResolvedCadence(
                best.ideal_days, best.max_days, f"tag:{best.tag}", best.snoozed_until
            )
        tier = person.tier.value if person.tier is not None else None
        if tier is not None and tier in self.by_tier:
            c = self.by_tier[tier]
            return ResolvedCadence(c.ideal_days, c.max_days, f"tier:{tier}", c.snoozed_until)
        return None

    def resolve(self, person: Person) -> ResolvedCadence:
        """The cadence that applies, falling back to :data:`DEFAULT_CADENCE`."""
        found = self.explicit(person)
        if found is not None:
            return found
        return ResolvedCadence(*DEFAULT_CADENCE, source="default")

    def gaps_of(self, person_id: int, tags: Sequence[str], tier: str | None) -> tuple[int, int]:
        """The ideal and maximum gap that apply to someone with this id, tags and tier
        (what :meth:`resolve` gives, without a person object)."""
        own = self.by_person.get(person_id)
        if own is None and self.by_tag:
            tagged = [self.by_tag[t] for t in tags if t in self.by_tag]
            if tagged:
                own = min(tagged, key=lambda c: (c.max_days, c.ideal_days, c.tag or ""))
        if own is None and tier is not None:
            own = self.by_tier.get(tier)
        return DEFAULT_CADENCE if own is None else (own.ideal_days, own.max_days)


@dataclass(frozen=True)
class CheckIn:
    """One check-in: with whom, how it stands and why."""

    who: str
    kind: str  # person or alliance
    status: Status
    due_on: date
    overdue_on: date | None
    last_contact: date | None
    days_since: int | None
    cadence: str
    reason: str
    days_overdue: int = 0
    tier: str = ""
    person_id: int | None = None
    alliance_id: int | None = None


@dataclass(frozen=True)
class _Standing:
    status: Status
    due_on: date
    overdue_on: date | None
    since: int | None
    reason: str
    days_overdue: int


def _assess(
    last: date | None, ideal: int, maximum: int, snoozed_until: date | None, today: date
) -> _Standing:
    if last is None:
        status: Status = "due"
        due_on, overdue_on, since = today, None, None
        reason = "no check-in logged yet"
    else:
        since = (today - last).days
        due_on = last + timedelta(days=ideal)
        overdue_on = last + timedelta(days=maximum)
        if since > maximum:
            status = "overdue"
            reason = f"last contact {since} days ago; the maximum gap is {maximum}"
        elif since >= ideal:
            status = "due"
            reason = f"last contact {since} days ago; the ideal gap is {ideal}"
        else:
            status = "ok"
            reason = f"last contact {since} days ago; next due {due_on.isoformat()}"
    late = since - maximum if status == "overdue" and since is not None else 0
    if snoozed_until is not None and today < snoozed_until:
        status = "snoozed"
        reason = f"snoozed until {snoozed_until.isoformat()}; " + reason
        due_on = max(due_on, snoozed_until)
    return _Standing(status, due_on, overdue_on, since, reason, late)


def person_check_ins(snapshot: Snapshot, today: date) -> list[CheckIn]:
    """A check-in for every person a cadence applies to (any status)."""
    book = CadenceBook(snapshot.cadences)
    last = snapshot.last_contact(until=today)
    rows: list[CheckIn] = []
    for person in snapshot.others():
        cadence = book.explicit(person)
        if cadence is None:
            continue
        seen = last.get(person.id or 0)
        standing = _assess(seen, cadence.ideal_days, cadence.max_days, cadence.snoozed_until, today)
        rows.append(
            CheckIn(
                who=person.name,
                kind="person",
                status=standing.status,
                due_on=standing.due_on,
                overdue_on=standing.overdue_on,
                last_contact=seen,
                days_since=standing.since,
                cadence=cadence.label,
                reason=standing.reason,
                days_overdue=standing.days_overdue,
                tier=person.tier.value if person.tier else "",
                person_id=person.id,
            )
        )
    return rows


def alliance_last_contact(snapshot: Snapshot, alliance: Alliance, today: date) -> date | None:
    """The last contact with any of the alliance's people, on or before ``today``."""
    last = snapshot.last_contact(until=today)
    days = [last[pid] for pid in snapshot.alliance_people(alliance) if pid in last]
    return max(days) if days else None


def alliance_check_ins(snapshot: Snapshot, today: date) -> list[CheckIn]:
    """A check-in for every forming or active alliance, by its own cadence."""
    rows: list[CheckIn] = []
    for alliance in snapshot.alliances:
        if alliance.status not in (AllianceStatus.FORMING, AllianceStatus.ACTIVE):
            continue
        last = alliance_last_contact(snapshot, alliance, today)
        ideal, maximum = alliance.checkin_ideal_days, alliance.checkin_max_days
        standing = _assess(last, ideal, maximum, None, today)
        rows.append(
            CheckIn(
                who=alliance.name,
                kind="alliance",
                status=standing.status,
                due_on=standing.due_on,
                overdue_on=standing.overdue_on,
                last_contact=last,
                days_since=standing.since,
                cadence=f"every {ideal} days, at most {maximum} (alliance)",
                reason=standing.reason.replace("last contact", "last contact with a partner"),
                days_overdue=standing.days_overdue,
                alliance_id=alliance.id,
            )
        )
    return rows


def _order(row: CheckIn) -> tuple[int, int, date, str]:
    rank = {"overdue": 0, "due": 1, "ok": 2, "snoozed": 3}[row.status]
    tier_rank = {"inner": 0, "key": 1, "network": 2}.get(row.tier, 3)
    return rank, tier_rank if rank == 0 else 0, row.due_on, row.who.casefold()


def select_check_ins(
    snapshot: Snapshot,
    today: date,
    *,
    within_days: int | None = 0,
    overdue_only: bool = False,
    include_snoozed: bool = False,
    alliances: bool = True,
    people: list[CheckIn] | None = None,
) -> list[CheckIn]:
    """Check-ins worth showing: overdue first (closest tiers first), then due, soonest first.

    ``within_days`` also takes those falling due in that many days (``None``: every
    check-in, whatever its date); ``people`` are the people's check-ins when already
    made (:func:`person_check_ins` of the same snapshot and day).
    """
    rows = list(person_check_ins(snapshot, today) if people is None else people)
    if alliances:
        rows += alliance_check_ins(snapshot, today)
    horizon = None if within_days is None else today + timedelta(days=within_days)
    chosen = []
    for row in rows:
        if row.status == "snoozed" and not include_snoozed:
            continue
        if overdue_only and row.status != "overdue":
            continue
        if horizon is not None and row.status == "ok" and row.due_on > horizon:
            continue
        chosen.append(row)
    return sorted(chosen, key=_order)


def load_checkin_snapshot(uow: UnitOfWork, today: date) -> Snapshot:
    """What the check-ins of ``today`` read, in one transaction: me, everyone a cadence
    may apply to (by person, tag or tier) and the people of alliances, as outlines with
    their last contact up to ``today`` (found by the database), the cadences and the
    alliances; no interaction is read as a record.
    """
    with uow:
        cadences = uow.cadences.list()
        alliances = uow.alliances.list()
        book = CadenceBook(cadences)
        watched = PeopleFilter(
            tiers=tuple(tier for tier in book.by_tier if tier is not None),
            tags=tuple(tag for tag in book.by_tag if tag is not None),
            ids=tuple(pid for pid in book.by_person if pid is not None),
        )
        partners = [p for a in alliances for p in a.partners]
        allied = PeopleFilter(
            ids=tuple(p.person_id for p in partners if p.person_id is not None),
            organisation_ids=tuple(
                p.organisation_id for p in partners if p.organisation_id is not None
            ),
        )
        reached = uow.people.reach(watched, allied, until=today, cutoff=today)
        contacts = {
            r.person.id: r.last_contact
            for r in reached
            if r.person.id is not None and r.last_contact is not None
        }
        if uow.actor is not None and uow.actor.person_id is not None:
            # a member of a team counts their own interactions only, as their records do
            own = uow.health_reads.tallies([today], 90.0, {}).contacts
            contacts = {
                pid: date.fromordinal(day)
                for pid, day in zip(own.person_id, own.last_day, strict=True)
            }
    return Snapshot(
        people=[r.person for r in reached],
        organisations=[],
        interactions=[],
        favours=[],
        promises=[],
        cadences=cadences,
        alliances=alliances,
        contacts=contacts,
        contacts_until=today,
    )


def check_ins(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    within_days: int | None = 0,
    overdue_only: bool = False,
    include_snoozed: bool = False,
) -> list[CheckIn]:
    """Check-ins due or overdue today (or within ``within_days``), worst first."""
    day = today or date.today()
    return select_check_ins(
        load_checkin_snapshot(uow, day),
        day,
        within_days=within_days,
        overdue_only=overdue_only,
        include_snoozed=include_snoozed,
    )


def snooze(uow: UnitOfWork, person: str, until: date, *, today: date | None = None) -> Cadence:
    """Hide a person's check-in until the day ``until`` (after ``today``).

    When the person's cadence comes from a tag or their tier, a cadence of their own is
    created with the same gaps, so the snooze touches nobody else.

    Raises
    ------
    allies.errors.InvalidInput
        When ``until`` is not after today.
    allies.errors.NotFound
        When no cadence applies to the person.
    """
    today = today or date.today()
    day = until
    if day <= today:
        raise InvalidInput(
            "Snooze until a day after today.",
            field="until",
            hint="For example 'in 2 weeks', or a date.",
        )
    with uow:
        someone = resolve_person(uow, person)
        own = uow.cadences.for_person(someone.id or 0)
        if own is not None:
            own.snoozed_until = day
            stored = uow.cadences.save(own)
        else:
            applied = CadenceBook(uow.cadences.list()).explicit(someone)
            if applied is None:
                raise NotFound(
                    f"No check-in cadence applies to {someone.name}, so there is nothing to "
                    "snooze.",
                    hint="Set how often to keep in touch with them first.",
                    kind="cadence",
                    next_step=NextStep("add", "cadence", {"person": someone.name, "every": 30}),
                )
            stored = uow.cadences.add(
                Cadence(
                    applied.ideal_days,
                    applied.max_days,
                    person_id=someone.id,
                    snoozed_until=day,
                )
            )
        uow.commit()
        return stored
