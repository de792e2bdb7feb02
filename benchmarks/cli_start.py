"""How fast the ``allies`` command line starts, as whole processes.

Times ``allies --help`` and two simple commands on the demo workspace (``person show``
and ``today``), each as a fresh process with its bytecode compiled (one warm-up run
first), and the floor beside them in the same run: ``python -c pass`` and a bare
``import typer``. Prints a Markdown section for ``benchmarks/run.py``.

Run from the project root::

    python benchmarks/cli_start.py
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 5

#: (label, arguments after ``python``, target in seconds or None for a peer)
Case = tuple[str, list[str], float | None]


def _allies(*args: str) -> list[str]:
    """The console script's own start-up path: ``python -c 'main()'`` with ``args``."""
    return [
        "-c",
        "import sys; from allies.cli.app import main; sys.argv[0] = 'allies'; main()",
        *args,
    ]


CASES: list[Case] = [
    ("`python -c pass` (peer)", ["-c", "pass"], None),
    ('`python -c "import typer"` (peer)', ["-c", "import typer"], None),
    (
        '`python -c "import sqlalchemy"` (peer: what any database command loads)',
        ["-c", "import sqlalchemy"],
        None,
    ),
    ("`allies --help`", _allies("--help"), 0.25),
    (
        '`allies -w demo person show "Sana Sheikh"`',
        _allies("-w", "demo", "person", "show", "Sana Sheikh"),
        0.5,
    ),
    ("`allies -w demo today`", _allies("-w", "demo", "today"), 0.5),
]


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds one process takes from start to exit, and the CPU seconds it used (user and
    system: steadier than the clock on a busy machine); a failing command stops the
    benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def median_time(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The median seconds and median CPU seconds of :data:`REPEATS` runs after one warm-up
    run (which compiles bytecode)."""
    _run(args, env)
    runs = [_run(args, env) for _ in range(REPEATS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> int:
    """Build the demo in a scratch database, time every case and print the table."""
    scratch = Path(tempfile.mkdtemp(prefix="allies-cli-start-"))
    env = {
        **os.environ,
        "ALLIES_DATABASE_URL": f"sqlite:///{scratch / 'allies.sqlite3'}",
        "ALLIES_CONFIG": str(scratch / "config.toml"),
        "COLUMNS": "100",
    }
    env.pop("ALLIES_WORKSPACE", None)
    # bytecode as an installed package has it: written at the warm-up run (into a folder
    # of the benchmark's own), even where the environment says not to write any
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    try:
        _run(_allies("demo", "--into", "demo"), env)
        rows = []
        for label, args, target in CASES:
            seconds, cpu = median_time(args, env)
            verdict = "peer" if target is None else ("met" if seconds < target else "missed")
            shown = "" if target is None else f"< {target:.2f}"
            rows.append(f"| {label} | {seconds:.3f} | {cpu:.3f} | {shown} | {verdict} |")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("## Command-line start-up\n")
    print(
        f"Whole processes, median of {REPEATS} after one warm-up run (bytecode compiled), "
        "on the demo workspace; the peers are the floor any Python/Typer command line pays. "
        "*cpu* is the CPU time the process used (user + system), steadier than the clock "
        "when the machine is busy.\n"
    )
    print("| command | seconds | cpu | target | |")
    print("| --- | ---: | ---: | ---: | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
