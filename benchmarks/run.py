"""Run every ``benchmarks/bench_*.py``, ``vcard_scale.py``, ``cli_start.py``,
``sync_dav.py``, ``sync_imap.py``, ``community.py``, ``map_2000.py`` and ``scale.py``,
writing their sections to ``RESULTS.md``.

Each benchmark is a standalone script printing a Markdown section that compares
``allies`` with a peer (networkx, a reference implementation) in the same run.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    """A one-line description of the machine the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    """Run the benchmarks one after another; a failing one is reported, not hidden."""
    sections = []
    status = 0
    for script in [
        *sorted(HERE.glob("bench_*.py")),
        HERE / "vcard_scale.py",
        HERE / "cli_start.py",
        HERE / "sync_dav.py",
        HERE / "sync_imap.py",
        HERE / "community.py",
        HERE / "map_2000.py",
        HERE / "scale.py",
    ]:
        print(f"running {script.name} ...", flush=True)
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=False
        )
        print(done.stdout)
        if done.returncode != 0:
            status = 1
            print(done.stderr, file=sys.stderr)
            sections.append(f"## {script.name}\n\nFailed:\n\n```\n{done.stderr[-2000:]}\n```\n")
        else:
            sections.append(done.stdout.strip() + "\n")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        "# Benchmark results\n\n"
        f"Run with `make bench` on {stamp}.\n\nMachine: {machine()}.\n\n"
        "Times are the best of several repeats, in seconds; ratio = peer time / allies time "
        "(above 1 means allies is faster).\n"
    )
    (HERE / "RESULTS.md").write_text(header + "\n" + "\n".join(sections), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
