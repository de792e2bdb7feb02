"""Forecast accuracy on the DEU III development half, for ``make bench``.

A thin wrapper: ``benchmarks/forecast_deu.py`` does the work and takes other files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from forecast_deu import main

if __name__ == "__main__":
    raise SystemExit(main([]))
