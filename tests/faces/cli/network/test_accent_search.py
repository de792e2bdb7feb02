"""Names typed without their accents find the people who have them on the command line."""

from __future__ import annotations

import json

from tests.faces.cli.invoke import Invoke


def test_the_command_line_finds_names_without_accents(allies: Invoke) -> None:
    allies("person", "add", "Étienne Dubois")
    allies("person", "add", "Anna Bergström")
    listed = allies("person", "list", "--search", "etienne", "--format", "json").stdout
    assert [p["name"] for p in json.loads(listed)] == ["Étienne Dubois"]
    shown = allies("person", "show", "Anna Bergstrom", "--format", "json").stdout
    assert json.loads(shown)["name"] == "Anna Bergström"
