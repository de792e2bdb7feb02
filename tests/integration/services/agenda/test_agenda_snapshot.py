"""The agenda read from the targeted snapshot is the agenda read from everything.

:func:`allies.services.agenda.snapshot.load_agenda_snapshot` reads only what can reach
the agenda; these tests build both agendas, on the demo network and on networks made to
sit on the edges (due exactly at the horizon, favours owed below and above the threshold,
promises between others, people of allied organisations), over a run of days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from allies.services.agenda.snapshot import load_agenda_snapshot
from allies.services.agenda.today import Agenda, build_agenda
from allies.services.alliances import manage as al
from allies.services.demo.network import build_demo, load_demo
from allies.services.keep import log as routine
from allies.services.keep.health import KEY_TIERS, cooling_key_people, reports
from allies.services.keep.snapshot import load_snapshot
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago, meet


def _both(f: UnitOfWorkFactory, today: date, days: int) -> tuple[Agenda, Agenda]:
    end = today + timedelta(days=days - 1)
    return (
        build_agenda(load_snapshot(f()), today, days),
        build_agenda(load_agenda_snapshot(f(), today, end), today, days),
    )


@pytest.mark.parametrize("days", [1, 7])
def test_the_demo_agenda_is_the_same_from_either_snapshot(
    factory: UnitOfWorkFactory, days: int
) -> None:
    today = date(2026, 11, 21)
    load_demo(factory("demo"), build_demo(seed=7, today=today))
    for shift in (-30, -7, 0, 1, 13, 45):
        everything, targeted = _both(lambda: factory("demo"), today + timedelta(days=shift), days)
        assert targeted.items == everything.items
        assert everything.items  # the demo always has something to do


@pytest.mark.parametrize("days", [1, 7])
def test_edges_give_the_same_agenda(network: UnitOfWorkFactory, days: int) -> None:
    add_person(network(), "Eve Ng", organisation="Partner Co")
    add_person(network(), "Fay Obi", organisation="Partner Co", tier="key")
    add_person(network(), "Gus Tan", tags="mentor")
    add_person(network(), "Hal Roe")
    al.create_alliance(network(), "Pilot", organisations=["Partner Co"])
    routine.set_cadence(network(), ideal_days=7, max_days=21, person="Hal Roe")
    routine.set_cadence(network(), ideal_days=60, max_days=120, tier="network")
    meet(network, "Hal Roe", 5)  # own cadence 7/21: due in 2 days
    meet(network, "Cy Park", 58)  # network 60/120: due in 2 days
    meet(network, "Ann Lee", 30)  # key 30/60: due exactly today
    meet(network, "Bo Chen", 8)  # inner 14/28: due in 6 days
    meet(network, "Gus Tan", 44)  # mentor 45/90: due tomorrow
    meet(network, "Eve Ng", 200, tone=-2)
    meet(network, "Fay Obi", 3, tone=2)
    meet(network, "Fay Obi", 90, tone=-1)
    routine.record_favour(network(), "Di Moss", "received", "covered for me", size="medium")
    routine.record_favour(network(), "Hal Roe", "received", "a lift", size="small")
    routine.record_favour(network(), "Hal Roe", "received", "an intro", size="small")
    routine.record_favour(network(), "Cy Park", "given", "a reference", size="large")
    routine.record_favour(network(), "Cy Park", "received", "a lunch", size="medium")
    routine.make_promise(network(), "the figures", to="Ann Lee", due=ago(-7), made_on=ago(20))
    routine.make_promise(network(), "a call", by="Fay Obi", due=ago(3), made_on=ago(20))
    routine.make_promise(network(), "the memo", by="Eve Ng", due=ago(-1), made_on=ago(9))
    routine.make_promise(network(), "an intro", to="Hal Roe", due=ago(-40), made_on=ago(2))
    for shift in range(-3, 10):
        everything, targeted = _both(network, TODAY + timedelta(days=shift), days)
        assert targeted.items == everything.items, shift


def test_cooling_screened_by_scores_is_cooling_computed_in_full(
    factory: UnitOfWorkFactory,
) -> None:
    today = date(2026, 11, 21)
    load_demo(factory("demo"), build_demo(seed=7, today=today))
    snapshot = load_snapshot(factory("demo"))
    found_any = False
    for shift in range(-120, 121, 15):
        day = today + timedelta(days=shift)
        key = [p for p in snapshot.others() if p.tier and p.tier.value in KEY_TIERS]
        full = [r for r in reports(snapshot, day, people=key) if r.cooling]
        expected = sorted(full, key=lambda r: (KEY_TIERS.index(r.tier), r.score, r.name))
        assert cooling_key_people(snapshot, day) == expected, day
        found_any = found_any or bool(expected)
    assert found_any  # the days cover some cooling
