"""``allies person show``: the story's newest events in a table, the older ones a
``--before`` away, every one with ``--all``; JSON holds the whole story unless limited."""

from __future__ import annotations

import json
import re

from tests.faces.cli.invoke import Invoke


def test_the_story_shows_its_newest_events_and_leads_to_older_ones(
    small_network: Invoke,
) -> None:
    for n in range(30):
        small_network("log", "Maria", "--on", f"{n + 1} days ago", "-m", f"talk {n}")
    whole = json.loads(small_network("person", "show", "Maria", "-f", "json").stdout)
    total = len(whole["timeline"])
    assert total >= 30 and whole["timeline_total"] == total
    assert whole["timeline_next"] is None and whole["interactions"] >= 30
    table = small_network("person", "show", "Maria").stdout
    assert "talk 0" in table and "talk 24" in table and "talk 25" not in table  # the newest
    assert f"Showing 25 of the {total} events" in table
    before = re.search(r"--before (\S+);", table)
    assert before, table
    older = small_network("person", "show", "Maria", "--before", before.group(1)).stdout
    assert "talk 25" in older and "talk 29" in older and "talk 24" not in older
    assert "--before" not in older  # nothing older than that page
    everything = small_network("person", "show", "Maria", "--all").stdout
    assert "talk 0" in everything and "talk 29" in everything and "Showing" not in everything
    three = json.loads(
        small_network("person", "show", "Maria", "--limit", "3", "-f", "json").stdout
    )
    assert [e["text"] for e in three["timeline"]] == [e["text"] for e in whole["timeline"][:3]]
    assert three["timeline_next"] == "{on}.{kind}.{id}".format(**three["timeline"][-1])
    bad = small_network("person", "show", "Maria", "--before", "soon", ok=False)
    assert "not a place in a story" in bad.output
