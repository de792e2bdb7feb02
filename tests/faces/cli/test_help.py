"""Every command explains itself and is in the command reference."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from allies.cli.app import app
from allies.cli.reference import command_tree, render_markdown
from tests.conftest import PROJECT_ROOT

#: Every command by its path, walked once (a walk of the whole app takes a tenth of a
#: second; each of the tests below reads it).
TREE = dict(command_tree())
COMMANDS = [path for path in TREE if path]


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help_and_is_documented(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    command = TREE[path]
    assert command.help and len(command.help.strip()) > 10, f"{path} has no help text"
    reference = (PROJECT_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## `allies {' '.join(path)}`" in reference, (
        "docs/cli.md is out of date: run `python -m allies.cli.reference > docs/cli.md`"
    )


def test_leaf_commands_show_an_example() -> None:
    leaves = [(path, cmd) for path, cmd in command_tree() if path and not hasattr(cmd, "commands")]
    missing = [" ".join(p) for p, cmd in leaves if "Example" not in (cmd.help or "")]
    assert not missing, f"commands without an example: {missing}"


def test_reference_is_current() -> None:
    reference = (PROJECT_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert reference.strip() == render_markdown().strip(), (
        "docs/cli.md is out of date: run `python -m allies.cli.reference > docs/cli.md`"
    )


def test_python_dash_m_allies_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "allies", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "person" in done.stdout
