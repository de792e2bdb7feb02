"""``allies demo`` builds the demo organisation and says what to try next."""

from __future__ import annotations

import json

from tests.faces.cli.invoke import Invoke


def test_demo_builds_prints_and_refuses_to_overwrite_without_replace(allies: Invoke) -> None:
    out = allies("demo", "--today", "2026-06-30").stdout
    assert "70 people" in out
    assert "Try:" in out and "allies -w demo person list" in out
    people = json.loads(allies("-w", "demo", "person", "list", "-f", "json").stdout)
    assert len(people) >= 60
    assert sum(1 for p in people if p["is_me"]) == 1
    assert {p["level"] for p in people} >= {"above", "peer", "below", "external"}
    again = allies("demo", ok=False)
    assert "--replace" in again.output
    allies("demo", "--today", "2026-06-30", "--replace")
    assert len(json.loads(allies("-w", "demo", "person", "list", "-f", "json").stdout)) == len(
        people
    )
    # the default workspace is untouched by the demo
    assert json.loads(allies("person", "list", "-f", "json").stdout) == []
    workspaces = json.loads(allies("workspace", "list", "-f", "json").stdout)
    assert {"name": "demo"}.items() <= next(w for w in workspaces if w["name"] == "demo").items()
