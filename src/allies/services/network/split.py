"""Undoing a merge: the merged person back as their own record, from the audit trail.

A merge (by hand or by an import) leaves a ``merge`` entry on the kept person's record
(:mod:`allies.services.network.merge_history`). Splitting reads the newest merge not yet
undone (or the one named) and:

* adds the merged person again, with every field they had (a new id: ids are never
  reused);
* takes back from the kept person what the merge gave them: the e-mails, phones and tags
  they gained, and each other field it filled or extended, unless it was changed since;
* points the records that were moved (ties, interactions, promises, roles ...) back at the
  restored person, re-creates the records the merge had to delete (a tie between the two),
  and moves back the notes the acting user can see;
* gives the restored person the records an import made from the very item it merged
  (the LinkedIn connection's tie, the organisation its row named), and the interactions,
  ties and observations later imports attached to the kept person only through the
  identifiers (e-mails, phones) the merge had given the kept person, from the record
  sources imports note (:mod:`allies.services.network.provenance`), and those sources
  with them;
* records a ``split`` entry naming the merge, so the same merge is not undone twice.

Records changed or removed since, and records that came through both people's identifiers,
stay as they are; the report lists what could not be put back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from allies.domain import Person
from allies.domain.kinds import kind_for_plural
from allies.domain.provenance import SOURCED_KINDS
from allies.domain.records import AuditAction, AuditEntry
from allies.errors import Conflict, NextStep, NotFound
from allies.services.network.cards import organisation_name
from allies.services.network.lookup import resolve_person
from allies.services.network.merge_history import build, convert_field, plain
from allies.services.network.provenance import give_back_sourced, identifiers_of
from allies.services.ports import UnitOfWork

__all__ = ["MergeInfo", "SplitReport", "merges_of", "split_person"]


@dataclass(frozen=True)
class MergeInfo:
    """One merge into a person that can still be undone."""

    id: int
    at: datetime
    absorbed: str
    source: str
    evidence: str


@dataclass
class SplitReport:
    """What splitting did.

    Attributes
    ----------
    kept, restored : Person
        The person who stays, and the merged one added back.
    merge : MergeInfo
        The merge undone.
    taken_back : list of str
        The kept person's fields given back (``emails``, ``title`` ...).
    moved_back, recreated, notes : int
        Records pointed back at the restored person, records re-created, notes moved back.
    left : list of str
        What could not be put back, in words.
    """

    kept: Person
    restored: Person
    merge: MergeInfo
    taken_back: list[str] = field(default_factory=list)
    moved_back: int = 0
    recreated: int = 0
    notes: int = 0
    left: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line, for example ``Split Ann Lee (#12) from Ann Lee (#3): 2 records back``."""
        text = (
            f"Split {self.restored.label} from {self.kept.label}: "
            f"{self.moved_back + self.recreated} record"
            f"{'s' if self.moved_back + self.recreated != 1 else ''} and {self.notes} "
            f"note{'s' if self.notes != 1 else ''} back with them"
        )
        if self.taken_back:
            text += f"; {self.kept.name} gave back {', '.join(self.taken_back)}"
        return text + "."


def _info(entry: AuditEntry) -> MergeInfo:
    values = entry.after or {}
    return MergeInfo(
        id=entry.id or 0,
        at=entry.at,
        absorbed=str((values.get("absorbed") or {}).get("name", "")),
        source=str(values.get("source", "")),
        evidence=str(values.get("evidence", "")),
    )


def _undoable(uow: UnitOfWork, person_id: int) -> list[AuditEntry]:
    """The merges into the person not yet split, newest first (the unit of work is open)."""
    own = [
        e
        for e in uow.audit.for_person(person_id)
        if e.entity == "person" and e.entity_id == person_id
    ]
    done = {(e.after or {}).get("merge_entry") for e in own if e.action is AuditAction.SPLIT}
    return [
        e
        for e in own
        if e.action is AuditAction.MERGE and (e.after or {}).get("absorbed") and e.id not in done
    ]


def merges_of(uow: UnitOfWork, person: str | int) -> list[MergeInfo]:
    """The merges into ``person`` (typed, or an id) that can be undone, newest first."""
    with uow:
        target = _find(uow, person)
        return [_info(e) for e in _undoable(uow, target.id or 0)]


def _find(uow: UnitOfWork, reference: str | int) -> Person:
    if isinstance(reference, str):
        return resolve_person(uow, reference)
    found = uow.people.find(reference)
    if found is None:
        raise NotFound(kind="person", record_id=reference)
    return found


def split_person(uow: UnitOfWork, person: str | int, *, merge_id: int | None = None) -> SplitReport:
    """Undo a merge into ``person``: the newest one not yet undone, or ``merge_id``.

    Parameters
    ----------
    person
        The kept person: typed (a name, an e-mail, ``#id``) or an id.
    merge_id
        The audit entry of the merge to undo (see :func:`merges_of`).

    Raises
    ------
    allies.errors.Conflict
        When the person has no merge left to undo (or none with that id).
    """
    with uow:
        kept = _find(uow, person)
        kept_id = kept.id or 0
        entries = _undoable(uow, kept_id)
        chosen = next((e for e in entries if merge_id is None or e.id == merge_id), None)
        if chosen is None:
            raise Conflict(
                f"{kept.label} has no merge {'#' + str(merge_id) + ' ' if merge_id else ''}"
                "left to undo.",
                hint="Only merges recorded in the audit trail, and not undone yet, can be split.",
                next_step=NextStep("show", "person", {"person": kept.name}),
            )
        values: dict[str, Any] = chosen.after or {}
        absorbed = {k: v for k, v in values["absorbed"].items() if k != "id"}
        was_me = bool(absorbed.pop("is_me", False))
        restored = build(Person, absorbed)
        report = SplitReport(kept=kept, restored=restored, merge=_info(chosen))
        report.taken_back = _give_back(kept, values.get("gained", {}))
        if was_me and "is_me" in report.taken_back:
            restored.is_me = True
        uow.people.save(kept)
        restored = uow.people.add(restored)
        report.restored = restored
        new_id = restored.id or 0
        old_id = values.get("absorbed_id")
        for item in values.get("moved", []):
            _move_back(uow, item, kept_id, new_id, report)
        for plural, records in values.get("deleted", {}).items():
            _recreate(uow, plural, records, old_id, new_id, report)
        _give_back_sourced(uow, values, kept_id, new_id, old_id, report)
        for note_id in values.get("notes", []):
            note = uow.notes.find(note_id)
            if note is None or note.person_id != kept_id:
                report.left.append(f"note #{note_id} (gone, moved, or private to someone else)")
                continue
            note.person_id = new_id
            uow.notes.save(note)
            report.notes += 1
        uow.audit.link(chosen.id or 0, new_id)  # the merge is about them: erasure scrubs it
        uow.audit.record(
            "person",
            kept_id,
            AuditAction.SPLIT,
            None,
            {"merge_entry": chosen.id, "restored_id": new_id, "absorbed_id": old_id},
        )
        uow.commit()
        return report


def _give_back_sourced(
    uow: UnitOfWork,
    values: dict[str, Any],
    kept_id: int,
    new_id: int,
    old_id: int | None,
    report: SplitReport,
) -> None:
    """Give the restored person what an import made from the item it merged, and what
    imports attached to the kept one after the merge through the identifiers the merge
    had given the kept person (their provenance)."""
    gained = values.get("gained", {})
    identifiers = identifiers_of(
        [str(e) for e in gained.get("emails", [])], [str(p) for p in gained.get("phones", [])]
    )
    origin = str(values.get("origin") or "")
    origins = frozenset({origin} if origin else ())
    moved, left, given = give_back_sourced(uow, kept_id, new_id, identifiers, origins)
    report.moved_back += moved
    report.left += left
    _undo_roles(uow, report, [i for kind, i in given if kind == "role change"])
    if old_id is not None:  # what was noted for the absorbed person goes with them
        for kind, record_id, _ in uow.record_sources.for_person(old_id):
            uow.record_sources.move(kind, record_id, old_id, new_id)
        # their own sources, which the merge had given the kept person
        uow.record_sources.move("person", old_id, kept_id, new_id, to_record=new_id)


def _undo_roles(uow: UnitOfWork, report: SplitReport, changes: list[int]) -> None:
    """A role change noticed from the item the split gives back was the restored
    person's, not the kept one's: the kept person's title and organisation go back to
    what they were before it (when nothing changed them since)."""
    kept = report.kept
    back: list[str] = []
    for change_id in changes:
        change = uow.role_changes.find(change_id)
        if change is None:
            continue
        if kept.title == change.new_title != change.old_title:
            kept.title = change.old_title
            back.append("title")
        now = organisation_name(uow, kept)
        if now == change.new_organisation != change.old_organisation:
            kept.organisation_id = next(
                (o.id for o in uow.organisations.list() if o.name == change.old_organisation),
                None,
            )
            kept.unit_id = None
            back.append("organisation")
    if back:
        uow.people.save(kept)
        report.taken_back += [b for b in dict.fromkeys(back) if b not in report.taken_back]


def _give_back(kept: Person, gained: dict[str, Any]) -> list[str]:
    """Take back what the merge gave ``kept`` (what was not changed since); the fields."""
    now = plain(kept)
    back: list[str] = []
    for name, change in gained.items():
        if name not in now:
            continue
        if isinstance(change, list):
            current = getattr(kept, name)
            rest = [item for item in current if plain(item) not in change]
            if len(rest) != len(current):
                setattr(kept, name, rest)
                back.append(name)
        elif isinstance(change, dict) and now[name] == change.get("after"):
            setattr(kept, name, convert_field(Person, name, change.get("before")))
            back.append(name)
    return back


def _point(value: Any, way: str, kept: int, new: int) -> Any:
    if way == "one":
        return new if value == kept else value
    if way == "replaced":
        return [new if v == kept else v for v in value]
    return value if new in value else [*value, new]  # joined: both were on it


def _move_back(
    uow: UnitOfWork, item: dict[str, Any], kept: int, new: int, report: SplitReport
) -> None:
    kind = kind_for_plural(item["kind"])
    repository = getattr(uow, kind.plural)
    top = repository.find(item["id"])
    label = f"{kind.singular} #{item['id']}"
    if top is None:
        report.left.append(f"{label} (removed since)")
        return
    record = top
    if item.get("child"):
        children = getattr(top, item["child"])
        index = item.get("index", -1)
        record = children[index] if 0 <= index < len(children) else None
        label = f"{item['child']} of {label}"
    ways: dict[str, str] = item.get("fields", {})
    if record is None or not any(_still(getattr(record, f), w, kept) for f, w in ways.items()):
        report.left.append(f"{label} (changed since)")
        return
    for name, way in ways.items():
        setattr(record, name, _point(getattr(record, name), way, kept, new))
    repository.save(top)
    report.moved_back += 1
    if not item.get("child") and kind.singular in SOURCED_KINDS and "joined" not in ways.values():
        uow.record_sources.move(kind.singular, item["id"], kept, new)  # where it came from


def _still(value: Any, way: str, kept: int) -> bool:
    """Whether a field still points at the kept person as the merge left it."""
    return value == kept if way == "one" else kept in (value or [])


def _recreate(
    uow: UnitOfWork,
    plural: str,
    records: list[dict[str, Any]],
    old: int | None,
    new: int,
    report: SplitReport,
) -> None:
    kind = kind_for_plural(plural)
    repository = getattr(uow, kind.plural)
    for values in records:
        record: Any = build(kind.cls, {k: v for k, v in values.items() if k != "id"})
        for pointer in kind.person_pointers:
            value = getattr(record, pointer.name)
            if pointer.many:
                setattr(record, pointer.name, [new if v == old else v for v in value])
            elif value == old:
                setattr(record, pointer.name, new)
        repository.add(record)
        report.recreated += 1
