"""Alliance health: a 0-100 score from the alliance's parts, each explained.

Five parts, each between 0 and 1:

* **agreement** -- the share of the agreement's four parts that are filled in: what is
  agreed, where it is written down, how it is checked up on, how it is divided up.
* **check-ins** -- ``2 ** (-gap / max_gap)`` for the days since the last contact with any
  partner, the alliance's maximum check-in gap being the half-life (as in relationship
  recency, :mod:`allies.analysis.health`); 0 when there has been none.
* **delivery** -- duties and milestones delivered on time, as a Beta posterior mean with
  the same Beta(2, 1) prior as promises: on time counts 1, late 0.5, and one still open
  past its due date 0; those not yet due do not count.
* **conflicts** -- ``1 / (1 + open + discussed / 2)``: each open conflict weighs one, a
  conflict already discussed but not resolved weighs half.
* **partners** -- the mean relationship health (0-100, rescaled) of the partners who are
  people; 0.5 when none is.

Examples
--------
>>> h = alliance_health(
...     agreement_parts=4, checkin_gap=0, max_gap=60,
...     delivery_credit=2, delivery_count=2, open_conflicts=0, discussed_conflicts=0,
...     partner_scores=[80.0],
... )
>>> round(h.score, 1)
92.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from allies.analysis.health_parts import beta_mean, recency

__all__ = ["AllianceHealth", "AllianceHealthPart", "AllianceWeights", "alliance_health"]


@dataclass(frozen=True)
class AllianceWeights:
    """How much each part counts (normalised to sum to one).

    Attributes
    ----------
    agreement, checkins, delivery, conflicts, partners : float
        0.25, 0.20, 0.20, 0.15 and 0.20 by default.
    """

    agreement: float = 0.25
    checkins: float = 0.20
    delivery: float = 0.20
    conflicts: float = 0.15
    partners: float = 0.20

    def normalised(self) -> dict[str, float]:
        """The weights by part name, scaled to sum to one."""
        raw = {f.name: float(getattr(self, f.name)) for f in fields(self)}
        total = sum(raw.values())
        if total <= 0 or any(w < 0 for w in raw.values()):
            raise ValueError("alliance weights must be non-negative and not all zero")
        return {name: w / total for name, w in raw.items()}


@dataclass(frozen=True)
class AllianceHealthPart:
    """One part: its value (0-1), its weight and the reason in words."""

    name: str
    value: float
    weight: float
    detail: str

    @property
    def points(self) -> float:
        """What the part adds to the 0-100 score."""
        return 100.0 * self.weight * self.value


@dataclass(frozen=True)
class AllianceHealth:
    """The score and its parts."""

    score: float
    parts: tuple[AllianceHealthPart, ...]


def alliance_health(
    *,
    agreement_parts: int,
    checkin_gap: int | None,
    max_gap: float,
    delivery_credit: float,
    delivery_count: int,
    open_conflicts: int,
    discussed_conflicts: int,
    partner_scores: Sequence[float] = (),
    prior: tuple[float, float] = (2.0, 1.0),
    weights: AllianceWeights | None = None,
) -> AllianceHealth:
    """Score an alliance from counts of its parts.

    Parameters
    ----------
    agreement_parts : int
        How many of the agreement's four parts are filled in (0-4).
    checkin_gap : int or None
        Days since the last contact with a partner; ``None`` when there has been none.
    max_gap : float
        The alliance's maximum check-in gap in days.
    delivery_credit, delivery_count : float, int
        Credit earned (1 on time, 0.5 late, 0 overdue) and how many duties and milestones
        count.
    open_conflicts, discussed_conflicts : int
        Conflicts not yet discussed, and discussed but not resolved.
    partner_scores : sequence of float
        Relationship health (0-100) of the partners who are people.
    prior : tuple of float
        The Beta prior on delivery.
    weights : AllianceWeights, optional
        The parts' weights.

    Returns
    -------
    AllianceHealth
    """
    w = (weights or AllianceWeights()).normalised()
    agreement = min(max(agreement_parts, 0), 4) / 4
    checkins = recency(checkin_gap, max_gap)
    delivery = beta_mean(delivery_credit, delivery_count, prior)
    load = open_conflicts + 0.5 * discussed_conflicts
    conflicts = 1.0 / (1.0 + load)
    partners = float(np.mean(partner_scores)) / 100 if len(partner_scores) else 0.5
    parts = (
        AllianceHealthPart("agreement", agreement, w["agreement"], f"{agreement_parts} of 4 parts"),
        AllianceHealthPart(
            "checkins",
            checkins,
            w["checkins"],
            "no contact with a partner yet"
            if checkin_gap is None
            else f"last contact with a partner {checkin_gap} days ago; maximum gap {max_gap:g}",
        ),
        AllianceHealthPart(
            "delivery",
            delivery,
            w["delivery"],
            f"{delivery_credit:g} of {delivery_count} duties and milestones on time "
            f"(prior Beta({prior[0]:g}, {prior[1]:g}))",
        ),
        AllianceHealthPart(
            "conflicts",
            conflicts,
            w["conflicts"],
            f"{open_conflicts} open, {discussed_conflicts} discussed and not yet resolved",
        ),
        AllianceHealthPart(
            "partners",
            partners,
            w["partners"],
            f"mean relationship health {100 * partners:.0f} over {len(partner_scores)} people"
            if len(partner_scores)
            else "no partner is a person; neutral",
        ),
    )
    return AllianceHealth(score=float(sum(p.points for p in parts)), parts=parts)
