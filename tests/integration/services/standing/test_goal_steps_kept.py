"""The next steps of my open goals are kept for the day, and read back by the later views
of Today; a change to a goal, or another day, makes them anew. A kept view loads none of
the analyses behind it, and a kept power base reads its every relationship only when
something looks at them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from allies.domain import GoalStatus
from allies.services.agenda.today import agenda, goal_lines
from allies.services.context import Lens
from allies.services.demo.network import build_demo, load_demo
from allies.services.standing import goal_plan
from allies.services.standing.goal_plan import next_steps, next_steps_in
from allies.services.standing.goal_steps import NextStep
from allies.services.standing.goal_steps_kept import (
    GOAL_STEPS,
    decode_steps,
    encode_steps,
    kept_next_steps,
    steps_key,
)
from allies.services.standing.kept import _plain, decode, encode
from allies.services.standing.powerbase import Later, power_base, power_base_in
from allies.services.standing.snapshot import load_standing
from allies.store import SqlUnitOfWorkFactory

DAY = date(2025, 6, 30)


@pytest.fixture
def demo(store: SqlUnitOfWorkFactory) -> SqlUnitOfWorkFactory:
    """The demo workspace as on :data:`DAY` (an open goal with steps to take)."""
    load_demo(store("demo"), build_demo(seed=7, today=DAY))
    return store


def _planned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how many times the steps are worked out (not read back)."""
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> list[NextStep]:
        calls.append(1)
        return next_steps_in(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(goal_plan, "next_steps_in", counted)
    return calls


def _kept(store: SqlUnitOfWorkFactory, lens: Lens) -> bytes | None:
    with store("demo") as uow:
        return uow.analysis_cache.get(GOAL_STEPS, steps_key(uow, lens))


def test_the_steps_are_kept_and_read_back(
    demo: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    lens = Lens(DAY)
    planned = _planned(monkeypatch)
    assert _kept(demo, lens) is None
    first = kept_next_steps(demo("demo"), lens)
    assert first and planned == [1]
    assert first == next_steps_in(load_standing(demo("demo"), lens))  # the same steps
    assert decode_steps(_kept(demo, lens)) == first
    # the later views read them back: Today's goal lines, the service, the agenda
    assert kept_next_steps(demo("demo"), lens) == first
    assert next_steps(demo("demo"), lens=lens) == first
    lines = goal_lines(demo("demo"), DAY)
    assert [(i.who, i.what) for i in lines] == [(s.who, s.what) for s in first]
    goals = [i for i in agenda(demo("demo"), today=DAY, handled=True).items if i.section == "goal"]
    assert [i.who for i in goals] == [s.who for s in first]
    assert planned == [1]


def test_a_change_to_a_goal_or_another_day_makes_them_anew(
    demo: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    lens = Lens(DAY)
    planned = _planned(monkeypatch)
    kept_next_steps(demo("demo"), lens)
    tomorrow = Lens(DAY + timedelta(days=1))
    assert _kept(demo, tomorrow) is None  # another day: another key
    kept_next_steps(demo("demo"), tomorrow)
    assert len(planned) == 2 and _kept(demo, tomorrow) is not None
    with demo("demo") as uow:
        before = steps_key(uow, lens)
        goal = next(g for g in uow.goals.list() if g.status is GoalStatus.OPEN)
        goal.title = f"{goal.title} (revised)"
        uow.goals.save(goal)
        uow.commit()
    with demo("demo") as uow:
        assert steps_key(uow, lens) != before
    steps = kept_next_steps(demo("demo"), lens)
    assert len(planned) == 3
    assert steps and all(s.goal.endswith("(revised)") for s in steps)
    assert steps == next_steps_in(load_standing(demo("demo"), lens))


def test_steps_unreadable_are_worked_out_again() -> None:
    step = NextStep(1, "Director role", "reach", "Ann Lee", 2, "ask for an introduction", "why")
    assert decode_steps(encode_steps([step])) == [step]
    assert decode_steps(encode_steps([])) == []
    for bad in (None, b"not json", b"{}", b"[[1, 2]]", b"[1]"):
        assert decode_steps(bad) is None


def test_a_kept_view_loads_no_analysis(demo: SqlUnitOfWorkFactory) -> None:
    """With the power base kept, ``allies powerbase`` reads it back without NumPy, SciPy
    or the influence graph (a process of its own, as a person runs it)."""
    power_base(demo("demo"), lens=Lens(DAY))  # worked out and kept
    path = str(demo.engine.url.database)
    code = (
        "import sys\n"
        "from allies.cli.app import main\n"
        f"sys.argv = ['allies', '--db', {path!r}, '-w', 'demo', 'powerbase',"
        f" '--as-of', {DAY.isoformat()!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "heavy = ('numpy', 'scipy', 'allies.analysis.powerbase',"
        " 'allies.services.influence.graph', 'allies.services.standing.snapshot')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "COLUMNS": "100"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert " stands" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "LOADED []"


def _cli(path: str, *args: str) -> list[str]:
    """Run ``allies`` in a process of its own; what it printed, and last the modules of
    the analyses it loaded."""
    code = (
        "import sys\n"
        "from allies.cli.app import main\n"
        f"sys.argv = ['allies', '--db', {path!r}, '-w', 'demo', *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "heavy = ('scipy', 'allies.services.standing.goal_plan',"
        " 'allies.services.standing.snapshot')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "COLUMNS": "100"},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()


def test_a_later_today_reads_the_goal_steps_back(store: SqlUnitOfWorkFactory) -> None:
    today = date.today()
    load_demo(store("demo"), build_demo(seed=7, today=today))
    path = str(store.engine.url.database)
    first = _cli(path, "today", "--wait")  # the campaigns planned here, not in the background
    assert any("goal" in line for line in first)
    again = _cli(path, "today", "--wait")
    assert again[:-1] == first[:-1]  # the same agenda
    assert again[-1] == "LOADED []"  # the steps read back: nothing planned


def test_a_kept_report_reads_its_relationships_when_first_looked_at(
    demo: SqlUnitOfWorkFactory,
) -> None:
    report = power_base_in(load_standing(demo("demo"), Lens(DAY)))
    payload = encode(report)
    found = decode(payload)
    assert found is not None and isinstance(vars(found)["relationships"], Later)
    assert found.relationships == report.relationships  # read now, then kept
    assert isinstance(vars(found)["relationships"], list)
    assert found == report and decode(payload) == report
    whole = json.dumps(_plain(report)).encode()  # a report kept in one piece reads too
    assert decode(whole) == report
