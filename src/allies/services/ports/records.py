"""Repositories of the other workspace records: stances, notes, the audit trail,
uploads waiting to be applied and the remembered days of campaign plans.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from allies.domain import (
    CampaignMeetingLine,
    Stance,
)
from allies.domain.records import AuditAction, AuditEntry, Note
from allies.domain.uploads import Upload
from allies.services.ports.repository import Repository


class StanceRepository(Repository[Stance], Protocol):
    """Stances, kept as history."""

    def for_issue(self, issue_id: int) -> list[Stance]:
        """Every stance recorded on the issue, oldest first."""
        ...

    def current_for_issue(self, issue_id: int) -> list[Stance]:
        """The latest stance of each person on the issue."""
        ...

    def history(self, person_id: int, issue_id: int) -> list[Stance]:
        """One person's stances on an issue, oldest first."""
        ...

    def hold_issue(self, issue_id: int) -> None:
        """Hold the issue until the transaction ends, so writers of stances on it take
        turns (a check of what is stored, then a write, cannot be torn apart)."""
        ...


class NoteRepository(Repository[Note], Protocol):
    """Notes about people: every read sees the shared notes and the actor's private ones."""

    def for_person(self, person_id: int) -> list[Note]:
        """The visible notes about the person, newest first."""
        ...

    def search(self, text: str) -> list[Note]:
        """The visible notes containing ``text``, newest first."""
        ...

    def all_for_person(self, person_id: int) -> list[Note]:
        """Every note about the person, anyone's private ones included (erasure, export)."""
        ...

    def every(self) -> list[Note]:
        """Every note of the workspace, anyone's private ones included (an owner's backup)."""
        ...

    def authors(self, user_ids: Iterable[int]) -> dict[int, str]:
        """The usernames of the users with these ids (those that exist)."""
        ...

    def user_named(self, username: str) -> int | None:
        """The id of the user called ``username``, or None."""
        ...

    def restore(self, note: Note) -> Note:
        """Add ``note`` keeping its ``author_id`` (restoring a backup)."""
        ...

    def purge_person(self, person_id: int) -> int:
        """Delete every note about the person; returns how many."""
        ...

    def move_person(self, old: int, new: int) -> int:
        """Point every note about ``old`` at ``new``; returns how many."""
        ...


class AuditRepository(Protocol):
    """The workspace's audit trail."""

    def for_person(self, person_id: int, *, limit: int | None = None) -> list[AuditEntry]:
        """Changes to the person and to records referring to them, newest first."""
        ...

    def list(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[AuditEntry]:
        """Every entry in the period, oldest first."""
        ...

    def count(self) -> int:
        """How many entries the trail holds."""
        ...

    def record(
        self,
        entity: str,
        entity_id: int,
        action: AuditAction | str,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
    ) -> None:
        """Add an entry of the use case's own (an erasure, say); written on commit."""
        ...

    def erase_person(self, person_id: int, words: Iterable[str]) -> int:
        """Scrub the person's id and ``words`` out of the trail's values."""
        ...

    def link(self, entry_id: int, person_id: int) -> None:
        """Tie an entry to a person it is about (so that erasing them scrubs it too)."""
        ...

    def created_here(self) -> Sequence[tuple[str, int, frozenset[int]]]:
        """The interactions, ties and observations this unit of work added: kind, id and
        the people each points at."""
        ...


class UploadRepository(Protocol):
    """Uploaded files waiting between their preview and their import, in the database so
    that any app process can finish what another began."""

    def add(self, upload: Upload) -> None:
        """Keep an upload in the workspace."""
        ...

    def get(self, token_hash: str, user_id: int | None, now: datetime) -> Upload | None:
        """The user's unexpired upload with this token hash, or None."""
        ...

    def remove(self, token_hash: str, user_id: int | None) -> bool:
        """Forget the user's upload; returns whether there was one."""
        ...

    def purge_expired(self, now: datetime) -> int:
        """Delete the uploads that have expired, in every workspace."""
        ...


class PlanDayRepository(Protocol):
    """The active campaigns' meeting plans as computed on a day: a cache in the database.

    A row holds the meetings one campaign's plan had on one day, for one state of the
    campaign (:meth:`states`). It is not audited and any member may write it: it holds
    nothing that is not computed from what the workspace already holds.
    """

    def states(self) -> dict[int, str]:
        """The active campaigns' ids and fingerprints of their own state: the campaign
        row, its issues and deciders, and its stances. Any change to those changes it."""
        ...

    def inputs_state(self, campaign_id: int, since: date, until: date) -> str | None:
        """A fingerprint of everything the campaign's plan is made from: its own state
        (as :meth:`states`) and SQL aggregates of the people, ties, observations,
        affiliations, promises and the interactions from ``since`` to ``until``; None
        when there is no such campaign."""
        ...

    def get(self, campaign_id: int, day: date, state_key: str) -> list[CampaignMeetingLine] | None:
        """The meetings stored for the campaign on ``day`` under ``state_key``, or None."""
        ...

    def put(
        self, campaign_id: int, day: date, state_key: str, meetings: Sequence[CampaignMeetingLine]
    ) -> bool:
        """Store the campaign's meetings for ``day`` (its other days are dropped).

        Returns False, storing nothing, when another process stored that day meanwhile.
        """
        ...

    def people_met_on(self, day: date, person_ids: Iterable[int]) -> set[int]:
        """Which of the people took part in an interaction logged on ``day``."""
        ...

    def clear(self) -> int:
        """Delete every stored plan day of the workspace; returns how many there were."""
        ...
