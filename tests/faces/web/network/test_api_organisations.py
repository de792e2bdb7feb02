"""Organisations as actors over the API and on the organisation's page: affiliations and
ties between organisations (list, create, edit, delete), an organisation's stance with its
spokesperson, and the page's forms with their errors beside the fields."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def _organisation(client: TestClient, name: str) -> int:
    made = client.post("/api/v1/organisations", json={"name": name})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_affiliations_are_listed_created_edited_and_deleted(
    client: TestClient, network: Network
) -> None:
    board = _organisation(client, "Harbour Board")
    made = client.post(
        "/api/v1/affiliations",
        json={"person_id": network.ann, "organisation_id": board, "role": "Board member",
              "started_on": "2024-01-01"},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["person"], body["organisation"], body["current"]) == (
        "Ann Lee",
        "Harbour Board",
        True,
    )
    one = body["id"]
    assert client.get(f"/api/v1/affiliations/{one}").json()["role"] == "Board member"
    listed = client.get("/api/v1/affiliations", params={"person_id": network.ann}).json()
    assert [a["id"] for a in listed["items"]] == [one]
    at = client.get("/api/v1/affiliations", params={"organisation_id": board}).json()
    assert at["total"] == 1
    ended = client.patch(f"/api/v1/affiliations/{one}", json={"ended_on": "2025-06-30"})
    assert ended.status_code == 200 and ended.json()["current"] is False
    backwards = client.patch(f"/api/v1/affiliations/{one}", json={"ended_on": "2023-01-01"})
    assert backwards.status_code == 422 and backwards.json()["field"] == "ended_on"
    nobody = client.post(
        "/api/v1/affiliations", json={"person_id": 999999, "organisation_id": board}
    )
    assert nobody.status_code == 422 and nobody.json()["field"] == "person_id"
    assert client.delete(f"/api/v1/affiliations/{one}").status_code == 204
    assert client.get(f"/api/v1/affiliations/{one}").status_code == 404


def test_ties_between_organisations_are_listed_created_edited_and_deleted(
    client: TestClient, network: Network
) -> None:
    fund = _organisation(client, "City Fund")
    made = client.post(
        "/api/v1/organisation_ties",
        json={"source_id": fund, "kind": "funds", "target_id": network.acme},
    )
    assert made.status_code == 201, made.text
    assert made.json()["statement"] == "City Fund funds Acme"
    one = made.json()["id"]
    listed = client.get("/api/v1/organisation_ties", params={"organisation_id": network.acme})
    assert [t["id"] for t in listed.json()["items"]] == [one]
    changed = client.patch(f"/api/v1/organisation_ties/{one}", json={"kind": "partners_with"})
    assert changed.json()["statement"] == "City Fund partners with Acme"
    itself = client.post(
        "/api/v1/organisation_ties",
        json={"source_id": fund, "kind": "funds", "target_id": fund},
    )
    assert itself.status_code == 422 and itself.json()["field"] == "target"
    bad_kind = client.post(
        "/api/v1/organisation_ties",
        json={"source_id": fund, "kind": "owns", "target_id": network.acme},
    )
    assert bad_kind.status_code == 422
    assert client.delete(f"/api/v1/organisation_ties/{one}").status_code == 204
    assert client.get("/api/v1/organisation_ties").json()["total"] == 0


def test_an_organisation_holds_a_stance_through_its_spokesperson(
    client: TestClient, network: Network
) -> None:
    campaign = client.post(
        "/api/v1/campaigns", json={"name": "Depot", "issues": [{"name": "Site"}]}
    )
    assert campaign.status_code == 201, campaign.text
    cid = campaign.json()["id"]
    made = client.post(
        f"/api/v1/campaigns/{cid}/organisation_stances",
        json={"organisation_id": network.acme, "spokesperson_id": network.bo, "position": 80},
    )
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["organisation"], body["spokesperson"], body["issue"]) == (
        "Acme",
        "Bo Chen",
        "Site",
    )
    listed = client.get(f"/api/v1/campaigns/{cid}/organisation_stances").json()
    assert [(s["organisation"], s["position"]) for s in listed] == [("Acme", 80.0)]
    wrong = client.post(
        f"/api/v1/campaigns/{cid}/organisation_stances",
        json={"organisation_id": network.acme, "spokesperson_id": network.bo, "position": 80,
              "issue_id": 999999},
    )  # fmt: skip
    assert wrong.status_code == 422 and wrong.json()["field"] == "issue_id"


def test_the_organisation_page_adds_and_removes_ties_and_roles(
    client: TestClient, network: Network
) -> None:
    fund = _organisation(client, "City Fund")
    page = client.get(f"/organisations/{network.acme}")
    assert page.status_code == 200 and "Ties with other organisations" in page.text
    assert "People over time" in page.text
    added = client.post(
        f"/organisations/{network.acme}/ties", data={"kind": "member_of", "target": str(fund)}
    )
    assert added.status_code == 303
    page = client.get(f"/organisations/{network.acme}").text
    assert "Acme is a member of City Fund" in page
    missing = client.post(f"/organisations/{network.acme}/ties", data={"kind": "funds"})
    assert missing.status_code == 400
    assert 'id="tie-target-error"' in missing.text and "Pick the other organisation" in missing.text
    role = client.post(
        f"/organisations/{network.acme}/people",
        data={"person": "Cy Diaz", "role": "Treasurer", "started_on": "2025-01-01",
              "ended_on": "2024-01-01"},
    )  # fmt: skip
    assert role.status_code == 400 and 'id="person-ended_on-error"' in role.text
    role = client.post(
        f"/organisations/{network.acme}/people",
        data={"person": "Cy Diaz", "role": "Treasurer", "started_on": "2025-01-01"},
    )
    assert role.status_code == 303
    page = client.get(f"/organisations/{network.acme}").text
    assert "Treasurer" in page
    ties = client.get("/api/v1/organisation_ties").json()["items"]
    gone = client.post(f"/organisations/{network.acme}/ties/{ties[0]['id']}/delete")
    assert gone.status_code == 303
    assert "Acme is a member of City Fund" not in client.get(f"/organisations/{network.acme}").text


def test_the_stance_table_leads_to_organisations_stances_with_a_spokesperson(
    client: TestClient, network: Network
) -> None:
    cid = client.post(
        "/api/v1/campaigns", json={"name": "Depot", "issues": [{"name": "Site"}]}
    ).json()["id"]
    table = client.get(f"/campaigns/{cid}/stances").text
    assert f'href="/campaigns/{cid}/organisation_stances"' in table
    page = client.get(f"/campaigns/{cid}/organisation_stances")
    assert page.status_code == 200 and "Who speaks for it" in page.text
    nobody = client.post(
        f"/campaigns/{cid}/organisation_stances",
        data={"organisation": str(network.acme), "spokesperson": "", "position": "70"},
    )
    assert nobody.status_code == 422
    assert 'id="org-stance-spokesperson-error"' in nobody.text
    too_far = client.post(
        f"/campaigns/{cid}/organisation_stances",
        data={"organisation": str(network.acme), "spokesperson": "Bo Chen", "position": "170"},
    )
    assert too_far.status_code == 422 and 'id="org-stance-position-error"' in too_far.text
    saved = client.post(
        f"/campaigns/{cid}/organisation_stances",
        data={"organisation": str(network.acme), "spokesperson": "Bo Chen", "position": "70"},
    )
    assert saved.status_code == 303
    page = client.get(saved.headers["location"]).text
    assert "The stance was recorded." in page and "Bo Chen" in page


def test_an_organisation_stance_naming_nobody_names_the_field(
    client: TestClient, network: Network
) -> None:
    cid = client.post("/api/v1/campaigns", json={"name": "Depot", "issues": [{"name": "Site"}]})
    path = f"/api/v1/campaigns/{cid.json()['id']}/organisation_stances"
    nobody = client.post(
        path, json={"organisation_id": network.acme, "spokesperson_id": 999999, "position": 50}
    )
    assert nobody.status_code == 422 and nobody.json()["field"] == "spokesperson_id"
    nothing = client.post(
        path, json={"organisation_id": 999999, "spokesperson_id": network.bo, "position": 50}
    )
    assert nothing.status_code == 422 and nothing.json()["field"] == "organisation_id"
