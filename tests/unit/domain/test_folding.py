"""One folding of names for every comparison: no case, no accents."""

from __future__ import annotations

import pytest

from allies.domain.folding import fold


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Étienne", "etienne"),
        ("BERGSTRÖM", "bergstrom"),
        ("Marko Kovačević", "marko kovacevic"),
        ("Emre Öztürk", "emre ozturk"),
        ("Straße", "strasse"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_fold_drops_case_and_accents(typed: str, folded: str) -> None:
    assert fold(typed) == folded
