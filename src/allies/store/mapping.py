"""Explicit translation between table rows and domain objects.

Each kind of entity has an :class:`EntityMap`: its root table, how a row (plus its child
rows) becomes a domain object (``load``), how a domain object becomes column values
(``dump``), its child lists, and the other records it refers to (``refs``), which the
repositories check belong to the same workspace before writing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar, cast

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
from allies.domain.affiliations import Affiliation, OrganisationTie
from allies.domain.cards import ROLE_FIELDS, CardDetails, PostalAddress, RoleChange
from allies.domain.consultations import Consultation
from allies.store import tables as t
from allies.store.entity_maps import (
    ChildList,
    EntityMap,
    Ref,
    RefKind,
    Row,
    columns_of,
    enum_value,
    folded_name,
    person_refs,
    pick,
)
from allies.store.survey_maps import SURVEY_MAPS

__all__ = ["MAPS", "ChildList", "EntityMap", "Ref", "RefKind", "map_for"]

T = TypeVar("T")

# -- people, organisations, units -------------------------------------------------------

_PERSON_COLUMNS = (
    "name", "title", "organisation_id", "unit_id", "interests", "agenda", "values",
    "offers", "trades", "is_me", "notes",
)  # fmt: skip


def _load_person(row: Row, _: Mapping[str, list[Any]]) -> Person:
    return Person.trusted(
        **pick(row, *_PERSON_COLUMNS, "level", "tier", "created_at", "updated_at", "id"),
        emails=list(row["emails"] or []),
        phones=list(row["phones"] or []),
        tags=list(row["tags"] or []),
    )


def _dump_person(p: Person) -> dict[str, Any]:
    return {
        **columns_of(p, *_PERSON_COLUMNS),
        "emails": list(p.emails),
        "phones": list(p.phones),
        "tags": list(p.tags),
        "level": enum_value(Level, p.level, "level"),
        "tier": enum_value(Tier, p.tier, "tier"),
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
_CARD_COLUMNS = ("person_id", "birthday", "anniversary", "photo", "urls", "custom")

_PARTICIPANTS = ChildList(
    attr="participant_ids",
    table=t.interaction_participants,
    parent_column="interaction_id",
    load=lambda row: row["person_id"],
    dump=lambda person_id: {"person_id": person_id},
    refs=lambda person_id: person_refs(person_id),
    from_parent=lambda interaction: {
        "occurred_on": interaction.occurred_on,
        "tone": interaction.tone,
    },
)


# -- campaigns and stances ---------------------------------------------------------------

_ISSUE_COLUMNS = ("name", "low_label", "high_label", "desired_position", "description")
_STANCE_COLUMNS = (
    "person_id", "issue_id", "position", "salience", "capability", "confidence",
    "recorded_on", "note", "organisation_id",
)  # fmt: skip

_ISSUES = ChildList(
    attr="issues",
    table=t.campaign_issues,
    parent_column="campaign_id",
    load=lambda row: CampaignIssue(**pick(row, *_ISSUE_COLUMNS, "id")),
    dump=lambda issue: columns_of(issue, *_ISSUE_COLUMNS),
    keyed=True,
)
_DECIDERS = ChildList(
    attr="decider_ids",
    table=t.campaign_deciders,
    parent_column="campaign_id",
    load=lambda row: row["person_id"],
    dump=lambda person_id: {"person_id": person_id},
    refs=lambda person_id: person_refs(person_id),
)


def _stance_refs(s: Stance) -> Iterator[Ref]:
    yield ("person", s.person_id)
    yield ("issue", s.issue_id)
    if s.organisation_id is not None:
        yield ("organisation", s.organisation_id)


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
        load=lambda row: AlliancePartner(**pick(row, *_PARTNER_COLUMNS, "id")),
        dump=lambda partner: columns_of(partner, *_PARTNER_COLUMNS),
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
        load=lambda row: Responsibility(**pick(row, *_RESPONSIBILITY_COLUMNS, "id")),
        dump=lambda duty: columns_of(duty, *_RESPONSIBILITY_COLUMNS),
        keyed=True,
        refs=lambda duty: person_refs(duty.person_id),
    ),
    ChildList(
        attr="milestones",
        table=t.milestones,
        parent_column="alliance_id",
        load=lambda row: Milestone(**pick(row, *_MILESTONE_COLUMNS, "id")),
        dump=lambda milestone: columns_of(milestone, *_MILESTONE_COLUMNS),
        keyed=True,
    ),
    ChildList(
        attr="conflicts",
        table=t.alliance_conflicts,
        parent_column="alliance_id",
        load=lambda row: AllianceConflict(**pick(row, *_CONFLICT_COLUMNS, "status", "id")),
        dump=lambda c: {
            **columns_of(c, *_CONFLICT_COLUMNS),
            "status": enum_value(ConflictStatus, c.status, "status"),
        },
        keyed=True,
    ),
)


def _load_alliance(row: Row, children: Mapping[str, list[Any]]) -> Alliance:
    return Alliance(
        **pick(row, *_ALLIANCE_COLUMNS, "status", "id"),
        agreement=Agreement(**pick(row, *_AGREEMENT_COLUMNS)),
        partners=children["partners"],
        common_goals=children["common_goals"],
        responsibilities=children["responsibilities"],
        milestones=children["milestones"],
        conflicts=children["conflicts"],
    )


def _dump_alliance(a: Alliance) -> dict[str, Any]:
    return {
        **columns_of(a, *_ALLIANCE_COLUMNS),
        **columns_of(a.agreement, *_AGREEMENT_COLUMNS),
        "status": enum_value(AllianceStatus, a.status, "status"),
    }


# -- goals and assessments -----------------------------------------------------------------

_NEED_COLUMNS = ("description", "holder_id")

_NEEDS = ChildList(
    attr="needs",
    table=t.goal_needs,
    parent_column="goal_id",
    load=lambda row: GoalNeed(**pick(row, *_NEED_COLUMNS, "kind", "id")),
    dump=lambda need: {
        **columns_of(need, *_NEED_COLUMNS),
        "kind": enum_value(NeedKind, need.kind, "kind"),
    },
    keyed=True,
    refs=lambda need: person_refs(need.holder_id),
)


# -- the maps ------------------------------------------------------------------------------


def _affiliation_refs(a: Affiliation) -> Iterator[Ref]:
    yield ("person", a.person_id)
    yield ("organisation", a.organisation_id)


def _organisation_tie_refs(o: OrganisationTie) -> Iterator[Ref]:
    yield ("organisation", o.source_id)
    yield ("organisation", o.target_id)


def _consultation_refs(c: Consultation) -> Iterator[Ref]:
    if c.issue_id is not None:
        yield ("issue", c.issue_id)


#: The stored fields of an affiliation and of a tie between organisations (revision 0014).
_AFFILIATION = ("person_id", "organisation_id", "role", "started_on", "ended_on", "note")
_CONSULTATION = ("interaction_id", "campaign_id", "issue_id", "issues_raised", "follow_ups")
_ORGANISATION_TIE = ("source_id", "kind", "target_id", "started_on", "ended_on", "note")

MAPS: dict[type[Any], EntityMap[Any]] = {
    Person: EntityMap[Person](
        kind="person",
        table=t.people,
        load=_load_person,
        dump=_dump_person,
        refs=_person_links,
        derived=folded_name,
    ),
    Organisation: EntityMap[Organisation](
        kind="organisation",
        table=t.organisations,
        load=lambda row, _: Organisation(**pick(row, "name", "kind", "notes", "id")),
        dump=lambda o: columns_of(o, "name", "kind", "notes"),
        derived=folded_name,
    ),
    Unit: EntityMap[Unit](
        kind="unit",
        table=t.units,
        load=lambda row, _: Unit(**pick(row, "name", "organisation_id", "parent_id", "id")),
        dump=lambda u: columns_of(u, "name", "organisation_id", "parent_id"),
        refs=_unit_links,
    ),
    Tie: EntityMap[Tie](
        kind="tie",
        table=t.ties,
        load=lambda row, _: Tie(**pick(row, *_TIE_COLUMNS, "kind", "origin", "id")),
        dump=lambda tie: {
            **columns_of(tie, *_TIE_COLUMNS),
            "kind": enum_value(TieKind, tie.kind, "kind"),
            "origin": enum_value(TieOrigin, tie.origin, "origin"),
        },
        refs=lambda tie: person_refs(tie.source_id, tie.target_id),
    ),
    Observation: EntityMap[Observation](
        kind="observation",
        table=t.observations,
        load=lambda row, _: Observation(**pick(row, *_OBSERVATION_COLUMNS, "kind", "id")),
        dump=lambda o: {
            **columns_of(o, *_OBSERVATION_COLUMNS),
            "kind": enum_value(ObservationKind, o.kind, "kind"),
        },
        refs=lambda o: person_refs(o.subject_id, o.object_id),
    ),
    Interaction: EntityMap[Interaction](
        kind="interaction",
        table=t.interactions,
        load=lambda row, children: Interaction.trusted(
            **pick(row, *_INTERACTION_COLUMNS, "kind", "id"),
            participant_ids=children["participant_ids"],
        ),
        dump=lambda i: {
            **columns_of(i, *_INTERACTION_COLUMNS),
            "kind": enum_value(InteractionKind, i.kind, "kind"),
        },
        children=(_PARTICIPANTS,),
        refs=lambda i: person_refs(i.initiator_id),
    ),
    Favour: EntityMap[Favour](
        kind="favour",
        table=t.favours,
        load=lambda row, _: Favour.trusted(
            **pick(row, "person_id", "direction", "description", "occurred_on", "size", "id")
        ),
        dump=lambda f: {
            **columns_of(f, "person_id", "description", "occurred_on"),
            "direction": enum_value(FavourDirection, f.direction, "direction"),
            "size": enum_value(FavourSize, f.size, "size"),
        },
        refs=lambda f: person_refs(f.person_id),
    ),
    Promise: EntityMap[Promise](
        kind="promise",
        table=t.promises,
        load=lambda row, _: Promise.trusted(**pick(row, *_PROMISE_COLUMNS, "status", "id")),
        dump=lambda c: {
            **columns_of(c, *_PROMISE_COLUMNS),
            "status": enum_value(PromiseStatus, c.status, "status"),
        },
        refs=lambda c: person_refs(c.promiser_id, c.promisee_id),
    ),
    Cadence: EntityMap[Cadence](
        kind="cadence",
        table=t.cadences,
        load=lambda row, _: Cadence.trusted(**pick(row, *_CADENCE_COLUMNS, "id")),
        dump=lambda c: {
            **columns_of(c, *_CADENCE_COLUMNS),
            "tier": enum_value(Tier, c.tier, "tier"),
        },
        refs=lambda c: person_refs(c.person_id),
    ),
    Campaign: EntityMap[Campaign](
        kind="campaign",
        table=t.campaigns,
        load=lambda row, children: Campaign(
            **pick(row, "name", "decision_on", "description", "status", "id"),
            issues=children["issues"],
            decider_ids=children["decider_ids"],
        ),
        dump=lambda c: {
            **columns_of(c, "name", "decision_on", "description"),
            "status": enum_value(CampaignStatus, c.status, "status"),
        },
        children=(_ISSUES, _DECIDERS),
    ),
    Stance: EntityMap[Stance](
        kind="stance",
        table=t.stances,
        load=lambda row, _: Stance(**pick(row, *_STANCE_COLUMNS, "id")),
        dump=lambda s: columns_of(s, *_STANCE_COLUMNS),
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
            **pick(row, "title", "description", "target_on", "status", "id"),
            needs=children["needs"],
        ),
        dump=lambda g: {
            **columns_of(g, "title", "description", "target_on"),
            "status": enum_value(GoalStatus, g.status, "status"),
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
        dump=lambda a: columns_of(a, "taken_on", "answers", "instrument"),
    ),
    CardDetails: EntityMap[CardDetails](
        kind="card",
        table=t.cards,
        load=lambda row, _: CardDetails(
            **pick(row, *_CARD_COLUMNS, "id"),
            addresses=[PostalAddress(**a) for a in row["addresses"]],
        ),
        dump=lambda c: {
            **columns_of(c, *_CARD_COLUMNS),
            "addresses": [vars(a) for a in c.addresses],
        },
        refs=lambda c: person_refs(c.person_id),
    ),
    RoleChange: EntityMap[RoleChange](
        kind="role change",
        table=t.role_changes,
        load=lambda row, _: RoleChange(**pick(row, *ROLE_FIELDS, "id")),
        dump=lambda r: columns_of(r, *ROLE_FIELDS),
        refs=lambda r: person_refs(r.person_id),
    ),
    Affiliation: EntityMap[Affiliation](
        kind="affiliation",
        table=t.affiliations,
        load=lambda row, _: Affiliation(**pick(row, *_AFFILIATION, "id")),
        dump=lambda a: columns_of(a, *_AFFILIATION),
        refs=_affiliation_refs,
    ),
    Consultation: EntityMap[Consultation](
        kind="consultation",
        table=t.consultations,
        load=lambda row, _: Consultation(**pick(row, *_CONSULTATION, "id")),
        dump=lambda c: columns_of(c, *_CONSULTATION),
        refs=_consultation_refs,
    ),
    OrganisationTie: EntityMap[OrganisationTie](
        kind="organisation tie",
        table=t.organisation_ties,
        load=lambda row, _: OrganisationTie(**pick(row, *_ORGANISATION_TIE, "id")),
        dump=lambda o: {**columns_of(o, *_ORGANISATION_TIE), "kind": o.kind.value},
        refs=_organisation_tie_refs,
    ),
    **SURVEY_MAPS,
}


def map_for(cls: type[T]) -> EntityMap[T]:
    """The :class:`EntityMap` of the domain class ``cls``."""
    return cast(EntityMap[T], MAPS[cls])
