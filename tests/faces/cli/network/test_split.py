"""End-to-end: undoing a merge with ``allies person split``."""

from __future__ import annotations

import json

from tests.faces.cli.invoke import Invoke


def test_split_undoes_a_merge_made_by_hand(small_network: Invoke) -> None:
    small_network("person", "add", "M. Lopez", "--email", "mlopez@home.example")
    small_network("log", "M. Lopez", "--on", "yesterday", "-m", "coffee")
    small_network("person", "merge", "Maria Lopez", "M. Lopez")
    listed = small_network("person", "split", "Maria Lopez", "--list").stdout
    assert "M. Lopez" in listed and "merged by hand" in listed
    out = small_network("person", "split", "Maria Lopez").stdout
    assert "Split M. Lopez" in out and "gave back emails" in out
    back = json.loads(small_network("person", "show", "M. Lopez", "-f", "json").stdout)
    assert back["emails"] == ["mlopez@home.example"]
    assert any("coffee" in e["text"] for e in back["timeline"])
    maria = json.loads(small_network("person", "show", "Maria Lopez", "-f", "json").stdout)
    assert "mlopez@home.example" not in maria["emails"]
    again = small_network("person", "split", "Maria Lopez", ok=False)
    assert again.exit_code != 0 and "no merge" in again.output
