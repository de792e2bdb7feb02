"""Interactions, favours, promises and cadences as the API reads and writes them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from allies.services.keep.ledger import FavourBalance
from allies.services.vocabulary import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Promise,
    PromiseStatus,
    Tier,
)
from allies.web.schemas.common import ApiModel, Name, Text


class Participant(BaseModel):
    """Someone who took part."""

    id: int
    name: str


class InteractionOut(BaseModel):
    """A dated touch-point with one or more people."""

    id: int
    occurred_on: date
    kind: InteractionKind
    participants: list[Participant]
    initiated_by_me: bool | None
    initiator_id: int | None
    tone: int
    summary: str
    notes: str

    @classmethod
    def of(cls, meeting: Interaction, names: Mapping[int, str]) -> InteractionOut:
        """From the domain object and the people's names."""
        return cls(
            id=meeting.id or 0,
            occurred_on=meeting.occurred_on,
            kind=meeting.kind,
            participants=[
                Participant(id=p, name=names.get(p, "")) for p in meeting.participant_ids
            ],
            initiated_by_me=meeting.initiated_by_me,
            initiator_id=meeting.initiator_id,
            tone=meeting.tone,
            summary=meeting.summary,
            notes=meeting.notes,
        )


Initiator = Literal["me", "them"]


class InteractionCreate(ApiModel):
    """A new interaction with the people in ``participant_ids`` (not counting me)."""

    participant_ids: list[int] = Field(min_length=1)
    kind: InteractionKind | None = Field(
        None, description="one_on_one for one person, group_meeting for several, when left out."
    )
    occurred_on: date | None = Field(None, description="Today when left out.")
    tone: int = Field(0, ge=-2, le=2)
    summary: Text = ""
    notes: Text = ""
    initiated_by: Initiator | None = None
    initiator_id: int | None = Field(None, description="A participant who reached out.")


class InteractionUpdate(ApiModel):
    """Changes to an interaction."""

    participant_ids: list[int] | None = Field(None, min_length=1)
    kind: InteractionKind | None = None
    occurred_on: date | None = None
    tone: int | None = Field(None, ge=-2, le=2)
    summary: Text | None = None
    notes: Text | None = None
    initiated_by: Initiator | None = None
    initiator_id: int | None = None


class FavourOut(BaseModel):
    """A favour I gave to or received from someone."""

    id: int
    person_id: int
    person: str
    direction: FavourDirection
    size: FavourSize
    description: str
    occurred_on: date

    @classmethod
    def of(cls, favour: Favour, names: Mapping[int, str]) -> FavourOut:
        """From the domain object and the people's names."""
        return cls(
            id=favour.id or 0,
            person_id=favour.person_id,
            person=names.get(favour.person_id, ""),
            direction=favour.direction,
            size=favour.size,
            description=favour.description,
            occurred_on=favour.occurred_on,
        )


class FavourCreate(ApiModel):
    """A new favour."""

    person_id: int
    direction: FavourDirection
    description: Text = Field(min_length=1)
    size: FavourSize = FavourSize.SMALL
    occurred_on: date | None = Field(None, description="Today when left out.")


class FavourUpdate(ApiModel):
    """Changes to a favour."""

    person_id: int | None = None
    direction: FavourDirection | None = None
    description: Text | None = Field(None, min_length=1)
    size: FavourSize | None = None
    occurred_on: date | None = None


class BalanceOut(BaseModel):
    """The favours ledger with one person, in value units (small 1, medium 3, large 9)."""

    person_id: int
    name: str
    given: int
    received: int
    balance: int

    @classmethod
    def of(cls, row: FavourBalance) -> BalanceOut:
        """From the service row."""
        return cls(
            person_id=row.person_id,
            name=row.name,
            given=row.given,
            received=row.received,
            balance=row.balance,
        )


class PromiseOut(BaseModel):
    """A promise from one person to another."""

    id: int
    promiser_id: int
    promiser: str
    promisee_id: int
    promisee: str
    description: str
    made_on: date
    due_on: date | None
    status: PromiseStatus
    resolved_on: date | None
    note: str
    overdue: bool

    @classmethod
    def of(cls, promise: Promise, names: Mapping[int, str]) -> PromiseOut:
        """From the domain object and the people's names."""
        return cls(
            id=promise.id or 0,
            promiser_id=promise.promiser_id,
            promiser=names.get(promise.promiser_id, ""),
            promisee_id=promise.promisee_id,
            promisee=names.get(promise.promisee_id, ""),
            description=promise.description,
            made_on=promise.made_on,
            due_on=promise.due_on,
            status=promise.status,
            resolved_on=promise.resolved_on,
            note=promise.note,
            overdue=promise.is_overdue(date.today()),
        )


class PromiseCreate(ApiModel):
    """A new promise. Leave out ``promiser_id`` for mine, ``promisee_id`` for one to me."""

    description: Text = Field(min_length=1)
    promiser_id: int | None = None
    promisee_id: int | None = None
    made_on: date | None = Field(None, description="Today when left out.")
    due_on: date | None = None


class PromiseUpdate(ApiModel):
    """Changes to what a promise says; settle it with ``POST /promises/{id}/settle``."""

    description: Text | None = Field(None, min_length=1)
    promiser_id: int | None = None
    promisee_id: int | None = None
    made_on: date | None = None
    due_on: date | None = None
    note: Text | None = None


class PromiseSettle(ApiModel):
    """How a promise ended: done (kept, or late after its due date), broken or release."""

    outcome: Literal["done", "kept", "late", "broken", "release"]
    on: date | None = Field(None, description="Today when left out.")


class CadenceOut(BaseModel):
    """How often to check in with a person, a tag or a tier."""

    id: int
    person_id: int | None
    person: str | None
    tag: str | None
    tier: str | None
    ideal_days: int
    max_days: int
    snoozed_until: date | None

    @classmethod
    def of(cls, cadence: Cadence, names: Mapping[int, str]) -> CadenceOut:
        """From the domain object and the people's names."""
        return cls(
            id=cadence.id or 0,
            person_id=cadence.person_id,
            person=names.get(cadence.person_id) if cadence.person_id else None,
            tag=cadence.tag,
            tier=cadence.tier,
            ideal_days=cadence.ideal_days,
            max_days=cadence.max_days,
            snoozed_until=cadence.snoozed_until,
        )


class CadenceCreate(ApiModel):
    """Set a cadence on exactly one of a person, a tag or a tier (replacing the old one)."""

    person_id: int | None = None
    tag: Name | None = None
    tier: Tier | None = None
    ideal_days: int = Field(ge=1, le=3650)
    max_days: int | None = Field(None, ge=1, le=3650, description="Twice the ideal when left out.")


class CadenceUpdate(ApiModel):
    """Changes to a cadence; ``snoozed_until: null`` ends a snooze."""

    ideal_days: int | None = Field(None, ge=1, le=3650)
    max_days: int | None = Field(None, ge=1, le=3650)
    snoozed_until: date | None = None
