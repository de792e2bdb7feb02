"""The power base read from the database's sums (issue 22) is the report made from every
record read as an object: on the demo workspace and on a larger seeded one, on SQLite and
PostgreSQL, on several days."""

from __future__ import annotations

import random
from datetime import date, timedelta

from allies.background.scheduler import run_tick
from allies.background.tasks import get
from allies.config import Settings
from allies.domain import (
    Cadence,
    Campaign,
    CampaignIssue,
    Favour,
    Interaction,
    InteractionKind,
    Person,
    Promise,
    Stance,
    Tie,
    TieKind,
    Unit,
)
from allies.services.context import Lens
from allies.services.demo.network import build_demo, load_demo
from allies.services.standing.kept import (
    POWER_BASE,
    decode,
    encode,
    power_base_key,
    refresh_power_base,
)
from allies.services.standing.powerbase import power_base, power_base_in
from allies.services.standing.report import standing_report_in
from allies.services.standing.snapshot import load_standing, load_standing_in_full
from allies.store import SqlUnitOfWorkFactory

DAY = date(2025, 6, 30)


def _same_report(store: SqlUnitOfWorkFactory, workspace: str, day: date) -> None:
    lens = Lens(day)
    fast = load_standing(store(workspace), lens)
    full = load_standing_in_full(store(workspace), lens)
    assert fast.tallied is not None and full.tallied is None  # the two readings differ
    report = power_base_in(full)
    assert power_base_in(fast) == report
    assert standing_report_in(fast) == standing_report_in(full)
    assert decode(encode(report)) == report  # as kept between views
    assert power_base(store(workspace), lens=lens) == report  # worked out, then kept
    assert power_base(store(workspace), lens=lens) == report  # read back


def test_the_demo_power_base_is_that_of_every_record(store: SqlUnitOfWorkFactory) -> None:
    load_demo(store("demo"), build_demo(seed=7, today=DAY))
    for day in (DAY, DAY - timedelta(days=45), DAY + timedelta(days=100)):
        _same_report(store, "demo", day)


def _seed(store: SqlUnitOfWorkFactory, rng: random.Random) -> None:
    """A few hundred people in units, with ties, meetings, favours, promises, cadences and
    a campaign with deciders and stances."""
    levels = [None, "above", "peer", "below", "external"]
    tiers = [None, "inner", "key", "network"]
    with store("seeded") as uow:
        units = [uow.units.add(Unit(name=f"Unit {k}")) for k in range(6)]
        me = uow.people.add(Person("Me Myself", is_me=True, unit_id=units[0].id))
        people = [
            uow.people.add(
                Person(
                    f"Pérson {i} Ñame",
                    title=rng.choice(["Director", "Manager", "Analyst"]),
                    level=rng.choice(levels),  # type: ignore[arg-type]
                    tier=rng.choice(tiers),  # type: ignore[arg-type]
                    tags=rng.sample(["board", "press", "donor"], rng.randint(0, 2)),
                    unit_id=rng.choice(units).id,
                )
            )
            for i in range(240)
        ]
        ids = [p.id or 0 for p in people]
        everyone = [me.id or 0, *ids]
        kinds = list(TieKind)
        for _ in range(900):
            a, b = rng.sample(everyone, 2)
            uow.ties.add(Tie(a, b, rng.choice(kinds), weight=round(rng.uniform(0.1, 1.0), 2)))
        for other in rng.sample(ids, 25):
            uow.ties.add(Tie(me.id or 0, other, rng.choice(kinds), weight=0.8))
        uow.cadences.add(Cadence(14, 30, tier="inner"))
        uow.cadences.add(Cadence(30, 60, tier="key"))
        uow.cadences.add(Cadence(20, 45, tag="press"))
        uow.cadences.add(Cadence(7, 14, person_id=ids[3]))
        for _ in range(1500):
            uow.interactions.add(
                Interaction(
                    occurred_on=DAY - timedelta(rng.randint(-20, 700)),
                    kind=InteractionKind.CALL,
                    participant_ids=rng.sample(ids[:120], rng.randint(1, 3)),
                    tone=rng.randint(-2, 2),
                    summary="talk",
                )
            )
        for _ in range(60):
            uow.favours.add(
                Favour(
                    rng.choice(ids),
                    rng.choice(["given", "received"]),  # type: ignore[arg-type]
                    "help",
                    DAY - timedelta(rng.randint(-10, 500)),
                    rng.choice(["small", "medium", "large"]),  # type: ignore[arg-type]
                )
            )
        for _ in range(40):
            other = rng.choice(ids)
            made = DAY - timedelta(rng.randint(-5, 400))
            status = rng.choice(["open", "kept", "late", "broken", "released"])
            due = made + timedelta(rng.randint(0, 90)) if rng.random() < 0.7 else None
            resolved = None if status == "open" else made + timedelta(rng.randint(0, 120))
            mine = rng.random() < 0.5
            uow.promises.add(
                Promise(
                    me.id if mine else other,  # type: ignore[arg-type]
                    other if mine else me.id,  # type: ignore[arg-type]
                    "something",
                    made,
                    due,
                    status,  # type: ignore[arg-type]
                    resolved,
                )
            )
        campaign = uow.campaigns.add(
            Campaign(
                name="Budget",
                issues=[CampaignIssue(name="Budget", desired_position=100.0)],
                decider_ids=ids[:4],
                decision_on=DAY + timedelta(days=60),
            )
        )
        issue = campaign.issues[0].id or 0
        for who in rng.sample(ids, 30):
            uow.stances.add(
                Stance(
                    person_id=who,
                    issue_id=issue,
                    position=float(rng.randint(0, 100)),
                    recorded_on=DAY - timedelta(days=rng.randint(0, 200)),
                )
            )
        uow.commit()


def test_a_seeded_power_base_is_that_of_every_record(store: SqlUnitOfWorkFactory) -> None:
    _seed(store, random.Random(22))
    for day in (DAY, DAY - timedelta(days=61)):
        _same_report(store, "seeded", day)


def test_the_kept_report_follows_the_records(store: SqlUnitOfWorkFactory) -> None:
    load_demo(store("demo"), build_demo(seed=7, today=DAY))
    lens = Lens(DAY)
    first = power_base(store("demo"), lens=lens)
    with store("demo") as uow:
        assert uow.analysis_cache.newest(POWER_BASE)  # kept
        someone = next(p for p in uow.people.list() if not p.is_me)
        uow.interactions.add(
            Interaction(
                occurred_on=DAY, kind=InteractionKind.CALL, participant_ids=[someone.id or 0]
            )
        )
        uow.commit()
    again = power_base(store("demo"), lens=lens)
    assert again == power_base_in(load_standing_in_full(store("demo"), lens))
    assert again != first  # a new meeting changes the report, not an old one read back
    assert decode(b"not json") is None and decode(b"[1, 2]") is None


def test_the_periodic_task_works_out_the_power_base(store: SqlUnitOfWorkFactory) -> None:
    load_demo(store("demo"), build_demo(seed=7, today=date.today()))
    url = store.engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, workspace="demo")
    assert run_tick(settings, get("analyses")) >= 1
    with store("demo") as uow:
        kept = decode(uow.analysis_cache.get(POWER_BASE, power_base_key(uow, settings.lens)))
    assert kept == power_base_in(load_standing_in_full(store("demo"), settings.lens))
    assert refresh_power_base(store("demo"), settings.lens) is False  # nothing to do
    assert refresh_power_base(store("empty"), settings.lens) is False  # nobody is me
