"""The influence map at organisation scale (100,000 people), side by side with networkx.

Run by ``make bench`` through ``benchmarks/run.py``; the work is in
``benchmarks/influence.py`` (see there for the steps and options)::

    python benchmarks/bench_influence_scale.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import influence


def main() -> None:
    """Print the ``## Influence at organisation scale`` section."""
    influence.main()


if __name__ == "__main__":
    main()
