"""``allies powerbase``, ``influencers``, ``today`` and ``week`` on a large network answer at
once: what is kept, saying when it was worked out, while the rest is worked out by a
process of its own; ``--wait``, JSON and CSV give the current answer."""

from __future__ import annotations

import json
from datetime import date

from allies.background import detached
from allies.services.agenda.campaign_meetings import unplanned_campaigns
from allies.store import open_store
from tests.faces.cli.background.detached_demo import WORKSPACE, Demo, demo

__all__ = ["demo"]  # the fixture

EARLIER = "before the latest changes"


def _unplanned(d: Demo) -> list[int]:
    factory = open_store(d.settings.database_url)
    try:
        return unplanned_campaigns(factory(WORKSPACE), date.today())
    finally:
        factory.engine.dispose()


def test_powerbase_after_a_change_shows_the_earlier_report_then_the_current_one(
    demo: Demo,
) -> None:
    assert "Where" in demo("powerbase", "--wait").stdout
    demo("log", "Ren Nakamura", "--summary", "Coffee", background=False)
    earlier = demo("powerbase").stdout
    assert "Where" in earlier and "worked out at" in earlier and EARLIER in earlier
    assert "allies powerbase --wait" in earlier
    assert demo.started() == 1  # the analyses asked for
    demo.wait()
    current = demo("powerbase").stdout
    assert "Where" in current and EARLIER not in current
    assert demo.started() == 1  # nothing more to ask for


def test_powerbase_with_nothing_kept_says_it_is_being_worked_out(demo: Demo) -> None:
    demo.forget()
    shown = demo("powerbase").stdout
    assert "being worked out in the background" in shown and "--wait" in shown
    assert "Where" not in shown
    assert demo.started() == 1
    demo.wait()
    assert EARLIER not in demo("powerbase").stdout


def test_powerbase_wait_and_json_give_the_current_report(demo: Demo) -> None:
    demo.forget()
    assert "Where" in demo("powerbase", "--wait").stdout
    demo("log", "Ren Nakamura", "--summary", "Coffee", background=False)
    data = json.loads(demo("powerbase", "-f", "json").stdout)
    assert data["me"]["name"]
    assert demo("powerbase", "-f", "csv").stdout.startswith("id,name")
    assert demo.started() == 0  # each worked out while the command waited


def test_influencers_show_the_earlier_ranking_while_the_current_one_is_worked_out(
    demo: Demo,
) -> None:
    demo.forget()
    assert "being worked out in the background" in demo("influencers").stdout
    demo.wait()
    assert "listens-to edges" in demo("influencers").stdout  # kept by the analyses
    demo("observe", "Ren Nakamura", "deferred-to", "Kenji Sato", background=False)
    earlier = demo("influencers", "--top", "5").stdout
    assert "worked out at" in earlier and EARLIER in earlier and "--wait" in earlier
    assert demo.started() == 2
    wanted = json.loads(demo("influencers", "-f", "json").stdout)  # waits: the current one
    demo.wait()
    shown = demo("influencers").stdout
    assert EARLIER not in shown
    assert wanted["influencers"][0]["name"] in shown


def test_influencers_other_than_the_plain_ranking_are_worked_out_while_waiting(
    demo: Demo,
) -> None:
    demo.forget()
    assert "listens-to edges" in demo("influencers", "--top", "20").stdout
    assert "Who has the ear" in demo("influencers", "--campaign", "active").stdout
    assert demo.started() == 0


def test_the_week_shows_every_other_line_while_the_campaign_meetings_are_planned(
    demo: Demo,
) -> None:
    demo.forget(analyses=False)
    shown = demo("week").stdout
    assert "Shared analytics platform are being planned" in " ".join(shown.split())
    assert "allies week --wait" in shown and "numbers of the" in shown
    assert demo.started() == 1
    demo.wait()
    assert _unplanned(demo) == []
    planned = demo("week").stdout
    assert "being planned" not in planned
    assert planned.count("│ campaign") > shown.count("│ campaign")  # the meetings come in


def test_the_agenda_as_json_or_with_wait_plans_the_campaign_meetings_first(demo: Demo) -> None:
    demo.forget(analyses=False)
    rows = json.loads(demo("week", "-f", "json").stdout)
    assert any(r["section"] == "campaign" for r in rows)
    demo.forget(analyses=False)
    assert "being planned" not in demo("week", "--wait").stdout
    assert demo.started() == 0 and _unplanned(demo) == []


def test_a_number_is_the_line_that_was_shown_or_none(demo: Demo) -> None:
    demo.forget(analyses=False)
    shown = demo("today").stdout
    assert "being planned" in shown
    demo.wait()
    assert _unplanned(demo) == []
    path = next(demo.data.glob("allies/background/today-shown-*.json"))
    seen = json.loads(path.read_text())
    seen["keys"][0] = "someone-else"  # as if line 1 had been another one
    path.write_text(json.dumps(seen))
    refused = demo("today", "done", "1", ok=False).output
    assert "not the line you saw" in refused and "allies today" in refused
    demo("today")  # shown whole: the numbers are those of the agenda again
    assert not path.exists()
    assert "Done:" in demo("today", "done", "1").stdout


def test_a_number_waits_for_the_days_plans_before_it_is_read(demo: Demo) -> None:
    demo.forget(analyses=False)
    before = json.loads(demo("today", "-f", "json").stdout)  # plans them
    demo.forget(analyses=False)
    assert _unplanned(demo) != []
    done = demo("today", "done", "1").stdout
    assert before[0]["who"] in done
    assert _unplanned(demo) == []


def test_a_member_or_a_small_network_waits(demo: Demo) -> None:
    demo.monkeypatch.setattr("allies.cli.kept_views.INLINE_UP_TO", 500)
    demo.forget()
    assert "Where" in demo("powerbase").stdout
    assert "being planned" not in demo("week").stdout
    assert demo.started() == 0
    assert detached.available(demo.settings)
