"""The signed links of the digest: they handle the line once, as Today does, and are
refused when expired, damaged or made with another key."""

from __future__ import annotations

import time as clock
from datetime import UTC, datetime, time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from allies.errors import InvalidInput
from allies.services.agenda.today import agenda
from allies.services.ports import UnitOfWorkFactory
from allies.services.reminders import act, due, setup
from allies.services.reminders.links import LINK_DAYS
from allies.services.reminders.ports import RemindersContext
from tests.integration.services.keep.keep_helpers import TODAY, meet

MORNING = datetime.combine(TODAY, time(8, 0), tzinfo=UTC)


@pytest.fixture
def links(ctx: RemindersContext, network: UnitOfWorkFactory) -> dict[str, list[str]]:
    """The done and snooze tokens of the day's digest, by the line's person."""
    meet(network, "Ann Lee", 100)
    meet(network, "Bo Chen", 60)
    setup.configure(ctx, network(), link_base="https://a.example")
    digest = due.preview(ctx, network(), day=TODAY)
    return {
        line.item.who: [line.done_url.rsplit("/", 1)[1], line.snooze_url.rsplit("/", 1)[1]]
        for line in digest.lines
    }


def _keys(network: UnitOfWorkFactory) -> set[str]:
    return {i.who for i in agenda(network(), today=TODAY).items}


def test_a_done_link_logs_the_check_in_once(
    ctx: RemindersContext, network: UnitOfWorkFactory, links: dict[str, list[str]]
) -> None:
    done, _ = links["Ann Lee"]
    first = act.act_on_link(ctx, done, today=TODAY)
    assert first.handled and first.done == "check-in with Ann Lee logged"
    assert "Ann Lee" not in _keys(network)
    second = act.act_on_link(ctx, done, today=TODAY)
    assert not second.handled and "handled already" in second.done
    with network() as uow:
        assert len(uow.interactions.list()) == 3  # two meetings and one check-in


def test_a_snooze_link_hides_the_line_until_tomorrow(
    ctx: RemindersContext, network: UnitOfWorkFactory, links: dict[str, list[str]]
) -> None:
    _, snooze = links["Bo Chen"]
    outcome = act.act_on_link(ctx, snooze, today=TODAY)
    assert outcome.handled and outcome.done.startswith("snoozed until")
    assert "Bo Chen" not in _keys(network)


class _OldSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(clock.time()) - (LINK_DAYS + 1) * 86400


def test_expired_damaged_and_foreign_links_are_refused(
    ctx: RemindersContext, network: UnitOfWorkFactory, links: dict[str, list[str]]
) -> None:
    done, _ = links["Ann Lee"]
    with network() as uow:
        key = ctx.repositories(uow).settings().link_key  # type: ignore[union-attr]
    old = URLSafeTimedSerializer(key, salt="allies.reminders.line", signer=_OldSigner)
    expired = old.dumps(["default", "x", "done", ""])
    with pytest.raises(InvalidInput, match="expired"):
        act.act_on_link(ctx, expired, today=TODAY)
    with pytest.raises(InvalidInput, match="not valid"):
        act.act_on_link(ctx, done[:-3] + "abc", today=TODAY)
    foreign = URLSafeTimedSerializer("another key", salt="allies.reminders.line")
    with pytest.raises(InvalidInput, match="not valid"):
        act.act_on_link(ctx, foreign.dumps(["default", "x", "done", ""]), today=TODAY)
    assert "Ann Lee" in _keys(network)
