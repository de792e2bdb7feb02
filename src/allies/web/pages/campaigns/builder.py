"""The campaign forms read whole: a new campaign with its issues in one submit, and the
campaign page's one form (settings and every issue: rename, relabel, move, add, delete).

Each issue is a row of separate fields (its name, what 0 and 100 mean, where I want it),
named ``issue-N-name``, ``issue-N-low``, ``issue-N-high``, ``issue-N-want`` (and
``issue-N-id``, ``issue-N-remove`` for a stored one). Every problem of every row comes
back at once, beside its field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from allies.errors import AlliesError
from allies.services.campaigns.builder import IssueEdit, target_phrase
from allies.services.campaigns.editing import IssueSpec, list_campaigns, parse_issue
from allies.services.ports import UnitOfWork
from allies.web.form_reader import Reader

#: Blank issue rows a new campaign's form starts with.
NEW_ROWS = 3

_ROW = re.compile(r"^issue-(\d+)-(name|low|high|want|id|remove)$")

#: What the campaign forms call their fields, for messages.
LABELS = {
    "name": "Name",
    "decide_on": "Decision date",
    "decision_on": "Decision date",
    "deciders": "Who decides",
    "status": "Status",
    "description": "What it is for",
}


@dataclass(frozen=True)
class IssueRow:
    """One row of the issue builder as the form shows it."""

    n: int
    name: str = ""
    low: str = ""
    high: str = ""
    want: str = ""
    id: str = ""
    remove: bool = False


def typed_rows(values: Mapping[str, str]) -> list[IssueRow]:
    """The issue rows in a submitted form, in order."""
    found: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        if match := _ROW.match(key):
            found.setdefault(int(match[1]), {})[match[2]] = value
    return [
        IssueRow(
            n,
            name=row.get("name", ""),
            low=row.get("low", ""),
            high=row.get("high", ""),
            want=row.get("want", ""),
            id=row.get("id", ""),
            remove=row.get("remove", "") in ("on", "true", "1", "yes"),
        )
        for n, row in sorted(found.items())
    ]


def blank_rows(start: int, count: int) -> list[IssueRow]:
    """``count`` empty rows numbered from ``start``."""
    return [IssueRow(n) for n in range(start, start + count)]


def new_rows(values: Mapping[str, str]) -> list[IssueRow]:
    """The rows a new campaign's form shows: what was typed and one blank row, or three
    blank rows at first."""
    typed = [r for r in typed_rows(values) if r.name or r.low or r.high or r.want]
    if not typed:
        return blank_rows(0, NEW_ROWS)
    return [*typed, *blank_rows(max(r.n for r in typed) + 1, 1)]


def stored_rows(issues: list[Any], values: Mapping[str, str] | None) -> list[IssueRow]:
    """The rows of the campaign page: each stored issue (or what was typed over it) and
    one blank row for a new issue."""
    if values is not None and typed_rows(values):
        rows = typed_rows(values)
        return [
            *rows,
            *(
                []
                if any(not r.id and not r.name for r in rows)
                else blank_rows(max(r.n for r in rows) + 1, 1)
            ),
        ]
    rows = [
        IssueRow(
            n,
            name=t.issue,
            low=t.low_label,
            high=t.high_label,
            want=f"{t.desired:g}",
            id=str(t.issue_id),
        )
        for n, t in enumerate(issues)
    ]
    return [*rows, *blank_rows(len(rows), 1)]


def _read_row(reader: Reader, row: IssueRow) -> IssueEdit | None:
    """One row as an edit (``None`` for a blank new row), its problems noted."""
    key = f"issue-{row.n}-"
    name = " ".join(row.name.split())
    if not row.id and not (name or row.low.strip() or row.high.strip() or row.want.strip()):
        return None
    if row.remove:
        return IssueEdit(name or "?", id=int(row.id), remove=True) if row.id.isdigit() else None
    if not name:
        reader.problem(key + "name", "Give this issue a name.")
    elif (said := target_phrase(name)) is not None:
        reader.problem(
            key + "name",
            f"“{name}” holds a target ({said[1]:g}) in its name. Put “{said[0]}” here and "
            f"{said[1]:g} in “Where I want it”.",
        )
    elif "@" in name or ".." in name:
        reader.problem(
            key + "name",
            "Write only the issue's name here; what 0 and 100 mean and where you want it "
            "have fields of their own.",
        )
    want = reader.number(key + "want", None, low=0, high=100, label="Where you want it")
    if not row.want.strip():
        reader.problem(
            key + "want",
            "Say where you want this issue to land: a number from 0 (the low end) to 100 "
            "(the high end).",
        )
    return IssueEdit(
        name,
        low_label=" ".join(row.low.split()) or "0",
        high_label=" ".join(row.high.split()) or "100",
        desired_position=want if want is not None else 100.0,
        id=int(row.id) if row.id.isdigit() else None,
    )


def read_issues(reader: Reader, values: Mapping[str, str]) -> list[IssueEdit]:
    """Every issue row of a form, problems noted (two issues of one name included)."""
    edits: list[IssueEdit] = []
    seen: dict[str, int] = {}
    for row in typed_rows(values):
        edit = _read_row(reader, row)
        if edit is None:
            continue
        folded = edit.name.casefold()
        if not edit.remove and folded in seen and edit.name:
            reader.problem(f"issue-{row.n}-name", f"Another issue is already called “{edit.name}”.")
        seen.setdefault(folded, row.n)
        edits.append(edit)
    return edits


@dataclass(frozen=True)
class NewCampaign:
    """A new campaign's form, read."""

    name: str
    issues: list[IssueSpec]
    deciders: list[str]
    decision_on: date | None
    description: str


def read_new(uow: UnitOfWork, reader: Reader, values: Mapping[str, str]) -> NewCampaign:
    """Read the new-campaign form; every problem is noted on ``reader``."""
    name = reader.text("name", required="Give the campaign a name.")
    if name and any(c.name.casefold() == name.casefold() for c in list_campaigns(uow)):
        reader.problem("name", f"There is already a campaign called “{name}”; pick another name.")
    edits = read_issues(reader, values)
    lines = [line for line in values.get("issues", "").splitlines() if line.strip()]
    specs = [IssueSpec(e.name, e.low_label, e.high_label, e.desired_position) for e in edits]
    if lines:  # the one-line way, still read for scripts and old bookmarks
        for line in lines:
            try:
                specs.append(parse_issue(line))
            except AlliesError as error:
                reader.problem("issues", str(error))
    deciders = reader.people(uow, "deciders")
    decision_on = reader.day("decide_on")
    return NewCampaign(name, specs, deciders, decision_on, reader.text("description"))
