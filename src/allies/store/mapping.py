"""Explicit translation between table rows and domain objects.

Each kind of entity has an :class:`EntityMap`: its root table, how a row (plus its child
rows) becomes a domain object (``load``), how a domain object becomes column values
(``dump``), its child lists, and the other records it refers to (``refs``), which the
repositories check belong to the same workspace before writing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar, cast

from sqlalchemy import Table

from allies.domain import (
    Agreement,
    Alliance,
    AllianceConflict,
    AlliancePartner,
    AllianceStatus,
    Assessment,
    Cadence,
    Campaign,
    CampaignIssue,
    CampaignStatus,
    ConflictStatus,
    Favour,
    FavourDirection,
    FavourSize,
    Goal,
    GoalNeed,
    GoalStatus,
    Interaction,
    InteractionKind,
    Level,
    Milestone,
    NeedKind,
    Observation,
    ObservationKind,
    Organisation,
    Person,
    Promise,
    PromiseStatus,
    Responsibility,
    Stance,
    Tie,
    TieKind,
    TieOrigin,
    Tier,
    Unit,
)
from allies.domain._rules import as_enum
from allies.store import tables as t

__all__ = ["MAPS", "ChildList", "EntityMap", "Ref", "RefKind", "map_for"]

T = TypeVar("T")
Row = Mapping[Any, Any]
RefKind = Literal["person", "organisation", "unit", "issue"]
#: A reference from an entity to another record: ``(kind, id)``.
Ref = tuple[RefKind, int]


def _no_refs(_: Any) -> Iterator[Ref]:
    return iter(())


def _nothing_inherited(_parent: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ChildList:
    """A list attribute of an entity stored as rows of a child table.

    ``keyed`` children have their own ``id``, mirrored on the domain item and kept across
    saves (so that, say, stances keep pointing at a campaign's issues); the others are
    plain values (ids, strings) replaced wholesale on save.
    """

    attr: str
    table: Table
    parent_column: str
    load: Callable[[Row], Any]
    dump: Callable[[Any], dict[str, Any]]
    keyed: bool = False
    refs: Callable[[Any], Iterable[Ref]] = _no_refs
    #: Columns copied from the parent entity into every child row (kept in step on save).
    from_parent: Callable[[Any], dict[str, Any]] = _nothing_inherited


@dataclass(frozen=True)
class EntityMap(Generic[T]):
    """How one kind of entity is stored."""

    kind: str  # "person": named in messages and errors
    table: Table
    load: Callable[[Row, Mapping[str, list[Any]]], T]
    dump: Callable[[T], dict[str, Any]]
    children: tuple[ChildList, ...] = field(default=())
    refs: Callable[[T], Iterable[Ref]] = _no_refs


def _enum(enum: type[StrEnum], value: Any, name: str) -> str | None:
    """The stored string of an enum field (validated: it may have been set to a string)."""
    return None if value is None else as_enum(enum, value, name).value


def _columns(obj: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _pick(row: Row, *names: str) -> dict[str, Any]:
    return {name: row[name] for name in names}


def _person_refs(*ids: int | None) -> Iterator[Ref]:
    return (("person", i) for i in ids if i is not None)


# -- people, organisations, units -------------------------------------------------------

_PERSON_COLUMNS = (
    "name", "title", "organisation_id", "unit_id", "interests", "agenda", "values",
    "offers", "trades", "is_me", "notes",
)  # fmt: skip


def _load_person(row: Row, _: Mapping[str, list[Any]]) -> Person:
    return Person.trusted(
        **_pick(row, *_PERSON_COLUMNS, "level", "tier", "created_at", "updated_at", "id"),
        emails=list(row["emails"] or []),
        phones=list(row["phones"] or []),
        tags=list(row["tags"] or []),
    )


def _dump_person(p: Person) -> dict[str, Any]:
    return {
        **_columns(p, *_PERSON_COLUMNS),
        "emails": list(p.emails),
        "phones": list(p.phones),
        "tags": list(p.tags),
        "level": _enum(Level, p.level, "level"),
        "tier": _enum(Tier, p.tier, "tier"),
    }


def _person_links(p: Person) -> Iterator[Ref]:
    if p.organisation_id is not None:
        yield ("organisation", p.organisation_id)
    if p.unit_id is not None:
        yield ("unit", p.unit_id)


def _unit_links(u: Unit) -> Iterator[Ref]:
    if u.organisation_id is not None:
        yield ("organisation", u.organisation_id)
    if u.parent_id is not None:
        yield ("unit", u.parent_id)


# -- ties and observations ---------------------------------------------------------------

_TIE_COLUMNS = ("source_id", "target_id", "weight", "confidence", "valid_from", "valid_to", "note")
_OBSERVATION_COLUMNS = ("subject_id", "object_id", "observed_on", "strength", "context", "note")


# -- routine -----------------------------------------------------------------------------

_INTERACTION_COLUMNS = (
    "occurred_on",
    "initiated_by_me",
    "initiator_id",
    "tone",
    "summary",
    "notes",
)
_PROMISE_COLUMNS = (
    "promiser_id", "promisee_id", "description", "made_on", "due_on", "resolved_on", "note",
)  # fmt: skip
_CADENCE_COLUMNS = ("ideal_days", "max_days", "person_id", "tag", "tier", "snoozed_until")

_PARTICIPANTS = ChildList(
    attr="participant_ids",
    table=t.interaction_participants,
    parent_column="interaction_id",
    load=lambda row: row["person_id"],
    dump=lambda person_id: {"person_id": person_id},
    refs=lambda person_id: _person_refs(person_id),
    from_parent=lambda interaction: {
        "occurred_on": interaction.occurred_on,
        "tone": interaction.tone,
    },
)


# -- campaigns and stances ---------------------------------------------------------------

_ISSUE_COLUMNS = ("name", "low_label", "high_label", "desired_position", "description")
_STANCE_COLUMNS = (
    "person_id", "issue_id", "position", "salience", "capability", "confidence",
    "recorded_on", "note",
)  # fmt: skip

_ISSUES = ChildList(
    attr="issues",
    table=t.campaign_issues,
    parent_column="campaign_id",
    load=lambda row: CampaignIssue(**_pick(row, *_ISSUE_COLUMNS, "id")),
    dump=lambda issue: _columns(issue, *_ISSUE_COLUMNS),
    keyed=True,
)
_DECIDERS = ChildList(
    attr="decider_ids",
    table=t.campaign_deciders,
    parent_column="campaign_id",
    load=lambda row: row["person_id"],
    dump=lambda person_id: {"person_id": person_id},
    refs=lambda person_id: _person_refs(person_id),
)


def _stance_refs(s: Stance) -> Iterator[Ref]:
    yield ("person", s.person_id)
    yield ("issue", s.issue_id)


# -- alliances ---------------------------------------------------------------------------

_ALLIANCE_COLUMNS = ("name", "purpose", "started_on", "checkin_ideal_days", "checkin_max_days")
_AGREEMENT_COLUMNS = ("agreed", "written", "checked", "divided")
_PARTNER_COLUMNS = ("person_id", "organisation_id", "role")
_RESPONSIBILITY_COLUMNS = ("what", "person_id", "due_on", "done_on")
_MILESTONE_COLUMNS = ("title", "due_on", "reached_on", "celebrated_on")
_CONFLICT_COLUMNS = ("title", "opened_on", "resolved_on", "notes")


def _partner_refs(partner: AlliancePartner) -> Iterator[Ref]:
    if partner.person_id is not None:
        yield ("person", partner.person_id)
    if partner.organisation_id is not None:
        yield ("organisation", partner.organisation_id)


_ALLIANCE_CHILDREN = (
    ChildList(
        attr="partners",
        table=t.alliance_partners,
        parent_column="alliance_id",
        load=lambda row: AlliancePartner(**_pick(row, *_PARTNER_COLUMNS, "id")),
        dump=lambda partner: _columns(partner, *_PARTNER_COLUMNS),
        keyed=True,
        refs=_partner_refs,
    ),
    ChildList(
        attr="common_goals",
        table=t.alliance_goals,
        parent_column="alliance_id",
        load=lambda row: row["text"],
        dump=lambda text: {"text": text},
    ),
    ChildList(
        attr="responsibilities",
        table=t.responsibilities,
        parent_column="alliance_id",
        load=lambda row: Responsibility(**_pick(row, *_RESPONSIBILITY_COLUMNS, "id")),
        dump=lambda duty: _columns(duty, *_RESPONSIBILITY_COLUMNS),
        keyed=True,
        refs=lambda duty: _person_refs(duty.person_id),
    ),
    ChildList(
        attr="milestones",
        table=t.milestones,
        parent_column="alliance_id",
        load=lambda row: Milestone(**_pick(row, *_MILESTONE_COLUMNS, "id")),
        dump=lambda milestone: _columns(milestone, *_MILESTONE_COLUMNS),
        keyed=True,
    ),
    ChildList(
        attr="conflicts",
        table=t.alliance_conflicts,
        parent_column="alliance_id",
        load=lambda row: AllianceConflict(**_pick(row, *_CONFLICT_COLUMNS, "status", "id")),
        dump=lambda c: {
            **_columns(c, *_CONFLICT_COLUMNS),
            "status": _enum(ConflictStatus, c.status, "status"),
        },
        keyed=True,
    ),
)


def _load_alliance(row: Row, children: Mapping[str, list[Any]]) -> Alliance:
    return Alliance(
        **_pick(row, *_ALLIANCE_COLUMNS, "status", "id"),
        agreement=Agreement(**_pick(row, *_AGREEMENT_COLUMNS)),
        partners=children["partners"],
        common_goals=children["common_goals"],
        responsibilities=children["responsibilities"],
        milestones=children["milestones"],
        conflicts=children["conflicts"],
    )


def _dump_alliance(a: Alliance) -> dict[str, Any]:
    return {
        **_columns(a, *_ALLIANCE_COLUMNS),
        **_columns(a.agreement, *_AGREEMENT_COLUMNS),
        "status": _enum(AllianceStatus, a.status, "status"),
    }


# -- goals and assessments -----------------------------------------------------------------

_NEED_COLUMNS = ("description", "holder_id")

_NEEDS = ChildList(
    attr="needs",
    table=t.goal_needs,
    parent_column="goal_id",
    load=lambda row: GoalNeed(**_pick(row, *_NEED_COLUMNS, "kind", "id")),
    dump=lambda need: {
        **_columns(need, *_NEED_COLUMNS),
        "kind": _enum(NeedKind, need.kind, "kind"),
    },
    keyed=True,
    refs=lambda need: _person_refs(need.holder_id),
)


# -- the maps ------------------------------------------------------------------------------

MAPS: dict[type[Any], EntityMap[Any]] = {
    Person: EntityMap[Person](
        kind="person",
        table=t.people,
        load=_load_person,
        dump=_dump_person,
        refs=_person_links,
    ),
    Organisation: EntityMap[Organisation](
        kind="organisation",
        table=t.organisations,
        load=lambda row, _: Organisation(**_pick(row, "name", "kind", "notes", "id")),
        dump=lambda o: _columns(o, "name", "kind", "notes"),
    ),
    Unit: EntityMap[Unit](
        kind="unit",
        table=t.units,
        load=lambda row, _: Unit(**_pick(row, "name", "organisation_id", "parent_id", "id")),
        dump=lambda u: _columns(u, "name", "organisation_id", "parent_id"),
        refs=_unit_links,
    ),
    Tie: EntityMap[Tie](
        kind="tie",
        table=t.ties,
        load=lambda row, _: Tie(**_pick(row, *_TIE_COLUMNS, "kind", "origin", "id")),
        dump=lambda tie: {
            **_columns(tie, *_TIE_COLUMNS),
            "kind": _enum(TieKind, tie.kind, "kind"),
            "origin": _enum(TieOrigin, tie.origin, "origin"),
        },
        refs=lambda tie: _person_refs(tie.source_id, tie.target_id),
    ),
    Observation: EntityMap[Observation](
        kind="observation",
        table=t.observations,
        load=lambda row, _: Observation(**_pick(row, *_OBSERVATION_COLUMNS, "kind", "id")),
        dump=lambda o: {
            **_columns(o, *_OBSERVATION_COLUMNS),
            "kind": _enum(ObservationKind, o.kind, "kind"),
        },
        refs=lambda o: _person_refs(o.subject_id, o.object_id),
    ),
    Interaction: EntityMap[Interaction](
        kind="interaction",
        table=t.interactions,
        load=lambda row, children: Interaction.trusted(
            **_pick(row, *_INTERACTION_COLUMNS, "kind", "id"),
            participant_ids=children["participant_ids"],
        ),
        dump=lambda i: {
            **_columns(i, *_INTERACTION_COLUMNS),
            "kind": _enum(InteractionKind, i.kind, "kind"),
        },
        children=(_PARTICIPANTS,),
        refs=lambda i: _person_refs(i.initiator_id),
    ),
    Favour: EntityMap[Favour](
        kind="favour",
        table=t.favours,
        load=lambda row, _: Favour.trusted(
            **_pick(row, "person_id", "direction", "description", "occurred_on", "size", "id")
        ),
        dump=lambda f: {
            **_columns(f, "person_id", "description", "occurred_on"),
            "direction": _enum(FavourDirection, f.direction, "direction"),
            "size": _enum(FavourSize, f.size, "size"),
        },
        refs=lambda f: _person_refs(f.person_id),
    ),
    Promise: EntityMap[Promise](
        kind="promise",
        table=t.promises,
        load=lambda row, _: Promise.trusted(**_pick(row, *_PROMISE_COLUMNS, "status", "id")),
        dump=lambda c: {
            **_columns(c, *_PROMISE_COLUMNS),
            "status": _enum(PromiseStatus, c.status, "status"),
        },
        refs=lambda c: _person_refs(c.promiser_id, c.promisee_id),
    ),
    Cadence: EntityMap[Cadence](
        kind="cadence",
        table=t.cadences,
        load=lambda row, _: Cadence.trusted(**_pick(row, *_CADENCE_COLUMNS, "id")),
        dump=lambda c: {**_columns(c, *_CADENCE_COLUMNS), "tier": _enum(Tier, c.tier, "tier")},
        refs=lambda c: _person_refs(c.person_id),
    ),
    Campaign: EntityMap[Campaign](
        kind="campaign",
        table=t.campaigns,
        load=lambda row, children: Campaign(
            **_pick(row, "name", "decision_on", "description", "status", "id"),
            issues=children["issues"],
            decider_ids=children["decider_ids"],
        ),
        dump=lambda c: {
            **_columns(c, "name", "decision_on", "description"),
            "status": _enum(CampaignStatus, c.status, "status"),
        },
        children=(_ISSUES, _DECIDERS),
    ),
    Stance: EntityMap[Stance](
        kind="stance",
        table=t.stances,
        load=lambda row, _: Stance(**_pick(row, *_STANCE_COLUMNS, "id")),
        dump=lambda s: _columns(s, *_STANCE_COLUMNS),
        refs=_stance_refs,
    ),
    Alliance: EntityMap[Alliance](
        kind="alliance",
        table=t.alliances,
        load=_load_alliance,
        dump=_dump_alliance,
        children=_ALLIANCE_CHILDREN,
    ),
    Goal: EntityMap[Goal](
        kind="goal",
        table=t.goals,
        load=lambda row, children: Goal(
            **_pick(row, "title", "description", "target_on", "status", "id"),
            needs=children["needs"],
        ),
        dump=lambda g: {
            **_columns(g, "title", "description", "target_on"),
            "status": _enum(GoalStatus, g.status, "status"),
        },
        children=(_NEEDS,),
    ),
    Assessment: EntityMap[Assessment](
        kind="assessment",
        table=t.assessments,
        load=lambda row, _: Assessment(
            taken_on=row["taken_on"],
            answers=dict(row["answers"] or {}),
            instrument=row["instrument"],
            id=row["id"],
        ),
        dump=lambda a: _columns(a, "taken_on", "answers", "instrument"),
    ),
}


def map_for(cls: type[T]) -> EntityMap[T]:
    """The :class:`EntityMap` of the domain class ``cls``."""
    return cast(EntityMap[T], MAPS[cls])
