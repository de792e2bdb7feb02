"""Five days of action: a guided programme from a cause to an alliance and a team.

Each day asks a few questions and stores the answers as ordinary records, so what the
programme builds is the user's network like anything else:

1. **The cause** -- a :class:`~allies.domain.Goal`.
2. **Who is good at it** -- a *forming* alliance around the goal with those people and
   organisations as partners (people not yet in the network are added, tagged
   ``prospect``); each person also becomes a need of the goal.
3. **The agreement** -- the alliance's agreement in four parts and what makes it a win.
4. **Make it real** -- the benefit as a common goal, a first duty, a first milestone, a
   check-in cadence, and the alliance made *active*.
5. **Your team** -- the people to ask, tagged ``team`` (and put in the key tier when they
   have no tier), with a promise of mine to ask each of them by a day.

The programme's state is read back from those records: its goal is my newest open goal,
its alliance the one that lists the goal's title among its common goals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from allies.domain import (
    Alliance,
    AlliancePartner,
    AllianceStatus,
    Goal,
    GoalNeed,
    GoalStatus,
    Milestone,
    NeedKind,
    Organisation,
    Person,
    Promise,
    Responsibility,
    Tier,
)
from allies.errors import InvalidInput, NextStep, NotFound
from allies.services.alliances.program_days import DAYS, ProgramDay, Prompt
from allies.services.network.lookup import pick_person
from allies.services.ports import UnitOfWork

__all__ = [
    "DAYS",
    "DayResult",
    "DayStatus",
    "ProgramDay",
    "Prompt",
    "day",
    "next_day",
    "program_status",
    "run_day",
]

TEAM_TAG = "team"
PROSPECT_TAG = "prospect"


@dataclass(frozen=True)
class DayStatus:
    """Whether a day's records exist, and what they are."""

    day: int
    title: str
    done: bool
    summary: str


@dataclass(frozen=True)
class DayResult:
    """What running a day stored."""

    day: int
    title: str
    lines: list[str]


def day(number: int) -> ProgramDay:
    """The programme day ``number`` (1-5)."""
    if not 1 <= number <= len(DAYS):
        raise InvalidInput(f"The programme has days 1 to {len(DAYS)}.", field="day")
    return DAYS[number - 1]


#: A day's answers: text, with dates and day counts already read by the face
#: (:func:`allies.services.dates.read_answers` reads them by :attr:`ProgramDay.kinds`).
Answers = Mapping[str, "str | date | int | None"]


def _items(text: object) -> list[str]:
    return [part.strip() for part in str(text or "").split(",") if part.strip()]


def _text(answers: Answers, key: str) -> str:
    value = answers.get(key)
    return value.strip() if isinstance(value, str) else ""


def _date(answers: Answers, key: str) -> date | None:
    value = answers.get(key)
    if value is None or isinstance(value, date):
        return value
    raise InvalidInput(f"{key}: expected a date.", field=key)


def _goal(uow: UnitOfWork) -> Goal | None:
    open_goals = [g for g in uow.goals.list() if g.status is GoalStatus.OPEN]
    return open_goals[-1] if open_goals else None


def _alliance(uow: UnitOfWork, goal: Goal) -> Alliance | None:
    found = [a for a in uow.alliances.list() if goal.title in a.common_goals]
    return found[-1] if found else None


def _require(uow: UnitOfWork, through: int) -> tuple[Goal, Alliance | None]:
    goal = _goal(uow)
    if goal is None:
        raise NotFound(
            "Day 1 has not been done yet.",
            hint="Start with day 1.",
            next_step=NextStep("take", "program", {"day": 1}),
        )
    alliance = _alliance(uow, goal)
    if through >= 2 and alliance is None:
        raise NotFound(
            "Day 2 has not been done yet: there is no alliance around your cause.",
            hint="Do day 2 first.",
            next_step=NextStep("take", "program", {"day": 2}),
        )
    return goal, alliance


def program_status(uow: UnitOfWork) -> list[DayStatus]:
    """Each day with whether its records exist."""
    with uow:
        goal = _goal(uow)
        alliance = _alliance(uow, goal) if goal else None
        team = [p.name for p in uow.people.list() if TEAM_TAG in p.tags]
    done = [
        (goal is not None, f"goal: {goal.title}" if goal else ""),
        (alliance is not None, f"alliance: {alliance.name}" if alliance else ""),
        (
            alliance is not None and alliance.agreement.completeness > 0,
            f"agreement {round(100 * alliance.agreement.completeness)}% filled in"
            if alliance
            else "",
        ),
        (
            alliance is not None and alliance.status is not AllianceStatus.FORMING,
            f"alliance {alliance.status.value}" if alliance else "",
        ),
        (bool(team), "team: " + ", ".join(team) if team else ""),
    ]
    return [
        DayStatus(d.number, d.title, flag, text if flag else "")
        for d, (flag, text) in zip(DAYS, done, strict=True)
    ]


def next_day(uow: UnitOfWork) -> int:
    """The first day not done yet (5 when all are)."""
    for status in program_status(uow):
        if not status.done:
            return status.day
    return len(DAYS)


def _person(uow: UnitOfWork, name: str, lines: list[str]) -> Person:
    try:
        return pick_person(uow.people.list(), name)
    except NotFound:
        added = uow.people.add(Person(name=name, tags=[PROSPECT_TAG]))
        lines.append(f"added {added.name} to your network (tagged {PROSPECT_TAG})")
        return added


def _organisation(uow: UnitOfWork, name: str, lines: list[str]) -> Organisation:
    for organisation in uow.organisations.list():
        if organisation.name.casefold() == name.casefold():
            return organisation
    added = uow.organisations.add(Organisation(name=name, kind=PROSPECT_TAG))
    lines.append(f"added the organisation {added.name}")
    return added


def _day1(uow: UnitOfWork, a: Answers, today: date, lines: list[str]) -> None:
    notes = [
        f"{label}: {_text(a, key)}"
        for key, label in (("why", "Why now"), ("helps", "Helps"), ("hinders", "Holds back"))
        if _text(a, key)
    ]
    goal = uow.goals.add(
        Goal(
            title=_text(a, "cause"),
            description="\n".join(notes),
            target_on=_date(a, "by"),
        )
    )
    lines.append(f"goal #{goal.id}: {goal.title}")


def _day2(uow: UnitOfWork, a: Answers, today: date, lines: list[str]) -> None:
    goal, alliance = _require(uow, 1)
    strengths = _text(a, "strengths")
    people = [_person(uow, n, lines) for n in _items(a.get("people"))]
    people = [p for p in people if not p.is_me]
    organisations = [_organisation(uow, n, lines) for n in _items(a.get("organisations"))]
    if not people and not organisations:
        raise InvalidInput("Name at least one person or organisation.", field="people")
    for person in people:
        if all(n.holder_id != person.id for n in goal.needs):
            goal.needs.append(
                GoalNeed(strengths or "shares the cause", NeedKind.RESOURCE, person.id)
            )
    uow.goals.save(goal)
    if alliance is None:
        name = _text(a, "name") or goal.title
        alliance = uow.alliances.add(
            Alliance(name=name, common_goals=[goal.title], started_on=today)
        )
        lines.append(f"forming alliance #{alliance.id}: {alliance.name}")
    have = {(p.person_id, p.organisation_id) for p in alliance.partners}
    for person in people:
        if (person.id, None) not in have:
            alliance.partners.append(AlliancePartner(person_id=person.id, role=strengths))
            lines.append(f"partner: {person.name}")
    for organisation in organisations:
        if (None, organisation.id) not in have:
            alliance.partners.append(
                AlliancePartner(organisation_id=organisation.id, role=strengths)
            )
            lines.append(f"partner: {organisation.name}")
    uow.alliances.save(alliance)


def _day3(uow: UnitOfWork, a: Answers, today: date, lines: list[str]) -> None:
    _, alliance = _require(uow, 2)
    assert alliance is not None
    for part in ("agreed", "written", "checked", "divided"):
        if _text(a, part):
            setattr(alliance.agreement, part, _text(a, part))
            lines.append(f"agreement, {part}: {_text(a, part)}")
    if _text(a, "win"):
        alliance.purpose = _text(a, "win")
        lines.append(f"purpose: {alliance.purpose}")
    if not lines:
        raise InvalidInput("Answer at least one part of the agreement.", field="agreed")
    uow.alliances.save(alliance)


def _day4(uow: UnitOfWork, a: Answers, today: date, lines: list[str]) -> None:
    _, alliance = _require(uow, 2)
    assert alliance is not None
    alliance.common_goals.append(_text(a, "benefit"))
    lines.append(f"common goal: {_text(a, 'benefit')}")
    if _text(a, "duty"):
        who = _text(a, "duty_who")
        person = pick_person(uow.people.list(), who or "me")
        due = _date(a, "duty_due")
        alliance.responsibilities.append(Responsibility(_text(a, "duty"), person.id, due))
        lines.append(f"duty: {_text(a, 'duty')} ({person.name})")
    if _text(a, "milestone"):
        due = _date(a, "milestone_due")
        alliance.milestones.append(Milestone(_text(a, "milestone"), due))
        lines.append(f"milestone: {_text(a, 'milestone')}")
    every = a.get("every") or 30
    if not isinstance(every, int) or every < 1:
        raise InvalidInput("Check-ins need a whole number of days ≥ 1.", field="every")
    alliance.checkin_ideal_days, alliance.checkin_max_days = every, 2 * every
    lines.append(f"check in every {every} days")
    if alliance.status is AllianceStatus.FORMING:
        alliance.move_to(AllianceStatus.ACTIVE)
        lines.append("the alliance is now active")
    uow.alliances.save(alliance)


def _day5(uow: UnitOfWork, a: Answers, today: date, lines: list[str]) -> None:
    goal, _ = _require(uow, 1)
    me = uow.people.me()
    if me is None or me.id is None:
        raise NotFound(
            "Nobody is marked as you, so there is no one to make the promise to ask.",
            hint="Add yourself as a person first, marked as you.",
            next_step=NextStep("add", "person", {"me": True}),
        )
    ask_by = _date(a, "ask_by") or today + timedelta(days=7)
    for name in _items(a.get("team")):
        person = _person(uow, name, lines)
        if TEAM_TAG not in person.tags:
            person.tags = [*person.tags, TEAM_TAG]
        if person.tier is None:
            person.tier = Tier.KEY
        uow.people.save(person)
        promise = uow.promises.add(
            Promise(
                promiser_id=me.id,
                promisee_id=person.id or 0,
                description=f"Ask {person.name} to join the team for {goal.title}",
                made_on=today,
                due_on=max(ask_by, today),
            )
        )
        lines.append(f"team: {person.name}; promise #{promise.id} to ask by {ask_by}")


def _filled(value: str | date | int | None, prompt: Prompt) -> str | date | int | None:
    """The answer given, or the question's default; an unanswered date or count is None."""
    if prompt.kind != "text":
        return None if value in ("", None) else value
    if isinstance(value, str) or value is None:
        return (value or prompt.default).strip()
    return value


_RUNNERS = {1: _day1, 2: _day2, 3: _day3, 4: _day4, 5: _day5}


def run_day(
    uow: UnitOfWork, number: int, answers: Answers, *, today: date | None = None
) -> DayResult:
    """Store one day's answers as records, in one transaction.

    Raises
    ------
    allies.errors.InvalidInput
        When a required answer is missing or an answer is unknown.
    allies.errors.NotFound
        When an earlier day this one builds on has not been done.
    """
    spec = day(number)
    keys = {p.key for p in spec.prompts}
    unknown = sorted(set(answers) - keys)
    if unknown:
        raise InvalidInput(
            f"Day {number} has no question {unknown[0]!r}.",
            field=unknown[0],
            hint="Its answers are: " + ", ".join(p.key for p in spec.prompts) + ".",
        )
    filled: dict[str, str | date | int | None] = {
        p.key: _filled(answers.get(p.key), p) for p in spec.prompts
    }
    for prompt in spec.prompts:
        if prompt.required and filled[prompt.key] in ("", None):
            raise InvalidInput(
                f"Day {number} needs an answer to: {prompt.question}", field=prompt.key
            )
    lines: list[str] = []
    with uow:
        _RUNNERS[number](uow, filled, today or date.today(), lines)
        uow.commit()
    return DayResult(number, spec.title, lines)
