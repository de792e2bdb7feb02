"""Organisations as actors: a person's affiliations over time and ties between
organisations, kept through a backup and a restore; on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from allies.errors import InvalidInput
from allies.services.network import affiliations as service
from allies.services.network.structure import add_organisation
from allies.services.ports import UnitOfWorkFactory
from allies.services.transfer.backup import backup_workspace, restore_workspace
from tests.integration.services.team.conftest import WORKSPACE


def test_affiliation_history_survives_a_backup_and_a_restore(team: UnitOfWorkFactory) -> None:
    for name in ("Chamber of Commerce", "Clean Air Coalition", "Acme Foundation"):
        add_organisation(team(), name)
    first = service.add_affiliation(
        team(), "Dee Moss", "Chamber", role="Policy lead", started_on=date(2019, 3, 1)
    )
    service.end_affiliation(team(), first.id, date(2023, 8, 31))
    service.add_affiliation(
        team(), "Dee Moss", "Clean Air", role="Chair", started_on=date(2023, 9, 1)
    )
    service.add_affiliation(
        team(), "Dee Moss", "Chamber", role="Board member", started_on=date(2024, 1, 15)
    )
    service.add_organisation_tie(team(), "Acme Foundation", "funds", "Clean Air Coalition")
    service.add_organisation_tie(team(), "Clean Air", "member_of", "Chamber")
    with pytest.raises(InvalidInput):
        service.add_affiliation(
            team(), "Dee Moss", "Chamber", started_on=date(2024, 1, 2), ended_on=date(2024, 1, 1)
        )
    with pytest.raises(InvalidInput):
        service.add_organisation_tie(team(), "Chamber", "owns", "Clean Air")

    def history(factory: UnitOfWorkFactory, workspace: str) -> list[tuple[object, ...]]:
        return [
            (r.organisation, r.role, r.started_on, r.ended_on, r.current)
            for r in service.affiliations_of(
                factory(workspace), "Dee Moss", today=date(2026, 12, 7)
            )
        ]

    before = history(team, WORKSPACE)
    assert before == [
        ("Chamber of Commerce", "Board member", date(2024, 1, 15), None, True),
        ("Clean Air Coalition", "Chair", date(2023, 9, 1), None, True),
        ("Chamber of Commerce", "Policy lead", date(2019, 3, 1), date(2023, 8, 31), False),
    ]
    ties = [t.statement for t in service.organisation_ties(team(), "Clean Air")]
    assert ties == [
        "Acme Foundation funds Clean Air Coalition",
        "Clean Air Coalition is a member of Chamber of Commerce",
    ]
    document = backup_workspace(team(WORKSPACE))
    restore_workspace(team("copy"), document)
    assert history(team, "copy") == before
    assert [t.statement for t in service.organisation_ties(team("copy"))] == ties
