"""The backup document: every record, local keys, checked types, named faults."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from allies.errors import ImportFormatError
from allies.interchange.backup import KINDS, WorkspaceData, dump_backup, load_backup
from allies.services.demo.network import build_demo

CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_demo_network_survives_a_round_trip() -> None:
    network = build_demo(seed=7, today=date(2026, 1, 15))
    data = WorkspaceData(**{kind: getattr(network, kind) for kind in KINDS})
    raw = dump_backup(data, workspace="demo", created=CREATED)
    assert dump_backup(load_backup(raw), workspace="demo", created=CREATED) == raw
    assert json.loads(raw)["counts"]["people"] == 70


def broken(change: dict[str, object]) -> bytes:
    document = {"format": "allies-backup", "version": 1, **change}
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b'{"format": "something"}', "not an allies backup"),
        (broken({"version": 99}), "version 99"),
        (broken({"people": [{"name": ""}]}), r"people\[0\].name: name must not be empty"),
        (
            broken({"people": [{"name": "Ann", "emails": "ann@x"}]}),
            r"people\[0\].emails: should be a list",
        ),
        (broken({"ties": [{"source_id": 0, "target_id": 1, "kind": "adores"}]}), r"ties\[0\].kind"),
        (broken({"people": [{"name": "Ann", "colour": "red"}]}), r"people\[0\].colour"),
        (broken({"favours": [{"person_id": 0}]}), r"favours\[0\]: is incomplete"),
        (broken({"interactions": [{"occurred_on": 5, "participant_ids": [0]}]}), "occurred_on"),
        (broken({"people": {}}), "people: should be a list"),
    ],
)
def test_broken_backups_name_the_fault(raw: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        load_backup(raw, path="b.json")
