"""An organisation holds a stance through its spokesperson and counts as one actor: its
stance moves the forecast, and its members' own stances no longer count on their own; on
SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

from allies.services.campaigns.editing import create_campaign, set_stance
from allies.services.campaigns.forecast import forecast_campaign
from allies.services.campaigns.inputs import campaign_inputs
from allies.services.campaigns.organisations import set_organisation_stance
from allies.services.context import Lens
from allies.services.network import affiliations
from allies.services.network.structure import add_organisation, add_tie
from allies.services.ports import UnitOfWorkFactory

DAY = date(2026, 12, 7)
LENS = Lens(as_of=DAY)


def _stakes(team: UnitOfWorkFactory) -> dict[str, float]:
    inputs = campaign_inputs(team(), "Clean air", LENS)
    issue = inputs.issue("Zone")
    return {inputs.names[i]: float(issue.positions[i]) for i in issue.stakeholders}


def test_an_organisations_stance_moves_the_forecast_as_one_actor(
    team: UnitOfWorkFactory,
) -> None:
    add_organisation(team(), "Hauliers Union")
    for member in ("Gus Hall", "Eve Ng"):
        affiliations.add_affiliation(
            team(), member, "Hauliers", role="member", started_on=date(2020, 1, 1)
        )
    add_tie(team(), "Dee Moss", "listens_to", "Gus Hall", weight=0.8)
    add_tie(team(), "Dee Moss", "listens_to", "Eve Ng", weight=0.6)
    create_campaign(
        team(), "Clean air", issues=["Zone: small .. city-wide @ 100"], deciders=["Dee Moss"]
    )
    set_stance(team(), "Clean air", "Dee Moss", "Zone", 50, salience=0.6, on=DAY)
    set_stance(team(), "Clean air", "Ann Lee", "Zone", 100, salience=0.8, on=DAY)
    set_stance(team(), "Clean air", "Eve Ng", "Zone", 20, salience=0.9, on=DAY)
    before = forecast_campaign(team(), "Clean air", lens=LENS).issues[0].default
    assert _stakes(team) == {"Dee Moss": 50, "Ann Lee": 100, "Eve Ng": 20}

    set_organisation_stance(
        team(), "Clean air", "Hauliers Union", "Gus Hall", "Zone", 90, salience=0.9, on=DAY
    )
    after = forecast_campaign(team(), "Clean air", lens=LENS).issues[0].default
    # The union is one actor, speaking through Gus: Eve's own 20 no longer counts apart.
    assert _stakes(team) == {"Dee Moss": 50, "Ann Lee": 100, "Gus Hall": 90}
    assert before is not None and after is not None
    assert after > before + 5

    inputs = campaign_inputs(team(), "Clean air", LENS)
    gus, eve = (
        inputs.index_of(inputs.network.person("Gus Hall").id or 0),
        inputs.index_of(inputs.network.person("Eve Ng").id or 0),
    )
    weight = inputs.issue("Zone").capabilities[gus]
    assert weight == max(inputs.derived_capability[gus], inputs.derived_capability[eve])
