"""``allies influencers``, ``brokers``, ``path``, ``confidants``, ``communities``, ``why``."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from tests.faces.cli.invoke import Invoke

DAY = date(2026, 3, 2)


@pytest.fixture
def team(allies: Invoke) -> Invoke:
    """A boss, a quiet analyst the boss defers to, me and two colleagues."""
    allies("person", "add", "Dana Ruiz", "--me")
    allies("person", "add", "Maria Lopez", "--title", "Chief Executive")
    allies("person", "add", "Quinn Park", "--title", "Analyst")
    allies("person", "add", "Ann Lee")
    allies("person", "add", "Bo Chen")
    for who in ("Ann Lee", "Bo Chen"):
        allies("tie", "add", who, "reports_to", "Maria Lopez", "--weight", "1")
    allies("tie", "add", "Dana Ruiz", "knows", "Ann Lee", "--weight", "0.9")
    allies("tie", "add", "Ann Lee", "works_with", "Quinn Park", "--weight", "0.9")
    allies("tie", "add", "Dana Ruiz", "knows", "Quinn Park", "--weight", "0.3")
    allies("tie", "add", "Maria Lopez", "trusts", "Ann Lee", "--weight", "0.8")
    old = (DAY - timedelta(days=182)).isoformat()
    allies("observe", "Maria Lopez", "deferred-to", "Quinn Park", "--on", old, "--context", "board")
    allies("observe", "Bo Chen", "deferred-to", "Quinn Park", "--on", DAY.isoformat())
    allies("observe", "Ann Lee", "sought-advice-from", "Quinn Park", "--on", DAY.isoformat())
    return allies


def test_influencers_rank_the_quiet_analyst_above_the_chief(team: Invoke) -> None:
    out = team("influencers", "--as-of", DAY.isoformat(), "--top", "3").stdout
    assert out.index("Quinn Park") < out.index("Maria Lopez")
    assert "PageRank" in out
    data = json.loads(team("influencers", "--as-of", DAY.isoformat(), "-f", "json").stdout)
    by_name = {x["name"]: x for x in data["influencers"]}
    quinn, maria = by_name["Quinn Park"], by_name["Maria Lopez"]
    assert quinn["position"] < maria["position"] and quinn["influence"] > maria["influence"]
    assert quinn["observations"] == 3 and quinn["listeners"] == 4
    assert data["ordered_by"] == "influence" and data["people"] == 5
    rows = list(csv.DictReader(io.StringIO(team("influencers", "-f", "csv", "-n", "2").stdout)))
    assert len(rows) == 2 and {"name", "influence", "most_from"} <= set(rows[0])


def test_influencers_by_the_deciders_ear(team: Invoke) -> None:
    out = team("influencers", "--deciders", "Maria Lopez", "-f", "json").stdout
    data = json.loads(out)
    assert data["deciders"] == ["Maria Lopez"] and data["ordered_by"] == "deciders' ear"
    first = data["influencers"][0]
    assert first["name"] in {"Quinn Park", "Ann Lee"} and first["ear"] > 0
    table = team("influencers", "--deciders", "Maria Lopez").stdout
    assert "Who has the ear of Maria Lopez" in table and "heard through" in table
    failed = team("influencers", "--deciders", "Nobody Here", ok=False)
    assert "Nobody called 'Nobody Here'" in failed.output


def test_why_shows_ages_decay_and_counted_weights(team: Invoke) -> None:
    out = team("why", "Quinn", "--as-of", DAY.isoformat()).stdout
    assert "Quinn Park ranks 1st of 5" in out
    assert "Maria Lopez deferred to Quinn Park (board)" in out
    assert "182" in out and "0.5" in out  # one half-life old: decay 0.5
    data = json.loads(team("why", "Quinn", "--as-of", DAY.isoformat(), "-f", "json").stdout)
    old = next(e for e in data["evidence"] if e["age_days"] == 182)
    assert old["decay"] == pytest.approx(0.5) and old["weight"] == pytest.approx(0.3)
    assert old["on"] == (DAY - timedelta(days=182)).isoformat()
    rows = list(csv.DictReader(io.StringIO(team("why", "Quinn", "-f", "csv").stdout)))
    assert {r["listener"] for r in rows} == {"Maria Lopez", "Bo Chen", "Ann Lee", "Dana Ruiz"}


def test_half_life_setting_changes_the_weights(
    team: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALLIES_HALF_LIFE_DAYS", "91")
    data = json.loads(team("why", "Quinn", "--as-of", DAY.isoformat(), "-f", "json").stdout)
    old = next(e for e in data["evidence"] if e["age_days"] == 182)
    assert old["decay"] == pytest.approx(0.25) and data["half_life_days"] == 91


def test_path_prefers_two_strong_hops_and_lists_alternatives(team: Invoke) -> None:
    out = team("path", "Quinn Park", "--alternatives", "1").stdout
    assert "Strongest (2 hops" in out and "Dana Ruiz → Ann Lee → Quinn Park" in out
    # nothing logged with Ann: each tie keeps half its stated weight (0.9 → 0.45)
    assert "Alternative 1" in out and "0.45 × 0.45 = 0.203" in out
    data = json.loads(team("path", "Quinn Park", "-f", "json").stdout)
    assert data["paths"][0]["strength"] == pytest.approx(0.45 * 0.45)
    assert [s["strength"] for s in data["paths"][0]["steps"]] == [0.45, 0.45]
    assert [s["stated"] for s in data["paths"][0]["steps"]] == [0.9, 0.9]
    rows = list(csv.DictReader(io.StringIO(team("path", "Quinn", "-k", "0", "-f", "csv").stdout)))
    assert [(r["from"], r["to"]) for r in rows] == [
        ("Dana Ruiz", "Ann Lee"),
        ("Ann Lee", "Quinn Park"),
    ]
    team("person", "add", "Far Away")
    assert "No chain of current ties" in team("path", "Far Away").stdout


def test_confidants_of_the_boss(team: Invoke) -> None:
    out = team("confidants", "Maria Lopez").stdout
    assert "Whom Maria Lopez trusts, closest to Dana Ruiz first" in out
    data = json.loads(team("confidants", "Maria", "-f", "json").stdout)
    names = [c["name"] for c in data["confidants"]]
    assert names == ["Ann Lee", "Quinn Park"]  # my 0.45 hop to Ann beats 0.2 to Quinn
    assert data["confidants"][0]["because"] == "trusts"
    assert data["confidants"][1]["because"] == "deferred to"
    team("person", "add", "Far Away")
    assert "allies observe" in team("confidants", "Far Away").stdout


def test_brokers_and_communities(team: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(team("brokers", "-f", "csv").stdout)))
    assert rows and {"betweenness", "constraint", "effective_size", "between"} <= set(rows[0])
    assert "Betweenness is exact." in team("brokers").stdout
    sampled = team("brokers", "--pivots", "3").stdout
    assert "sampled from 3 people" in sampled and "probability 95%" in sampled
    data = json.loads(team("communities", "--seed", "1", "-f", "json").stdout)
    members = sorted(m["name"] for c in data["communities"] for m in c["members"])
    assert members == sorted(["Dana Ruiz", "Maria Lopez", "Quinn Park", "Ann Lee", "Bo Chen"])
    assert data["seed"] == 1 and "modularity" in team("communities").stdout


def test_unknown_person_is_a_readable_error(team: Invoke) -> None:
    for command in ("why", "path", "confidants"):
        failed = team(command, "Zelda Nobody", ok=False)
        assert "Error:" in failed.output and "Zelda Nobody" in failed.output


def test_demo_influencers_why_and_path(allies: Invoke) -> None:
    allies("demo", "--today", DAY.isoformat())
    data = json.loads(
        allies(
            "-w", "demo", "influencers", "--top", "10", "--as-of", DAY.isoformat(), "-f", "json"
        ).stdout
    )
    top_ten = [x["name"] for x in data["influencers"]]
    quiet = [x for x in data["influencers"] if "Analyst" in x["title"] or "Assistant" in x["title"]]
    assert len(quiet) >= 2, top_ten
    name = quiet[0]["name"]
    out = allies("-w", "demo", "why", name, "--as-of", DAY.isoformat()).stdout
    assert f"{name} ranks" in out and "observation #" in out
    assert "Strongest" in allies("-w", "demo", "path", name).stdout
    ear = json.loads(
        allies("-w", "demo", "influencers", "--campaign", "active", "-f", "json").stdout
    )
    assert ear["campaign"] and len(ear["deciders"]) >= 2
