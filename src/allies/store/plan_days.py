"""The active campaigns' meeting plans as computed on a day, in one workspace.

A cache kept in the database, so every app process on it shares it: the agenda plans a
campaign at the first look of the day, or again after the campaign changes, and reads
the stored meetings otherwise. Rows are written straight to the connection, not through
the audit trail, so any member of the workspace (a viewer too) can store them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from allies.domain import CampaignMeetingLine, CampaignStatus
from allies.store import tables as t
from allies.store.changes import changes_stamp
from allies.store.plan_state import plan_aggregates

__all__ = ["SqlPlanDayRepository"]


def _plain(line: CampaignMeetingLine) -> dict[str, Any]:
    return {
        "who": line.who,
        "what": line.what,
        "why": line.why,
        "on": line.on.isoformat(),
        "person_id": line.person_id,
        "campaign_id": line.campaign_id,
    }


def _line(value: Mapping[str, Any]) -> CampaignMeetingLine:
    person_id = value.get("person_id")
    return CampaignMeetingLine(
        who=str(value["who"]),
        what=str(value["what"]),
        why=str(value["why"]),
        on=date.fromisoformat(str(value["on"])),
        person_id=None if person_id is None else int(person_id),
        campaign_id=int(value["campaign_id"]),
    )


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else repr(value)


def _rounded(value: object) -> object:
    """Sums of floats to 9 significant digits, so two reads of one state agree."""
    return float(f"{value:.9g}") if isinstance(value, float) else value


def _digest(rows: Iterable[tuple[Any, ...]]) -> str:
    """A hex SHA-256 of rows of values."""
    text = "\n".join("|".join(_text(v) for v in row) for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()


class SqlPlanDayRepository:
    """The stored meeting plans of one workspace's campaigns, by day."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def states(self) -> dict[int, str]:
        """The active campaigns' ids and fingerprints of their own state.

        The fingerprint is a hash of the campaign's row, its issues, its deciders and its
        stances (every column), so editing the campaign or recording, changing or removing
        a stance changes it.
        """
        c = t.campaigns.c
        campaigns = self._conn.execute(
            select(c.id, c.name, c.decision_on, c.description, c.status)
            .where(c.workspace_id == self._workspace_id)
            .where(c.status == CampaignStatus.ACTIVE.value)
            .order_by(c.id)
        ).all()
        if not campaigns:
            return {}
        own = self._campaign_parts([row.id for row in campaigns])
        return {row.id: _digest([tuple(row), *own[row.id]]) for row in campaigns}

    def inputs_state(self, campaign_id: int, since: date, until: date) -> str | None:
        """A fingerprint of everything a campaign's plan is made from, or None when the
        workspace has no such campaign.

        It covers the campaign's own state (as :meth:`states`, whatever its status), the
        change counts of the people, ties, observations and promises
        (:mod:`allies.store.changes`) and aggregates read in SQL without loading a record
        (:func:`allies.store.plan_state.plan_aggregates`): who is me, the affiliations and
        the interactions from ``since`` to ``until``. Adding, saving or removing any of
        them changes it.
        """
        c = t.campaigns.c
        row = self._conn.execute(
            select(c.id, c.name, c.decision_on, c.description, c.status).where(
                c.workspace_id == self._workspace_id, c.id == campaign_id
            )
        ).first()
        if row is None:
            return None
        parts = [tuple(row), *self._campaign_parts([campaign_id])[campaign_id]]
        counted = ("people", "ties", "observations", "promises")
        parts.append(("changes", changes_stamp(self._conn, self._workspace_id, counted)))
        aggregates = plan_aggregates(self._workspace_id, since, until)
        for query in aggregates:
            parts.extend(("sum", *(_rounded(v) for v in r)) for r in self._conn.execute(query))
        return _digest(parts)

    def _campaign_parts(self, ids: list[int]) -> dict[int, list[tuple[Any, ...]]]:
        """The issues, deciders and stances of the campaigns, as rows to fingerprint."""
        parts: dict[int, list[tuple[Any, ...]]] = {cid: [] for cid in ids}
        i = t.campaign_issues.c
        for row in self._conn.execute(
            select(t.campaign_issues).where(i.campaign_id.in_(ids)).order_by(i.id)
        ):
            parts[row.campaign_id].append(("issue", *row))
        d = t.campaign_deciders.c
        for row in self._conn.execute(
            select(d.campaign_id, d.person_id, d.position)
            .where(d.campaign_id.in_(ids))
            .order_by(d.campaign_id, d.position, d.person_id)
        ):
            parts[row[0]].append(("decider", *row[1:]))
        s = t.stances.c
        for row in self._conn.execute(
            select(i.campaign_id, t.stances)
            .join(t.campaign_issues, i.id == s.issue_id)
            .where(i.campaign_id.in_(ids))
            .where(s.workspace_id == self._workspace_id)
            .order_by(s.id)
        ):
            parts[row[0]].append(("stance", *row[1:]))
        return parts

    def get(self, campaign_id: int, day: date, state_key: str) -> list[CampaignMeetingLine] | None:
        """The meetings stored for the campaign on ``day`` under ``state_key``, or None."""
        p = t.campaign_plan_days.c
        row = self._conn.execute(
            select(p.state_key, p.meetings).where(
                p.workspace_id == self._workspace_id, p.campaign_id == campaign_id, p.day == day
            )
        ).first()
        if row is None or row.state_key != state_key:
            return None
        return [_line(value) for value in row.meetings]

    def put(
        self, campaign_id: int, day: date, state_key: str, meetings: Sequence[CampaignMeetingLine]
    ) -> bool:
        """Store the campaign's meetings for ``day``, replacing whatever it had stored.

        Returns False, storing nothing, when another process stored the same day at the
        same time (its row stays): a unique violation, or on SQLite a transaction that
        began before the other process's write and so may not write any more.
        """
        p = t.campaign_plan_days.c
        try:
            with self._conn.begin_nested():
                self._conn.execute(
                    delete(t.campaign_plan_days).where(
                        p.workspace_id == self._workspace_id, p.campaign_id == campaign_id
                    )
                )
                self._conn.execute(
                    insert(t.campaign_plan_days).values(
                        workspace_id=self._workspace_id,
                        campaign_id=campaign_id,
                        day=day,
                        state_key=state_key,
                        computed_at=datetime.now(UTC),
                        meetings=[_plain(m) for m in meetings],
                    )
                )
        except IntegrityError:
            return False
        except OperationalError:
            if self._conn.dialect.name != "sqlite":
                raise
            return False
        return True

    def people_met_on(self, day: date, person_ids: Iterable[int]) -> set[int]:
        """Which of the people took part in an interaction logged on ``day``."""
        wanted = sorted(set(person_ids))
        if not wanted:
            return set()
        c = t.interaction_participants.c
        found = self._conn.scalars(
            select(c.person_id).distinct().where(c.person_id.in_(wanted), c.occurred_on == day)
        )
        return {int(pid) for pid in found}

    def clear(self) -> int:
        """Delete every stored plan day of the workspace; returns how many there were."""
        p = t.campaign_plan_days.c
        result = self._conn.execute(
            delete(t.campaign_plan_days).where(p.workspace_id == self._workspace_id)
        )
        return int(result.rowcount or 0)
