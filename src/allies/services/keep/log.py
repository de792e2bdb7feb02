"""Use cases of the routine: logging interactions, favours, promises and cadences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from allies.domain import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Promise,
    PromiseStatus,
    Tier,
    parse_enum,
)
from allies.errors import InvalidInput, NotFound
from allies.services.dates import parse_date, parse_optional_date
from allies.services.network.lookup import resolve_people, resolve_person
from allies.services.ports import UnitOfWork


def _me_id(uow: UnitOfWork) -> int:
    me = uow.people.me()
    if me is None or me.id is None:
        raise NotFound(
            "Nobody is marked as you yet, so there is no one to be the other side.",
            hint='Add yourself first: `allies person add "Your Name" --me`.',
        )
    return me.id


def log_interaction(
    uow: UnitOfWork,
    people: Sequence[str],
    *,
    kind: str = "one_on_one",
    on: str | date = "today",
    tone: int = 0,
    summary: str = "",
    notes: str = "",
    initiated_by: str | None = None,
) -> Interaction:
    """Log a touch-point with one or more people.

    ``initiated_by`` is ``"me"``, ``"them"`` or a participant's name; ``None`` when not known.
    """
    with uow:
        chosen = resolve_people(uow, people)
        if not chosen:
            raise InvalidInput("Name at least one person you met.", field="people")
        participant_ids = [p.id or 0 for p in chosen if not p.is_me]
        if not participant_ids:
            raise InvalidInput("Name at least one person other than yourself.", field="people")
        by_me: bool | None = None
        initiator_id: int | None = None
        if initiated_by:
            if initiated_by.strip().casefold() == "me":
                by_me = True
            elif initiated_by.strip().casefold() == "them":
                by_me = False
                initiator_id = participant_ids[0] if len(participant_ids) == 1 else None
            else:
                by_me = False
                initiator_id = resolve_person(uow, initiated_by).id
        interaction = Interaction(
            occurred_on=parse_date(on, field="on"),
            participant_ids=participant_ids,
            kind=parse_enum(InteractionKind, kind, "kind"),
            initiated_by_me=by_me,
            initiator_id=initiator_id,
            tone=tone,
            summary=summary,
            notes=notes,
        )
        stored = uow.interactions.add(interaction)
        uow.commit()
        return stored


def record_favour(
    uow: UnitOfWork,
    person: str,
    direction: str,
    description: str,
    *,
    size: str = "small",
    on: str | date = "today",
) -> Favour:
    """Record a favour I gave to (``given``) or received from (``received``) a person."""
    with uow:
        other = resolve_person(uow, person)
        favour = Favour(
            person_id=other.id or 0,
            direction=parse_enum(FavourDirection, direction, "direction"),
            description=description,
            occurred_on=parse_date(on, field="on"),
            size=parse_enum(FavourSize, size, "size"),
        )
        stored = uow.favours.add(favour)
        uow.commit()
        return stored


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


def make_promise(
    uow: UnitOfWork,
    description: str,
    *,
    to: str | None = None,
    by: str | None = None,
    due: str | date | None = None,
    made_on: str | date = "today",
) -> Promise:
    """Record a promise. Mine to someone: give ``to``. Theirs to me: give ``by``."""
    if to is None and by is None:
        raise InvalidInput(
            "Say who the promise is to (--to: a promise of mine) or who made it "
            "(--by: a promise to me); give both for a promise between two others.",
            field="to",
        )
    with uow:
        promiser = resolve_person(uow, by).id if by else _me_id(uow)
        promisee = resolve_person(uow, to).id if to else _me_id(uow)
        made = parse_date(made_on, field="made_on")
        promise = Promise(
            promiser_id=promiser or 0,
            promisee_id=promisee or 0,
            description=description,
            made_on=made,
            due_on=parse_optional_date(due, field="due"),
        )
        stored = uow.promises.add(promise)
        uow.commit()
        return stored


PromiseOutcome = Literal["done", "kept", "late", "broken", "release", "released"]


def settle_promise(
    uow: UnitOfWork, promise_id: int, outcome: PromiseOutcome, *, on: str | date = "today"
) -> Promise:
    """Close an open promise: ``done`` (kept, or late after its due date), ``broken`` or
    ``release`` (let go by agreement)."""
    targets = {
        "kept": PromiseStatus.KEPT,
        "late": PromiseStatus.LATE,
        "broken": PromiseStatus.BROKEN,
        "release": PromiseStatus.RELEASED,
        "released": PromiseStatus.RELEASED,
    }
    with uow:
        promise = uow.promises.get(promise_id)
        day = parse_date(on, field="on")
        if outcome == "done":
            promise.fulfil(day)
        elif outcome in targets:
            promise.move_to(targets[outcome], day)
        else:
            raise InvalidInput(
                f"Unknown outcome {outcome!r}.",
                field="outcome",
                hint="Use done, kept, late, broken or release.",
            )
        stored = uow.promises.save(promise)
        uow.commit()
        return stored


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


def set_cadence(
    uow: UnitOfWork,
    *,
    ideal_days: int,
    max_days: int | None = None,
    person: str | None = None,
    tag: str | None = None,
    tier: str | None = None,
) -> Cadence:
    """Set how often to check in with a person, everyone with a tag, or a tier.

    ``max_days`` defaults to twice the ideal gap. Setting it again replaces the old one.
    """
    if sum(x is not None for x in (person, tag, tier)) != 1:
        raise InvalidInput(
            "Set a cadence for exactly one of a person, --tag or --tier.", field="scope"
        )
    with uow:
        person_id = resolve_person(uow, person).id if person else None
        tier_value = parse_enum(Tier, tier, "tier").value if tier else None
        cadence = Cadence(
            ideal_days=ideal_days,
            max_days=max_days if max_days is not None else ideal_days * 2,
            person_id=person_id,
            tag=tag,
            tier=tier_value,
        )
        if person_id is not None:
            old = uow.cadences.for_person(person_id)
        elif tag is not None:
            old = uow.cadences.for_tag(cadence.tag or "")
        else:
            old = uow.cadences.for_tier(tier_value or "")
        if old is not None:
            cadence.id = old.id
            cadence.snoozed_until = old.snoozed_until
            stored = uow.cadences.save(cadence)
        else:
            stored = uow.cadences.add(cadence)
        uow.commit()
        return stored


def list_cadences(uow: UnitOfWork) -> list[tuple[str, Cadence]]:
    """Every cadence with a label for what it applies to."""
    with uow:
        names = {p.id: p.name for p in uow.people.list()}
        cadences = uow.cadences.list()
    labelled = []
    for c in cadences:
        if c.person_id is not None:
            label = names.get(c.person_id, f"#{c.person_id}")
        elif c.tag is not None:
            label = f"tag:{c.tag}"
        else:
            label = f"tier:{c.tier}"
        labelled.append((label, c))
    return sorted(labelled, key=lambda lc: lc[0].casefold())
