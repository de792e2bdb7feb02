"""A workspace backup holds the notes: exported and restored into a new workspace through
the command line, every note comes back with its text and its private flag."""

from __future__ import annotations

import json
from pathlib import Path

from tests.faces.cli.invoke import Invoke


def test_notes_survive_an_export_and_a_restore(allies: Invoke, tmp_path: Path) -> None:
    allies("person", "add", "Ann Lee")
    allies("note", "add", "Ann Lee", "Prefers a call to an e-mail")
    allies("note", "add", "Ann Lee", "Wants the CFO job", "--private")
    backup = tmp_path / "backup.json"
    allies("export", "backup", str(backup))
    document = json.loads(backup.read_bytes())
    assert document["counts"]["notes"] == 2
    assert {(n["body"], n["private"]) for n in document["notes"]} == {
        ("Prefers a call to an e-mail", False),
        ("Wants the CFO job", True),
    }
    allies("-w", "restored", "import", "backup", str(backup))
    listed = allies("-w", "restored", "note", "list", "Ann Lee").output
    assert "Prefers a call to an e-mail" in listed and "Wants the CFO job" in listed
    again = tmp_path / "again.json"
    allies("-w", "restored", "export", "backup", str(again))
    assert json.loads(again.read_bytes())["notes"] == document["notes"]
