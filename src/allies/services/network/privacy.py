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
from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from allies.domain.records import AuditAction
from allies.services.network.lookup import resolve_person
from allies.services.network.removal import _move_everything
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


def person_document(
    uow: UnitOfWork, person: str, *, include_private: bool = False
) -> dict[str, Any]:
    """Everything about a person as plain JSON values (the unit of work must be closed).

    ``include_private`` adds other members' private notes (for an administrator answering
    a data protection request); otherwise they are counted, not shown.
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
        interactions = uow.interactions.with_person(pid)
        campaigns = uow.campaigns.list()
        issues = {i.id: (c.name, i.name) for c in campaigns for i in c.issues}
        stances = [s for s in uow.stances.list() if s.person_id == pid]
        alliances = uow.alliances.list()
        goals = uow.goals.list()
        visible = uow.notes.for_person(pid)
        every = uow.notes.all_for_person(pid) if include_private else visible
        withheld = len(uow.notes.all_for_person(pid)) - len(visible)
        document: dict[str, Any] = {
            "format": "allies-person-export",
            "version": 1,
            "workspace": uow.workspace,
            "exported_at": datetime.now(UTC).isoformat(),
            "person": {**_plain(target), "organisation": organisation, "unit": unit},
            "ties": [_plain(t) for t in uow.ties.involving(pid)],
            "observations": [_plain(o) for o in uow.observations.involving(pid)],
            "interactions": [
                {
                    **_plain(i),
                    "participants": [names.get(p, f"#{p}") for p in i.participant_ids],
                }
                for i in interactions
            ],
            "favours": [_plain(f) for f in uow.favours.with_person(pid)],
            "promises": [_plain(c) for c in uow.promises.involving(pid)],
            "cadence": _plain(uow.cadences.for_person(pid)),
            "stances": [
                {
                    **_plain(s),
                    "campaign": issues.get(s.issue_id, ("", ""))[0],
                    "issue": issues.get(s.issue_id, ("", ""))[1],
                }
                for s in stances
            ],
            "campaign_roles": [
                {"campaign": c.name, "role": "decider"} for c in campaigns if pid in c.decider_ids
            ],
            "alliance_roles": [
                {"alliance": a.name, "role": p.role or "partner"}
                for a in alliances
                for p in a.partners
                if p.person_id == pid
            ]
            + [
                {"alliance": a.name, "role": "responsible", "what": r.what}
                for a in alliances
                for r in a.responsibilities
                if r.person_id == pid
            ],
            "goal_needs": [
                {"goal": g.title, **_plain(n)} for g in goals for n in g.needs if n.holder_id == pid
            ],
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
        uow.people.remove(pid)
        uow.plan_days.clear()  # the stored campaign plans may name them
        scrubbed = uow.audit.erase_person(pid, words)
        uow.audit.record("person", pid, AuditAction.ERASE)
        uow.commit()
    return ErasureReport(pid, target.name, dict(removed.counts), changed, scrubbed)
