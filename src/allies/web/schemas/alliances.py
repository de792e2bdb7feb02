"""Alliances as the API reads and writes them: the alliance with its parts and health,
and the bodies that create it, change it and add to it. People and organisations are
named by id."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from allies.services.alliances.manage import AllianceView
from allies.web.schemas.common import ApiModel, Name, Text

AllianceStatusName = Literal["forming", "active", "dormant", "ended"]


class AllianceRowOut(BaseModel):
    """One line of the alliance list."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    status: AllianceStatusName
    partners: int
    goals: int
    health: int = Field(description="Alliance health, 0-100.")
    open_conflicts: int = Field(description="Conflicts not yet resolved.")
    to_celebrate: int = Field(description="Milestones reached and not yet celebrated.")


class AlliancePartnerOut(BaseModel):
    """A partner: a person or an organisation, and what they bring."""

    id: int
    person_id: int | None
    organisation_id: int | None
    name: str
    role: str


class AgreementOut(BaseModel):
    """The agreement in four parts, and the share filled in (0-1)."""

    agreed: str = Field(description="What is agreed.")
    written: str = Field(description="Where it is written down.")
    checked: str = Field(description="How it is checked up on.")
    divided: str = Field(description="How the work and the credit are divided up.")
    completeness: float


class ResponsibilityOut(BaseModel):
    """A duty: who does what by when, and when it was done."""

    id: int
    what: str
    person_id: int | None
    who: str
    due_on: date | None
    done_on: date | None


class MilestoneOut(BaseModel):
    """A milestone: expected, reached, celebrated."""

    id: int
    title: str
    due_on: date | None
    reached_on: date | None
    celebrated_on: date | None


class AllianceConflictOut(BaseModel):
    """A conflict between partners, with its dated notes (one line per step)."""

    id: int
    title: str
    status: Literal["open", "discussed", "resolved"]
    opened_on: date
    resolved_on: date | None
    notes: str


class AllianceHealthPartOut(BaseModel):
    """One part of the alliance's health: value (0-1), weight, points out of 100, reason."""

    name: str
    value: float
    weight: float
    points: float
    detail: str


class AllianceHealthOut(BaseModel):
    """The alliance's health, 0-100, from its agreement, check-ins, delivery, conflicts
    and partners."""

    score: float
    parts: list[AllianceHealthPartOut]


class AllianceOut(BaseModel):
    """An alliance with everything in it, named, and its health."""

    id: int
    name: str
    purpose: str
    status: AllianceStatusName
    started_on: date | None
    checkin_ideal_days: int
    checkin_max_days: int
    last_contact: date | None = Field(description="The last contact with any partner.")
    partners: list[AlliancePartnerOut]
    common_goals: list[str]
    agreement: AgreementOut
    responsibilities: list[ResponsibilityOut]
    milestones: list[MilestoneOut]
    conflicts: list[AllianceConflictOut]
    health: AllianceHealthOut

    @classmethod
    def of(cls, view: AllianceView) -> AllianceOut:
        """From the service's view of one alliance."""
        a = view.alliance
        return cls(
            id=a.id or 0,
            name=a.name,
            purpose=a.purpose,
            status=a.status.value,
            started_on=a.started_on,
            checkin_ideal_days=a.checkin_ideal_days,
            checkin_max_days=a.checkin_max_days,
            last_contact=view.last_contact,
            partners=[
                AlliancePartnerOut(
                    id=p.id or 0,
                    person_id=p.person_id,
                    organisation_id=p.organisation_id,
                    name=name,
                    role=role,
                )
                for p, (name, role) in zip(a.partners, view.partners, strict=True)
            ],
            common_goals=list(a.common_goals),
            agreement=AgreementOut(
                agreed=a.agreement.agreed,
                written=a.agreement.written,
                checked=a.agreement.checked,
                divided=a.agreement.divided,
                completeness=a.agreement.completeness,
            ),
            responsibilities=[
                ResponsibilityOut(
                    id=d.id or 0,
                    what=d.what,
                    person_id=d.person_id,
                    who=who,
                    due_on=d.due_on,
                    done_on=d.done_on,
                )
                for d, (_, _, who, _, _) in zip(a.responsibilities, view.duties, strict=True)
            ],
            milestones=[
                MilestoneOut(
                    id=m.id or 0,
                    title=m.title,
                    due_on=m.due_on,
                    reached_on=m.reached_on,
                    celebrated_on=m.celebrated_on,
                )
                for m in a.milestones
            ],
            conflicts=[
                AllianceConflictOut(
                    id=c.id or 0,
                    title=c.title,
                    status=c.status.value,
                    opened_on=c.opened_on,
                    resolved_on=c.resolved_on,
                    notes=c.notes,
                )
                for c in a.conflicts
            ],
            health=health_out(view),
        )


def health_out(view: AllianceView) -> AllianceHealthOut:
    """The alliance's health from the service's view."""
    return AllianceHealthOut(
        score=view.health.score,
        parts=[
            AllianceHealthPartOut(
                name=p.name, value=p.value, weight=p.weight, points=p.points, detail=p.detail
            )
            for p in view.health.parts
        ],
    )


# --- what is written -------------------------------------------------------------------


class AllianceCreate(ApiModel):
    """A new alliance (it starts *forming*) with its partners, goals and check-in cadence."""

    name: Name = Field(min_length=1, examples=["Open data coalition"])
    purpose: Text = ""
    person_ids: list[int] = Field(default_factory=list, description="Partners who are people.")
    organisation_ids: list[int] = Field(
        default_factory=list, description="Partners that are organisations."
    )
    goals: list[Name] = Field(default_factory=list, description="Common goals.")
    checkin_ideal_days: int = Field(30, ge=1, description="Check in with the partners every …")
    checkin_max_days: int | None = Field(
        None, ge=1, description="… and at most this many days apart (twice the ideal if left out)."
    )
    started_on: date | None = Field(None, description="Today when left out.")


class AllianceUpdate(ApiModel):
    """Changes to an alliance's own fields; fields left out stay, ``started_on: null``
    clears the start day. Statuses move through ``/status``."""

    name: Name | None = Field(None, min_length=1)
    purpose: Text | None = None
    started_on: date | None = None
    checkin_ideal_days: int | None = Field(None, ge=1)
    checkin_max_days: int | None = Field(None, ge=1)


class AlliancePartnerIn(ApiModel):
    """A partner to add: a person or an organisation (exactly one), and what they bring."""

    person_id: int | None = None
    organisation_id: int | None = None
    role: Name = ""


class AllianceGoalIn(ApiModel):
    """A common goal to add."""

    goal: Name = Field(min_length=1)


class AgreementIn(ApiModel):
    """The agreement's four parts; a part left out is emptied."""

    agreed: Text = ""
    written: Text = ""
    checked: Text = ""
    divided: Text = ""


class ResponsibilityIn(ApiModel):
    """A duty: what is to be done, by whom (a person's id) and by when."""

    what: Text = Field(min_length=1)
    person_id: int | None = None
    due_on: date | None = None


class MilestoneIn(ApiModel):
    """A milestone and the day it is expected."""

    title: Name = Field(min_length=1)
    due_on: date | None = None


class AllianceConflictIn(ApiModel):
    """A conflict between partners, opened on a day (today when left out)."""

    title: Name = Field(min_length=1)
    notes: Text = ""
    opened_on: date | None = None


class ConflictNoteIn(ApiModel):
    """A conflict's next step, with a note and the day (today when left out)."""

    note: Text = ""
    on: date | None = None


class OnDayIn(ApiModel):
    """The day something happened (today when left out)."""

    on: date | None = None


class AllianceStatusIn(ApiModel):
    """Move along forming → active ⇄ dormant → ended (activating sets the start day)."""

    status: AllianceStatusName
    on: date | None = None
