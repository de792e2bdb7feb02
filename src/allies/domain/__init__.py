"""The domain: entities and value objects as plain dataclasses with their invariants.

Nothing here knows about storage, analysis or the faces; it imports the standard library
(and :mod:`allies.errors`, a leaf) only.
"""

from allies.domain._rules import as_enum as parse_enum
from allies.domain.affiliations import Affiliation, OrganisationTie, OrganisationTieKind
from allies.domain.alliances import (
    ALLIANCE_TRANSITIONS,
    Agreement,
    Alliance,
    AllianceConflict,
    AlliancePartner,
    AllianceStatus,
    ConflictStatus,
    Milestone,
    Responsibility,
)
from allies.domain.campaigns import (
    Campaign,
    CampaignIssue,
    CampaignMeetingLine,
    CampaignStatus,
    Stance,
)
from allies.domain.cards import CardDetails, PostalAddress, RoleChange
from allies.domain.columns import ObservationColumns, TieColumns
from allies.domain.consultations import Consultation
from allies.domain.goals import Assessment, Goal, GoalNeed, GoalStatus, NeedKind
from allies.domain.keep import (
    ALLOWED_TRANSITIONS,
    Cadence,
    Contact,
    Favour,
    FavourDirection,
    FavourEvent,
    FavourSize,
    Interaction,
    InteractionKind,
    Promise,
    PromiseStatus,
)
from allies.domain.kinds import (
    Kind,
    OnRemoval,
    Pointer,
    all_kinds,
    children_of,
    kind_for_plural,
    kind_named,
    kind_of,
    top_level_kinds,
)
from allies.domain.people import Level, Organisation, Person, Tier, Unit
from allies.domain.reads import DayValues, PeopleFilter, Reached
from allies.domain.ties import Observation, ObservationKind, Tie, TieKind, TieOrigin

__all__ = [
    "ALLIANCE_TRANSITIONS",
    "ALLOWED_TRANSITIONS",
    "Affiliation",
    "Agreement",
    "Alliance",
    "AllianceConflict",
    "AlliancePartner",
    "AllianceStatus",
    "Assessment",
    "Cadence",
    "Campaign",
    "CampaignIssue",
    "CampaignMeetingLine",
    "CampaignStatus",
    "CardDetails",
    "ConflictStatus",
    "Consultation",
    "Contact",
    "DayValues",
    "Favour",
    "FavourDirection",
    "FavourEvent",
    "FavourSize",
    "Goal",
    "GoalNeed",
    "GoalStatus",
    "Interaction",
    "InteractionKind",
    "Kind",
    "Level",
    "Milestone",
    "NeedKind",
    "Observation",
    "ObservationColumns",
    "ObservationKind",
    "OnRemoval",
    "Organisation",
    "OrganisationTie",
    "OrganisationTieKind",
    "PeopleFilter",
    "Person",
    "Pointer",
    "PostalAddress",
    "Promise",
    "PromiseStatus",
    "Reached",
    "Responsibility",
    "RoleChange",
    "Stance",
    "Tie",
    "TieColumns",
    "TieKind",
    "TieOrigin",
    "Tier",
    "Unit",
    "all_kinds",
    "children_of",
    "kind_for_plural",
    "kind_named",
    "kind_of",
    "parse_enum",
    "top_level_kinds",
]
