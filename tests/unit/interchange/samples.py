"""Where the interchange tests find their files: the hand-written corpus and the real samples."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DATA, FIXTURES

__all__ = ["FIXTURES", "SAMPLES", "sample_files"]

#: Real files written by other software (vCard, iCalendar, mail), with their origins.
SAMPLES = DATA / "interchange"


def sample_files(kind: str, *suffixes: str) -> list[Path]:
    """The real files of one kind (``vcard``, ``ics``, ``mail``), read in place."""
    folder = SAMPLES / kind
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes)
