"""Keeping my word and giving as much as I take: reliability, promises due and listed,
the favours ledger and its nudges.

Reliability is the Beta posterior mean of :func:`allies.analysis.health_parts.beta_mean`
(prior Beta(2, 1)): a promise kept counts 1, kept late half, broken or still open past its
due date 0; released promises do not count. Two promises kept read as 80 %, not 100 %.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from allies.analysis.health import HealthParams
from allies.analysis.health_parts import beta_mean
from allies.domain import Favour, FavourDirection, Promise, PromiseStatus, parse_enum
from allies.errors import InvalidInput
from allies.services.keep.snapshot import Snapshot, load_snapshot
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork


@dataclass(frozen=True)
class ReliabilityRow:
    """How one side keeps its promises: counts, the estimate and the plain rate."""

    who: str
    side: str  # mine (promises I made) or theirs (promises made to me)
    kept: int
    late: int
    broken: int
    overdue: int
    open: int
    reliability: int  # posterior mean, percent
    plain_rate: int | None  # credit / promises counted, percent; None when none counted
    person_id: int | None = None


def _tally(promises: list[Promise], today: date) -> tuple[int, int, int, int, int]:
    kept = sum(c.status is PromiseStatus.KEPT for c in promises)
    late = sum(c.status is PromiseStatus.LATE for c in promises)
    broken = sum(c.status is PromiseStatus.BROKEN for c in promises)
    overdue = sum(c.is_overdue(today) for c in promises)
    still_open = sum(c.status is PromiseStatus.OPEN for c in promises)
    return kept, late, broken, overdue, still_open


def _row(
    who: str,
    side: str,
    promises: list[Promise],
    today: date,
    params: HealthParams,
    person_id: int | None = None,
) -> ReliabilityRow:
    kept, late, broken, overdue, still_open = _tally(promises, today)
    credit = kept + params.late_credit * late
    counted = kept + late + broken + overdue
    estimate = beta_mean(credit, counted, params.reliability_prior)
    return ReliabilityRow(
        who=who,
        side=side,
        kept=kept,
        late=late,
        broken=broken,
        overdue=overdue,
        open=still_open,
        reliability=round(100 * estimate),
        plain_rate=round(100 * credit / counted) if counted else None,
        person_id=person_id,
    )


def reliability_rows(
    snapshot: Snapshot, today: date, params: HealthParams | None = None
) -> list[ReliabilityRow]:
    """My reliability overall, theirs overall, then each person's to me and mine to them.

    Per person, the least reliable first; people with no promises either way are left out.
    """
    p = params or HealthParams()
    me_id = snapshot.require_me()
    mine = [c for c in snapshot.promises if c.promiser_id == me_id]
    theirs = [c for c in snapshot.promises if c.promisee_id == me_id]
    rows = [
        _row("me", "mine", mine, today, p),
        _row("everyone", "theirs", theirs, today, p),
    ]
    per_person: list[ReliabilityRow] = []
    for pid, promises in snapshot.promises_with().items():
        name = snapshot.name(pid)
        to_me = [c for c in promises if c.promiser_id == pid]
        from_me = [c for c in promises if c.promiser_id == me_id]
        if to_me:
            per_person.append(_row(name, "theirs", to_me, today, p, pid))
        if from_me:
            per_person.append(_row(name, "mine", from_me, today, p, pid))
    per_person.sort(key=lambda r: (r.reliability, r.who.casefold(), r.side))
    return rows + per_person


def reliability(uow: UnitOfWork, *, today: date | None = None) -> list[ReliabilityRow]:
    """How reliably I keep my promises, and how reliably each person keeps theirs to me
    (read from the promises and their parties only: :mod:`~allies.services.keep.ledger_reads`)."""
    from allies.services.keep.ledger_reads import quick_reliability

    return quick_reliability(uow, today=today)


@dataclass(frozen=True)
class DuePromise:
    """An open promise that is overdue or falls due soon."""

    id: int
    mine: bool
    promiser: str
    promisee: str
    description: str
    due_on: date
    days_left: int  # negative when overdue
    person_id: int | None

    @property
    def overdue(self) -> bool:
        """Whether the due day has passed."""
        return self.days_left < 0


def promises_due(snapshot: Snapshot, today: date, within_days: int = 7) -> list[DuePromise]:
    """Open promises between me and others due within ``within_days`` or overdue.

    Mine first; within each side, the most overdue first.
    """
    if within_days < 0:
        raise InvalidInput("The number of days ahead (within) cannot be negative.", field="within")
    me_id = snapshot.me_id
    horizon = today + timedelta(days=within_days)
    rows = []
    for c in snapshot.promises:
        if c.status is not PromiseStatus.OPEN or c.due_on is None or c.due_on > horizon:
            continue
        if me_id not in (c.promiser_id, c.promisee_id):
            continue
        mine = c.promiser_id == me_id
        rows.append(
            DuePromise(
                id=c.id or 0,
                mine=mine,
                promiser=snapshot.name(c.promiser_id),
                promisee=snapshot.name(c.promisee_id),
                description=c.description,
                due_on=c.due_on,
                days_left=(c.due_on - today).days,
                person_id=c.promisee_id if mine else c.promiser_id,
            )
        )
    return sorted(rows, key=lambda r: (not r.mine, r.due_on, r.id))


def due_promises(
    uow: UnitOfWork, *, within_days: int = 7, today: date | None = None
) -> list[DuePromise]:
    """Open promises on both sides that are overdue or due within ``within_days``."""
    return promises_due(load_snapshot(uow), today or date.today(), within_days)


#: Favour units more taken than given before a nudge to give something back.
NUDGE_THRESHOLD = 3


@dataclass(frozen=True)
class FavourNudge:
    """Someone I have taken more from than I have given, and what they value."""

    person_id: int
    name: str
    given: int
    received: int
    balance: int
    values: str
    last_received: str
    suggestion: str


def favour_nudges(snapshot: Snapshot, threshold: int = NUDGE_THRESHOLD) -> list[FavourNudge]:
    """People whose favours to me exceed mine to them by ``threshold`` units or more.

    Units: small 1, medium 3, large 9. The deepest debts come first.
    """
    if threshold < 1:
        raise InvalidInput("The threshold is at least one favour unit.", field="threshold")
    book: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    last: dict[int, tuple[date, str]] = {}
    for f in snapshot.favours:
        if f.direction is FavourDirection.GIVEN:
            book[f.person_id][0] += f.size.value_units
        else:
            book[f.person_id][1] += f.size.value_units
            if f.person_id not in last or f.occurred_on >= last[f.person_id][0]:
                last[f.person_id] = (f.occurred_on, f.description)
    nudges = []
    for pid, (given, received) in book.items():
        if received - given < threshold:
            continue
        person = snapshot.person(pid)
        values = (person.values or person.interests) if person else ""
        idea = (
            f"offer help with what they value: {values}" if values else "ask what would help them"
        )
        nudges.append(
            FavourNudge(
                person_id=pid,
                name=snapshot.name(pid),
                given=given,
                received=received,
                balance=given - received,
                values=values,
                last_received=last.get(pid, (date.min, ""))[1],
                suggestion=f"You have taken {received - given} units more than you gave; {idea}.",
            )
        )
    return sorted(nudges, key=lambda n: (n.balance, n.name.casefold()))


def nudges(uow: UnitOfWork, *, threshold: int = NUDGE_THRESHOLD) -> list[FavourNudge]:
    """The favour nudges of the workspace (see :func:`favour_nudges`), read from the
    favours of the people I owe only (:mod:`~allies.services.keep.ledger_reads`)."""
    from allies.services.keep.ledger_reads import quick_nudges

    return quick_nudges(uow, threshold=threshold)


@dataclass(frozen=True)
class FavourBalance:
    """What I gave and received with one person, in value units (small 1, medium 3, large 9)."""

    person_id: int
    name: str
    given: int
    received: int

    @property
    def balance(self) -> int:
        """Positive when I have given more than I took."""
        return self.given - self.received


def favour_balances(uow: UnitOfWork) -> list[FavourBalance]:
    """The favours ledger per person, the most in my debt last."""
    with uow:
        favours = uow.favours.list()
        names = uow.people.names({f.person_id for f in favours})
    book: dict[int, list[Favour]] = {}
    for f in favours:
        book.setdefault(f.person_id, []).append(f)
    rows = [balance_of(pid, names.get(pid, f"#{pid}"), mine) for pid, mine in book.items()]
    return sorted(rows, key=lambda r: (-r.balance, r.name))


def balance_of(person_id: int, name: str, favours: Iterable[Favour]) -> FavourBalance:
    """The balance of the favours between me and one person (those given to or received
    from ``person_id``; others are left out)."""
    given = received = 0
    for f in favours:
        if f.person_id != person_id:
            continue
        if f.direction is FavourDirection.GIVEN:
            given += f.size.value_units
        else:
            received += f.size.value_units
    return FavourBalance(person_id, name, given, received)


@dataclass(frozen=True)
class PromiseRow:
    """A promise with names, for lists."""

    id: int
    promiser: str
    promisee: str
    description: str
    made_on: date
    due_on: date | None
    status: str
    mine: bool
    overdue: bool


def list_promises(
    uow: UnitOfWork,
    *,
    status: str | None = "open",
    person: str | None = None,
    today: date | None = None,
) -> list[PromiseRow]:
    """Promises (open ones by default), mine first, soonest due first."""
    today = today or date.today()
    with uow:
        everyone = uow.people.list()
        me = next((p.id for p in everyone if p.is_me), None)
        names = {p.id: p.name for p in everyone}
        if person:
            promises = uow.promises.involving(resolve_person(uow, person).id or 0)
        else:
            promises = uow.promises.list()
    if status and status != "all":
        wanted = parse_enum(PromiseStatus, status, "status")
        promises = [c for c in promises if c.status is wanted]
    rows = [
        PromiseRow(
            id=c.id or 0,
            promiser=names.get(c.promiser_id, "?"),
            promisee=names.get(c.promisee_id, "?"),
            description=c.description,
            made_on=c.made_on,
            due_on=c.due_on,
            status=c.status.value,
            mine=c.promiser_id == me,
            overdue=c.is_overdue(today),
        )
        for c in promises
    ]
    rows.sort(key=lambda r: (not r.mine, r.due_on or date.max, r.id))
    return rows
