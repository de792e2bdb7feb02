"""The map's data by level of detail: a small network whole, a large one as an overview
(clusters and the most influential people) with clusters opened and a person's circle."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network import map_view
from allies.services.network.map import network_map
from tests.faces.web.small_network import Network


@pytest.fixture
def overview(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the four-person network as a large one (an overview above two people)."""
    monkeypatch.setattr(map_view, "EVERYONE_UP_TO", 2)


def test_a_small_network_comes_whole_with_places_and_clusters(
    client: TestClient, network: Network
) -> None:
    graph = client.get("/api/v1/graph").json()
    assert graph["level"] == "everyone" and graph["people"] == 4 and graph["ties"] == 2
    assert graph["clusters"] == [] and graph["links"] == []
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[network.bo]["place"] == 1  # the most listened to
    assert sorted(n["place"] for n in nodes.values()) == [1, 2, 3, 4]
    assert all(n["cluster"].startswith("group:") for n in nodes.values())
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in nodes.values())
    units = {
        n["id"]: n["cluster"]
        for n in client.get("/api/v1/graph", params={"by": "unit"}).json()["nodes"]
    }
    assert units[network.me] == "unit:0"  # no unit
    assert units[network.bo] == units[network.cy] != units[network.ann]  # Finance, Legal


@pytest.mark.usefixtures("overview")
def test_the_overview_draws_the_top_people_and_clusters_for_the_rest(
    client: TestClient, network: Network
) -> None:
    graph = client.get("/api/v1/graph", params={"top": 1}).json()
    assert graph["level"] == "overview"
    drawn = {n["id"] for n in graph["nodes"]}
    assert drawn == {network.bo, network.me}  # the most influential, and me
    assert sum(c["hidden"] for c in graph["clusters"]) == graph["people"] - len(drawn) == 2
    for cluster in graph["clusters"]:
        assert cluster["top"] and 0 <= cluster["x"] <= 1 and cluster["size"] >= cluster["hidden"]
    # Ann's ties (to me, to Bo) are counted between her cluster and us.
    ann = next(c for c in graph["clusters"] if "Ann Lee" in c["top"])
    ends = {(link["source"], link["target"]) for link in graph["links"]}
    assert any(ann["key"] in pair for pair in ends)
    assert graph["edges"] == []  # Bo and I have no tie of our own
    # Opening Ann's cluster draws her, with her ties to those drawn.
    opened = client.get("/api/v1/graph", params={"top": 1, "cluster": ann["key"]}).json()
    assert network.ann in {n["id"] for n in opened["nodes"]}
    assert opened["opened"] == [ann["key"]]
    assert {e["id"] for e in opened["edges"]} >= {network.tie}
    assert next(c for c in opened["clusters"] if c["key"] == ann["key"])["hidden"] == 0


@pytest.mark.usefixtures("overview")
def test_a_focus_draws_the_circle(client: TestClient, network: Network) -> None:
    one = client.get("/api/v1/graph", params={"top": 0, "focus": network.ann}).json()
    assert one["focus"] == network.ann
    assert one["circle"][0] == network.ann
    assert set(one["circle"]) == {network.ann, network.me, network.bo}
    assert {n["id"] for n in one["nodes"]} >= set(one["circle"])
    two = client.get("/api/v1/graph", params={"top": 0, "focus": network.cy, "depth": 2}).json()
    assert two["circle"] == [network.cy]  # Cy has no tie, only an observation
    also = client.get("/api/v1/graph", params={"top": 0, "person": [network.cy]}).json()
    assert network.cy in {n["id"] for n in also["nodes"]}


def test_wrong_views_are_named(client: TestClient, network: Network) -> None:
    wrong = client.get("/api/v1/graph", params={"cluster": "group:99"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "cluster"
    assert "group:99" in wrong.json()["detail"]
    assert client.get("/api/v1/graph", params={"focus": 999_999}).status_code == 404
    for params in ({"by": "team"}, {"depth": 3}, {"level": "all"}, {"top": -1}):
        answer = client.get("/api/v1/graph", params=params)
        assert answer.status_code == 422, params
        assert answer.json()["field"] == next(iter(params)), params


def test_everyone_as_the_objects_path_draws_them(settings: Settings, network: Network) -> None:
    """The arrays path draws what :func:`network_map` (every record as an object) does."""
    factory = unit_of_work_factory(settings)
    whole = network_map(factory(settings.workspace))
    drawn = map_view.map_view(factory(settings.workspace), level="everyone")
    assert [(n.id, n.name, n.size, n.group, n.x, n.y) for n in drawn.nodes] == [
        (n.id, n.name, n.size, n.group, n.x, n.y) for n in whole.nodes
    ]
    assert {(e.id, e.kind, e.current) for e in drawn.edges} == {
        (e.id, e.kind, e.current) for e in whole.edges
    }
    assert drawn.groups == whole.groups and drawn.units == whole.units
