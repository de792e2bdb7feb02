"""The lens an analysis looks through: the day it weighs evidence on and how fast it fades.

Every analysis of the network (influence, standing, campaigns, the map, the campaign
meetings of the agenda) reads the workspace as of one day and lets an observation's
weight halve every so many days. A face builds one :class:`Lens` from its settings and
its request and hands it to the service, so the two travel together and the default
half-life is written here only (the setting ``half_life_days`` starts from it).

>>> from datetime import date
>>> Lens().half_life_days
182.0
>>> Lens(half_life_days=30).on(date(2026, 5, 10)).day
datetime.date(2026, 5, 10)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from allies.errors import InvalidInput

__all__ = ["HALF_LIFE_DAYS", "TODAY", "Lens"]

HALF_LIFE_DAYS = 182.0
"""How many days it takes an observation's weight to halve, unless the settings say else."""


@dataclass(frozen=True)
class Lens:
    """The day an analysis is made on and the half-life of the evidence it weighs.

    Attributes
    ----------
    as_of : date or None
        The day evidence is weighed on and ties must be valid on; ``None`` for today,
        read when the analysis runs (a long-lived lens never goes stale).
    half_life_days : float
        How many days it takes an observation's weight to halve. It is checked by the
        analyses that use it, so a lens with a bad half-life fails only where it matters.
    """

    as_of: date | None = None
    half_life_days: float = HALF_LIFE_DAYS

    @property
    def day(self) -> date:
        """The day the analysis is made on: ``as_of``, or today when it is not set."""
        return self.as_of or date.today()

    def on(self, as_of: date | None) -> Lens:
        """The same lens on another day (``None`` keeps the current one).

        Parameters
        ----------
        as_of : date or None
            The day asked for, typically a request's optional ``as_of``.

        Returns
        -------
        Lens
        """
        return self if as_of is None else replace(self, as_of=as_of)

    def checked(self) -> Lens:
        """This lens, once its half-life is known to be a positive number of days.

        Returns
        -------
        Lens
            The lens itself.

        Raises
        ------
        allies.errors.InvalidInput
            If ``half_life_days`` is not positive (a setting or a flag can say ``0``).
        """
        if not self.half_life_days > 0:
            raise InvalidInput(
                f"The half-life must be a positive number of days, not {self.half_life_days}.",
                field="half_life_days",
            )
        return self


TODAY = Lens()
"""The default lens: today, with the default half-life."""
