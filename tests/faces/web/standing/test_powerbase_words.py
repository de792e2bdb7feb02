"""The power base names each person's relationship in words, with the strength itself on
demand (issue 22), and the page follows the records once the report is kept."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.faces.web.small_network import Network


def test_people_behind_a_finding_are_named_with_words_and_the_number_on_demand(
    client: TestClient, network: Network
) -> None:
    html = client.get("/powerbase").text
    findings = html[html.index('id="findings"') : html.index('id="composition"')]
    assert "(strength 0." not in findings  # no bare decimal beside a name
    found = re.findall(
        r'title="strength (\d\.\d\d)">\((strong|moderate|weak|no) relationship', findings
    )
    assert found, findings
    assert all(0.0 <= float(number) <= 1.0 for number, _ in found)


def test_the_kept_report_is_read_again_after_a_change(client: TestClient, network: Network) -> None:
    first = client.get("/api/v1/powerbase").json()
    again = client.get("/api/v1/powerbase").json()
    assert again == first  # read back: the same report
    made = client.post("/api/v1/people", json={"name": "Zed Newcomer"})
    assert made.status_code in (200, 201), made.text
    after = client.get("/api/v1/powerbase").json()
    assert after["people"] == first["people"] + 1
