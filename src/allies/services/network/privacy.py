"""Data protection requests: everything held about one person, and erasing them.

:func:`export_person` gathers every record about a person in one JSON document: their
own record, ties, observations, interactions, favours, promises, cadence, stances,
campaign and alliance roles, goal needs, notes and their history in the audit trail.

:func:`erase_person` removes them completely, in one transaction: every record that is
theirs alone is deleted; they are taken off interactions' participant lists (an
interaction with nobody left is deleted), campaign deciders and alliance partners;
their name, e-mails and phones are blanked out of the remaining interactions' summaries
and notes; and the audit trail keeps that an erasure happened but no longer their values
(their id, name, e-mails and phones are scrubbed from every entry about them). The
campaign plans stored for the agenda, which may name them, are dropped (the next look
plans anew). Only an owner of the workspace may do either.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from allies.domain.kinds import Kind, children_of, top_level_kinds
from allies.domain.records import AuditAction
from allies.services.network.lookup import resolve_person
from allies.services.network.removal import _move_everything, holdings
from allies.services.ports import UnitOfWork
from allies.services.team.accounts import require_owner
from allies.services.team.audit import entry_record

__all__ = ["ERASED", "ErasureReport", "erase_person", "export_person", "person_document"]

#: What the erased person's name and contact details become in remaining text.
ERASED = "[erased]"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


#: How one record pointing at the person shows in their export: ``(context, record, top)``
#: to a JSON object. Kinds not named here show as their plain fields; a nested one with
#: its parent's name or title first (``{"goal": "...", ...}``).
_Entry = Callable[["_Context", Any, Any], dict[str, Any]]


@dataclass(frozen=True)
class _Context:
    """What the export's entries name: people and campaign issues, by id."""

    names: dict[int | None, str]
    issues: dict[int | None, tuple[str, str]]


def _interaction(context: _Context, meeting: Any, _: Any) -> dict[str, Any]:
    names = [context.names.get(p, f"#{p}") for p in meeting.participant_ids]
    return {**_plain(meeting), "participants": names}


def _stance(context: _Context, stance: Any, _: Any) -> dict[str, Any]:
    campaign, issue = context.issues.get(stance.issue_id, ("", ""))
    return {**_plain(stance), "campaign": campaign, "issue": issue}


_ENTRIES: dict[str, _Entry] = {
    "interaction": _interaction,
    "stance": _stance,
    "campaign": lambda _, campaign, __: {"campaign": campaign.name, "role": "decider"},
    "partner": lambda _, partner, alliance: {
        "alliance": alliance.name,
        "role": partner.role or "partner",
    },
    "responsibility": lambda _, duty, alliance: {
        "alliance": alliance.name,
        "role": "responsible",
        "what": duty.what,
    },
}


def _entry(context: _Context, kind: Kind, record: Any, top: Any) -> dict[str, Any] | Any:
    shown = _ENTRIES.get(kind.singular)
    if shown is not None:
        return shown(context, record, top)
    if kind.parent is None:
        return _plain(record)
    label = getattr(top, "name", None) or getattr(top, "title", "")
    return {kind.parent: label, **_plain(record)}


def _sections(uow: UnitOfWork, pid: int, context: _Context) -> dict[str, Any]:
    """One section per kind of record that points at people, in the registry's order.

    A section is named by what the records are counted as (``campaign_roles``), or by the
    kind's singular for a kind held once per person, which shows its one record or null
    (``cadence``).
    """
    sections: dict[str, Any] = {}
    single: set[str] = set()
    for kind in top_level_kinds():
        for member in (kind, *children_of(kind)):
            if not member.person_pointers:
                continue
            if member.one_per_person:
                sections[member.singular] = None
                single.add(member.singular)
            else:
                sections.setdefault(member.counted_as.replace(" ", "_"), [])
    for kind, record, top in holdings(uow, pid):
        if kind.singular in single:
            sections[kind.singular] = _plain(record)
        else:
            sections[kind.counted_as.replace(" ", "_")].append(_entry(context, kind, record, top))
    return sections


def person_document(
    uow: UnitOfWork, person: str, *, include_private: bool = False
) -> dict[str, Any]:
    """Everything about a person as plain JSON values (the unit of work must be closed).

    Every kind of record that points at people (:mod:`allies.domain.kinds`) has its
    section. ``include_private`` adds other members' private notes (for an administrator
    answering a data protection request); otherwise they are counted, not shown.
    """
    require_owner(uow.actor, "export everything held about a person")
    with uow:
        target = resolve_person(uow, person)
        pid = target.id or 0
        names = {p.id: p.name for p in uow.people.list()}
        organisation = (
            uow.organisations.get(target.organisation_id).name if target.organisation_id else None
        )
        unit = uow.units.get(target.unit_id).name if target.unit_id else None
        issues = {i.id: (c.name, i.name) for c in uow.campaigns.list() for i in c.issues}
        visible = uow.notes.for_person(pid)
        every = uow.notes.all_for_person(pid) if include_private else visible
        withheld = len(uow.notes.all_for_person(pid)) - len(visible)
        document: dict[str, Any] = {
            "format": "allies-person-export",
            "version": 1,
            "workspace": uow.workspace,
            "exported_at": datetime.now(UTC).isoformat(),
            "person": {**_plain(target), "organisation": organisation, "unit": unit},
            **_sections(uow, pid, _Context(names, issues)),
            "notes": [_plain(n) for n in every],
            "private_notes_withheld": 0 if include_private else withheld,
            "history": [entry_record(e) for e in uow.audit.for_person(pid)],
            "names": {str(k): v for k, v in names.items() if k != pid},
        }
    return document


def export_person(uow: UnitOfWork, person: str, *, include_private: bool = False) -> bytes:
    """:func:`person_document` as UTF-8 JSON bytes."""
    document = person_document(uow, person, include_private=include_private)
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True)
class ErasureReport:
    """What erasing a person did.

    ``removed`` counts, by kind, the records deleted or that the person was taken off
    (interactions, campaign and alliance roles, goal needs); ``texts_blanked`` the
    interactions whose summary or notes named them; ``audit_entries_scrubbed`` the
    entries of the audit trail their values were scrubbed from.
    """

    person_id: int
    name: str
    removed: dict[str, int]
    texts_blanked: int
    audit_entries_scrubbed: int


def _blank(text: str, words: list[str]) -> str:
    lowered = text.lower()
    for word in words:
        if word.lower() not in lowered:
            continue
        out, start, low = [], 0, text.lower()
        while (found := low.find(word.lower(), start)) >= 0:
            out += [text[start:found], ERASED]
            start = found + len(word)
        text = "".join([*out, text[start:]])
        lowered = text.lower()
    return text


def erase_person(uow: UnitOfWork, person: str) -> ErasureReport:
    """Erase a person completely, as a data protection request requires; owners only.

    Raises
    ------
    allies.errors.Forbidden
        When the actor is not an owner of the workspace.
    """
    require_owner(uow.actor, "erase a person")
    with uow:
        target = resolve_person(uow, person)
        pid = target.id or 0
        words = sorted(
            {w for w in [target.name, *target.emails, *target.phones] if len(w.strip()) >= 2},
            key=len,
            reverse=True,
        )
        changed = 0
        for meeting in uow.interactions.with_person(pid):
            if len(meeting.participant_ids) < 2:
                continue
            summary, notes = _blank(meeting.summary, words), _blank(meeting.notes, words)
            if (summary, notes) != (meeting.summary, meeting.notes):
                meeting.summary, meeting.notes = summary, notes
                uow.interactions.save(meeting)
                changed += 1
        _, removed = _move_everything(uow, pid, None)
        uow.record_sources.forget_person(pid)  # the identifiers their records came by
        uow.people.remove(pid)
        uow.plan_days.clear()  # the stored campaign plans may name them
        uow.analysis_cache.clear()  # so may the day's stored approach and meeting plans
        scrubbed = uow.audit.erase_person(pid, words)
        uow.audit.record("person", pid, AuditAction.ERASE)
        uow.commit()
    return ErasureReport(pid, target.name, dict(removed.counts), changed, scrubbed)
