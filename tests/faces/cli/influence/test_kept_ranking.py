"""``allies influencers`` shows the ranking kept for the network as it is: the same answer
as working it out, and never one of an earlier network or with an old name or title."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from allies.cli.output import plain
from allies.services.context import Lens
from allies.services.influence.ranking import influencers
from allies.store import open_store
from tests.faces.cli.invoke import Invoke


def _worked_out(db: Path, top: int = 10) -> Any:
    """The ranking as the service works it out now, as the command's JSON holds it."""
    factory = open_store(f"sqlite:///{db}")
    try:
        return json.loads(json.dumps(plain(influencers(factory("default"), top=top, lens=Lens()))))
    finally:
        factory.engine.dispose()


def test_the_kept_ranking_is_the_one_worked_out_for_the_network_as_it_is(
    small_network: Invoke, tmp_path: Path
) -> None:
    db = tmp_path / "allies.sqlite3"
    first = json.loads(small_network("influencers", "-f", "json").output)
    again = json.loads(small_network("influencers", "-f", "json").output)  # the kept one
    assert first == again == _worked_out(db)
    table = small_network("influencers").output
    assert "Maria Lopez" in table and "listens-to edges" in table

    small_network("person", "edit", "Maria Lopez", "--name", "Maria Lopez-Ortega", "--title", "COO")
    renamed = json.loads(small_network("influencers", "-f", "json").output)
    assert renamed == _worked_out(db)
    assert any(
        r["name"] == "Maria Lopez-Ortega" and r["title"] == "COO" for r in renamed["influencers"]
    )

    small_network("observe", "Bo Chen", "deferred-to", "Bo Lindqvist")
    changed = json.loads(small_network("influencers", "-f", "json").output)
    assert changed == _worked_out(db)
    assert changed["edges"] > renamed["edges"]


def test_the_top_asked_for_is_kept_apart(small_network: Invoke, tmp_path: Path) -> None:
    two = json.loads(small_network("influencers", "--top", "2", "-f", "json").output)
    three = json.loads(small_network("influencers", "--top", "3", "-f", "json").output)
    assert len(two["influencers"]) == 2 and len(three["influencers"]) == 3
    assert json.loads(small_network("influencers", "--top", "2", "-f", "json").output) == two
    assert three == _worked_out(tmp_path / "allies.sqlite3", top=3)
