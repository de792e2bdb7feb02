"""Where the interchange tests find their files: the hand-written corpus and the real samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, FIXTURES

SAMPLES = DATA / "interchange"


def sample_files(kind: str, *suffixes: str) -> list[Path]:
    """The real files of one kind (``vcard``, ``ics``, ``mail``), read in place."""
    folder = SAMPLES / kind
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes)


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The hand-written corpus under ``tests/fixtures``."""
    return FIXTURES


@pytest.fixture(scope="session")
def samples(data: Path) -> Path:
    """The real files written by other software, under ``../shared/data/interchange``."""
    return data / "interchange"
