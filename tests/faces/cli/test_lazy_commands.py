"""The command line imports a command's module only when that command is used, and the
list of commands (``allies --help``) shows what each command's own help says."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
import typer

from allies.cli.app import COMMANDS, app, load_command

HEAVY = ["numpy", "scipy", "numba", "networkx", "sqlalchemy", "alembic", "allies.store"]


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh ``allies ARGS`` process has imported when it exits."""
    code = (
        "import sys\n"
        "from allies.cli.app import main\n"
        f"sys.argv = ['allies', *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_summary_is_the_first_paragraph_of_the_commands_help(name: str) -> None:
    command = load_command(name)
    help_text = inspect.cleandoc(command.short_help or command.help or "")
    assert help_text.split("\n\n")[0].strip() == COMMANDS[name].summary
    assert command.hidden == COMMANDS[name].hidden


def test_the_table_names_every_command_of_the_main_group() -> None:
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    assert list(group.list_commands(ctx)) == list(COMMANDS)  # type: ignore[attr-defined]
    for name in COMMANDS:
        assert group.get_command(ctx, name) is not None  # type: ignore[attr-defined]


def test_help_lists_every_command_without_importing_any() -> None:
    loaded = _modules_after("--help")
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(f"{h}.") for h in HEAVY))
    assert not heavy, f"allies --help imported {heavy[:10]}"
    assert not any(m.startswith("allies.cli.network") for m in loaded)


def test_a_commands_own_help_loads_only_its_module() -> None:
    loaded = _modules_after("person", "--help")
    assert "allies.cli.network.people" in loaded
    assert "allies.cli.agenda" not in loaded
    assert "numba" not in loaded
