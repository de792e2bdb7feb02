"""Campaigns and stances as the API reads and writes them.

Forecasts, stance tables and chart data are returned as the services build them; these
models cover what is written (campaigns, issues, stances) and the campaign as read.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from allies.services.campaigns.stances import CampaignDetail
from allies.web.schemas.common import ApiModel, Name, Text

Status = Literal["active", "won", "lost", "shelved"]


class IssueIn(ApiModel):
    """An issue: a 0-100 scale with labelled ends and where I want it to land."""

    name: Name
    low_label: Name = Field("0", description="What 0 means.")
    high_label: Name = Field("100", description="What 100 means.")
    desired_position: float = Field(100.0, ge=0, le=100, description="Where I want it (0-100).")
    description: Text = ""


class IssueUpdate(ApiModel):
    """Changes to an issue; fields left out stay."""

    name: Name | None = None
    low_label: Name | None = None
    high_label: Name | None = None
    desired_position: float | None = Field(None, ge=0, le=100)
    description: Text | None = None


class CampaignCreate(ApiModel):
    """A campaign to start. Without issues it gets one named after it."""

    name: Name
    issues: list[IssueIn] = Field(default_factory=list)
    decider_ids: list[int] = Field(default_factory=list, description="Ids of who decides.")
    decision_on: date | None = None
    description: Text = ""


class CampaignUpdate(ApiModel):
    """Changes to a campaign; fields left out stay, ``decision_on: null`` clears the date."""

    name: Name | None = None
    description: Text | None = None
    decision_on: date | None = None
    status: Status | None = None
    decider_ids: list[int] | None = Field(None, description="Replaces the deciders.")


class StanceIn(ApiModel):
    """A stance to record. Name the issue by ``issue_id`` or ``issue`` (its name; may be
    left out when the campaign has one issue). Salience and confidence left out keep the
    person's previous values (or 0.5 and 0.7); ``capability`` left out keeps a stated
    one, ``null`` derives it from influence."""

    person_id: int
    issue_id: int | None = None
    issue: Name = ""
    position: float = Field(ge=0, le=100)
    salience: float | None = Field(None, ge=0, le=1)
    capability: float | None = Field(None, ge=0, le=1)
    confidence: float | None = Field(None, ge=0, le=1)
    on: date | None = Field(None, description="When they stood so (default today).")
    note: Text = ""


class StancesIn(ApiModel):
    """Several stances recorded together; those equal to the current one are skipped."""

    stances: list[StanceIn]


class StanceOut(BaseModel):
    """A stance as stored."""

    id: int
    person_id: int
    issue_id: int
    position: float
    salience: float
    capability: float | None
    confidence: float
    recorded_on: date
    note: str


class IssueOut(BaseModel):
    """An issue as read."""

    id: int
    name: str
    low_label: str
    high_label: str
    desired_position: float
    description: str


class PersonBrief(BaseModel):
    """A person by id and name."""

    id: int
    name: str


class CampaignOut(BaseModel):
    """A campaign with its issues and deciders."""

    id: int
    name: str
    status: str
    description: str
    decision_on: date | None
    days_left: int | None
    deciders: list[PersonBrief]
    issues: list[IssueOut]
    stakeholders: int

    @classmethod
    def of(cls, detail: CampaignDetail) -> CampaignOut:
        """From the service's campaign detail."""
        s = detail.summary
        return cls(
            id=s.id,
            name=s.name,
            status=s.status,
            description=detail.description,
            decision_on=s.decision_on,
            days_left=s.days_left,
            deciders=[
                PersonBrief(id=i, name=n)
                for i, n in zip(detail.decider_ids, s.deciders, strict=True)
            ],
            issues=[
                IssueOut(
                    id=t.issue_id,
                    name=t.issue,
                    low_label=t.low_label,
                    high_label=t.high_label,
                    desired_position=t.desired,
                    description=t.description,
                )
                for t in detail.table.issues
            ],
            stakeholders=s.stakeholders,
        )
