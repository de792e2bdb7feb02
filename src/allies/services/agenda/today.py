"""The agenda: what to do today (or this week), in priority order, each line with its reason.

The order is the order of the sections below; inside a section the most pressing come
first. What matters for a goal or a campaign comes first:

1. **goal** -- the next steps towards my open goals (:func:`goal_lines`, from
   :mod:`allies.services.standing.goal_plan`); a step that is keeping one of my
   promises *is* that promise's line (it carries the promise), so the promise shows once;
2. **campaign** -- the next meetings of active campaigns' plans (:func:`campaign_lines`,
   from :mod:`allies.services.agenda.campaign_meetings`);
3. **check-in** -- check-ins past their maximum gap, inner circle and key people first
   (for a week: also those that will pass it within the week);
4. **promise** -- open promises overdue or falling due (tomorrow, or within the week),
   mine before theirs;
5. **duty** -- alliance duties overdue or falling due;
6. **cooling** -- relationships with inner-circle and key people that are cooling
   (unless already listed for a check-in, or snoozed);
7. **favour** -- people I have taken more from than I have given, with what they value;
8. **celebrate** -- milestones reached and not yet celebrated (for a week: also those due);
9. **conflict** -- conflicts in alliances not yet resolved;
10. **due** -- routine check-ins past their ideal gap but not yet overdue (unless the
    relationship is listed as cooling: warming it up is the check-in).

Every line has a stable ``key`` (:mod:`allies.services.agenda.lines`); :func:`agenda`
leaves out the lines already done, dismissed, or snoozed past the first day
(:mod:`allies.services.agenda.work`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from allies.analysis.health import NOT_ENOUGH_EVIDENCE
from allies.domain import AllianceStatus, ConflictStatus
from allies.services.agenda import lines
from allies.services.agenda.campaign_meetings import campaign_meeting_lines
from allies.services.agenda.snapshot import load_agenda_snapshot
from allies.services.context import Lens
from allies.services.keep.checkins import CheckIn, person_check_ins, select_check_ins
from allies.services.keep.health import cooling_key_people
from allies.services.keep.ledger import favour_nudges, promises_due
from allies.services.keep.snapshot import Snapshot
from allies.services.ports import UnitOfWork

SECTIONS: tuple[str, ...] = (
    "goal",
    "campaign",
    "check-in",
    "promise",
    "duty",
    "cooling",
    "favour",
    "celebrate",
    "conflict",
    "due",
)

#: The routine sections: shown together under one heading that can be folded away.
ROUTINE: frozenset[str] = frozenset({"due"})


@dataclass(frozen=True)
class AgendaItem:
    """One line of the agenda: what to do, with whom, and why it is there."""

    rank: int
    section: str
    who: str
    what: str
    why: str
    on: date | None = None
    person_id: int | None = None
    alliance_id: int | None = None
    promise_id: int | None = None
    key: str = ""

    @property
    def routine(self) -> bool:
        """Whether the line is a routine check-in (folded away on the page)."""
        return self.section in ROUTINE


@dataclass(frozen=True)
class Agenda:
    """The agenda for a day or a week."""

    start: date
    end: date
    items: list[AgendaItem]

    @property
    def days(self) -> int:
        """How many days it covers."""
        return (self.end - self.start).days + 1


def _ranked(item: AgendaItem, rank: int) -> AgendaItem:
    """The item at ``rank`` (what :func:`dataclasses.replace` does, without its cost per
    call)."""
    return AgendaItem(
        rank,
        item.section,
        item.who,
        item.what,
        item.why,
        item.on,
        item.person_id,
        item.alliance_id,
        item.promise_id,
        item.key,
    )


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _check_in_item(row: CheckIn, section: str) -> AgendaItem:
    what = "check in with the alliance's partners" if row.kind == "alliance" else "check in"
    return AgendaItem(
        rank=0,
        section=section,
        who=row.who,
        what=what,
        why=row.reason,
        on=row.due_on if section == "due" else row.overdue_on,
        person_id=row.person_id,
        alliance_id=row.alliance_id,
        key=lines.check_in_key(row.person_id, row.alliance_id, row.due_on),
    )


def _check_ins(
    snapshot: Snapshot, today: date, end: date, people: list[CheckIn]
) -> list[AgendaItem]:
    rows = select_check_ins(snapshot, today, within_days=(end - today).days, people=people)
    overdue, due = [], []
    for row in rows:
        if row.status == "overdue":
            overdue.append(_check_in_item(row, "check-in"))
        elif row.overdue_on is not None and row.overdue_on <= end:
            days = (row.overdue_on - today).days
            soon = f"overdue in {_days(days)}" if days > 0 else "the maximum gap is reached today"
            item = _check_in_item(row, "check-in")
            overdue.append(replace(item, why=f"{row.reason}; {soon}"))
        else:
            due.append(_check_in_item(row, "due"))
    return overdue + due


def _promises(snapshot: Snapshot, today: date, end: date) -> list[AgendaItem]:
    items = []
    for p in promises_due(snapshot, today, max((end - today).days, 1)):
        if p.days_left < 0:
            when = f"overdue by {_days(-p.days_left)}"
        elif p.days_left == 0:
            when = "due today"
        else:
            when = f"due in {_days(p.days_left)}"
        side = f"my promise to {p.promisee}" if p.mine else f"{p.promiser}'s promise to me"
        items.append(
            AgendaItem(
                rank=0,
                section="promise",
                who=p.promisee if p.mine else p.promiser,
                what=p.description if p.mine else f"follow up: {p.description}",
                why=f"{side}, {when}",
                on=p.due_on,
                person_id=p.person_id,
                promise_id=p.id,
                key=lines.promise_key(p.id, p.due_on),
            )
        )
    return items


def _alliance_items(snapshot: Snapshot, today: date, end: date) -> dict[str, list[AgendaItem]]:
    out: dict[str, list[AgendaItem]] = {"duty": [], "celebrate": [], "conflict": []}
    for a in snapshot.alliances:
        if a.status is AllianceStatus.ENDED:
            continue
        for d in a.responsibilities:
            if d.done_on is None and d.due_on is not None and d.due_on <= end:
                late = (today - d.due_on).days
                when = f"overdue by {_days(late)}" if late > 0 else f"due {d.due_on.isoformat()}"
                who = snapshot.name(d.person_id) or a.name
                key = lines.record_key("duty", a.id, d.id, d.due_on)
                out["duty"].append(
                    AgendaItem(
                        0,
                        "duty",
                        who,
                        d.what,
                        f"{a.name}: {when}",
                        d.due_on,
                        d.person_id,
                        a.id,
                        key=key,
                    )
                )
        for m in a.milestones:
            if m.reached_on is not None and m.celebrated_on is None:
                why = f"{a.name}: reached {m.reached_on.isoformat()}, not celebrated yet"
                what = f"celebrate: {m.title}"
                key = lines.record_key("celebrate", a.id, m.id, m.reached_on)
                out["celebrate"].append(
                    AgendaItem(
                        0, "celebrate", a.name, what, why, m.reached_on, alliance_id=a.id, key=key
                    )
                )
            elif m.reached_on is None and m.due_on is not None and today <= m.due_on <= end:
                why = f"{a.name}: due {m.due_on.isoformat()}; celebrate it when reached"
                what = f"milestone: {m.title}"
                key = lines.record_key("milestone", a.id, m.id, m.due_on)
                out["celebrate"].append(
                    AgendaItem(
                        0, "celebrate", a.name, what, why, m.due_on, alliance_id=a.id, key=key
                    )
                )
        for c in a.conflicts:
            if c.status is ConflictStatus.RESOLVED:
                continue
            age = (today - c.opened_on).days
            why = f"{a.name}: {c.status.value}, opened {_days(age)} ago"
            what = f"resolve: {c.title}"
            key = lines.record_key("conflict", a.id, c.id, c.opened_on)
            out["conflict"].append(
                AgendaItem(0, "conflict", a.name, what, why, c.opened_on, alliance_id=a.id, key=key)
            )
    out["duty"].sort(key=lambda i: (i.on or date.max, i.who))
    out["conflict"].sort(key=lambda i: (i.on or date.max, i.what))
    return out


#: The tiers in a manager's words, for the lines of cooling relationships.
_TIER_WORDS = {
    "inner": "One of your inner circle",
    "key": "One of your key people",
    "network": "In your wider network",
}


def build_agenda(
    snapshot: Snapshot,
    today: date,
    days: int = 1,
    *,
    goal_items: Sequence[AgendaItem] = (),
    campaign_items: Sequence[AgendaItem] = (),
    card_items: Sequence[AgendaItem] = (),
) -> Agenda:
    """The agenda for ``days`` days from ``today`` (1: today only), from one snapshot;
    ``goal_items`` are the lines of the *goal* section (see :func:`goal_lines`), and
    ``card_items`` those of birthdays and changed roles (see
    :func:`allies.services.agenda.card_lines.card_lines`): a changed role that a campaign
    rests on comes first in the *campaign* section, the others celebrate."""
    end = today + timedelta(days=max(days, 1) - 1)
    people = person_check_ins(snapshot, today)
    check_ins = _check_ins(snapshot, today, end, people)
    listed: set[int | None] = {i.person_id for i in check_ins if i.section == "check-in"}
    listed |= {r.person_id for r in people if r.status == "snoozed"}
    cooling = [
        AgendaItem(
            0,
            "cooling",
            r.name,
            "warm the relationship up",
            f"{_TIER_WORDS.get(str(r.tier), f'{r.tier} tier')}; relationship health: "
            f"{NOT_ENOUGH_EVIDENCE if r.score is None else f'{r.score} of 100'}; "
            + "; ".join(r.cooling_reasons),
            r.last_contact,
            r.person_id,
            key=lines.person_key("cooling", r.person_id, r.last_contact),
        )
        for r in cooling_key_people(snapshot, today)
        if r.person_id not in listed
    ]
    warming = {i.person_id for i in cooling}
    favours = [
        AgendaItem(
            0,
            "favour",
            n.name,
            "give something back",
            n.suggestion,
            None,
            n.person_id,
            key=lines.favour_key(n.person_id, n.given, n.received),
        )
        for n in favour_nudges(snapshot)
    ]
    alliance = _alliance_items(snapshot, today, end)
    goals, promises = _promises_once(list(goal_items), _promises(snapshot, today, end))
    by_section: dict[str, list[AgendaItem]] = {
        "check-in": [i for i in check_ins if i.section == "check-in"],
        "promise": promises,
        "duty": alliance["duty"],
        "cooling": cooling,
        "favour": favours,
        "celebrate": alliance["celebrate"] + [i for i in card_items if i.section == "celebrate"],
        "conflict": alliance["conflict"],
        "goal": goals,
        "campaign": [i for i in card_items if i.section == "campaign"] + list(campaign_items),
        "due": [
            i
            for i in check_ins
            if i.section == "due" and (i.person_id is None or i.person_id not in warming)
        ],
    }
    ordered = [item for name in SECTIONS for item in by_section[name]]
    items = [_ranked(item, n) for n, item in enumerate(ordered, 1)]
    return Agenda(start=today, end=end, items=items)


def _promises_once(
    goals: list[AgendaItem], promises: list[AgendaItem]
) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """The goal and promise lines with each promise once.

    A goal step "keep your promise: X" with someone is the line of my promise X to them:
    the goal line takes the promise (its id, its key, and its due date in the reason) and
    the promise line goes, so the promise shows once, where it matters for the goal.
    """
    mine = {
        (p.person_id, p.what): p
        for p in promises
        if p.promise_id is not None and not p.what.startswith("follow up: ")
    }
    taken: set[int] = set()
    out = []
    for g in goals:
        prefix = "keep your promise: "
        found = (
            mine.get((g.person_id, g.what.removeprefix(prefix)))
            if g.what.startswith(prefix)
            else None
        )
        if found is None or found.promise_id in taken:
            out.append(g)
            continue
        taken.add(found.promise_id or 0)
        out.append(
            replace(g, why=f"{g.why} ({found.why})", promise_id=found.promise_id, key=found.key)
        )
    return out, [p for p in promises if p.promise_id not in taken]


def goal_lines(uow: UnitOfWork, today: date) -> list[AgendaItem]:
    """The next steps towards my open goals, as lines of the *goal* section."""
    # kept for the day; the planning (and the analyses under it) loads only to work them out
    from allies.services.standing.goal_steps_kept import kept_next_steps

    return [
        AgendaItem(
            0,
            "goal",
            s.who,
            s.what,
            s.why,
            None,
            s.person_id,
            key=lines.goal_key(s.goal_id, s.kind, s.person_id, s.what),
        )
        for s in kept_next_steps(uow, Lens(as_of=today))
    ]


# -- campaign meetings (from the campaigns' meeting plans) ---------------------------


def campaign_lines(
    uow: UnitOfWork, today: date, days: int = 1, *, plan: bool = True
) -> list[AgendaItem]:
    """The campaign meetings planned within the days, as lines of the *campaign* section
    (with ``plan`` false, only those of the plans already stored for the day)."""
    return [
        AgendaItem(
            0,
            "campaign",
            m.who,
            m.what,
            m.why,
            m.on,
            m.person_id,
            key=lines.campaign_key(m.campaign_id, m.person_id, m.on),
        )
        for m in campaign_meeting_lines(uow, today, days, plan=plan)
    ]


def unhandled(uow: UnitOfWork, plan: Agenda) -> Agenda:
    """The agenda without the lines already done, dismissed, or snoozed past its first day,
    ranked anew from 1."""
    with uow:
        handled = uow.agenda_handled.get_many(i.key for i in plan.items if i.key)
    left = [i for i in plan.items if not lines.hides(handled.get(i.key), plan.start)]
    return Agenda(plan.start, plan.end, [_ranked(i, n) for n, i in enumerate(left, 1)])


def agenda(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    days: int = 1,
    handled: bool = False,
    plan_campaigns: bool = True,
) -> Agenda:
    """The prioritised agenda for today (``days=1``) or the coming week (``days=7``).

    The lines already handled (done, dismissed, snoozed past ``today``) are left out
    unless ``handled`` is true. With ``plan_campaigns`` false, a campaign whose plan for
    the day is not stored yet adds no lines instead of being planned now (the home page,
    which has the plans made in the background).
    """
    day = today or date.today()
    end = day + timedelta(days=max(days, 1) - 1)
    plan = build_agenda(
        load_agenda_snapshot(uow, day, end),
        day,
        days,
        goal_items=goal_lines(uow, day),
        campaign_items=campaign_lines(uow, day, days, plan=plan_campaigns),
        card_items=_card_lines(uow, day, days),
    )
    return plan if handled else unhandled(uow, plan)


def _card_lines(uow: UnitOfWork, today: date, days: int) -> list[AgendaItem]:
    from allies.services.agenda.card_lines import card_lines  # it builds on AgendaItem

    return card_lines(uow, today, days)
