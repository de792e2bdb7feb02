"""Alliances: create them, fill in their parts, move them along, and see how they stand.

An alliance has partners (people or organisations), common goals, an agreement in four
parts (what is agreed, written down, checked up on, divided up), duties (who does what by
when), milestones (reached, then celebrated), conflicts (opened, discussed, resolved) and
its own check-in cadence. Every change is one transaction that loads the alliance, changes
the domain object (whose rules check it) and saves it back. Days are :class:`datetime.date`
values (a day left out is today); the faces read what people type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from allies.analysis.alliance_health import AllianceHealth, alliance_health
from allies.domain import (
    Alliance,
    AllianceConflict,
    AlliancePartner,
    AllianceStatus,
    ConflictStatus,
    Milestone,
    Responsibility,
    parse_enum,
)
from allies.errors import AmbiguousName, Conflict, InvalidInput, NextStep, NotFound
from allies.services.keep.checkins import alliance_last_contact
from allies.services.keep.health import report_of
from allies.services.keep.snapshot import Snapshot, load_snapshot
from allies.services.network.lookup import closest_names, resolve_organisation, resolve_person
from allies.services.ports import UnitOfWork

_ID = re.compile(r"^#?(\d+)$")


def pick_alliance(alliances: Sequence[Alliance], reference: str) -> Alliance:
    """The alliance ``reference`` names: an id (``3`` or ``#3``), a name or a unique part."""
    ref = reference.strip()
    if match := _ID.match(ref):
        for alliance in alliances:
            if alliance.id == int(match[1]):
                return alliance
    folded = ref.casefold()
    exact = [a for a in alliances if a.name.casefold() == folded]
    found = exact or [a for a in alliances if folded and folded in a.name.casefold()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousName(ref, [f"{a.name} (#{a.id})" for a in found])
    if match:
        raise NotFound(kind="alliance", record_id=int(match[1]))
    suggestions = closest_names(ref, [a.name for a in alliances])
    raise NotFound(
        f"No alliance called {ref!r}.",
        suggestions=suggestions,
        hint=None if suggestions else "Check the name, or make an alliance of that name.",
        kind="alliance",
    )


def _partner(
    uow: UnitOfWork, person: str | None, organisation: str | None, role: str
) -> AlliancePartner:
    if (person is None) == (organisation is None):
        raise InvalidInput("Name a person or an organisation as the partner.", field="partner")
    if person is not None:
        return AlliancePartner(person_id=resolve_person(uow, person).id, role=role)
    return AlliancePartner(
        organisation_id=resolve_organisation(uow, organisation or "").id, role=role
    )


def create_alliance(
    uow: UnitOfWork,
    name: str,
    *,
    purpose: str = "",
    people: Sequence[str] = (),
    organisations: Sequence[str] = (),
    goals: Sequence[str] = (),
    ideal_days: int = 30,
    max_days: int | None = None,
    started_on: date | None = None,
) -> Alliance:
    """Create a *forming* alliance with its partners, goals and check-in cadence, started
    on the day ``started_on`` (today when left out)."""
    with uow:
        if any(a.name.casefold() == name.strip().casefold() for a in uow.alliances.list()):
            raise Conflict(
                f"There is already an alliance called {name.strip()!r}.",
                hint="Pick another name, or change the existing one.",
            )
        partners = [_partner(uow, p, None, "") for p in people if p.strip()]
        partners += [_partner(uow, None, o, "") for o in organisations if o.strip()]
        alliance = Alliance(
            name=name,
            purpose=purpose,
            started_on=started_on or date.today(),
            partners=partners,
            common_goals=list(goals),
            checkin_ideal_days=ideal_days,
            checkin_max_days=max_days if max_days is not None else 2 * ideal_days,
        )
        stored = uow.alliances.add(alliance)
        uow.commit()
        return stored


def _change(uow: UnitOfWork, reference: str, change: Callable[[Alliance], None]) -> Alliance:
    with uow:
        alliance = pick_alliance(uow.alliances.list(), reference)
        change(alliance)
        # Rebuild so the alliance's own rules run again on the changed values.
        Alliance(**{k: getattr(alliance, k) for k in Alliance.__dataclass_fields__})
        stored = uow.alliances.save(alliance)
        uow.commit()
        return stored


def add_partner(
    uow: UnitOfWork,
    alliance: str,
    *,
    person: str | None = None,
    organisation: str | None = None,
    role: str = "",
) -> Alliance:
    """Add a partner, a person or an organisation, with their role."""

    def change(a: Alliance) -> None:
        partner = _partner(uow, person, organisation, role)  # runs inside the transaction
        for p in a.partners:
            if (p.person_id, p.organisation_id) == (partner.person_id, partner.organisation_id):
                raise Conflict("That partner is already in the alliance.")
        a.partners.append(partner)

    return _change(uow, alliance, change)


def add_goal(uow: UnitOfWork, alliance: str, goal: str) -> Alliance:
    """Add a common goal."""
    if not goal.strip():
        raise InvalidInput("The goal is empty.", field="goal")
    return _change(uow, alliance, lambda a: a.common_goals.append(goal.strip()))


def set_agreement(
    uow: UnitOfWork,
    alliance: str,
    *,
    agreed: str | None = None,
    written: str | None = None,
    checked: str | None = None,
    divided: str | None = None,
) -> Alliance:
    """Fill in parts of the agreement; parts left at ``None`` keep what they say."""

    def change(a: Alliance) -> None:
        for name, value in (
            ("agreed", agreed),
            ("written", written),
            ("checked", checked),
            ("divided", divided),
        ):
            if value is not None:
                setattr(a.agreement, name, value.strip())

    return _change(uow, alliance, change)


def set_checkin(uow: UnitOfWork, alliance: str, ideal_days: int, max_days: int | None) -> Alliance:
    """Set the alliance's own check-in cadence (maximum defaults to twice the ideal)."""

    def change(a: Alliance) -> None:
        a.checkin_ideal_days = ideal_days
        a.checkin_max_days = max_days if max_days is not None else 2 * ideal_days

    return _change(uow, alliance, change)


def move_status(uow: UnitOfWork, alliance: str, status: str, *, on: date | None = None) -> Alliance:
    """Move along forming → active ⇄ dormant → ended (activating sets the start day)."""
    target = parse_enum(AllianceStatus, status, "status")
    day = on or date.today()

    def change(a: Alliance) -> None:
        a.move_to(target)
        if target is AllianceStatus.ACTIVE and a.started_on is None:
            a.started_on = day

    return _change(uow, alliance, change)


def add_duty(
    uow: UnitOfWork,
    alliance: str,
    what: str,
    *,
    who: str | None = None,
    due: date | None = None,
) -> Alliance:
    """Add a responsibility: who does what by when."""
    due_on = due

    def change(a: Alliance) -> None:
        person_id = resolve_person(uow, who).id if who else None  # inside the transaction
        a.responsibilities.append(Responsibility(what, person_id, due_on))

    return _change(uow, alliance, change)


def _child(items: Sequence[object], child_id: int, kind: str) -> object:
    for item in items:
        if getattr(item, "id", None) == child_id:
            return item
    raise NotFound(
        f"The alliance has no {kind} #{child_id}.",
        hint="The alliance lists them with their ids.",
        kind=kind,
        record_id=child_id,
        next_step=NextStep("show", "alliance"),
    )


def duty_done(uow: UnitOfWork, alliance: str, duty_id: int, *, on: date | None = None) -> Alliance:
    """Mark a duty done."""
    day = on or date.today()

    def change(a: Alliance) -> None:
        duty = _child(a.responsibilities, duty_id, "duty")
        assert isinstance(duty, Responsibility)
        duty.done_on = day

    return _change(uow, alliance, change)


def add_milestone(
    uow: UnitOfWork, alliance: str, title: str, *, due: date | None = None
) -> Alliance:
    """Add a milestone, with the day it is expected."""
    milestone = Milestone(title, due)
    return _change(uow, alliance, lambda a: a.milestones.append(milestone))


def mark_milestone(
    uow: UnitOfWork,
    alliance: str,
    milestone_id: int,
    what: str,
    *,
    on: date | None = None,
) -> Alliance:
    """Mark a milestone ``reached`` or ``celebrated`` (celebrating one also reaches it)."""
    if what not in ("reached", "celebrated"):
        raise InvalidInput("A milestone is marked reached or celebrated.", field="what")
    day = on or date.today()

    def change(a: Alliance) -> None:
        milestone = _child(a.milestones, milestone_id, "milestone")
        assert isinstance(milestone, Milestone)
        if milestone.reached_on is None or what == "reached":
            milestone.reached_on = day
        if what == "celebrated":
            milestone.celebrated_on = day

    return _change(uow, alliance, change)


def open_conflict(
    uow: UnitOfWork, alliance: str, title: str, *, notes: str = "", on: date | None = None
) -> Alliance:
    """Record a conflict between partners, open until discussed and resolved."""
    day = on or date.today()
    text = f"{day.isoformat()} opened: {notes.strip()}" if notes.strip() else ""
    conflict = AllianceConflict(title, day, notes=text)
    return _change(uow, alliance, lambda a: a.conflicts.append(conflict))


def move_conflict(
    uow: UnitOfWork,
    alliance: str,
    conflict_id: int,
    status: str,
    *,
    note: str = "",
    on: date | None = None,
) -> Alliance:
    """Move a conflict to ``discussed`` or ``resolved``, adding a dated note."""
    target = parse_enum(ConflictStatus, status, "status")
    day = on or date.today()

    def change(a: Alliance) -> None:
        conflict = _child(a.conflicts, conflict_id, "conflict")
        assert isinstance(conflict, AllianceConflict)
        if conflict.status is ConflictStatus.RESOLVED:
            raise Conflict("That conflict is already resolved.")
        if target is ConflictStatus.OPEN:
            raise InvalidInput("A conflict moves to discussed or resolved.", field="status")
        conflict.status = target
        if target is ConflictStatus.RESOLVED:
            conflict.resolved_on = day
        line = f"{day.isoformat()} {target.value}" + (f": {note.strip()}" if note.strip() else "")
        conflict.notes = f"{conflict.notes}\n{line}".strip()

    return _change(uow, alliance, change)


# --- reading ---------------------------------------------------------------------------


def _on_time(due: date | None, done: date | None, today: date) -> float | None:
    if done is not None:
        return 1.0 if due is None or done <= due else 0.5
    if due is not None and due < today:
        return 0.0
    return None


def health_of(snapshot: Snapshot, alliance: Alliance, today: date) -> AllianceHealth:
    """The alliance's health from its parts (see :mod:`allies.analysis.alliance_health`)."""
    last = alliance_last_contact(snapshot, alliance, today)
    credits = [_on_time(d.due_on, d.done_on, today) for d in alliance.responsibilities]
    credits += [_on_time(m.due_on, m.reached_on, today) for m in alliance.milestones]
    counted = [c for c in credits if c is not None]
    scores = []
    for partner in alliance.partners:
        person = snapshot.person(partner.person_id) if partner.person_id is not None else None
        if person is not None and not person.is_me:
            score = report_of(snapshot, person, today).score
            if score is not None:  # a partner with no record yet says nothing
                scores.append(score)
    agreement = alliance.agreement
    return alliance_health(
        agreement_parts=round(4 * agreement.completeness),
        checkin_gap=None if last is None else (today - last).days,
        max_gap=alliance.checkin_max_days,
        delivery_credit=sum(counted),
        delivery_count=len(counted),
        open_conflicts=sum(c.status is ConflictStatus.OPEN for c in alliance.conflicts),
        discussed_conflicts=sum(c.status is ConflictStatus.DISCUSSED for c in alliance.conflicts),
        partner_scores=scores,
    )


@dataclass(frozen=True)
class AllianceRow:
    """One line of the alliance list."""

    id: int
    name: str
    status: str
    partners: int
    goals: int
    health: int
    open_conflicts: int
    to_celebrate: int


def list_alliances(uow: UnitOfWork, *, today: date | None = None) -> list[AllianceRow]:
    """Every alliance with its status and health, active ones first."""
    today = today or date.today()
    snapshot = load_snapshot(uow)
    order = {"active": 0, "forming": 1, "dormant": 2, "ended": 3}
    rows = [
        AllianceRow(
            id=a.id or 0,
            name=a.name,
            status=a.status.value,
            partners=len(a.partners),
            goals=len(a.common_goals),
            health=round(health_of(snapshot, a, today).score),
            open_conflicts=sum(c.status is not ConflictStatus.RESOLVED for c in a.conflicts),
            to_celebrate=sum(
                m.reached_on is not None and m.celebrated_on is None for m in a.milestones
            ),
        )
        for a in snapshot.alliances
    ]
    return sorted(rows, key=lambda r: (order.get(r.status, 9), r.name.casefold()))


@dataclass(frozen=True)
class AllianceView:
    """An alliance with names instead of ids, its health and its next check-in."""

    alliance: Alliance
    partners: list[tuple[str, str]]  # (name, role)
    duties: list[tuple[int, str, str, date | None, date | None]]  # id, what, who, due, done
    health: AllianceHealth
    last_contact: date | None


def show_alliance(uow: UnitOfWork, alliance: str, *, today: date | None = None) -> AllianceView:
    """One alliance with everything in it, named, and its health."""
    today = today or date.today()
    snapshot = load_snapshot(uow)
    found = pick_alliance(snapshot.alliances, alliance)
    partners = [
        (
            snapshot.name(p.person_id)
            if p.person_id is not None
            else snapshot.organisation_name(p.organisation_id),
            p.role,
        )
        for p in found.partners
    ]
    duties = [
        (d.id or 0, d.what, snapshot.name(d.person_id), d.due_on, d.done_on)
        for d in found.responsibilities
    ]
    return AllianceView(
        alliance=found,
        partners=partners,
        duties=duties,
        health=health_of(snapshot, found, today),
        last_contact=alliance_last_contact(snapshot, found, today),
    )
