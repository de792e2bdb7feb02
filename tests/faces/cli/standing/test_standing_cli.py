"""End-to-end: allies powerbase, goal, assess and report on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from allies.cli.app import app
from tests.faces.cli.invoke import Invoke

ANSWERS = "5,4,6,5,3,6,4,7,5,5,4,6,3,5,4,4,6,5"


def test_powerbase_reports_the_missing_ally_above(small_network: Invoke) -> None:
    small_network("tie", "add", "me", "trusts", "Bo Chen", "--weight", "0.9")
    small_network("log", "Bo Chen", "--on", "yesterday", "--tone", "1")
    out = small_network("powerbase").stdout
    assert "Where Dana Ruiz stands" in out
    assert "You have no ally above you" in out and "Maria Lopez" in out
    assert "By level" in out and "Sphere of influence" in out and "Burt" in out
    data = json.loads(small_network("powerbase", "-f", "json").stdout)
    assert data["me"]["name"] == "Dana Ruiz"
    assert any(f["title"] == "You have no ally above you" for f in data["findings"])
    rows = small_network("powerbase", "-f", "csv").stdout.splitlines()
    assert rows[0].startswith("id,name,title,level,unit")
    assert rows[1].split(",")[1] == "Bo Chen"  # the strongest relationship first


def test_powerbase_without_me_says_what_to_do(allies: Invoke) -> None:
    allies("person", "add", "Ann Lee")
    result = allies("powerbase", ok=False)
    assert "Nobody is marked as you" in result.output and "--me" in result.output


def test_goal_new_need_show_list_and_status(small_network: Invoke) -> None:
    small_network("person", "add", "Cy Park", "--level", "above", "--agenda", "Grow sales")
    small_network("tie", "add", "me", "trusts", "Bo Chen", "--weight", "0.9")
    for when in ("yesterday", "15 days ago", "30 days ago", "45 days ago"):
        small_network("log", "Bo Chen", "--on", when, "--tone", "1")
    small_network("tie", "add", "Bo Chen", "knows", "Cy Park", "--weight", "0.8")
    made = small_network(
        "goal",
        "new",
        "Run the pilot",
        "--target",
        "in 6 months",
        "--decision",
        "Approve the pilot=Cy Park",
    ).stdout
    assert "with 1 needs" in made
    small_network("goal", "need", "pilot", "Budget for two analysts", "--kind", "resource")
    shown = small_network("goal", "show", "pilot").stdout
    assert "Key people" in shown and "Cy Park" in shown
    assert "Bo Chen: ask for an introduction to Cy Park" in shown
    assert "find out who holds 'Budget for two analysts'" in shown
    plan = json.loads(small_network("goal", "show", "#1", "-f", "json").stdout)
    cy = next(k for k in plan["key_people"] if k["name"] == "Cy Park")
    assert cy["approach"] == "introduction" and cy["via"] == "Bo Chen"
    listed = json.loads(small_network("goal", "list", "-f", "json").stdout)
    assert listed[0]["title"] == "Run the pilot" and listed[0]["holders"] == ["Cy Park"]
    today = small_network("today").stdout
    assert "goal" in today and "introduction to Cy Park" in today
    small_network("goal", "status", "pilot", "reached")
    assert "No goals yet" in small_network("goal", "list").stdout
    assert small_network("goal", "show", "Nothing", ok=False).exit_code == 1


def test_assess_with_answers_then_history(allies: Invoke) -> None:
    first = allies("assess", "--answers", ANSWERS, "--on", "2026-01-05").stdout
    assert "Networking ability" in first and "Apparent sincerity" in first
    assert "Ferris et al. (2005)" in first
    allies("assess", "--answers", "6" * 18, "--on", "2026-04-05")
    history = allies("assess", "history", "-f", "csv").stdout.splitlines()
    assert history[0].startswith("taken_on,overall,networking")
    assert [line.split(",")[0] for line in history[1:]] == ["2026-01-05", "2026-04-05"]
    latest = json.loads(allies("assess", "show", "-f", "json").stdout)
    assert latest["previous_on"] == "2026-01-05"
    assert all(d["score"] == 6.0 for d in latest["dimensions"])
    bad = allies("assess", "--answers", "1,2,3", ok=False)
    assert "Give 18 answers" in bad.output
    assert "sincerity.means_what_is_said" in allies("assess", "questions", "-f", "csv").stdout


def test_assess_from_the_keyboard_goes_back_and_stores(tmp_path: Path) -> None:
    db = str(tmp_path / "keys.sqlite3")
    keys = "4\nb\n5\n9\n" + "5\n" * 17
    result = CliRunner().invoke(app, ["--db", db, "assess"], input=keys)
    assert result.exit_code == 0, result.output
    assert "1/18" in result.output and "18/18" in result.output
    assert "whole number from 1 to 7" in result.output
    shown = CliRunner().invoke(app, ["--db", db, "assess", "show", "-f", "json"])
    assert {d["score"] for d in json.loads(shown.stdout)["dimensions"]} == {5.0}
    stopped = CliRunner().invoke(app, ["--db", db, "assess"], input="3\nq\n")
    assert stopped.exit_code == 1 and "nothing was saved" in stopped.output
    history = CliRunner().invoke(app, ["--db", db, "assess", "history", "-f", "json"])
    assert len(json.loads(history.stdout)) == 1


def test_report_writes_one_printable_file(small_network: Invoke, tmp_path: Path) -> None:
    small_network("goal", "new", "Run the pilot", "--decision", "Approve it=Maria Lopez")
    small_network("assess", "--answers", ANSWERS)
    target = tmp_path / "stand.html"
    said = small_network("report", "--html", str(target)).stdout
    assert "Wrote" in said and "goals" in said
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html and "@media print" in html
    assert "<script" not in html and 'href="/' not in html and "/static/" not in html
    assert "Where Dana Ruiz stands" in html and "Run the pilot" in html
    assert "Political skill" in html and "<svg" in html
    folder = small_network("report", "--html", str(tmp_path), ok=False)
    assert "give a file name" in folder.output
