"""``allies today``: numbered lines, and working through them with done, snooze, dismiss."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.faces.cli.invoke import Invoke


def _ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def _today(allies: Invoke) -> list[dict[str, object]]:
    return list(json.loads(allies("today", "-f", "json").stdout))


def test_today_numbers_its_lines_and_each_action_takes_one_off(small_network: Invoke) -> None:
    small_network("cadence", "set", "Maria", "--every", "10", "--max", "20")
    small_network("log", "Maria", "--on", _ago(30))
    small_network(
        "promise",
        "add",
        "send the cost model",
        "--to",
        "Bo Chen",
        "--due",
        "yesterday",
        "--on",
        _ago(5),
    )
    table = small_network("today").stdout
    assert "Today," in table and "#" in table
    assert 'log: allies log "Maria Lopez"' in table
    assert "allies today done N" in table and "allies today dismiss N --why TEXT" in table
    lines = _today(small_network)
    assert [line["rank"] for line in lines] == list(range(1, len(lines) + 1))
    maria = next(line for line in lines if line["who"] == "Maria Lopez")
    assert maria["section"] == "check-in" and maria["log"] == 'allies log "Maria Lopez"'
    assert str(maria["key"]).startswith("check-in:p")

    done = small_network("today", "done", str(maria["rank"])).stdout
    assert "Done: Maria Lopez" in done and "check-in with Maria Lopez logged" in done
    assert all(line["who"] != "Maria Lopez" for line in _today(small_network))

    promise = next(line for line in _today(small_network) if line["section"] == "promise")
    out = small_network("today", "snooze", str(promise["rank"]), "--until", "tomorrow").stdout
    assert "Snoozed: Bo Chen" in out and "snoozed until" in out
    assert all(line["key"] != promise["key"] for line in _today(small_network))
    week = json.loads(small_network("week", "-f", "json").stdout)
    assert all(line["key"] != promise["key"] for line in week)

    bad = small_network("today", "snooze", "1", "--until", "yesterday", ok=False)
    assert "after today" in bad.output or "no line" in bad.output


def test_dismiss_keeps_the_reason_and_a_wrong_number_says_so(small_network: Invoke) -> None:
    small_network("cadence", "set", "Maria", "--every", "10", "--max", "20")
    small_network("log", "Maria", "--on", _ago(30))
    first = _today(small_network)[0]
    out = small_network("today", "dismiss", "1", "--why", "she is on leave").stdout
    assert f"Dismissed: {first['who']}" in out
    assert all(line["key"] != first["key"] for line in _today(small_network))
    missing = small_network("today", "done", "99", ok=False)
    assert "no line 99" in missing.output and "List the agenda again" in missing.output
