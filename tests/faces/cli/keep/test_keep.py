"""End-to-end: health, check-ins, reliability, nudges, alliances, today and program."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from typer.testing import CliRunner

from allies.cli.app import app
from tests.faces.cli.invoke import Invoke


def _ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def _seen(allies: Invoke, who: str, days: int, tone: int = 0) -> None:
    allies("log", who, "--on", _ago(days), "--tone", str(tone))


def test_health_list_and_one_person_explained(small_network: Invoke) -> None:
    small_network("person", "edit", "Maria", "--tier", "key")
    small_network("cadence", "set", "--tier", "key", "--every", "30", "--max", "60")
    for days in (200, 170, 140):
        _seen(small_network, "Maria", days, 1)
    _seen(small_network, "Bo Chen", 3, 2)
    rows = json.loads(small_network("health", "-f", "json").stdout)
    assert rows[0]["name"] == "Bo Chen"
    maria = next(r for r in rows if r["name"] == "Maria Lopez")
    assert maria["cooling"] and "past the maximum gap" in maria["why"]
    cooling = json.loads(small_network("health", "--cooling", "-f", "json").stdout)
    assert "Maria Lopez" in [r["name"] for r in cooling]
    top = json.loads(small_network("health", "--top", "1", "-f", "json").stdout)
    assert len(top) == 1
    out = small_network("health", "Maria").stdout
    assert "Maria Lopez" in out and "recency" in out and "Trend:" in out and "Cooling:" in out
    report = json.loads(small_network("health", "Maria", "-f", "json").stdout)
    assert report["parts"][0]["part"] == "recency"
    assert len(report["trend"]) == 4


def test_health_table_shows_fifty_unless_all(small_network: Invoke) -> None:
    for i in range(52):
        small_network("person", "add", f"Extra Person {i}")
    table = small_network("health").stdout
    assert "Showing the first 50 of" in table and "--all" in table
    everything = small_network("health", "--all").stdout
    assert "Showing the first" not in everything
    rows = json.loads(small_network("health", "-f", "json").stdout)
    assert len(rows) > 50


def test_checkins_overdue_and_snooze(small_network: Invoke) -> None:
    small_network("cadence", "set", "--tier", "key", "--every", "30", "--max", "60")
    small_network("person", "edit", "Maria", "--tier", "key")
    _seen(small_network, "Maria", 100)
    rows = json.loads(small_network("checkins", "--overdue", "-f", "json").stdout)
    assert [(r["who"], r["status"]) for r in rows] == [("Maria Lopez", "overdue")]
    out = small_network("cadence", "snooze", "Maria", "--until", "in 2 weeks").stdout
    assert "snoozed until" in out
    assert json.loads(small_network("checkins", "-f", "json").stdout) == []
    snoozed = json.loads(small_network("checkins", "--snoozed", "-f", "json").stdout)
    assert snoozed[0]["status"] == "snoozed"
    bad = small_network("cadence", "snooze", "Bo Lindqvist", "--until", "tomorrow", ok=False)
    assert "No check-in cadence applies" in bad.output


def test_promises_reliability_and_favour_nudges(small_network: Invoke) -> None:
    for n in range(2):
        small_network("promise", "add", f"task {n}", "--to", "Maria", "--on", _ago(10))
        small_network("promise", "kept", str(n + 1))
    small_network("promise", "add", "report", "--by", "Bo Chen", "--due", _ago(2), "--on", _ago(9))
    small_network("promise", "add", "slides", "--to", "Bo Chen", "--due", "tomorrow")
    rows = json.loads(small_network("reliability", "-f", "json").stdout)
    mine = rows[0]
    assert (mine["who"], mine["kept"], mine["reliability"]) == ("me", 2, 80)
    due = json.loads(small_network("promise", "due", "-f", "json").stdout)
    assert [d["description"] for d in due] == ["slides", "report"]  # mine first
    small_network("promise", "late", "3")
    listed = json.loads(small_network("promise", "list", "--status", "late", "-f", "json").stdout)
    assert [p["description"] for p in listed] == ["report"]
    small_network("person", "edit", "Bo Chen", "--values", "Credit in front of his boss")
    small_network("favour", "receive", "Bo Chen", "covered my on-call", "--size", "medium")
    nudges = json.loads(small_network("favour", "nudges", "-f", "json").stdout)
    assert (
        nudges[0]["name"] == "Bo Chen" and "Credit in front of his boss" in nudges[0]["suggestion"]
    )


def test_alliance_life_cycle(small_network: Invoke) -> None:
    out = small_network(
        "alliance",
        "new",
        "Budget reform",
        "--partner",
        "Maria",
        "--org",
        "Acme",
        "--goal",
        "Zero-based budget",
    ).stdout
    assert "is forming, with 2 partners" in out
    small_network("alliance", "partner", "budget", "--person", "Bo Chen", "--role", "analysis")
    small_network("alliance", "goal", "budget", "Quarterly forecast")
    small_network("alliance", "agreement", "budget", "--agreed", "one model", "--written", "wiki")
    small_network("alliance", "cadence", "budget", "--every", "14")
    small_network("alliance", "status", "budget", "active")
    small_network(
        "alliance", "duty", "budget", "Draft the model", "--who", "Bo Chen", "--due", "in 3 days"
    )
    small_network("alliance", "done", "budget", "1")
    small_network("alliance", "milestone", "budget", "Model approved")
    small_network("alliance", "reached", "budget", "1", "--on", "yesterday")
    today = json.loads(small_network("today", "-f", "json").stdout)
    party = [i for i in today if i["section"] == "celebrate"]
    assert party and party[0]["why"].endswith("not celebrated yet")
    small_network("alliance", "celebrate", "budget", "1")
    small_network("alliance", "conflict", "budget", "Who presents", "--notes", "both want to")
    small_network("alliance", "discussed", "budget", "1", "--note", "talked")
    small_network("alliance", "resolved", "budget", "1", "--note", "take turns")
    shown = json.loads(small_network("alliance", "show", "budget", "-f", "json").stdout)
    assert shown["status"] == "active" and len(shown["partners"]) == 3
    assert shown["goals"] == ["Zero-based budget", "Quarterly forecast"]
    assert shown["conflicts"][0]["status"] == "resolved"
    assert shown["milestones"][0]["celebrated_on"] == date.today().isoformat()
    assert shown["check_ins"] == "every 14 days, at most 28"
    table = small_network("alliance", "show", "budget").stdout
    assert "Partners" in table and "Health" in table
    health = small_network("alliance", "health", "budget").stdout
    assert "agreement" in health and "2 of 4 parts" in health
    listed = json.loads(small_network("alliance", "list", "-f", "json").stdout)
    assert listed[0]["name"] == "Budget reform" and listed[0]["status"] == "active"
    bad = small_network("alliance", "status", "budget", "forming", ok=False)
    assert "cannot become forming" in bad.output


def test_today_and_week_give_reasons(small_network: Invoke) -> None:
    small_network("cadence", "set", "Maria", "--every", "10", "--max", "20")
    _seen(small_network, "Maria", 30)
    small_network("promise", "add", "send the cost model", "--to", "Bo Chen", "--due", "in 3 days")
    today = small_network("today").stdout
    assert "Today," in today and "Maria Lopez" in today and "maximum gap is 20" in today
    assert "send the cost model" not in today
    week = json.loads(small_network("week", "-f", "json").stdout)
    assert [i["section"] for i in week][:2] == ["check-in", "promise"]
    assert week[1]["why"] == "my promise to Bo Chen, due in 3 days"
    assert "This week" in small_network("week").stdout


def test_program_with_answers_and_with_prompts(small_network: Invoke, tmp_path: Path) -> None:
    out = small_network(
        "program", "--day", "1", "-a", "cause=Zero-based budget", "-a", "why=waste"
    ).stdout
    assert "goal #1: Zero-based budget" in out and "allies program --day 2" in out
    db = tmp_path / "allies.sqlite3"  # the file the `allies` fixture uses
    prompted = (
        CliRunner()
        .invoke(app, ["--db", str(db), "program"], input="Maria, Gus Hale\nAcme\nmodelling\n\n")
        .stdout
    )
    assert "Day 2: Who is good at it" in prompted
    assert "added Gus Hale to your network" in prompted and "partner: Acme" in prompted
    status = json.loads(small_network("program", "--status", "-f", "json").stdout)
    assert [s["done"] for s in status] == [True, True, False, False, False]
    bad = small_network("program", "--day", "3", "-a", "nonsense", ok=False)
    assert "KEY=VALUE" in bad.output
