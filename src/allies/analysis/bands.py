"""The bands of relationship strength: where an ally begins, and where a moderate tie.

Plain numbers, apart from :mod:`allies.analysis.powerbase` that computes the strengths, so
the services that only compare with them load no array machinery.
"""

from __future__ import annotations

__all__ = ["BANDS", "MODERATE", "STRONG", "UNTIED_SHARE"]

#: A relationship at least this strong is an ally.
STRONG = 0.6
#: A relationship at least this strong (and below :data:`STRONG`) is moderate.
MODERATE = 0.35
#: The bands, in the order of the codes
#: :func:`allies.analysis.powerbase.strength_bands` returns.
BANDS: tuple[str, ...] = ("none", "weak", "moderate", "strong")
#: Without a recorded tie, contact alone counts for at most this share of the health.
UNTIED_SHARE = 0.25
