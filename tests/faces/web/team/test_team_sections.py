"""The team's and the organisations' sections on a single-user app: a person's roles at
organisations (added from their page), a campaign's coverage with the meeting given to a
member from its table, and the consultation log as a spreadsheet."""

from __future__ import annotations

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.campaigns.editing import create_campaign
from allies.services.team import accounts
from allies.services.team.members import join
from tests.faces.web.small_network import Network


def test_roles_at_organisations_on_the_persons_page(client: TestClient, network: Network) -> None:
    page = client.get(f"/people/{network.ann}")
    assert f'hx-get="/people/{network.ann}/affiliations"' in page.text
    empty = client.get(f"/people/{network.ann}/affiliations")
    assert "No roles recorded yet" in empty.text
    added = client.post(
        f"/people/{network.ann}/affiliations",
        data={"organisation": "Acme", "role": "Board member", "started_on": "2024-01-15"},
    )
    assert added.status_code == 303
    listed = client.get(f"/people/{network.ann}/affiliations").text
    assert "Board member" in listed and "from 2024-01-15" in listed and "now" in listed
    wrong = client.post(
        f"/people/{network.ann}/affiliations",
        data={"organisation": "Acme", "started_on": "2024-02-01", "ended_on": "2024-01-01"},
    )
    assert wrong.status_code == 400 and "comes before the start" in wrong.text


def test_a_meeting_given_from_the_coverage_table(
    client: TestClient, network: Network, settings: Settings
) -> None:
    factory = unit_of_work_factory(settings)
    accounts.add_user(factory, f"m{settings.workspace[-6:]}", "a long password 1")
    member = f"m{settings.workspace[-6:]}"
    accounts.grant(factory, settings.workspace, member, "editor")
    join(factory, settings.workspace, member, person=f"#{network.bo}")
    campaign = create_campaign(
        factory(settings.workspace), "Budget", issues=["Size"], deciders=[f"#{network.ann}"]
    )
    section = client.get(f"/campaigns/{campaign.id}/coverage", headers={"HX-Request": "true"})
    assert "Who covers this campaign" in section.text and "nobody on the team owns" in section.text
    given = client.post(
        f"/campaigns/{campaign.id}/assignments",
        data={"person": f"#{network.ann}", "username": member},
    )
    assert given.status_code == 303
    again = client.get(f"/campaigns/{campaign.id}/coverage").text
    assert f'<option value="{member}" selected>' in again
    sheet = client.get(f"/campaigns/{campaign.id}/consultations.csv")
    assert sheet.status_code == 200
    assert sheet.text.startswith("date,kind,people,issue,summary,issues raised,follow-ups")


def test_a_member_sends_a_survey_and_sees_whom_to_remind(
    client: TestClient, network: Network
) -> None:
    assert "No survey sent yet" in client.get("/surveys").text
    sent = client.post(
        "/surveys",
        data={
            "title": "Who decides budgets",
            "people": "Ann, Bo, Cy",
            "questions": "advice",
            "days": "7",
        },
    )
    assert sent.status_code == 200 and sent.text.count("/s/") == 3
    listed = client.get("/surveys").text
    assert "Who decides budgets" in listed and "0 of 3" in listed
    survey = listed.split('href="/surveys/')[1].split('"')[0]
    first = sent.text.split("<code>")[1].split("</code>")[0].split("/s/", 1)[1]
    client.post(f"/s/{first}", data={"advice": [str(network.bo)]})
    status = client.get(f"/surveys/{survey}").text
    assert "1 of 3 answered" in status and status.count("<code>") == 2
    refused = client.post("/surveys", data={"title": "Alone", "people": "Ann", "days": "7"})
    assert refused.status_code == 422 and "at least two people" in refused.text
