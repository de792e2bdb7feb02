"""The command line starts quickly without changing what it answers: option values are
typed as Typer types them (and refused in Typer's words), a table reads only the page it
shows, and the everyday commands (a person, the people list, the day's agenda without an
open goal, the kept influence ranking) load neither Pydantic nor SciPy nor Alembic; and
a command that skips the interpreter's last clean-up still closes its database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.faces.cli.invoke import Invoke


def _modules_after(db: Path, *args: str) -> set[str]:
    """The modules a fresh ``allies --db DB ARGS`` process has imported when it exits."""
    code = (
        "import sys\n"
        "from allies.cli.app import main\n"
        f"sys.argv = ['allies', '--db', {str(db)!r}, *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_option_values_reach_the_command_with_their_types(small_network: Invoke) -> None:
    top = json.loads(small_network("influencers", "--top", "2", "--format", "json").output)
    assert len(top["influencers"]) == 2
    small_network(
        "person", "add", "Ada Byron", "--email", "ada@example.org", "--email", "ab@example.org"
    )
    ada = json.loads(small_network("person", "show", "Ada Byron", "-f", "json").output)
    assert ada["emails"] == ["ada@example.org", "ab@example.org"]
    small_network("tie", "add", "Ada Byron", "listens_to", "Maria Lopez", "--weight", ".25")
    ties = json.loads(small_network("tie", "list", "--format", "json").output)
    assert any(t["weight"] == 0.25 for t in ties), ties


def test_a_wrong_value_is_refused_in_typers_own_words(small_network: Invoke) -> None:
    below = small_network("influencers", "--top", "0", ok=False).output
    assert "Invalid value for '--top'" in below and "greater than or equal to 1" in below
    word = small_network("influencers", "--top", "many", ok=False).output
    assert "Invalid value for '--top'" in word and "valid integer" in word
    form = small_network("person", "list", "--format", "xml", ok=False).output
    assert "Invalid value for '--format'" in form and "'xml' is not one of" in form
    weight = small_network(
        "tie", "add", "Maria Lopez", "trusts", "Dana Ruiz", "--weight", "x", ok=False
    ).output
    assert "Invalid value for '--weight'" in weight and "valid number" in weight


def test_the_tables_first_page_is_the_start_of_the_whole_sorted_list(
    allies: Invoke, tmp_path: Path
) -> None:
    source = tmp_path / "many.csv"
    rows = [f"Person {n:03d},person{n:03d}@example.org" for n in range(61, 0, -1)]
    source.write_text("Name,E-mail\n" + "\n".join(rows) + "\n", encoding="utf-8")
    allies("import", "csv", str(source))
    for sort in ("name", "id"):
        table = allies("person", "list", "--sort", sort).output
        shown = [int(i) for i in re.findall(r"^│\s*(\d+)\s*│", table, re.MULTILINE)]
        every = json.loads(allies("person", "list", "--sort", sort, "-f", "json").output)
        assert shown == [p["id"] for p in every[:50]]
        assert "Showing the first 50 of 61." in table


def test_everyday_commands_load_neither_pydantic_nor_scipy(
    small_network: Invoke, tmp_path: Path
) -> None:
    db = tmp_path / "allies.sqlite3"  # the database the fixture's commands use
    small_network("influencers")  # works the ranking out (with SciPy) and keeps it
    everyday = [("person", "show", "Maria Lopez"), ("person", "list"), ("today",), ("influencers",)]
    for args in everyday:
        loaded = _modules_after(db, *args)
        heavy = sorted(m for m in loaded if m.split(".")[0] in {"pydantic", "scipy", "alembic"})
        assert not heavy, f"allies {' '.join(args)} imported {heavy[:8]}"


def test_a_command_leaves_its_database_closed(tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite3"  # opened by these processes only

    def run(*args: str) -> str:
        command = "import sys; from allies.cli.app import main; sys.argv[0] = 'allies'; main()"
        done = subprocess.run(
            [sys.executable, "-c", command, "--db", str(db), *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    run("person", "add", "Zed Quick", "--title", "Tester")
    assert not db.with_name(db.name + "-wal").exists()  # checkpointed and closed, as usual
    assert "Tester" in run("person", "show", "Zed Quick")
