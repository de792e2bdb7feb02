"""The type of the ``allies`` fixture of the command-line tests (``conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable

from typer.testing import Result

__all__ = ["Invoke"]

#: ``allies(*args, ok=True)``: run one command on the test's database, return its result.
Invoke = Callable[..., Result]
