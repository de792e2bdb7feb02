"""How a command-line process starts and ends, quickly.

A command spends most of its life loading: modules, classes, the schema's tables, nearly
all of which live until the process ends. Python's cyclic garbage collector runs every
700 new objects and, at the end, walks every object left before the interpreter frees
them; for a short command those walks cost more than its work (about a tenth of a second
of each command here). So:

- :func:`loading` collects far less often while the command runs (the objects made stay
  anyway); :func:`long_running` puts the usual rhythm back, for the commands that serve
  until stopped (``allies serve``, ``allies worker``);
- :func:`leaving` closes the database connections the process opened, as a normal exit
  would, then freezes what is left (:func:`gc.freeze`), so that the interpreter's last
  collections skip it: the operating system takes the memory back at once.
"""

from __future__ import annotations

import gc
import sys

__all__ = ["leaving", "loading", "long_running"]

#: The collector's thresholds while a command runs: the youngest generation is collected
#: every 50,000 new objects instead of 700 (a few megabytes at most between collections).
LOADING = (50_000, 20, 20)

_usual: tuple[int, int, int] | None = None


def loading() -> None:
    """Collect garbage far less often from now on (until :func:`long_running`)."""
    global _usual
    if _usual is None:
        _usual = gc.get_threshold()
    gc.set_threshold(*LOADING)


def long_running() -> None:
    """Collect garbage as usual again: the command runs until it is stopped."""
    if _usual is not None:
        gc.set_threshold(*_usual)


def leaving() -> None:
    """Close the process's database connections, then spare the interpreter's clean-up
    the walk over every object left (they are freed with the process)."""
    engine = sys.modules.get("allies.store.engine")  # never loaded by `allies --help`
    if engine is not None:
        engine.dispose_all()
    gc.freeze()
