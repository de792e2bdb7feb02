"""Well-formed extremes on the command line: a negative seed and days at the ends of the
calendar end in one clear line naming the option, never a traceback."""

from __future__ import annotations

import pytest

from tests.faces.cli.invoke import Invoke


@pytest.fixture
def campaign(allies: Invoke) -> Invoke:
    """Me, a decider who listens to me, and a campaign with one issue."""
    allies("person", "add", "Dana Ruiz", "--me")
    allies("person", "add", "Maria Lopez")
    allies("tie", "add", "Maria Lopez", "listens_to", "Dana Ruiz", "--weight", "0.9")
    allies(
        "campaign",
        "new",
        "Analytics platform",
        "--issue",
        "Scope: own tools .. one platform @ 80",
        "--decider",
        "Maria Lopez",
    )
    return allies


@pytest.mark.parametrize("seed", ["-1", str(2**32)])
def test_a_seed_out_of_range_is_refused_plainly(campaign: Invoke, seed: str) -> None:
    result = campaign("campaign", "plan", "--k", "1", "--seed", seed, ok=False)
    assert "Traceback" not in result.output
    assert "seed must be between 0 and 4294967295" in result.output


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "9999 years ago"])
def test_a_day_off_the_calendar_is_refused_plainly(campaign: Invoke, day: str) -> None:
    result = campaign("powerbase", "--as-of", day, ok=False)
    assert "Traceback" not in result.output
    assert "as-of must be between 1900-01-01 and 2199-12-31" in result.output
