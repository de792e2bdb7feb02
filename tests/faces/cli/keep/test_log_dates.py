"""The command line reads dates as the web does, and refuses a meeting after today."""

from __future__ import annotations

import json

from tests.faces.cli.invoke import Invoke


def test_a_meeting_next_friday_is_refused(small_network: Invoke) -> None:
    result = small_network("log", "Maria", "--on", "next friday", "-m", "plan", ok=False)
    assert result.exit_code == 1 and "after today" in result.output
    story = json.loads(small_network("person", "show", "Maria", "-f", "json").stdout)
    assert not any("plan" in e["text"] for e in story["timeline"] if e["kind"] == "interaction")


def test_a_promise_due_in_words(small_network: Invoke) -> None:
    out = small_network(
        "promise", "add", "send the draft", "--to", "Maria", "--due", "in two weeks"
    )
    assert out.exit_code == 0
