"""The JSON shapes of organisations as actors: people's affiliations over time, ties
between organisations, and a stance an organisation holds through its spokesperson."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from allies.web.schemas.common import ApiModel, Name, Text

#: How one organisation stands to another.
OrganisationTieKindName = Literal["member_of", "funds", "partners_with", "competes_with"]


class AffiliationOut(BaseModel):
    """A person's role at an organisation, from one day to another (``ended_on`` null
    while it lasts); ``current`` when it holds today."""

    id: int
    person_id: int
    person: str
    organisation_id: int
    organisation: str
    role: str
    started_on: date | None
    ended_on: date | None
    note: str
    current: bool


class AffiliationCreate(ApiModel):
    """A new affiliation: ``person_id`` held ``role`` at ``organisation_id``."""

    person_id: int
    organisation_id: int
    role: Name = ""
    started_on: date | None = None
    ended_on: date | None = None
    note: Text = ""


class AffiliationUpdate(ApiModel):
    """Changes to an affiliation; ``null`` for a date clears it."""

    organisation_id: int | None = None
    role: Name | None = None
    started_on: date | None = None
    ended_on: date | None = None
    note: Text | None = None


class OrganisationTieOut(BaseModel):
    """Organisation ``source_id`` *kind* ``target_id``, with the statement in words."""

    id: int
    source_id: int
    source: str
    kind: OrganisationTieKindName
    target_id: int
    target: str
    statement: str
    started_on: date | None
    ended_on: date | None
    note: str


class OrganisationTieCreate(ApiModel):
    """A new tie between organisations (for example 3 funds 5)."""

    source_id: int
    kind: OrganisationTieKindName
    target_id: int
    started_on: date | None = None
    ended_on: date | None = None
    note: Text = ""


class OrganisationTieUpdate(ApiModel):
    """Changes to a tie between organisations; ``null`` for a date clears it."""

    source_id: int | None = None
    kind: OrganisationTieKindName | None = None
    target_id: int | None = None
    started_on: date | None = None
    ended_on: date | None = None
    note: Text | None = None


class OrganisationStanceIn(ApiModel):
    """Where an organisation stands on an issue of the campaign, through the person who
    speaks for it. Name the issue by ``issue_id`` or ``issue`` (may be left out when the
    campaign has one issue); ``capability`` left out gives the organisation the weight of
    its strongest member."""

    organisation_id: int
    spokesperson_id: int
    issue_id: int | None = None
    issue: Name = ""
    position: float = Field(ge=0, le=100)
    salience: float = Field(0.5, ge=0, le=1)
    capability: float | None = Field(None, ge=0, le=1)
    confidence: float = Field(0.7, ge=0, le=1)
    on: date | None = Field(None, description="When it stood so (default today).")
    note: Text = ""


class OrganisationStanceOut(BaseModel):
    """An organisation's stance, with its spokesperson."""

    id: int
    organisation_id: int
    organisation: str
    spokesperson_id: int
    spokesperson: str
    issue_id: int
    issue: str
    position: float
    salience: float
    capability: float | None
    confidence: float
    recorded_on: date
    note: str
