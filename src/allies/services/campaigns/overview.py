"""Everything one campaign page shows, from one read of the workspace.

The summary and stance tables (:mod:`.campaign_stances`), the forecasts of every model
(:mod:`.forecast`) and the chart data (:mod:`.campaign_charts`) all come from the same
:class:`~allies.services.campaigns.inputs.CampaignRead`, so they agree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.services.campaigns.charts import CampaignCharts, charts_of
from allies.services.campaigns.forecast import CampaignForecast, forecast_inputs
from allies.services.campaigns.inputs import inputs_of, read_campaign
from allies.services.campaigns.stances import CampaignDetail, summary_of, table_of
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = ["CampaignOverview", "campaign_overview"]


@dataclass(frozen=True)
class CampaignOverview:
    """A campaign's detail (summary and stance tables), forecasts and chart data."""

    detail: CampaignDetail
    forecast: CampaignForecast
    charts: CampaignCharts


def campaign_overview(
    uow: UnitOfWork,
    campaign: str,
    *,
    lens: Lens = TODAY,
) -> CampaignOverview:
    """Read a campaign once and return its detail, forecasts and chart data."""
    read = read_campaign(uow, campaign, lens)
    inputs = inputs_of(read)
    forecast = forecast_inputs(inputs)
    names = {p: read.network.name(p) for p in read.network.people}
    detail = CampaignDetail(
        summary=summary_of(read.campaign, names, int(inputs.stakeholders.shape[0])),
        description=read.campaign.description,
        decider_ids=list(read.campaign.decider_ids),
        table=table_of(read, inputs),
    )
    return CampaignOverview(
        detail=detail, forecast=forecast, charts=charts_of(inputs, forecast=forecast)
    )
