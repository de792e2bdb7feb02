"""A campaign's consultation log: every meeting, call or letter about the campaign, the
issue it was on, what the other side raised and the follow-ups agreed, as one list that
can be exported (CSV, one row per consultation).

An interaction becomes a consultation when it is tagged with a campaign
(:func:`log_consultation` logs and tags in one go; :func:`tag_interaction` tags one
already logged). The log is the team's: it lists every member's consultations, whoever
logged them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from allies.domain import Consultation, Interaction, InteractionKind, parse_enum
from allies.errors import InvalidInput
from allies.services.campaigns.read import pick_campaign
from allies.services.network.lookup import resolve_people
from allies.services.ports import UnitOfWork

__all__ = [
    "ConsultationRow",
    "consultation_csv",
    "consultation_log",
    "log_consultation",
    "tag_interaction",
]


@dataclass(frozen=True)
class ConsultationRow:
    """One consultation of the log, in words."""

    interaction_id: int
    on: date
    kind: str
    people: list[str]
    issue: str
    summary: str
    issues_raised: str
    follow_ups: str


def _issue_id(uow: UnitOfWork, campaign: str, issue: str) -> tuple[int, int | None]:
    found = pick_campaign(uow.campaigns.list(), campaign)
    chosen = found.issue_named(issue).id if issue.strip() else None
    return found.id or 0, chosen


def log_consultation(
    uow: UnitOfWork,
    campaign: str,
    people: list[str],
    *,
    issue: str = "",
    on: date | None = None,
    kind: str = "one_on_one",
    summary: str = "",
    issues_raised: str = "",
    follow_ups: str = "",
) -> ConsultationRow:
    """Log an interaction about ``campaign`` with ``people``, tagged with the campaign (and
    ``issue`` when named), with what was raised and the follow-ups.

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign, the issue or a person cannot be found.
    allies.errors.InvalidInput
        When nobody but me is named.
    """
    with uow:
        campaign_id, issue_id = _issue_id(uow, campaign, issue)
        chosen = [p for p in resolve_people(uow, people) if not p.is_me]
        if not chosen:
            raise InvalidInput("Name at least one person other than yourself.", field="people")
        meeting = uow.interactions.add(
            Interaction(
                occurred_on=on or date.today(),
                participant_ids=[p.id or 0 for p in chosen],
                kind=parse_enum(InteractionKind, kind, "kind"),
                summary=summary,
            )
        )
        uow.consultations.add(
            Consultation(meeting.id or 0, campaign_id, issue_id, issues_raised, follow_ups)
        )
        uow.commit()
    return ConsultationRow(
        meeting.id or 0,
        meeting.occurred_on,
        meeting.kind.value,
        [p.name for p in chosen],
        issue.strip(),
        summary.strip(),
        issues_raised.strip(),
        follow_ups.strip(),
    )


def tag_interaction(
    uow: UnitOfWork,
    interaction_id: int,
    campaign: str,
    *,
    issue: str = "",
    issues_raised: str = "",
    follow_ups: str = "",
) -> Consultation:
    """Tag an interaction already logged with a campaign (replacing its tag, if any).

    Raises
    ------
    allies.errors.NotFound
        When the interaction (of the member tagging it), campaign or issue cannot be found.
    """
    with uow:
        uow.interactions.get(interaction_id)
        campaign_id, issue_id = _issue_id(uow, campaign, issue)
        before = uow.consultations.of_interaction(interaction_id)
        if before is not None and before.id is not None:
            uow.consultations.remove(before.id)
        stored = uow.consultations.add(
            Consultation(interaction_id, campaign_id, issue_id, issues_raised, follow_ups)
        )
        uow.commit()
        return stored


def consultation_log(uow: UnitOfWork, campaign: str) -> list[ConsultationRow]:
    """The campaign's consultations, oldest first, every member's."""
    with uow:
        found = pick_campaign(uow.campaigns.list(), campaign)
        tags = {c.interaction_id: c for c in uow.consultations.for_campaign(found.id or 0)}
        meetings = uow.interactions.of_campaign(found.id or 0)
        names = uow.people.names(pid for m in meetings for pid in m.participant_ids)
    issues = {i.id: i.name for i in found.issues}
    rows = []
    for meeting in meetings:
        tag = tags[meeting.id or 0]
        rows.append(
            ConsultationRow(
                meeting.id or 0,
                meeting.occurred_on,
                meeting.kind.value,
                [names.get(pid, f"#{pid}") for pid in meeting.participant_ids],
                issues.get(tag.issue_id, "") if tag.issue_id is not None else "",
                meeting.summary,
                tag.issues_raised,
                tag.follow_ups,
            )
        )
    return rows


def consultation_csv(rows: list[ConsultationRow]) -> str:
    """The log as CSV (RFC 4180), one row per consultation, people joined by ``; ``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["date", "kind", "people", "issue", "summary", "issues raised", "follow-ups"])
    for r in rows:
        writer.writerow(
            [
                r.on.isoformat(),
                r.kind,
                "; ".join(r.people),
                r.issue,
                r.summary,
                r.issues_raised,
                r.follow_ups,
            ]
        )
    return out.getvalue()
