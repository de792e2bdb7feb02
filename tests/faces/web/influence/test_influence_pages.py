"""The Influence page, a person's influence and the ``/api/v1/influence`` endpoints."""

from __future__ import annotations

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.domain import Campaign
from allies.services.network.structure import observe
from tests.faces.web.small_network import Network

# The shared network: Ann listens to Bo (0.8), I know Ann (0.9), Cy deferred to Bo.
# A warm path's hop counts w × (1 + h) / 2, h the health of my relationship with the
# other end (0 for hops that are not mine): Ann and Bo's 0.8 counts 0.40.


def _my_hop(client: TestClient, person_id: int, stated: float) -> float:
    score = client.get(f"/api/v1/health/{person_id}").json()["score"]
    return stated * (1 + (score or 0) / 100) / 2


def test_influence_page_ranks_brokers_and_communities(client: TestClient, network: Network) -> None:
    page = client.get("/influence")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Influence</h1>" in html and 'aria-current="page">Influence' in html
    table = html[html.index('id="ranking-table"') : html.index("</table>")]
    assert table.index("Bo Chen") < table.index("Ann Lee")  # Ann and Cy listen to Bo
    assert f'href="/people/{network.bo}/influence">why' in table
    assert "PageRank of being listened to" in html
    assert 'id="brokers-table"' in html and "Betweenness is exact." in html
    assert 'id="community-list"' in html and "Modularity" in html
    assert html.index("How this is computed") > html.index('id="ranking-table"')


def test_influence_page_with_deciders_and_someone_to_reach(
    client: TestClient, network: Network
) -> None:
    html = client.get(
        "/influence", params={"deciders": f"Ann Lee (#{network.ann})", "to": "Bo Chen"}
    ).text
    assert "Who has the ear of Ann Lee" in html and 'class="decider"' in html
    paths = html[html.index('id="warm-paths"') :]
    hop = _my_hop(client, network.ann, 0.9)
    assert "Me Myself → Ann Lee → Bo Chen" in paths and f"{hop:.2f} × 0.40 = " in paths
    assert f'href="/map?focus={network.bo}"' in html
    assert "Whom Bo Chen trusts" in html  # he trusts no one yet: the page says what to record


def test_influence_page_names_a_problem_and_still_ranks(
    client: TestClient, network: Network
) -> None:
    page = client.get("/influence", params={"deciders": "Nobody Known"})
    assert page.status_code == 200
    assert 'role="alert"' in page.text and "Nobody called" in page.text
    assert 'id="ranking-table"' in page.text


def test_influence_page_of_an_empty_workspace(client: TestClient) -> None:
    page = client.get("/influence")
    assert page.status_code == 200 and "add people" in page.text


def test_person_page_loads_their_rank_and_evidence(client: TestClient, network: Network) -> None:
    person = client.get(f"/people/{network.bo}").text
    assert f'hx-get="/people/{network.bo}/influence"' in person
    fragment = client.get(f"/people/{network.bo}/influence", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "1st most listened-to of 4 people" in fragment.text
    assert "Cy Diaz deferred to Bo Chen" in fragment.text and "3 days ago" in fragment.text
    full = client.get(f"/people/{network.bo}/influence").text
    assert "<html" in full and 'id="evidence-table"' in full
    assert "Ann Lee listens to Bo Chen" in full and "Cy Diaz deferred to Bo Chen" in full
    assert '<p class="formula">influence 0.' in full
    assert client.get("/people/9999/influence").status_code == 404


def test_api_influencers_and_the_deciders_ear(client: TestClient, network: Network) -> None:
    data = client.get("/api/v1/influence/influencers", params={"top": 2}).json()
    assert data["influencers"][0]["name"] == "Bo Chen"
    assert len(data["influencers"]) == 2
    assert data["influencers"][0]["observations"] == 1 and "PageRank" in data["formula"]
    ear = client.get("/api/v1/influence/influencers", params={"deciders": [network.ann]}).json()
    assert ear["ordered_by"] == "deciders' ear" and ear["deciders"] == ["Ann Lee"]
    assert ear["influencers"][0]["name"] == "Bo Chen"
    assert ear["influencers"][0]["ear_direct"] > 0
    assert [x["name"] for x in ear["influencers"][0]["heard_through"]] == ["Ann Lee"]
    missing = client.get("/api/v1/influence/influencers", params={"deciders": [999]})
    assert missing.status_code == 404
    assert client.get("/api/v1/influence/influencers", params={"top": 0}).status_code == 422


def test_api_campaign_deciders(client: TestClient, network: Network, settings: Settings) -> None:
    with unit_of_work_factory(settings)(settings.workspace) as uow:
        uow.campaigns.add(Campaign(name="Audit", decider_ids=[network.ann]))
        uow.commit()
    data = client.get("/api/v1/influence/influencers", params={"campaign": "active"}).json()
    assert data["campaign"] == "Audit" and data["deciders"] == ["Ann Lee"]


def test_api_brokers_and_communities(client: TestClient, network: Network) -> None:
    brokers = client.get("/api/v1/influence/brokers").json()
    assert brokers["exact"] and brokers["error_bound"] == 0
    assert brokers["brokers"][0]["name"] == "Ann Lee"  # between me and Bo
    sampled = client.get("/api/v1/influence/brokers", params={"pivots": 2}).json()
    assert not sampled["exact"] and sampled["error_bound"] > 0 and sampled["pivots"] == 2
    groups = client.get("/api/v1/influence/communities", params={"seed": 4}).json()
    assert groups["seed"] == 4
    assert sum(c["size"] for c in groups["communities"]) == 4


def test_api_path_confidants_and_why(
    client: TestClient, network: Network, settings: Settings
) -> None:
    found = client.get("/api/v1/influence/path", params={"target": network.bo}).json()
    best = found["paths"][0]
    assert best["people"] == ["Me Myself", "Ann Lee", "Bo Chen"]
    hop = _my_hop(client, network.ann, 0.9)  # from the rounded score: within 0.005
    assert abs(best["strength"] - hop * 0.4) < 0.005 and best["strength"] < 0.72
    assert [s["tie_kind"] for s in best["steps"]] == ["knows", "listens_to"]
    assert [s["stated"] for s in best["steps"]] == [0.9, 0.8]
    assert abs(best["steps"][1]["strength"] - 0.4) < 1e-9  # not my tie: half its weight
    alone = client.get(
        "/api/v1/influence/path", params={"target": network.bo, "source": network.cy}
    ).json()
    assert alone["paths"] == [] and "No chain" in alone["message"]
    why = client.get("/api/v1/influence/why", params={"person": network.bo}).json()
    assert why["position"] == 1 and why["people"] == 4
    seen = next(e for e in why["evidence"] if e["record"] == "observation")
    assert seen["age_days"] == 3 and seen["decay"] < 1
    assert abs(seen["weight"] - seen["factor"] * seen["strength"] * seen["decay"]) < 1e-12
    observe(
        unit_of_work_factory(settings)(settings.workspace),
        "Bo Chen",
        "sought_advice_from",
        "Ann Lee",
    )
    trusted = client.get("/api/v1/influence/confidants", params={"target": network.bo}).json()
    assert [c["name"] for c in trusted["confidants"]] == ["Ann Lee"]
    assert abs(trusted["confidants"][0]["closeness"] - hop) < 0.005
    assert client.get("/api/v1/influence/why", params={"person": 10**9}).status_code == 404
    assert client.get("/api/v1/influence/path").status_code == 422


def test_openapi_lists_the_influence_endpoints(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for name in ("influencers", "brokers", "communities", "path", "confidants", "why"):
        assert set(paths[f"/api/v1/influence/{name}"]) == {"get"}
    assert not any(p.startswith("/influence") or p.endswith("/influence") for p in paths)


def test_the_map_sizes_people_by_the_same_influence(client: TestClient, network: Network) -> None:
    nodes = {n["id"]: n for n in client.get("/api/v1/graph").json()["nodes"]}
    ranking = client.get("/api/v1/influence/influencers", params={"top": 4}).json()
    for person in ranking["influencers"]:
        assert abs(nodes[person["id"]]["influence"] - person["influence"]) < 1e-12
    top = ranking["influencers"][0]["id"]
    assert nodes[top]["size"] == 1.0


def test_the_last_in_the_ranking_reads_as_the_least_listened_to(
    client: TestClient, network: Network
) -> None:
    leads = {
        who: client.get(f"/people/{pid}/influence", headers={"HX-Request": "true"}).text
        for who, pid in (("me", network.me), ("ann", network.ann), ("cy", network.cy))
    }
    last = [who for who, text in leads.items() if "The least listened-to of 4 people" in text]
    assert len(last) == 1
    assert not any("4th most listened-to" in text for text in leads.values())
