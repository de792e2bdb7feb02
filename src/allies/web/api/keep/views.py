"""Keeping relationships alive as JSON: health, check-ins, reliability, favour nudges,
promises due, and the agenda for today and the week.

The same services as ``allies health``, ``allies checkins``, ``allies reliability``,
``allies favour nudges``, ``allies promise due``, ``allies today`` and ``allies week``.
Every agenda line carries its reason and where it is fixed: the page, and the API call
that takes it off the agenda. :data:`router` also carries ``/api/v1/alliances`` and
``/api/v1/program``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from allies.services.keep import checkins as checkin_service
from allies.services.keep import health as health_service
from allies.services.keep import ledger
from allies.services.keep.health_board import health_board
from allies.services.keep.views import (
    AgendaTarget,
    cooling_relationships,
    person_reliability,
    targeted_agenda,
)
from allies.services.network.records import people_names
from allies.web.api.alliances import manage as alliances
from allies.web.api.alliances import program
from allies.web.api.common import DAY_NOTE, Day, Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import ERRORS, PageOut
from allies.web.schemas.keep.records import CadenceOut
from allies.web.schemas.keep.views import (
    AgendaFixOut,
    AgendaItemOut,
    AgendaOut,
    ApiCall,
    CheckInOut,
    DuePromiseOut,
    FavourNudgeOut,
    HealthOut,
    HealthReportOut,
    PersonReliabilityOut,
    ReliabilityOut,
    ReliabilityOverviewOut,
    SnoozeIn,
)

API = "/api/v1"

routes = APIRouter(prefix=API, responses=ERRORS)

AsOf = Annotated[
    Day | None, Query(description="As it stands on this day (default: today)." + DAY_NOTE)
]
HEALTH: list[str | Enum] = ["relationship health"]
ROUTINE: list[str | Enum] = ["check-ins, promises and favours"]
AGENDA: list[str | Enum] = ["agenda"]


# --- relationship health ---------------------------------------------------------------


@routes.get("/health", response_model=PageOut[HealthOut], tags=HEALTH)
def health(
    uow: UoW,
    paging: Paging,
    q: Annotated[
        str,
        Query(
            max_length=200, description="Only people whose name holds this (any case or accent)."
        ),
    ] = "",
    cooling: Annotated[bool, Query(description="Only relationships that are cooling.")] = False,
    weakest_first: Annotated[bool, Query(description="Weakest first.")] = False,
    as_of: AsOf = None,
) -> PageOut[HealthOut]:
    """Every relationship's health, 0-100, strongest first (those with not enough evidence
    last), a page at a time, with recency, frequency, reciprocity, reliability and tone
    out of 100, and the trend over 90 days; ``total`` counts every match."""
    board = health_board(
        uow,
        today=as_of,
        query=q,
        cooling_only=cooling,
        weakest_first=weakest_first,
        offset=paging.offset,
        limit=paging.limit,
    )
    return PageOut[HealthOut].of(board.page, HealthOut.model_validate)


@routes.get("/health/cooling", response_model=list[HealthReportOut], tags=HEALTH)
def cooling(
    uow: UoW,
    key_only: Annotated[
        bool, Query(description="Only the inner circle and key people, as on the agenda.")
    ] = False,
    as_of: AsOf = None,
) -> list[HealthReportOut]:
    """Relationships that are cooling (the score falling fast, or the maximum gap passed),
    weakest first, each with its reasons."""
    found = cooling_relationships(uow, today=as_of, key_only=key_only)
    return [HealthReportOut.model_validate(r) for r in found]


@routes.get("/health/{person_id}", response_model=HealthReportOut, tags=HEALTH)
def person_health(uow: UoW, person_id: int, as_of: AsOf = None) -> HealthReportOut:
    """One relationship's health: each part with its value, weight, points and reason, the
    trend, and whether it is cooling."""
    report = health_service.person_health(uow, ref(person_id), today=as_of)
    return HealthReportOut.model_validate(report)


# --- check-ins -------------------------------------------------------------------------


@routes.get("/checkins", response_model=list[CheckInOut], tags=ROUTINE)
def checkins(
    uow: UoW,
    within_days: Annotated[
        int,
        Query(ge=0, le=36500, description="Also those coming up in the next N days (status ok)."),
    ] = 0,
    overdue_only: Annotated[bool, Query(description="Only overdue check-ins.")] = False,
    include_snoozed: Annotated[bool, Query(description="Include snoozed ones.")] = False,
    as_of: AsOf = None,
) -> list[CheckInOut]:
    """Check-ins with people and alliances: overdue first (closest tiers first), then due,
    then coming up, soonest first."""
    rows = checkin_service.check_ins(
        uow,
        today=as_of,
        within_days=within_days,
        overdue_only=overdue_only,
        include_snoozed=include_snoozed,
    )
    return [CheckInOut.model_validate(r) for r in rows]


@routes.post("/checkins/{person_id}/snooze", response_model=CadenceOut, tags=ROUTINE)
def snooze(uow: UoW, person_id: int, body: SnoozeIn) -> CadenceOut:
    """Hide a person's check-in until a day; a tag or tier cadence is copied to the
    person first, so nobody else is snoozed. Answers with the person's cadence."""
    cadence = checkin_service.snooze(uow, ref(person_id), body.until)
    return CadenceOut.of(cadence, people_names(uow))


# --- reliability, favours, promises ----------------------------------------------------


@routes.get("/reliability", response_model=ReliabilityOverviewOut, tags=ROUTINE)
def reliability(uow: UoW, as_of: AsOf = None) -> ReliabilityOverviewOut:
    """How reliably I keep my promises, how reliably others keep theirs to me, and each
    person both ways (least reliable first)."""
    mine, theirs, *people = ledger.reliability(uow, today=as_of)
    return ReliabilityOverviewOut(
        mine=ReliabilityOut.model_validate(mine),
        theirs=ReliabilityOut.model_validate(theirs),
        people=[ReliabilityOut.model_validate(r) for r in people],
    )


@routes.get("/reliability/{person_id}", response_model=PersonReliabilityOut, tags=ROUTINE)
def reliability_of(uow: UoW, person_id: int, as_of: AsOf = None) -> PersonReliabilityOut:
    """How one person keeps their promises to me, and how I keep mine to them."""
    return PersonReliabilityOut.model_validate(person_reliability(uow, person_id, today=as_of))


@routes.get("/favour-nudges", response_model=list[FavourNudgeOut], tags=ROUTINE)
def favour_nudges(
    uow: UoW,
    threshold: Annotated[
        int,
        Query(ge=1, le=1_000_000, description="Units taken beyond those given before a nudge."),
    ] = 3,
) -> list[FavourNudgeOut]:
    """People I have taken more from than I gave, the deepest debts first, with what they
    value and a suggestion."""
    return [FavourNudgeOut.model_validate(n) for n in ledger.nudges(uow, threshold=threshold)]


@routes.get("/promises-due", response_model=list[DuePromiseOut], tags=ROUTINE)
def promises_due(
    uow: UoW,
    within_days: Annotated[
        int, Query(ge=0, le=36500, description="Due within N days (and overdue).")
    ] = 7,
    side: Annotated[
        Literal["both", "mine", "theirs"],
        Query(description="Promises I made, promises made to me, or both."),
    ] = "both",
    as_of: AsOf = None,
) -> list[DuePromiseOut]:
    """Open promises between me and others, overdue or falling due; mine first, the most
    overdue first. Settle one at ``/api/v1/promises/{id}/settle``."""
    rows = ledger.due_promises(uow, within_days=within_days, today=as_of)
    if side != "both":
        rows = [r for r in rows if r.mine == (side == "mine")]
    return [DuePromiseOut.model_validate(r) for r in rows]


# --- the agenda ------------------------------------------------------------------------


def _fix(target: AgendaTarget) -> AgendaFixOut:
    """Where an agenda line is fixed: the page and the API call."""
    person = f"/people/{target.person_id}" if target.person_id is not None else None
    alliance = f"/alliances/{target.alliance_id}" if target.alliance_id is not None else None
    base = f"{API}/alliances/{target.alliance_id}"
    log = ApiCall(method="POST", path=f"{API}/interactions")
    page, api = person or alliance or "/today", None
    match target.action:
        case "log-interaction":
            api = log
        case "settle-promise":
            page = person or "/promises"
            if target.promise_id is not None:
                api = ApiCall(method="POST", path=f"{API}/promises/{target.promise_id}/settle")
        case "record-favour":
            api = ApiCall(method="POST", path=f"{API}/favours")
        case "complete-duty" if target.duty_id is not None:
            page = alliance or page
            api = ApiCall(method="POST", path=f"{base}/responsibilities/{target.duty_id}/complete")
        case "celebrate-milestone" | "reach-milestone" if target.milestone_id is not None:
            page = alliance or page
            what = "celebrated" if target.action == "celebrate-milestone" else "reached"
            api = ApiCall(method="POST", path=f"{base}/milestones/{target.milestone_id}/{what}")
        case "resolve-conflict" if target.conflict_id is not None:
            page = alliance or page
            api = ApiCall(method="POST", path=f"{base}/conflicts/{target.conflict_id}/resolved")
        case "goal-step":
            page = f"/goals/{target.goal_id}" if target.goal_id is not None else "/goals"
            api = log if target.person_id is not None else None
        case _:
            page = alliance or page
    return AgendaFixOut(
        action=target.action,
        page=page,
        api=api,
        duty_id=target.duty_id,
        milestone_id=target.milestone_id,
        conflict_id=target.conflict_id,
        goal_id=target.goal_id,
    )


def _agenda(uow: UoW, as_of: date | None, days: int) -> AgendaOut:
    found = targeted_agenda(uow, today=as_of, days=days)
    plan = found.agenda
    items = [
        AgendaItemOut(
            rank=i.rank,
            section=i.section,
            who=i.who,
            what=i.what,
            why=i.why,
            on=i.on,
            person_id=i.person_id,
            alliance_id=i.alliance_id,
            promise_id=i.promise_id,
            key=i.key,
            fix=_fix(t),
        )
        for i, t in zip(plan.items, found.targets, strict=True)
    ]
    return AgendaOut(start=plan.start, end=plan.end, days=plan.days, items=items)


@routes.get("/today", response_model=AgendaOut, tags=AGENDA)
def today(uow: UoW, as_of: AsOf = None) -> AgendaOut:
    """Today's agenda in priority order: overdue check-ins, promises due (mine first),
    alliance duties, cooling key relationships, favours to return, milestones to
    celebrate, open conflicts, goal steps, then check-ins due; each line with its reason
    and where it is fixed."""
    return _agenda(uow, as_of, 1)


@routes.get("/week", response_model=AgendaOut, tags=AGENDA)
def week(uow: UoW, as_of: AsOf = None) -> AgendaOut:
    """The agenda for the seven days from today (or ``as_of``), in the same order."""
    return _agenda(uow, as_of, 7)


#: Everything to register on the app: these routes, the alliances and the programme.
router = APIRouter()
for part in (routes, alliances.router, program.router):
    router.include_router(part)
