"""A stance's numbers in a manager's words: how much an issue matters to someone, how much
weight they bring, and how sure we are of where they stand.

Pages lead with these words and keep the numbers (all on a 0-1 scale) behind "How this is
computed"; the trade suggestions use them too.

>>> salience(0.8), capability(0.7), confidence(0.65)
('cares a lot', 'can block or carry it', "we're fairly sure")
"""

from __future__ import annotations

__all__ = ["capability", "confidence", "explained", "salience"]

#: Each scale's bands, highest first: (lowest value of the band, words).
_SALIENCE = ((0.75, "cares a lot"), (0.5, "cares"), (0.25, "cares a little"), (0.0, "hardly cares"))
_CAPABILITY = (
    (0.7, "can block or carry it"),
    (0.4, "has a real say"),
    (0.15, "has some sway"),
    (0.0, "has little sway"),
)
_CONFIDENCE = (
    (0.8, "we're sure"),
    (0.6, "we're fairly sure"),
    (0.4, "an educated guess"),
    (0.0, "a rough guess"),
)


def _band(value: float, bands: tuple[tuple[float, str], ...]) -> str:
    for lowest, words in bands:
        if value >= lowest:
            return words
    return bands[-1][1]


def salience(value: float) -> str:
    """How much an issue matters to someone (salience, 0-1), in words."""
    return _band(value, _SALIENCE)


def capability(value: float) -> str:
    """How much weight someone brings to a decision (capability, 0-1), in words."""
    return _band(value, _CAPABILITY)


def confidence(value: float) -> str:
    """How sure we are of where someone stands (confidence, 0-1), in words."""
    return _band(value, _CONFIDENCE)


def explained() -> str:
    """Which numbers each word stands for, in a sentence (for "How this is computed")."""

    def scale(name: str, bands: tuple[tuple[float, str], ...]) -> str:
        return f"{name} " + ", ".join(f"from {low:g} “{words}”" for low, words in bands[:-1])

    return (
        "; ".join(
            (
                scale("salience", _SALIENCE),
                scale("capability", _CAPABILITY),
                scale("confidence", _CONFIDENCE),
            )
        )
        + "; below that "
        + ", ".join(f"“{b[-1][1]}”" for b in (_SALIENCE, _CAPABILITY, _CONFIDENCE))
        + "."
    )
