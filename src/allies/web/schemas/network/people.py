"""People as the API reads and writes them."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from allies.services.network.people import PersonProfile, PersonRow, TimelineEntry
from allies.services.vocabulary import Level, Tier
from allies.web.schemas.common import ApiModel, Name, Text


class PersonSummary(BaseModel):
    """A person as listed."""

    id: int
    name: str
    title: str
    organisation: str
    unit: str
    level: str
    tier: str
    tags: list[str]
    emails: list[str]
    last_contact: date | None
    is_me: bool

    @classmethod
    def of(cls, row: PersonRow) -> PersonSummary:
        """From a service row."""
        return cls(**{name: getattr(row, name) for name in cls.model_fields})


class TieBrief(BaseModel):
    """A tie seen from one person: the other end and what kind."""

    id: int
    kind: str
    weight: float
    person_id: int
    person: str


class TimelineItem(BaseModel):
    """One dated event of a person's story."""

    on: date
    kind: str = Field(description="interaction, observation, favour or promise")
    text: str
    id: int

    @classmethod
    def of(cls, entry: TimelineEntry) -> TimelineItem:
        """From a service timeline entry."""
        return cls(on=entry.on, kind=entry.kind, text=entry.text, id=entry.id)


class PersonDetail(BaseModel):
    """Everything about one person: the profile, ties both ways and their story."""

    id: int
    name: str
    title: str
    organisation_id: int | None
    organisation: str
    unit_id: int | None
    unit: str
    emails: list[str]
    phones: list[str]
    tags: list[str]
    interests: str
    agenda: str
    values: str
    offers: str
    trades: str
    level: Level | None
    tier: Tier | None
    is_me: bool
    notes: str
    created_at: datetime | None
    updated_at: datetime | None
    last_contact: date | None
    ties_out: list[TieBrief]
    ties_in: list[TieBrief]
    timeline: list[TimelineItem] = Field(
        description="The newest entries of their story (after `before`, when given)."
    )
    timeline_total: int = Field(description="How many entries the whole story holds.")
    timeline_next: str | None = Field(
        description="Pass as `before` to read the next, older entries; null when this page "
        "reaches the oldest."
    )
    interaction_count: int = Field(description="How many interactions with them in all.")

    @classmethod
    def of(cls, profile: PersonProfile) -> PersonDetail:
        """From the service profile."""
        p = profile.person
        return cls(
            id=p.id or 0,
            name=p.name,
            title=p.title,
            organisation_id=p.organisation_id,
            organisation=profile.organisation,
            unit_id=p.unit_id,
            unit=profile.unit,
            emails=p.emails,
            phones=p.phones,
            tags=p.tags,
            interests=p.interests,
            agenda=p.agenda,
            values=p.values,
            offers=p.offers,
            trades=p.trades,
            level=p.level,
            tier=p.tier,
            is_me=p.is_me,
            notes=p.notes,
            created_at=p.created_at,
            updated_at=p.updated_at,
            last_contact=profile.last_contact,
            ties_out=[
                TieBrief(
                    id=t.id or 0,
                    kind=t.kind.value,
                    weight=t.weight,
                    person_id=o.id or 0,
                    person=o.name,
                )
                for t, o in profile.ties_out
            ],
            ties_in=[
                TieBrief(
                    id=t.id or 0,
                    kind=t.kind.value,
                    weight=t.weight,
                    person_id=o.id or 0,
                    person=o.name,
                )
                for t, o in profile.ties_in
            ],
            timeline=[TimelineItem.of(e) for e in profile.timeline],
            timeline_total=profile.story_total,
            timeline_next=profile.older,
            interaction_count=profile.interaction_count,
        )


class PersonCreate(ApiModel):
    """A new person. Organisation and unit are names; new ones are created."""

    name: Name = Field(min_length=1, examples=["Ann Lee"])
    title: Name = ""
    organisation: Name | None = None
    unit: Name | None = None
    emails: list[Name] = Field(default_factory=list)
    phones: list[Name] = Field(default_factory=list)
    tags: list[Name] = Field(default_factory=list)
    level: Level | None = None
    tier: Tier | None = None
    interests: Text = ""
    agenda: Text = ""
    values: Text = ""
    offers: Text = ""
    trades: Text = ""
    notes: Text = ""
    is_me: bool = False
    allow_duplicate: bool = Field(False, description="Add even when the name is taken.")


class PersonUpdate(ApiModel):
    """Changes to a person; fields left out stay as they are, ``""`` clears text."""

    name: Name | None = Field(None, min_length=1)
    title: Name | None = None
    organisation: Name | None = None
    unit: Name | None = None
    emails: list[Name] | None = None
    phones: list[Name] | None = None
    tags: list[Name] | None = None
    level: Level | None = None
    tier: Tier | None = None
    interests: Text | None = None
    agenda: Text | None = None
    values: Text | None = None
    offers: Text | None = None
    trades: Text | None = None
    notes: Text | None = None


class MergeRequest(ApiModel):
    """Which duplicate to fold into this person."""

    duplicate_id: int


class RemovalOut(BaseModel):
    """What removing or merging did, counted by kind of record."""

    removed_id: int
    kept_id: int | None
    moved: dict[str, int]
    deleted: dict[str, int]
