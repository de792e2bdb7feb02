"""End-to-end: people through the real command line."""

from __future__ import annotations

import csv
import io
import json

from tests.faces.cli.invoke import Invoke


def test_add_and_show_a_person_in_every_format(small_network: Invoke) -> None:
    shown = small_network("person", "show", "maria@acme.example", "--format", "json")
    record = json.loads(shown.stdout)
    assert record["name"] == "Maria Lopez"
    assert record["unit"] == "Finance"
    assert record["level"] == "above"
    table = small_network("person", "show", "Maria").stdout
    assert "Maria Lopez" in table and "CFO" in table
    as_csv = small_network("person", "show", "#2", "--format", "csv").stdout
    rows = dict(csv.reader(io.StringIO(as_csv)))
    assert rows["name"] == "Maria Lopez"


def test_unknown_name_suggests_the_closest(small_network: Invoke) -> None:
    result = small_network("person", "show", "Mraia Lopes", ok=False)
    assert result.exit_code == 1
    assert "Maria Lopez" in result.output
    assert "Did you mean" in result.output


def test_ambiguous_name_lists_the_candidates(small_network: Invoke) -> None:
    result = small_network("person", "show", "Bo", ok=False)
    assert "Bo Chen" in result.output and "Bo Lindqvist" in result.output
    assert "e-mail or by id" in result.output


def test_list_by_last_contact_puts_recent_first_and_never_last(small_network: Invoke) -> None:
    small_network("log", "Bo Chen", "--on", "10 days ago")
    small_network("log", "Maria", "Lindqvist", "--kind", "group-meeting", "--on", "yesterday")
    small_network("log", "Maria", "--on", "3 days ago", "--kind", "call")
    out = small_network("person", "list", "--sort", "last-contact", "--format", "json").stdout
    names = [row["name"] for row in json.loads(out)]
    assert names[:3] in (
        ["Bo Lindqvist", "Maria Lopez", "Bo Chen"],
        ["Maria Lopez", "Bo Lindqvist", "Bo Chen"],
    )
    assert names[-1] == "Dana Ruiz"  # never contacted: me
    stale = small_network("person", "list", "--not-since", "a week ago", "--format", "csv")
    assert "Bo Chen" in stale.stdout and "Maria Lopez" not in stale.stdout


def test_filters_by_tag_unit_and_level(small_network: Invoke) -> None:
    def names(*args: str) -> list[str]:
        out = small_network("person", "list", *args, "--format", "json").stdout
        return sorted(row["name"] for row in json.loads(out))

    assert names("--tag", "mentor") == ["Bo Chen"]
    assert names("--unit", "Finance") == ["Bo Chen", "Maria Lopez"]
    assert names("--level", "peer") == ["Bo Chen", "Bo Lindqvist"]
    assert names("--search", "cfo") == ["Maria Lopez"]


def test_edit_changes_only_what_is_given(small_network: Invoke) -> None:
    small_network("person", "edit", "Maria", "--agenda", "cut costs", "--add-tag", "board")
    record = json.loads(small_network("person", "show", "Maria", "-f", "json").stdout)
    assert record["agenda"] == "cut costs"
    assert record["tags"] == ["board"]
    assert record["title"] == "CFO"


def test_duplicate_names_are_refused_unless_allowed(small_network: Invoke) -> None:
    result = small_network("person", "add", "Maria Lopez", ok=False)
    assert "already has that name" in result.output
    small_network("person", "add", "Maria Lopez", "--allow-duplicate")


def test_invalid_level_names_the_field_and_changes_nothing(small_network: Invoke) -> None:
    result = small_network("person", "add", "Eve", "--level", "sideways", ok=False)
    assert "level must be one of above, peer, below, external" in result.output
    out = small_network("person", "list", "--format", "json").stdout
    assert "Eve" not in out


def test_removing_a_referenced_person_asks_what_to_do(small_network: Invoke) -> None:
    small_network("log", "Bo Chen", "Maria")
    small_network("tie", "add", "Bo Chen", "listens_to", "Maria")
    refused = small_network("person", "rm", "Maria", ok=False)
    assert "1 tie" in refused.output and "1 interaction" in refused.output
    assert "--delete-related" in refused.output
    assert "Maria Lopez" in small_network("person", "list", "-f", "csv").stdout
    small_network("person", "rm", "Maria", "--delete-related")
    assert "Maria Lopez" not in small_network("person", "list", "-f", "csv").stdout
    assert json.loads(small_network("tie", "list", "-f", "json").stdout) == []
    story = json.loads(small_network("person", "show", "Bo Chen", "-f", "json").stdout)
    assert len([e for e in story["timeline"] if e["kind"] == "interaction"]) == 1


def test_merge_moves_history_to_the_kept_record(small_network: Invoke) -> None:
    small_network("person", "add", "M. Lopez", "--email", "mlopez@home.example")
    small_network("log", "M. Lopez", "--on", "yesterday", "-m", "coffee")
    small_network("person", "merge", "Maria Lopez", "M. Lopez")
    record = json.loads(small_network("person", "show", "Maria", "-f", "json").stdout)
    assert "mlopez@home.example" in record["emails"]
    assert any("coffee" in e["text"] for e in record["timeline"])
    assert "M. Lopez" not in small_network("person", "list", "-f", "csv").stdout
