"""The database schema as SQLAlchemy Core tables.

Rows here are plain table rows, kept apart from the domain dataclasses;
:mod:`allies.store.mapping` translates between the two.

Rules the schema follows:

- Every *root* table (one per kind of entity) has ``workspace_id`` NOT NULL, referencing
  ``workspaces`` ON DELETE CASCADE.
- *Child* rows (an interaction's participants, a campaign's issues, an alliance's parts)
  reference their parent ON DELETE CASCADE and carry a ``position`` that keeps the order
  of the domain object's list.
- Every foreign key that points at a *person* is ON DELETE RESTRICT: the database refuses
  to delete a person who is still referenced. Links to organisations and units from people
  and units are ON DELETE SET NULL; an alliance partner that is an organisation is
  RESTRICT.
- Enums are stored as strings, dates as ``Date``, moments as timezone-aware UTC
  (:class:`UTCDateTime`).

Changes to this module need a migration in ``allies/store/migrations/versions``.

The tables live in one module per feature (:mod:`~allies.store.tables.network`,
:mod:`~allies.store.tables.keep`, :mod:`~allies.store.tables.campaigns`,
:mod:`~allies.store.tables.alliances`, :mod:`~allies.store.tables.standing`,
:mod:`~allies.store.tables.accounts`, :mod:`~allies.store.tables.records`,
:mod:`~allies.store.tables.agenda`), on the shared
pieces of :mod:`~allies.store.tables.columns`; this package gathers them on one
:data:`metadata`.
"""

from __future__ import annotations

from sqlalchemy import Table

from allies.store.tables.accounts import (
    account_audit,
    api_tokens,
    login_attempts,
    memberships,
    sessions,
    users,
)
from allies.store.tables.affiliations import affiliations, organisation_ties
from allies.store.tables.agenda import agenda_handled
from allies.store.tables.alliances import (
    alliance_conflicts,
    alliance_goals,
    alliance_partners,
    alliances,
    milestones,
    responsibilities,
)
from allies.store.tables.analysis_cache import analysis_cache
from allies.store.tables.campaigns import (
    campaign_deciders,
    campaign_issues,
    campaign_plan_days,
    campaigns,
    stances,
)
from allies.store.tables.captures import captures
from allies.store.tables.cards import cards, dav_collections, dav_objects, role_changes
from allies.store.tables.changes import record_changes
from allies.store.tables.columns import UTCDateTime, metadata
from allies.store.tables.consultations import consultations
from allies.store.tables.keep import (
    cadences,
    favours,
    interaction_participants,
    interactions,
    promises,
)
from allies.store.tables.members import meeting_assignments, relationship_owners
from allies.store.tables.network import (
    ORGANISATIONS_BY_FOLDED_NAME,
    PEOPLE_BY_FOLDED_NAME,
    PEOPLE_BY_NAME,
    observations,
    organisations,
    people,
    ties,
    units,
    workspaces,
)
from allies.store.tables.provenance import record_sources
from allies.store.tables.records import audit_log, audit_people, notes, uploads
from allies.store.tables.reminders import reminder_sends, reminder_settings
from allies.store.tables.standing import assessments, goal_needs, goals
from allies.store.tables.surveys import survey_answers, survey_invites, surveys
from allies.store.tables.sync import sync_accounts, sync_secrets, sync_state
from allies.store.tables.versions import VERSIONED

#: The tables that hold one kind of entity each and carry ``workspace_id``, in an order
#: in which they can be created (referenced tables first).
ROOT_TABLES: tuple[Table, ...] = tuple(
    table for table in metadata.sorted_tables if "workspace_id" in table.c
)

__all__ = [
    "ORGANISATIONS_BY_FOLDED_NAME",
    "PEOPLE_BY_FOLDED_NAME",
    "PEOPLE_BY_NAME",
    "ROOT_TABLES",
    "VERSIONED",
    "UTCDateTime",
    "account_audit",
    "affiliations",
    "agenda_handled",
    "alliance_conflicts",
    "alliance_goals",
    "alliance_partners",
    "alliances",
    "analysis_cache",
    "api_tokens",
    "assessments",
    "audit_log",
    "audit_people",
    "cadences",
    "campaign_deciders",
    "campaign_issues",
    "campaign_plan_days",
    "campaigns",
    "captures",
    "cards",
    "consultations",
    "dav_collections",
    "dav_objects",
    "favours",
    "goal_needs",
    "goals",
    "interaction_participants",
    "interactions",
    "login_attempts",
    "meeting_assignments",
    "memberships",
    "metadata",
    "milestones",
    "notes",
    "observations",
    "organisation_ties",
    "organisations",
    "people",
    "promises",
    "record_changes",
    "record_sources",
    "relationship_owners",
    "reminder_sends",
    "reminder_settings",
    "responsibilities",
    "role_changes",
    "sessions",
    "stances",
    "survey_answers",
    "survey_invites",
    "surveys",
    "sync_accounts",
    "sync_secrets",
    "sync_state",
    "ties",
    "units",
    "uploads",
    "users",
    "workspaces",
]
