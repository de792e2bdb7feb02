"""End-to-end: ties, observations, meetings, favours, promises and cadences."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.conftest import PROJECT_ROOT
from tests.faces.cli.invoke import Invoke


def test_log_a_meeting_with_two_people(small_network: Invoke) -> None:
    out = small_network(
        "log",
        "Maria, Bo Chen",
        "--kind",
        "group-meeting",
        "--on",
        "yesterday",
        "--tone",
        "1",
        "-m",
        "budget review",
    ).stdout
    assert "with 2 people" in out
    story = json.loads(small_network("person", "show", "Bo Chen", "-f", "json").stdout)
    entry = next(e for e in story["timeline"] if e["kind"] == "interaction")
    assert entry["on"] == (date.today() - timedelta(days=1)).isoformat()
    assert "Maria Lopez" in entry["text"] and "budget review" in entry["text"]


def test_tone_out_of_range_is_refused(small_network: Invoke) -> None:
    result = small_network("log", "Maria", "--tone", "5", ok=False)
    assert result.exit_code == 2  # a usage error, caught before anything is written


def test_record_observations_of_influence(small_network: Invoke) -> None:
    small_network("observe", "Bo Chen", "deferred-to", "Maria", "--context", "budget review")
    small_network("observe", "Maria", "eyes-went-to", "Bo Chen", "--on", "2 days ago")
    small_network("observe", "Bo Chen", "has-ear-of", "Maria")
    story = json.loads(small_network("person", "show", "Maria", "-f", "json").stdout)
    texts = [e["text"] for e in story["timeline"] if e["kind"] == "observation"]
    assert "Bo Chen deferred to Maria Lopez (budget review)" in texts
    assert len(texts) == 3
    bad = small_network("observe", "Bo Chen", "admired", "Maria", ok=False)
    assert "deferred_to" in bad.output


def test_ties_add_list_and_remove(small_network: Invoke) -> None:
    small_network("tie", "add", "Bo Chen", "listens_to", "Maria", "--weight", "0.8")
    small_network("tie", "add", "Maria", "trusts", "Bo Chen")
    ties = json.loads(small_network("tie", "list", "--kind", "trusts", "-f", "json").stdout)
    assert [(t["source"], t["target"]) for t in ties] == [("Maria Lopez", "Bo Chen")]
    self_tie = small_network("tie", "add", "Maria", "knows", "Maria", ok=False)
    assert "themselves" in self_tie.output
    heavy = small_network("tie", "add", "Maria", "knows", "Bo Chen", "--weight", "2", ok=False)
    assert "weight must be between 0 and 1" in heavy.output
    small_network("tie", "rm", str(ties[0]["id"]))
    assert json.loads(small_network("tie", "list", "--kind", "trusts", "-f", "json").stdout) == []


def test_promises_move_from_open_only(small_network: Invoke) -> None:
    small_network("promise", "add", "send the cost model", "--to", "Maria", "--due", "tomorrow")
    small_network(
        "promise",
        "add",
        "intro to the board",
        "--by",
        "Maria",
        "--due",
        "yesterday",
        "--on",
        "a week ago",
    )
    rows = json.loads(small_network("promise", "list", "-f", "json").stdout)
    assert [r["mine"] for r in rows] == [True, False]
    assert rows[1]["overdue"] is True
    mine = rows[0]["id"]
    small_network("promise", "done", str(mine))
    again = small_network("promise", "broken", str(mine), ok=False)
    assert "already kept" in again.output
    small_network("promise", "release", str(rows[1]["id"]))
    everything = json.loads(
        small_network("promise", "list", "--status", "all", "-f", "json").stdout
    )
    assert sorted(r["status"] for r in everything) == ["kept", "released"]


def test_favours_balance(small_network: Invoke) -> None:
    small_network("favour", "give", "Bo Chen", "reviewed his forecast", "--size", "medium")
    small_network("favour", "receive", "Bo Chen", "lent me an analyst", "--size", "large")
    balance = json.loads(small_network("favour", "list", "-f", "json").stdout)
    assert balance == [{"person": "Bo Chen", "given": 3, "received": 9, "balance": -6}]


def test_favor_is_a_hidden_alias_of_favour(small_network: Invoke) -> None:
    small_network("favor", "give", "Bo Chen", "reviewed his forecast", "--size", "medium")
    small_network("favour", "receive", "Bo Chen", "lent me an analyst", "--size", "large")
    balance = json.loads(small_network("favor", "list", "-f", "json").stdout)
    assert balance == json.loads(small_network("favour", "list", "-f", "json").stdout)
    assert balance == [{"person": "Bo Chen", "given": 3, "received": 9, "balance": -6}]
    nudges = json.loads(small_network("favor", "nudges", "-f", "json").stdout)
    assert [n["name"] for n in nudges] == ["Bo Chen"]
    assert "nudges" in small_network("favor", "--help").stdout
    listed = small_network("--help").stdout
    assert "favour" in listed and "favor " not in listed
    reference = (PROJECT_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "## `allies favour give`" in reference and "allies favor " not in reference


def test_cadences_per_person_tag_and_tier(small_network: Invoke) -> None:
    small_network("cadence", "set", "Maria", "--every", "14", "--max", "30")
    small_network("cadence", "set", "--tag", "mentor", "--every", "30")
    small_network("cadence", "set", "Maria", "--every", "7")  # replaces the first
    rows = json.loads(small_network("cadence", "list", "-f", "json").stdout)
    assert {(r["applies_to"], r["ideal_days"], r["max_days"]) for r in rows} == {
        ("Maria Lopez", 7, 14),
        ("tag:mentor", 30, 60),
    }
    both = small_network("cadence", "set", "Maria", "--tag", "x", ok=False)
    assert "exactly one" in both.output


def test_organisations_and_units(small_network: Invoke) -> None:
    small_network("org", "add", "City Council", "--kind", "partner")
    small_network("org", "unit", "add", "Treasury", "--org", "Acme", "--parent", "Finance")
    orgs = json.loads(small_network("org", "list", "-f", "json").stdout)
    acme = next(o for o in orgs if o["name"] == "Acme")
    assert acme["people"] == 2 and "Treasury" in acme["units"]
    dup = small_network("org", "add", "acme", ok=False)
    assert "exists already" in dup.output


def test_python_dash_m_and_database_info(small_network: Invoke) -> None:
    info = small_network("db", "info").stdout
    assert "revision" in info and "default" in info
    upgraded = small_network("db", "upgrade").stdout
    assert "revision" in upgraded
