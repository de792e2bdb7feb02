"""A long list fits the screen: a table shows the first 50 rows and says how many there
are, ``--all`` shows every one, and JSON and CSV always carry every row."""

from __future__ import annotations

import json
from pathlib import Path

from tests.faces.cli.invoke import Invoke


def test_a_long_table_shows_fifty_and_counts_the_rest(allies: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    rows = [f"Person {n:03d},person{n:03d}@example.org" for n in range(1, 62)]
    source.write_text("Name,E-mail\n" + "\n".join(rows) + "\n", encoding="utf-8")
    allies("import", "csv", str(source))
    table = allies("person", "list").output
    assert "Person 050" in table and "Person 051" not in table
    assert "Showing the first 50 of 61. Add --all to see every one" in table
    every = allies("person", "list", "--all").output
    assert "Person 061" in every and "Showing the first" not in every
    assert len(json.loads(allies("person", "list", "--format", "json").output)) == 61
    assert allies("person", "list", "--format", "csv").output.count("\n") == 62
    few = allies("person", "list", "--search", "Person 00").output
    assert "Person 009" in few and "Showing the first" not in few
