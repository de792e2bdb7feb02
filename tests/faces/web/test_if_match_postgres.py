"""Two editors of one record on PostgreSQL through the API: both read version "1", both
send their change with ``If-Match: "1"`` at once; one is saved, the other answered 412
with a message saying someone else changed it, and the record holds the winner's text
(issue 21: the compare-and-save is one ``UPDATE ... WHERE version = :expected``)."""

from __future__ import annotations

import threading
import uuid

from fastapi.testclient import TestClient

from allies.config import Settings
from allies.web import create_app
from tests.faces.web.small_network import build_network


def test_two_concurrent_editors_one_wins_one_gets_412(postgres_database_url: str) -> None:
    settings = Settings(database_url=postgres_database_url, workspace=f"t-{uuid.uuid4().hex[:8]}")
    network = build_network(settings)
    app = create_app(settings)
    path = f"/api/v1/favours/{network.favour}"
    both_read = threading.Barrier(2, timeout=120)
    answers: dict[str, tuple[int, dict[str, object]]] = {}

    def editor(name: str) -> None:
        with TestClient(app) as client:
            read = client.get(path)
            assert read.status_code == 200, read.text
            tag = read.headers["ETag"]
            both_read.wait()
            sent = client.patch(path, json={"description": name}, headers={"If-Match": tag})
            answers[name] = (sent.status_code, sent.json())

    threads = [threading.Thread(target=editor, args=(n,)) for n in ("Ann's edit", "Bo's edit")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert sorted(status for status, _ in answers.values()) == [200, 412], answers
    (winner,) = [name for name, (status, _) in answers.items() if status == 200]
    (refused,) = [body for status, body in answers.values() if status == 412]
    assert "changed by someone else" in str(refused["detail"])
    assert refused["kind"] == "favour" and refused["id"] == network.favour
    with TestClient(app) as client:
        now = client.get(path)
        assert now.json()["description"] == winner and now.headers["ETag"] == '"2"'
