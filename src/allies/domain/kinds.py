"""Every kind of workspace record in one registry: names, references and how they nest.

A workspace holds records of a fixed set of kinds (people, ties, favours, campaigns ...),
and several parts of ``allies`` walk all of them: the backup writes and restores each
kind in dependency order, the demo loads each, and removing, merging, exporting or erasing
a person must find every record that points at them. Each of those once listed the kinds
by hand, so a new kind had to be added in many places and one forgotten place lost data
silently. :data:`KINDS` says once, for each kind:

* its domain class and its names: ``singular`` for messages and the audit trail, and
  ``plural``, which is also the unit of work's repository attribute and the backup key;
* the fields that point at other records (:class:`Pointer`): at people, with what the
  removal of that person does to the record (:class:`OnRemoval`), or at organisations,
  units and campaign issues;
* whether it nests inside another kind (a campaign's issues, an alliance's partners, a
  goal's needs) and under which attribute of the parent;
* how a merge treats it: a record whose people must differ (a tie) is deleted when a merge
  would link a person to themselves; a kind held once per person (a cadence) drops the
  merged person's record when the kept one has its own.

The kinds are in dependency order: every kind comes after the kinds it points at (a unit
may also point at another unit, linked once all units exist), and nested kinds follow
their parent. Nothing here reads or writes storage.

Examples
--------
>>> from allies.domain import Promise
>>> kind_named("favour").plural
'favours'
>>> kind_of(Promise).singular, kind_for_plural("promises").cls is Promise
('promise', True)
>>> [kind.plural for kind in top_level_kinds()][:4]
['organisations', 'units', 'people', 'ties']
>>> [(p.name, p.on_removal.value) for p in kind_named("tie").person_pointers]
[('source_id', 'delete'), ('target_id', 'delete')]
>>> need = kind_named("need")
>>> need.parent, need.attr, need.counted_as
('goal', 'needs', 'goal needs')
>>> kind_for_plural("commitments").plural  # the name promises had in older backups
'promises'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from allies.domain.affiliations import Affiliation, OrganisationTie
from allies.domain.alliances import (
    Alliance,
    AllianceConflict,
    AlliancePartner,
    Milestone,
    Responsibility,
)
from allies.domain.campaigns import Campaign, CampaignIssue, Stance
from allies.domain.cards import CardDetails, RoleChange
from allies.domain.consultations import Consultation
from allies.domain.goals import Assessment, Goal, GoalNeed
from allies.domain.keep import Cadence, Favour, Interaction, Promise
from allies.domain.kind_model import PERSON, Kind, OnRemoval, Pointer
from allies.domain.kind_model import person_pointer as _person
from allies.domain.people import Organisation, Person, Unit
from allies.domain.provenance import RecordSource
from allies.domain.records import Note
from allies.domain.survey_answers import SurveyAnswer
from allies.domain.ties import Observation, Tie
from allies.errors import NotFound

__all__ = [
    "BOOKKEEPING",
    "KINDS",
    "PERSON",
    "Kind",
    "OnRemoval",
    "Pointer",
    "all_kinds",
    "backed_up_kinds",
    "children_of",
    "kind_for_plural",
    "kind_named",
    "kind_of",
    "pointers_in",
    "remap",
    "top_level_kinds",
]

_DELETE, _CLEAR = OnRemoval.DELETE, OnRemoval.CLEAR

#: Every kind, in dependency order (nested kinds right after their parent).
KINDS: tuple[Kind, ...] = (
    Kind(Organisation, "organisation", "organisations"),
    Kind(
        Unit,
        "unit",
        "units",
        (
            Pointer("organisation_id", "organisation", required=False),
            Pointer("parent_id", "unit", required=False),
        ),
    ),
    Kind(
        Person,
        PERSON,
        "people",
        (
            Pointer("organisation_id", "organisation", required=False),
            Pointer("unit_id", "unit", required=False),
        ),
    ),
    Kind(
        Tie,
        "tie",
        "ties",
        (_person("source_id", _DELETE), _person("target_id", _DELETE)),
        distinct_people=True,
        finder="involving",
    ),
    Kind(
        Observation,
        "observation",
        "observations",
        (_person("subject_id", _DELETE), _person("object_id", _DELETE)),
        distinct_people=True,
        finder="involving",
    ),
    Kind(
        Interaction,
        "interaction",
        "interactions",
        (
            _person("participant_ids", OnRemoval.DROP_OR_DELETE, many=True),
            _person("initiator_id", _CLEAR, required=False),
        ),
        finder="with_person",
    ),
    Kind(Favour, "favour", "favours", (_person("person_id", _DELETE),), finder="with_person"),
    Kind(
        Promise,
        "promise",
        "promises",
        (_person("promiser_id", _DELETE), _person("promisee_id", _DELETE)),
        distinct_people=True,
        finder="involving",
        aliases=("commitments",),
    ),
    Kind(
        Cadence,
        "cadence",
        "cadences",
        (_person("person_id", _DELETE, required=False),),
        one_per_person=True,
        finder="for_person",
    ),
    Kind(
        Campaign,
        "campaign",
        "campaigns",
        (_person("decider_ids", OnRemoval.DROP, many=True, required=False),),
        counted_as="campaign roles",
    ),
    Kind(CampaignIssue, "issue", "issues", parent="campaign", attr="issues"),
    Kind(
        Stance,
        "stance",
        "stances",
        (
            _person("person_id", _DELETE),
            Pointer("issue_id", "issue"),
            Pointer("organisation_id", "organisation", required=False),
        ),
    ),
    Kind(Alliance, "alliance", "alliances"),
    Kind(
        AlliancePartner,
        "partner",
        "partners",
        (
            _person("person_id", _DELETE, required=False),
            Pointer("organisation_id", "organisation", required=False),
        ),
        parent="alliance",
        attr="partners",
        counted_as="alliance roles",
    ),
    Kind(
        Responsibility,
        "responsibility",
        "responsibilities",
        (_person("person_id", _CLEAR, required=False),),
        parent="alliance",
        attr="responsibilities",
        counted_as="alliance roles",
    ),
    Kind(Milestone, "milestone", "milestones", parent="alliance", attr="milestones"),
    Kind(AllianceConflict, "conflict", "conflicts", parent="alliance", attr="conflicts"),
    Kind(str, "common goal", "common goals", parent="alliance", attr="common_goals"),
    Kind(Goal, "goal", "goals"),
    Kind(
        GoalNeed,
        "need",
        "needs",
        (_person("holder_id", _CLEAR, required=False),),
        parent="goal",
        attr="needs",
        counted_as="goal needs",
    ),
    Kind(Assessment, "assessment", "assessments"),
    Kind(
        Note,
        "note",
        "notes",
        (_person("person_id", _DELETE),),
        finder="for_person",
        author_private=True,
    ),
    Kind(
        CardDetails,
        "card",
        "cards",
        (_person("person_id", _DELETE),),
        one_per_person=True,
        counted_as="card details",
        finder="for_person",
    ),
    Kind(
        RoleChange,
        "role change",
        "role_changes",
        (_person("person_id", _DELETE),),
        counted_as="role changes",
        finder="for_person",
    ),
    Kind(
        Affiliation,
        "affiliation",
        "affiliations",
        (_person("person_id", _DELETE), Pointer("organisation_id", "organisation")),
        finder="for_person",
    ),
    Kind(
        OrganisationTie,
        "organisation tie",
        "organisation_ties",
        (Pointer("source_id", "organisation"), Pointer("target_id", "organisation")),
        counted_as="organisation ties",
    ),
    Kind(
        Consultation,
        "consultation",
        "consultations",
        (
            Pointer("interaction_id", "interaction"),
            Pointer("campaign_id", "campaign"),
            Pointer("issue_id", "issue", required=False),
        ),
    ),
    Kind(
        SurveyAnswer,
        "survey answer",
        "survey_answers",
        (Pointer("tie_id", "tie"),),
        counted_as="survey answers",
    ),
)

#: Bookkeeping a backup carries besides the records, after them, so that a restored
#: workspace keeps it: where an import's links to people came from (the record sources a
#: split reads). It is no record of its own: removing, merging, exporting and erasing a
#: person handle it themselves (:mod:`allies.services.network.provenance`), so these
#: kinds are not among :func:`all_kinds`.
BOOKKEEPING: tuple[Kind, ...] = (
    Kind(
        RecordSource,
        "record source",
        "record_sources",
        (
            _person("person_id", _DELETE),
            Pointer("interaction_id", "interaction", required=False),
            Pointer("tie_id", "tie", required=False),
            Pointer("observation_id", "observation", required=False),
            _person("person_record_id", _DELETE, required=False),
            Pointer("organisation_id", "organisation", required=False),
            Pointer("unit_id", "unit", required=False),
            Pointer("role_change_id", "role change", required=False),
        ),
    ),
)

_BY_SINGULAR: dict[str, Kind] = {kind.singular: kind for kind in KINDS}
_BY_PLURAL: dict[str, Kind] = {
    name: kind for kind in KINDS for name in (kind.plural, *kind.aliases)
}
#: By class: only the kinds whose records are objects of their own (not plain text).
_BY_CLASS: dict[type, Kind] = {kind.cls: kind for kind in KINDS if kind.cls is not str}
_TOP_LEVEL: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.parent is None)
_CHILDREN: dict[str, tuple[Kind, ...]] = {
    kind.singular: tuple(k for k in KINDS if k.parent == kind.singular)
    for kind in (*KINDS, *BOOKKEEPING)
}


def all_kinds() -> tuple[Kind, ...]:
    """Every kind, nested ones included, in dependency order."""
    return KINDS


def top_level_kinds() -> tuple[Kind, ...]:
    """The kinds with a repository of their own, in the order they are written and restored."""
    return _TOP_LEVEL


def backed_up_kinds() -> tuple[Kind, ...]:
    """The kinds a workspace backup holds, in order: the top-level kinds, then the
    :data:`BOOKKEEPING`."""
    return _TOP_LEVEL + BOOKKEEPING


def children_of(kind: Kind) -> tuple[Kind, ...]:
    """The kinds nested directly inside ``kind``, in order."""
    return _CHILDREN[kind.singular]


def _missing(what: str, name: object) -> NotFound:
    known = ", ".join(kind.singular for kind in KINDS)
    return NotFound(f"There is no kind of record {what} {name!r} (kinds: {known}).")


def kind_named(singular: str) -> Kind:
    """The kind called ``singular`` (``"favour"``).

    Raises
    ------
    allies.errors.NotFound
        When no kind has that name.
    """
    try:
        return _BY_SINGULAR[singular]
    except KeyError:
        raise _missing("named", singular) from None


def kind_for_plural(plural: str) -> Kind:
    """The kind whose plural (or former plural) is ``plural`` (``"favours"``).

    Raises
    ------
    allies.errors.NotFound
        When no kind has that plural.
    """
    try:
        return _BY_PLURAL[plural]
    except KeyError:
        raise _missing("called", plural) from None


def kind_of(cls: type) -> Kind:
    """The kind whose records are objects of ``cls``.

    Raises
    ------
    allies.errors.NotFound
        When ``cls`` is not the class of a kind of record.
    """
    try:
        return _BY_CLASS[cls]
    except KeyError:
        raise _missing("of class", cls.__name__) from None


def pointers_in(kind: Kind, item: Any) -> Iterator[tuple[Any, Kind, Pointer, int]]:
    """Every id ``item`` holds, its nested records' included.

    Yields
    ------
    tuple
        ``(record, its kind, pointer, id)`` for each id held (each item of a list).
    """
    for pointer in kind.pointers:
        value = getattr(item, pointer.name)
        for key in value if pointer.many else [value]:
            if key is not None:
                yield item, kind, pointer, key
    for child_kind in children_of(kind):
        for child in getattr(item, child_kind.attr):
            yield from pointers_in(child_kind, child)


def remap(kind: Kind, item: Any, translate: Callable[[Any, Pointer, int], int]) -> None:
    """Rewrite every id ``item`` (and its nested records) holds through ``translate``.

    Used to turn the store's ids into positions in a document and back; ``translate``
    gets the record, the pointer and the id, and returns the new id (or raises).
    """
    for pointer in kind.pointers:
        value = getattr(item, pointer.name)
        if pointer.many:
            setattr(item, pointer.name, [translate(item, pointer, key) for key in value])
        elif value is not None:
            setattr(item, pointer.name, translate(item, pointer, value))
    for child_kind in children_of(kind):
        for child in getattr(item, child_kind.attr):
            remap(child_kind, child, translate)
