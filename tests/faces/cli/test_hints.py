"""The command line prints an error's next step as the command to type, and only
commands that exist."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from allies.cli.app import app
from allies.cli.hints import COMMANDS, command_for, next_step_line
from allies.errors import NextStep
from tests.faces.cli.invoke import Invoke


def test_a_missing_promise_names_the_promise_list(allies: Invoke) -> None:
    failed = allies("promise", "done", "999", ok=False)
    assert "Error: No promise #999." in failed.output
    assert "List them with `allies promise list`." in failed.output
    assert "commitment" not in failed.output.casefold()


def test_a_missing_person_names_the_person_list(allies: Invoke) -> None:
    failed = allies("person", "show", "Nobody", ok=False)
    assert "Nobody called 'Nobody' is in this workspace." in failed.output
    assert "List them with `allies person list`." in failed.output
    by_id = allies("person", "show", "#42", ok=False)
    assert "Error: No person #42." in by_id.output
    assert "`allies person list`" in by_id.output


def test_a_missing_tie_names_the_tie_list(allies: Invoke) -> None:
    failed = allies("tie", "rm", "999", ok=False)
    assert "Error: No tie #999." in failed.output
    assert "List them with `allies tie list`." in failed.output


def test_nobody_marked_as_me_says_how_to_add_oneself(allies: Invoke) -> None:
    failed = allies("reliability", ok=False)
    assert "Nobody is marked as you yet" in failed.output
    assert "Add one with `allies person add NAME --me`." in failed.output


def test_options_become_arguments_and_flags() -> None:
    step = NextStep("add", "cadence", {"person": "Ann Lee", "every": 30})
    assert command_for(step) == 'allies cadence set "Ann Lee" --every 30'
    assert command_for(NextStep("take", "program", {"day": 2})) == "allies program --day 2"
    assert command_for(NextStep("list", "organisation")) == "allies org list"
    assert command_for(NextStep("reload", "person")) is None
    assert next_step_line(NextStep("log-in")) is None
    assert next_step_line(None) is None


def _commands() -> dict[tuple[str, ...], Any]:
    """Every command the app has by its path, e.g. ``("favour", "list")``."""
    found: dict[tuple[str, ...], Any] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        found[path] = command
        if hasattr(command, "list_commands"):  # a group: the main one builds on request
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), (*path, name))

    walk(typer.main.get_command(app), ())
    return found


@pytest.mark.parametrize(("action", "kind"), sorted(COMMANDS))
def test_every_command_named_exists(action: str, kind: str) -> None:
    words = COMMANDS[(action, kind)].split()
    assert words[0] == "allies"
    words = words[1:]
    if words[:1] == ["-w"]:
        words = words[2:]
    path = tuple(w for w in words if not w.startswith(("-", "{")))
    flags = {w for w in words if w.startswith("--")}
    commands = _commands()
    assert path in commands, (action, kind, path)
    known_flags = {o for p in commands[path].params for o in p.opts if o.startswith("--")}
    assert flags <= known_flags, (action, kind, flags - known_flags)
