"""Organisations, units, ties and observations as the API reads and writes them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel, Field

from allies.services.network.records import UnitRow
from allies.services.network.structure import OrganisationRow
from allies.services.vocabulary import (
    Observation,
    ObservationKind,
    Organisation,
    Tie,
    TieKind,
    TieOrigin,
)
from allies.web.schemas.common import ApiModel, Name, Text

Unit01 = Field(ge=0.0, le=1.0)


class OrganisationOut(BaseModel):
    """An organisation, with its head-count and units when listed."""

    id: int
    name: str
    kind: str
    notes: str = ""
    people: int | None = None
    units: list[str] | None = None

    @classmethod
    def of_row(cls, row: OrganisationRow) -> OrganisationOut:
        """From a list row."""
        return cls(id=row.id, name=row.name, kind=row.kind, people=row.people, units=row.units)

    @classmethod
    def of(cls, organisation: Organisation) -> OrganisationOut:
        """From the domain object."""
        return cls(
            id=organisation.id or 0,
            name=organisation.name,
            kind=organisation.kind,
            notes=organisation.notes,
        )


class OrganisationCreate(ApiModel):
    """A new organisation; names are unique."""

    name: Name = Field(min_length=1, examples=["City Council"])
    kind: Name = ""
    notes: Text = ""


class OrganisationUpdate(ApiModel):
    """Changes to an organisation."""

    name: Name | None = Field(None, min_length=1)
    kind: Name | None = None
    notes: Text | None = None


class UnitOut(BaseModel):
    """A unit with its organisation and parent unit."""

    id: int
    name: str
    organisation_id: int | None
    organisation: str
    parent_id: int | None
    parent: str
    people: int

    @classmethod
    def of(cls, row: UnitRow) -> UnitOut:
        """From a unit row."""
        return cls(**{name: getattr(row, name) for name in cls.model_fields})


class UnitCreate(ApiModel):
    """A new unit, optionally inside an organisation and a parent unit."""

    name: Name = Field(min_length=1, examples=["Legal"])
    organisation_id: int | None = None
    parent_id: int | None = None


class UnitUpdate(ApiModel):
    """Changes to a unit; ``null`` for organisation_id or parent_id clears it."""

    name: Name | None = Field(None, min_length=1)
    organisation_id: int | None = None
    parent_id: int | None = None


class TieOut(BaseModel):
    """A typed, directed, weighted tie: source *kind* target."""

    id: int
    source_id: int
    source: str
    kind: TieKind
    target_id: int
    target: str
    weight: float
    confidence: float
    origin: TieOrigin
    valid_from: date | None
    valid_to: date | None
    note: str

    @classmethod
    def of(cls, tie: Tie, names: Mapping[int, str]) -> TieOut:
        """From the domain object and the people's names."""
        return cls(
            id=tie.id or 0,
            source_id=tie.source_id,
            source=names.get(tie.source_id, ""),
            kind=tie.kind,
            target_id=tie.target_id,
            target=names.get(tie.target_id, ""),
            weight=tie.weight,
            confidence=tie.confidence,
            origin=tie.origin,
            valid_from=tie.valid_from,
            valid_to=tie.valid_to,
            note=tie.note,
        )


class TieCreate(ApiModel):
    """A new tie: ``source_id`` *kind* ``target_id`` (for example 3 listens_to 5)."""

    source_id: int
    kind: TieKind
    target_id: int
    weight: float = Field(0.5, ge=0.0, le=1.0)
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    origin: TieOrigin = TieOrigin.STATED
    valid_from: date | None = None
    valid_to: date | None = None
    note: Text = ""


class TieUpdate(ApiModel):
    """Changes to a tie; ``null`` for a validity date clears it."""

    source_id: int | None = None
    kind: TieKind | None = None
    target_id: int | None = None
    weight: float | None = Field(None, ge=0.0, le=1.0)
    confidence: float | None = Field(None, ge=0.0, le=1.0)
    origin: TieOrigin | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    note: Text | None = None


class ObservationOut(BaseModel):
    """Evidence of influence: subject *kind* object, seen on a day."""

    id: int
    subject_id: int
    subject: str
    kind: ObservationKind
    object_id: int
    object: str
    observed_on: date
    strength: float
    context: str
    note: str

    @classmethod
    def of(cls, seen: Observation, names: Mapping[int, str]) -> ObservationOut:
        """From the domain object and the people's names."""
        return cls(
            id=seen.id or 0,
            subject_id=seen.subject_id,
            subject=names.get(seen.subject_id, ""),
            kind=seen.kind,
            object_id=seen.object_id,
            object=names.get(seen.object_id, ""),
            observed_on=seen.observed_on,
            strength=seen.strength,
            context=seen.context,
            note=seen.note,
        )


class ObservationCreate(ApiModel):
    """A new observation (for example 3 deferred_to 5)."""

    subject_id: int
    kind: ObservationKind
    object_id: int
    observed_on: date | None = Field(None, description="Today when left out.")
    strength: float = Field(1.0, ge=0.0, le=1.0)
    context: Text = ""
    note: Text = ""


class ObservationUpdate(ApiModel):
    """Changes to an observation."""

    subject_id: int | None = None
    kind: ObservationKind | None = None
    object_id: int | None = None
    observed_on: date | None = None
    strength: float | None = Field(None, ge=0.0, le=1.0)
    context: Text | None = None
    note: Text | None = None
