"""Relationship health per person: the score, its parts, its trend, and who is cooling.

The formulas live in :mod:`allies.analysis.health`; this module turns stored interactions,
favours and promises into the arrays it needs. Each person is measured against the
cadence that applies to them (see :mod:`allies.services.keep.checkins`): recency halves every
maximum gap, full frequency means meeting every ideal gap. A part without evidence, and
a relationship without any, has no value (``None``): the faces show it as "not enough
evidence" (:data:`allies.analysis.health.NOT_ENOUGH_EVIDENCE`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from allies.analysis.health import NOT_ENOUGH_EVIDENCE as NOT_ENOUGH_EVIDENCE
from allies.analysis.health import (
    Evidence,
    HealthParams,
    HealthScore,
    cooling,
    health_at,
)
from allies.analysis.health_batch import scores_at
from allies.analysis.health_columns import Ledger, RelationshipColumns
from allies.domain import Person, PromiseStatus
from allies.errors import InvalidInput
from allies.services.keep.checkins import CadenceBook, ResolvedCadence
from allies.services.keep.health_board import (
    COOLING_DROP,
    COOLING_WINDOW,
    FAVOUR_UNITS,
    TREND_DAYS,
    health_rows,
)
from allies.services.keep.health_board import HealthRow as HealthRow
from allies.services.keep.snapshot import Snapshot, nobody_is_me
from allies.services.network.lookup import resolve_person
from allies.services.ports import UnitOfWork

#: People in these tiers are the key people the daily agenda watches for cooling.
KEY_TIERS = ("inner", "key")
#: What a promise kept or broken counts for reliability (see :func:`credit_of`).
_CREDIT = {PromiseStatus.KEPT: 1.0, PromiseStatus.BROKEN: 0.0}


def credit_of(status: PromiseStatus, late_credit: float) -> float:
    """What a settled promise counts for reliability (``nan`` while open or released)."""
    if status is PromiseStatus.LATE:
        return late_credit
    return _CREDIT.get(status, float("nan"))


def relationship_columns(
    snapshot: Snapshot,
    params: HealthParams | None = None,
    *,
    people: Collection[int] | None = None,
) -> RelationshipColumns:
    """The evidence of my relationships (with everyone, or with ``people`` only) as
    columns: interactions, favours and the promises between us (released ones left
    out), by person."""
    p = params or HealthParams()
    contacts = snapshot.contact_days(people)
    favours = snapshot.favour_days(people)
    promised = snapshot.promises_with()
    me_id = snapshot.me_id
    nan = float("nan")
    rows = [
        (
            pid,
            c.made_on.toordinal(),
            nan if c.due_on is None else c.due_on.toordinal(),
            nan if c.resolved_on is None else c.resolved_on.toordinal(),
            credit_of(c.status, p.late_credit),
            1.0 if c.promiser_id == me_id else 0.0,
        )
        for pid, promises in promised.items()
        if people is None or pid in people
        for c in promises
        if c.status is not PromiseStatus.RELEASED
    ]
    promise_columns = list(zip(*rows, strict=True)) if rows else [()] * 6
    return RelationshipColumns(
        contacts=Ledger.build(contacts.person_id, [contacts.day, contacts.value]),
        favours=Ledger.build(favours.person_id, [favours.day, favours.value]),
        promises=Ledger.build(promise_columns[0], promise_columns[1:], stable=True),
    )


@dataclass(frozen=True)
class PartRow:
    """One part of a score, for display: value and points out of 100 (``value`` is
    ``None`` without evidence, and then the weight and points are 0)."""

    part: str
    value: int | None
    weight: int
    points: float
    why: str


@dataclass(frozen=True)
class TrendPoint:
    """The score on a past day (``None``: not enough evidence then)."""

    on: date
    score: int | None


@dataclass(frozen=True)
class HealthReport:
    """One relationship's health: the score (``None``: not enough evidence), why, how it
    moved, and whether it is cooling."""

    person_id: int
    name: str
    tier: str
    score: int | None
    cadence: str
    last_contact: date | None
    parts: list[PartRow]
    trend: list[TrendPoint]
    cooling: bool
    cooling_reasons: list[str]


def _rounded(score: float | None) -> int | None:
    return None if score is None else round(score)


def _report(
    person: Person,
    cadence: ResolvedCadence,
    evidence: Evidence,
    today: date,
    params: HealthParams,
) -> HealthReport:
    days = [today - timedelta(days=back) for back in TREND_DAYS]
    scores: list[HealthScore] = [
        health_at(
            evidence,
            d.toordinal(),
            ideal_gap=cadence.ideal_days,
            max_gap=cadence.max_days,
            params=params,
        )
        for d in days
    ]
    now = scores[-1]
    window = [
        np.nan if s.score is None else s.score
        for d, s in zip(days, scores, strict=True)
        if (today - d).days <= COOLING_WINDOW
    ]
    verdict = cooling(
        window, COOLING_WINDOW, gap=now.gap, max_gap=cadence.max_days, drop_threshold=COOLING_DROP
    )
    last = evidence.last_contact(today.toordinal())
    return HealthReport(
        person_id=person.id or 0,
        name=person.name,
        tier=person.tier.value if person.tier else "",
        score=_rounded(now.score),
        cadence=cadence.label,
        last_contact=date.fromordinal(last) if last is not None else None,
        parts=[
            PartRow(
                p.name,
                None if p.value is None else round(100 * p.value),
                round(100 * p.weight),
                round(p.points, 1),
                p.detail,
            )
            for p in now.parts
        ],
        trend=[TrendPoint(d, _rounded(s.score)) for d, s in zip(days, scores, strict=True)],
        cooling=verdict.cooling,
        cooling_reasons=list(verdict.reasons),
    )


def reports(
    snapshot: Snapshot,
    today: date,
    params: HealthParams | None = None,
    *,
    people: Sequence[Person] | None = None,
    columns: RelationshipColumns | None = None,
) -> list[HealthReport]:
    """The health of every relationship of mine (everyone but me, or only ``people``), in
    name order; ``columns`` is their evidence when already made (see
    :func:`relationship_columns`)."""
    p = params or HealthParams()
    book = CadenceBook(snapshot.cadences)
    chosen = snapshot.others() if people is None else people
    if columns is None:
        wanted = None if people is None else {person.id or 0 for person in people}
        columns = relationship_columns(snapshot, p, people=wanted)
    out = []
    for person in sorted(chosen, key=lambda x: x.name.casefold()):
        evidence = columns.evidence(person.id or 0)
        out.append(_report(person, book.resolve(person), evidence, today, p))
    return out


def report_of(
    snapshot: Snapshot, person: Person, today: date, params: HealthParams | None = None
) -> HealthReport:
    """The health of my relationship with one person of the snapshot."""
    p = params or HealthParams()
    pid = person.id or 0
    evidence = relationship_columns(snapshot, p, people={pid}).evidence(pid)
    return _report(person, CadenceBook(snapshot.cadences).resolve(person), evidence, today, p)


def row_of(report: HealthReport) -> HealthRow:
    """The line of the health list of one report (the words of :func:`reports`)."""
    part = {p.part: p.value for p in report.parts}
    known = [p for p in report.parts if p.value is not None]
    if report.cooling:
        why = "; ".join(report.cooling_reasons)
    elif not known or report.score is None:
        why = NOT_ENOUGH_EVIDENCE
    else:
        weakest = min(known, key=lambda p: (p.value or 0) * (p.weight or 1))
        unknown = [p.part for p in report.parts if p.value is None]
        why = f"weakest: {weakest.part}" + (
            f"; {NOT_ENOUGH_EVIDENCE} for {', '.join(unknown)}" if unknown else ""
        )
    return HealthRow(
        person_id=report.person_id,
        name=report.name,
        tier=report.tier,
        score=report.score,
        recency=part["recency"],
        frequency=part["frequency"],
        reciprocity=part["reciprocity"],
        reliability=part["reliability"],
        tone=part["tone"],
        trend=" → ".join("–" if t.score is None else str(t.score) for t in report.trend),
        cooling=report.cooling,
        why=why,
    )


def health_list(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    top: int | None = None,
    cooling_only: bool = False,
    weakest_first: bool = False,
    params: HealthParams | None = None,
) -> list[HealthRow]:
    """Every relationship's score, strongest first (or weakest first), optionally only
    those cooling and only the first ``top``; those with not enough evidence for a score
    come last either way. From sums the database adds up
    (:mod:`allies.services.keep.health_board`, which also gives a page at a time)."""
    return health_rows(
        uow,
        today=today,
        top=top,
        cooling_only=cooling_only,
        weakest_first=weakest_first,
        params=params,
    )


def person_health(
    uow: UnitOfWork,
    person: str,
    *,
    today: date | None = None,
    params: HealthParams | None = None,
) -> HealthReport:
    """One relationship's health, with each part explained and the trend.

    Reads only this relationship's interactions, favours and promises (and me, and the
    cadences), not the workspace's."""
    with uow:
        me = uow.people.me()
        if me is None or me.id is None:
            raise nobody_is_me()
        someone = resolve_person(uow, person)
        if someone.id == me.id:
            raise InvalidInput(
                "Health measures your relationships with others, not with yourself.",
                field="person",
            )
        pid = someone.id or 0
        snapshot = Snapshot(
            people=[me, someone],
            organisations=[],
            interactions=[],
            favours=[],
            promises=uow.promises.between(me.id, [pid]),
            cadences=uow.cadences.list(),
            alliances=[],
            contact_columns=uow.interactions.contact_days([pid]),
            favour_columns=uow.favours.favour_days([pid], FAVOUR_UNITS),
        )
    return report_of(snapshot, someone, today or date.today(), params)


def _maybe_cooling(
    snapshot: Snapshot,
    people: list[Person],
    today: date,
    params: HealthParams,
    columns: RelationshipColumns,
) -> list[Person]:
    """Those of ``people`` whose relationship may be cooling, found from their scores
    alone (:mod:`allies.analysis.health_batch`): a little more than cooling, never less,
    so that the full reports decide."""
    if not people:
        return []
    book = CadenceBook(snapshot.cadences)
    cadences = [book.resolve(p) for p in people]
    batch = columns.batch([p.id or 0 for p in people])
    ideal = [c.ideal_days for c in cadences]
    longest = np.array([c.max_days for c in cadences], dtype=np.float64)
    window = [
        scores_at(
            batch,
            (today - timedelta(days=back)).toordinal(),
            ideal_gaps=ideal,
            max_gaps=longest,
            params=params,
        )
        for back in TREND_DAYS
        if back <= COOLING_WINDOW
    ]
    now = window[-1]
    stacked = np.array([w.scores for w in window])
    scored = ~np.isnan(stacked)
    # Days without a score are left out of the highest; no score today means no drop.
    highest = np.max(np.where(scored, stacked, -np.inf), axis=0)
    drop = np.where(np.isnan(now.scores) | ~np.isfinite(highest), 0.0, highest - now.scores)
    met = ~np.isnan(now.gaps)
    lapsed = met & (np.where(met, now.gaps, 0.0) > longest)
    maybe = met & ((drop >= COOLING_DROP - 1e-6) | lapsed)
    return [p for p, flagged in zip(people, maybe, strict=True) if flagged]


def cooling_key_people(snapshot: Snapshot, today: date) -> list[HealthReport]:
    """Cooling relationships with people in the inner circle or key tier, worst first."""
    params = HealthParams()
    watched = [p for p in snapshot.others() if p.tier is not None and p.tier.value in KEY_TIERS]
    columns = relationship_columns(snapshot, params, people={p.id or 0 for p in watched})
    maybe = _maybe_cooling(snapshot, watched, today, params, columns)
    found = reports(snapshot, today, params, people=maybe, columns=columns)
    key = [r for r in found if r.cooling]
    return sorted(key, key=lambda r: (KEY_TIERS.index(r.tier), r.score or 0, r.name))


def health_shares(snapshot: Snapshot, today: date) -> dict[int, float]:
    """The health of each of my relationships as a share (0-1), by person id, for the
    people with enough evidence for a score (:mod:`allies.analysis.health_batch`); the
    others are left out rather than given a score made of priors."""
    params = HealthParams()
    people = snapshot.others()
    if snapshot.me_id is None or not people:
        return {}
    book = CadenceBook(snapshot.cadences)
    cadences = [book.resolve(p) for p in people]
    ids = [p.id or 0 for p in people]
    columns = relationship_columns(snapshot, params, people=set(ids))
    found = scores_at(
        columns.batch(ids),
        today.toordinal(),
        ideal_gaps=[c.ideal_days for c in cadences],
        max_gaps=[c.max_days for c in cadences],
        params=params,
    )
    return {
        pid: float(score) / 100.0
        for pid, score in zip(ids, found.scores, strict=True)
        if not np.isnan(score)
    }
