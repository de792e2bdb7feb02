"""Run ``benchmarks/serve.py`` for ``benchmarks/run.py``, which picks up ``bench_*.py`` files.

Run from the project root::

    python benchmarks/bench_serve.py
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    namespace = runpy.run_path(str(Path(__file__).with_name("serve.py")))
    sys.exit(namespace["main"](sys.argv[1:]))
