"""The stakeholders of a campaign issue as points: the power-interest grid and the
position × salience chart.

Both charts plot the same people, the current stakeholders of one issue:

- **power-interest grid** (Mendelow 1991; Eden and Ackermann 1998): power is the
  capability the person brings (stated, or their influence rank over the highest
  rank), interest is the salience of the issue to them. The grid splits at
  :data:`SPLIT` on both axes: *manage closely* (high power, high interest), *keep
  satisfied* (high power, low interest), *keep informed* (low power, high interest)
  and *monitor* (both low);
- **position × salience**: where each stands on the 0-100 scale against how much it
  matters to them, sized by capability, with my desired position and the default
  forecast as reference lines.

References
----------
.. [1] Mendelow, A. (1991). "Environmental scanning: the impact of the stakeholder
   concept." *Proceedings of the Second International Conference on Information
   Systems*, Cambridge, MA.
.. [2] Eden, C. and Ackermann, F. (1998). *Making Strategy: The Journey of Strategic
   Management*. Sage, London.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.services.campaigns.forecast import CampaignForecast, forecast_inputs
from allies.services.campaigns.inputs import CampaignInputs, campaign_inputs
from allies.services.campaigns.support import side_of
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = [
    "QUADRANTS",
    "SPLIT",
    "CampaignCharts",
    "IssueChart",
    "StakeholderPoint",
    "charts_of",
    "quadrant_of",
    "stakeholder_charts",
]

#: Where the grid splits power and interest into high and low.
SPLIT = 0.5

#: The grid's quadrants, (high power, high interest) first.
QUADRANTS: tuple[str, ...] = ("manage closely", "keep satisfied", "keep informed", "monitor")


def quadrant_of(power: float, interest: float) -> str:
    """The power-interest quadrant of a stakeholder."""
    if power >= SPLIT:
        return QUADRANTS[0] if interest >= SPLIT else QUADRANTS[1]
    return QUADRANTS[2] if interest >= SPLIT else QUADRANTS[3]


@dataclass(frozen=True)
class StakeholderPoint:
    """One stakeholder on one issue, ready to plot.

    ``power`` is the capability used (``power_source`` says whether stated or derived
    from influence); ``interest`` is salience.
    """

    person_id: int
    name: str
    position: float
    interest: float
    power: float
    power_source: str
    confidence: float
    side: str
    quadrant: str
    is_decider: bool
    is_me: bool


@dataclass(frozen=True)
class IssueChart:
    """The stakeholders of one issue, with the reference lines of the charts."""

    issue_id: int
    issue: str
    low_label: str
    high_label: str
    desired: float
    forecast: float | None
    points: list[StakeholderPoint]

    def in_quadrant(self, quadrant: str) -> list[StakeholderPoint]:
        """The stakeholders in one quadrant, most powerful first."""
        found = [p for p in self.points if p.quadrant == quadrant]
        return sorted(found, key=lambda p: (-p.power, -p.interest, p.name))


@dataclass(frozen=True)
class CampaignCharts:
    """Chart data for each issue of a campaign."""

    campaign_id: int
    campaign: str
    as_of: date
    issues: list[IssueChart]


def charts_of(
    inputs: CampaignInputs, issue: str = "", forecast: CampaignForecast | None = None
) -> CampaignCharts:
    """Chart data from a campaign already read (every issue, or the one named).

    ``forecast`` saves forecasting again when the caller has already done so.
    """
    made = forecast if forecast is not None else forecast_inputs(inputs)
    forecasts = {f.issue_id: f.default for f in made.issues}
    wanted = inputs.issue(issue) if issue else None
    charts = []
    for data in inputs.issues:
        if wanted is not None and data is not wanted:
            continue
        points = [
            StakeholderPoint(
                person_id=inputs.person_ids[i],
                name=inputs.names[i],
                position=float(data.positions[i]),
                interest=float(data.saliences[i]),
                power=float(data.capabilities[i]),
                power_source="stated" if data.capability_stated[i] else "influence",
                confidence=float(data.confidences[i]),
                side=side_of(float(data.positions[i]), data.desired_position),
                quadrant=quadrant_of(float(data.capabilities[i]), float(data.saliences[i])),
                is_decider=bool(inputs.is_decider[i]),
                is_me=inputs.me == int(i),
            )
            for i in data.stakeholders
        ]
        points.sort(key=lambda p: (-p.power * p.interest, p.name))
        charts.append(
            IssueChart(
                issue_id=data.id,
                issue=data.name,
                low_label=data.issue.low_label,
                high_label=data.issue.high_label,
                desired=data.desired_position,
                forecast=forecasts.get(data.id),
                points=points,
            )
        )
    return CampaignCharts(
        campaign_id=inputs.campaign.id or 0,
        campaign=inputs.campaign.name,
        as_of=inputs.as_of,
        issues=charts,
    )


def stakeholder_charts(
    uow: UnitOfWork,
    campaign: str,
    *,
    issue: str = "",
    lens: Lens = TODAY,
) -> CampaignCharts:
    """The power-interest grid and position × salience chart data of a campaign."""
    inputs = campaign_inputs(uow, campaign, lens)
    return charts_of(inputs, issue)
