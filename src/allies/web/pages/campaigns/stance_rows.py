"""The stance table read whole: every row's problems at once, beside its cell, and the
rows someone else changed since the table was drawn.

Each row of the table is named by its issue and person (``s-<issue>-p<person>-position``;
the blank rows for new people ``s-<issue>-new<n>-…``). A stored row also carries ``…-was``,
the numbers it showed when the table was drawn (``position|salience|capability|
confidence``): when the stance stored now shows other numbers and the row was edited, the
row is refused beside its cells, with what the other person recorded, and the numbers
typed are kept. The entries carry what their row was drawn from, so the service checks it
again in the transaction that writes (two saves of one drawn row: one records, one is
refused).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from allies.services.campaigns import editing as service
from allies.services.campaigns.stances import IssueTable, StanceRow, StanceTable
from allies.services.ports import UnitOfWork
from allies.web.form_reader import Reader

#: The numbers of a row, in the order ``…-was`` holds them, with their ranges and labels.
NUMBERS = (
    ("position", 0.0, 100.0, "Position"),
    ("salience", 0.0, 1.0, "Salience"),
    ("capability", 0.0, 1.0, "Capability"),
    ("confidence", 0.0, 1.0, "Confidence"),
)


def row_key(issue_id: int, person_id: int) -> str:
    """The prefix of a stored row's fields."""
    return f"s-{issue_id}-p{person_id}-"


def shown(row: StanceRow) -> dict[str, str]:
    """The numbers a stored row shows (a capability derived from influence shows blank)."""
    return {
        "position": f"{row.position:g}",
        "salience": f"{row.salience:g}",
        "capability": f"{row.capability:g}"
        if row.capability_source == "stated" and row.capability is not None
        else "",
        "confidence": f"{row.confidence:g}",
    }


def was(row: StanceRow) -> str:
    """What a stored row's ``…-was`` field holds."""
    numbers = shown(row)
    return "|".join(numbers[name] for name, *_ in NUMBERS)


def drawn_from(sent: str) -> service.Shown | None:
    """The numbers a ``…-was`` value holds (``None`` when it cannot be read)."""
    parts = sent.split("|")
    if len(parts) != len(NUMBERS):
        return None
    try:
        position, salience, capability, confidence = (float(p) if p else None for p in parts)
    except ValueError:
        return None
    if position is None or salience is None or confidence is None:
        return None
    return (position, salience, capability, confidence)


def _difference(now: str, before: str) -> str:
    """What differs between two ``…-was`` values, in words: ``position 20 (it was 70)``."""
    pad = ["", "", "", ""]
    new_parts = [*now.split("|"), *pad][: len(NUMBERS)]
    old_parts = [*before.split("|"), *pad][: len(NUMBERS)]
    said = [
        f"{label.lower()} {new or 'blank'} (it was {old or 'blank'})"
        for (_, _, _, label), new, old in zip(NUMBERS, new_parts, old_parts, strict=True)
        if new != old
    ]
    return ", ".join(said) or "the same numbers, recorded again"


@dataclass
class StanceForm:
    """The stance table as submitted: the entries to record, the problems beside their
    cells, and the rows refused because someone else recorded a stance since."""

    entries: list[service.StanceEntry] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)
    stale: set[str] = field(default_factory=set)


def _rows_of(values: Mapping[str, str], issue: IssueTable) -> list[str]:
    """The row tokens (``p12``, ``new0``) submitted for ``issue``, in order."""
    prefix = f"s-{issue.issue_id}-"
    return sorted({key[len(prefix) :].split("-")[0] for key in values if key.startswith(prefix)})


def read_table(
    uow: UnitOfWork, values: Mapping[str, str], table: StanceTable, note: str
) -> StanceForm:
    """Read every row of the submitted table against ``table`` (the stances stored now)."""
    reader = Reader(values)
    form = StanceForm()
    for issue in table.issues:
        stored = {row.person_id: row for row in issue.rows}
        for token in _rows_of(values, issue):
            key = f"s-{issue.issue_id}-{token}-"
            typed = {name: values.get(key + name, "").strip() for name, *_ in NUMBERS}
            numbers = {
                name: reader.number(key + name, None, low=low, high=high, label=label)
                for name, low, high, label in NUMBERS
            }
            if token.startswith("p") and token[1:].isdigit():
                person_id = int(token[1:])
                now = stored.get(person_id)
                sent_was = values.get(key + "was", "")
                edited = sent_was != "|".join(typed[name] for name, *_ in NUMBERS)
                if now is not None and sent_was and edited and was(now) != sent_was:
                    form.stale.add(key)
                    reader.problem(
                        key + "position",
                        f"Someone else recorded a new stance for {now.name} since you opened "
                        f"the table: {_difference(was(now), sent_was)}. Your numbers are "
                        "kept: save again to record them over theirs.",
                    )
                if numbers["position"] is None:
                    continue  # a stored row left blank records nothing
                person = f"#{person_id}"
                drawn = drawn_from(sent_was) if now is not None else None
            else:
                named = values.get(key + "person", "").strip()
                if not named and not any(typed.values()):
                    continue  # a blank row
                found = reader.person(uow, key + "person") if named else None
                if not named:
                    reader.problem(key + "person", "Name who stands here.")
                if not typed["position"]:
                    reader.problem(
                        key + "position",
                        "Give a position from 0 to 100 (where they stand on this issue).",
                    )
                if not found or numbers["position"] is None:
                    continue
                person = found
                drawn = None
            form.entries.append(
                service.StanceEntry(
                    person=person,
                    issue=issue.issue,
                    position=numbers["position"],
                    salience=numbers["salience"],
                    capability=numbers["capability"],
                    confidence=numbers["confidence"],
                    note=note,
                    was=drawn,
                )
            )
    form.problems = dict(reader.problems)
    return form
