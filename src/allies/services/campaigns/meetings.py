"""The meeting plan: one-on-ones in the approach plan's order, then the group meeting.

Each one-on-one follows the approach plan (:mod:`allies.services.campaigns.plan`) and
is pre-briefed through the person's closest confidant (someone they trust whom I can
reach; :func:`allies.services.influence.paths.confidants_in`): speak to them first.
The group meeting of the deciders and the people in the plan is scheduled once the
projected support among its attendees, the capability-weighted share of them
expected on board (estimated from reverse-reachable sets rooted at the attendees,
:func:`allies.analysis.cascade.activation_curve`), passes a threshold (60 % by default),
so enough consensus is built before everyone is in one room; it never comes before
the first one-on-one.

Meetings fall on working days (Monday to Friday) from a start date, at most
``per_week`` in any calendar week and one a day (more a day only when ``per_week``
exceeds five). Each meeting comes with talking points: where they stand, their
interests, agenda and what they value, what I can offer (the trade, their wishes),
open promises either way, and whom they listen to who is already on board.

Nobody is booked for a meeting that is expected to gain nothing: a step of the approach
plan whose expected gain is below :data:`NO_GAIN` of the decision power gets no
one-on-one (and no pre-brief), and deciders already on board get a keep-warm line
(``keep_warm``) instead of a meeting.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from allies.analysis.cascade import activation_curve
from allies.domain import Interaction, Promise
from allies.errors import AlliesError, InvalidInput
from allies.services.campaigns.inputs import CampaignInputs, campaign_inputs
from allies.services.campaigns.plan import (
    ApproachPlan,
    PlanOptions,
    approach_plan_in,
    plan_model_of,
)
from allies.services.campaigns.plan_model import with_conviction
from allies.services.campaigns.talking import (
    TalkingPoint,
    group_points,
    one_on_one_points,
    prebrief_points,
)
from allies.services.campaigns.trades import (
    PersonTrade,
    TradeReport,
    coherent_trades,
    trades_in,
)
from allies.services.context import TODAY, Lens
from allies.services.influence.paths import confidants_in
from allies.services.ports import UnitOfWork

__all__ = [
    "Meeting",
    "MeetingPlan",
    "Prebrief",
    "TalkingPoint",
    "meeting_plan",
    "meeting_plan_in",
    "working_slots",
]


@dataclass(frozen=True)
class Prebrief:
    """Whom to speak to before a one-on-one: someone the person trusts, close to me."""

    person_id: int
    name: str
    trust: float
    closeness: float
    because: str
    path: list[str]


@dataclass(frozen=True)
class Meeting:
    """A dated meeting: a pre-brief, a one-on-one or the group meeting."""

    number: int
    kind: str
    on: date
    person_ids: list[int]
    names: list[str]
    summary: str
    purpose: str
    step: int | None = None
    prebrief: Prebrief | None = None
    projected_support: float | None = None
    talking_points: list[TalkingPoint] = field(default_factory=list)

    @property
    def uid(self) -> str:
        """A stable identifier for calendars."""
        who = "-".join(str(p) for p in self.person_ids) or "all"
        about = f"-step{self.step}" if self.kind == "pre-brief" and self.step else ""
        return f"campaign-{self.kind}{about}-{who}"


@dataclass(frozen=True)
class MeetingPlan:
    """The dated meetings of a campaign, with the plan and trades behind them, and a
    keep-warm line for each person worth a word but not a meeting.

    ``group_trades`` are the trades offered to the attendees, one coherent set
    (:func:`allies.services.campaigns.trades.coherent_trades`): the group meeting
    honours them and a one-on-one proposes no other.
    """

    campaign_id: int
    campaign: str
    as_of: date
    start: date
    per_week: int
    threshold: float
    decision_on: date | None
    attendees: list[str]
    support_before: float
    group_after_step: int | None
    group_support: float | None
    meetings: list[Meeting]
    approach: ApproachPlan
    trades: TradeReport
    warnings: list[str]
    keep_warm: list[str] = field(default_factory=list)
    group_trades: list[PersonTrade] = field(default_factory=list)


#: A step expected to add less than this share of the decision power is not worth a
#: meeting.
NO_GAIN = 0.005

#: RR sets rooted at each attendee for the projected support (a standard error of at
#: most 1.1 points on each attendee's chance of being on board).
ATTENDEE_SAMPLES = 2000


def working_slots(start: date, per_week: int, per_day: int = 1) -> Iterator[date]:
    """Dates for meetings: working days from ``start``, at most ``per_week`` a week.

    Examples
    --------
    >>> from datetime import date
    >>> [d.isoformat() for d, _ in zip(working_slots(date(2026, 3, 6), 2), range(4))]
    ['2026-03-06', '2026-03-09', '2026-03-10', '2026-03-16']
    """
    if per_week < 1 or per_day < 1:
        raise InvalidInput("Allow at least one meeting a week.", field="per_week")
    day, week, used = start, None, 0
    while True:
        if day.weekday() < 5:
            iso = day.isocalendar()[:2]
            if iso != week:
                week, used = iso, 0
            for _ in range(per_day):
                if used >= per_week:
                    break
                used += 1
                yield day
        day += timedelta(days=1)


def _support_curve(
    inputs: CampaignInputs, plan: ApproachPlan, options: PlanOptions, attendees: np.ndarray
) -> tuple[float, list[float]]:
    """Projected capability share of the attendees on board: before, and after each step."""
    model, on_board = plan_model_of(inputs, options)
    capability = np.where(model.has_stance, model.capability, inputs.derived_capability)
    weight = capability[attendees]
    if weight.sum() <= 0:
        weight = np.ones(attendees.size)
    matrix = with_conviction(inputs.listens_to, model.conviction, options.model)
    extra = matrix.shape[0] - inputs.n
    thresholds = np.concatenate((model.thresholds, np.ones(extra)))
    seeds = [int(i) for i in np.flatnonzero(on_board)]
    index = {pid: i for i, pid in enumerate(inputs.person_ids)}
    # The attendees' chances, at the start and after each step, from RR sets rooted at
    # them: a few thousand small searches instead of Monte Carlo worlds over everyone.
    curve = activation_curve(
        matrix,
        seeds,
        [index[step.person_id] for step in plan.steps],
        attendees,
        model=options.model,
        thresholds=thresholds,
        samples=ATTENDEE_SAMPLES,
        seed=options.seed,
    )
    total = float(weight.sum())
    shares = [  # nobody at the group meeting: no share of it is on board
        float((weight * row).sum() / total) if total > 0 else 0.0 for row in curve
    ]
    return shares[0], shares[1:]


def meeting_plan_in(
    inputs: CampaignInputs,
    interactions: Sequence[Interaction] = (),
    promises: Sequence[Promise] = (),
    options: PlanOptions | None = None,
    *,
    start: date | None = None,
    per_week: int = 3,
    threshold: float = 0.6,
) -> MeetingPlan:
    """:func:`meeting_plan` on a campaign already read."""
    options = options or PlanOptions()
    if not 0 < threshold <= 1:
        raise InvalidInput("The group threshold is a share between 0 and 1.", field="threshold")
    plan = approach_plan_in(inputs, interactions, options)
    trades = trades_in(inputs)
    first = start or inputs.as_of + timedelta(days=1)
    index = {pid: i for i, pid in enumerate(inputs.person_ids)}
    # Steps that gain nothing are not booked, for a one-on-one or the group.
    people = [index[s.person_id] for s in plan.steps if s.gain_share >= NO_GAIN]
    attendees = np.array(
        sorted(set(inputs.deciders.tolist()) | set(people) - {inputs.me}), dtype=np.int64
    )
    present = {inputs.person_ids[i] for i in attendees}
    offered = coherent_trades([t for t in trades.trades if t.person_id in present])
    before, curve = _support_curve(inputs, plan, options, attendees)
    after = next((n for n, share in enumerate(curve) if share >= threshold), None)
    # One-on-ones come first: the group meeting follows at least the first of them.
    group_at = None if after is None else after + 1
    if group_at is None and before >= threshold:
        group_at = 0 if not plan.steps else 1
    slots = working_slots(first, per_week, max(1, -(-per_week // 5)))
    meetings: list[Meeting] = []

    def add(kind: str, ids: list[int], summary: str, purpose: str, **extra: object) -> None:
        meetings.append(
            Meeting(
                number=len(meetings) + 1,
                kind=kind,
                on=next(slots),
                person_ids=ids,
                names=[inputs.network.name(p) for p in ids],
                summary=summary,
                purpose=purpose,
                **extra,  # type: ignore[arg-type]
            )
        )

    def add_group() -> None:
        share = _group_support(group_at, before, curve) or 0.0
        ids = [inputs.person_ids[i] for i in attendees]
        add(
            "group",
            ids,
            f"Group meeting: {plan.campaign}",
            f"Projected support among the attendees: {share:.0%} of their capability.",
            projected_support=share,
            talking_points=group_points(inputs, plan, offered, share),
        )

    if group_at == 0:
        add_group()
    keep_warm = [
        f"Keep {o.name} warm: a decider already on board ({o.why}); a short word before "
        "the decision, no meeting needed."
        for o in plan.on_board
        if o.is_decider and o.person_id != _my_id(inputs)
    ]
    for step in plan.steps:
        if step.gain_share < NO_GAIN:
            keep_warm.append(
                f"{step.name}: no expected gain from a meeting now "
                f"(+{100 * step.gain_share:.1f} % of the decision power); keep in touch."
            )
            if group_at == step.number:
                add_group()
            continue
        brief = _prebrief(inputs, step.person_id)
        if brief is not None:
            add(
                "pre-brief",
                [brief.person_id],
                f"Pre-brief with {brief.name} about {step.name}",
                f"{step.name} trusts {brief.name} ({brief.because or 'trusted'}): ask what "
                f"matters to {step.name} before you meet.",
                step=step.number,
                prebrief=brief,
                talking_points=prebrief_points(inputs, step),
            )
        add(
            "one-on-one",
            [step.person_id],
            f"One-on-one with {step.name}: {plan.campaign}",
            f"Step {step.number} of the approach plan: {step.why}.",
            step=step.number,
            prebrief=brief,
            talking_points=one_on_one_points(inputs, plan, trades, step, promises, offered),
        )
        if group_at == step.number:
            add_group()
    warnings = _warnings(plan, meetings, group_at, curve, threshold, before)
    return MeetingPlan(
        campaign_id=plan.campaign_id,
        campaign=plan.campaign,
        as_of=plan.as_of,
        start=first,
        per_week=per_week,
        threshold=threshold,
        decision_on=plan.decision_on,
        attendees=[inputs.names[i] for i in attendees],
        support_before=before,
        group_after_step=group_at,
        group_support=_group_support(group_at, before, curve),
        meetings=meetings,
        approach=plan,
        trades=trades,
        warnings=warnings,
        keep_warm=keep_warm,
        group_trades=offered,
    )


def _my_id(inputs: CampaignInputs) -> int | None:
    return None if inputs.me is None else inputs.person_ids[inputs.me]


def _group_support(group_at: int | None, before: float, curve: list[float]) -> float | None:
    if group_at is None:
        return None
    return before if group_at == 0 else curve[group_at - 1]


def _prebrief(inputs: CampaignInputs, person_id: int) -> Prebrief | None:
    try:
        found = confidants_in(inputs.network, f"#{person_id}")
    except AlliesError:
        return None
    me_id = None if inputs.me is None else inputs.person_ids[inputs.me]
    for row in found.confidants:
        if row.id in (me_id, person_id) or row.closeness <= 0:
            continue
        return Prebrief(
            person_id=row.id,
            name=row.name,
            trust=row.trust,
            closeness=row.closeness,
            because=row.because,
            path=row.path.people if row.path else [],
        )
    return None


def _warnings(
    plan: ApproachPlan,
    meetings: list[Meeting],
    group_at: int | None,
    curve: list[float],
    threshold: float,
    before: float,
) -> list[str]:
    out = []
    if group_at is None:
        reached = curve[-1] if curve else before
        out.append(
            f"Projected support among the attendees reaches {reached:.0%} after every step, "
            f"short of {threshold:.0%}: plan more one-on-ones before a group meeting."
        )
    last = meetings[-1].on if meetings else None
    if plan.decision_on and last and last > plan.decision_on:
        out.append(
            f"The meetings run until {last.isoformat()}, after the decision on "
            f"{plan.decision_on.isoformat()}: allow more meetings a week."
        )
    return out


def meeting_plan(
    uow: UnitOfWork,
    campaign: str,
    options: PlanOptions | None = None,
    *,
    lens: Lens = TODAY,
    start: date | None = None,
    per_week: int = 3,
    threshold: float = 0.6,
) -> MeetingPlan:
    """The approach plan as dated meetings with talking points, and the trades.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; nothing is written.
    campaign : str
        An id, a name, a unique part of a name, or ``active``.
    options : PlanOptions, optional
        The approach plan's settings.
    lens : Lens
        Plan from the stances and meetings recorded by its day (default today), with
        its half-life of observations.
    start : date, optional
        The first day meetings may fall on (default the day after the lens's day).
    per_week : int
        At most this many meetings in a calendar week.
    threshold : float
        Share of the attendees' capability projected on board before the group meeting.
    """
    inputs = campaign_inputs(uow, campaign, lens)
    since = inputs.as_of - timedelta(days=(options or PlanOptions()).recent_days)
    with uow:  # only the window the plan looks at (met_recently), not years of history
        interactions = uow.interactions.in_window(since, inputs.as_of)
        promises = uow.promises.list()
    return meeting_plan_in(
        inputs,
        interactions,
        promises,
        options,
        start=start,
        per_week=per_week,
        threshold=threshold,
    )
