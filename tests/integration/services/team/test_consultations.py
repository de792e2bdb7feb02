"""A campaign's consultation log: interactions tagged with the campaign and an issue, with
the issues raised and the follow-ups, every member's, exported as CSV and kept through a
backup; on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date

from allies.services.campaigns.consultations import (
    consultation_csv,
    consultation_log,
    log_consultation,
    tag_interaction,
)
from allies.services.campaigns.editing import create_campaign
from allies.services.keep import log as routine
from allies.services.ports import UnitOfWorkFactory
from allies.services.team.members import member_actor
from allies.services.transfer.backup import backup_workspace, restore_workspace
from tests.integration.services.team.conftest import WORKSPACE


def test_the_consultation_log_is_one_list_of_the_whole_team(team: UnitOfWorkFactory) -> None:
    create_campaign(team(), "Clean air", issues=["Zone", "Timing"], deciders=["Dee Moss"])
    bo = team(WORKSPACE, member_actor(team, WORKSPACE, "bo"))
    log_consultation(
        bo,
        "Clean air",
        ["Dee Moss", "Gus Hall"],
        issue="Zone",
        on=date(2026, 11, 3),
        kind="group_meeting",
        summary="zone hearing",
        issues_raised="delivery vans",
        follow_ups="send the van exemption note",
    )
    cy = member_actor(team, WORKSPACE, "cy")
    call = routine.log_interaction(
        team(WORKSPACE, cy), ["Eve Ng"], on=date(2026, 11, 10), kind="call", summary="phoned Eve"
    )
    tag_interaction(
        team(WORKSPACE, cy),
        call.id or 0,
        "Clean air",
        issue="Timing",
        issues_raised="start in 2028",
        follow_ups="",
    )
    rows = consultation_log(team(WORKSPACE, member_actor(team, WORKSPACE, "ann")), "Clean air")
    assert [(r.on, r.people, r.issue, r.issues_raised) for r in rows] == [
        (date(2026, 11, 3), ["Dee Moss", "Gus Hall"], "Zone", "delivery vans"),
        (date(2026, 11, 10), ["Eve Ng"], "Timing", "start in 2028"),
    ]
    table = list(csv.reader(io.StringIO(consultation_csv(rows))))
    assert table[0] == ["date", "kind", "people", "issue", "summary", "issues raised", "follow-ups"]
    assert table[1] == [
        "2026-11-03",
        "group_meeting",
        "Dee Moss; Gus Hall",
        "Zone",
        "zone hearing",
        "delivery vans",
        "send the van exemption note",
    ]
    restore_workspace(team("copy"), backup_workspace(team(WORKSPACE)))
    again = consultation_log(team("copy"), "Clean air")
    assert [(r.on, r.people, r.issue, r.follow_ups) for r in again] == [
        (r.on, r.people, r.issue, r.follow_ups) for r in rows
    ]
