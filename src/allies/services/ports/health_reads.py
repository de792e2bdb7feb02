"""The sums relationship health is computed from, per person and period (issue 22).

Scoring everyone's relationship once read every interaction, favour and promise as an
object; :meth:`HealthReadsRepository.tallies` has the database add them up instead (see
:mod:`allies.domain.health_tallies`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol

from allies.domain.health_tallies import HealthTallies

__all__ = ["HealthReadsRepository"]


class HealthReadsRepository(Protocol):
    """Per-person sums of interactions, favours and promises."""

    def tallies(
        self,
        bounds: Sequence[date],
        half_life: float,
        units: Mapping[str, int],
        *,
        tags: bool = False,
        only: Sequence[int] | None = None,
    ) -> HealthTallies:
        """Everyone but me, with their interactions and favours summed per period cut by
        ``bounds`` (ascending; nothing after the last one counts), decay weights of
        ``half_life`` days relative to the last bound, favours in ``units`` per size, and
        the promises between us; ``tags``: read everyone's tags too; ``only``: these
        people only (the rows of one page), each with the same sums as among everyone."""
        ...

    def names(self) -> dict[int, str]:
        """Everyone's name by id (to find people by name in a kept ranking)."""
        ...

    def stamp(self) -> str:
        """A digest of what the sums are made of: how many times the people,
        interactions, favours and promises have changed, and who the viewer is, read
        without the rows. It changes with any write of them, so scores kept under it are
        those of the records as they are."""
        ...
