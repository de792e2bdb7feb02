"""A person's story says how a meeting went in words, not as a number."""

from __future__ import annotations

from datetime import date

from allies.domain import Interaction
from allies.services.network.profile import build_timeline


def test_the_story_says_how_meetings_went_in_words() -> None:
    names: dict[int | None, str] = {1: "Ann Lee"}
    meetings = [
        Interaction(occurred_on=date(2026, 1, day), participant_ids=[1], tone=tone, id=day)
        for day, tone in ((1, 2), (2, 1), (3, 0), (4, -1), (5, -2))
    ]
    texts = [e.text for e in build_timeline(names, meetings, [], [], [])]
    assert texts == [
        "one on one with Ann Lee (went very badly)",
        "one on one with Ann Lee (went badly)",
        "one on one with Ann Lee",
        "one on one with Ann Lee (went well)",
        "one on one with Ann Lee (went very well)",
    ]
    assert not any("tone" in text for text in texts)
