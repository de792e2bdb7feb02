"""Fixtures of the interchange tests: the hand-written corpus and the real samples
(the paths and ``sample_files`` are in :mod:`tests.unit.interchange.samples`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.interchange.samples import FIXTURES, SAMPLES


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The hand-written corpus under ``tests/fixtures``."""
    return FIXTURES


@pytest.fixture(scope="session")
def samples() -> Path:
    """The real files written by other software, under ``tests/data/interchange``."""
    return SAMPLES
