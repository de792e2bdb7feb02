"""Benchmark the approach plan and the expected-utility model (see ``plan.py``).

``benchmarks/run.py`` runs this script; its directory is on the import path.
"""

from __future__ import annotations

from plan import main

if __name__ == "__main__":
    raise SystemExit(main([]))
