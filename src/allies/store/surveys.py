"""Network surveys of one workspace (see :mod:`allies.services.ports.surveys`). Rows are
written straight to the connection: the ties the answers become go through their own
repository, with the audit trail."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from allies.domain.surveys import Survey, SurveyInvite
from allies.store import tables as t
from allies.store.repositories.base import new_id_of, storable_id

__all__ = ["SqlSurveyRepository"]


def _survey(row: Any) -> Survey:
    return Survey(
        title=row.title,
        questions=list(row.questions or []),
        expires_on=row.expires_on,
        signing_key=row.signing_key,
        created_on=row.created_on,
        created_by=row.created_by,
        id=row.id,
    )


def _invite(row: Any) -> SurveyInvite:
    return SurveyInvite(
        row.survey_id, row.person_id, row.nonce, row.answered_at, row.withdrawn_at, row.id
    )


class SqlSurveyRepository:
    """The surveys of the workspace ``workspace_id``."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def add(self, survey: Survey) -> Survey:
        """Store a new survey; sets its id."""
        result = self._conn.execute(
            insert(t.surveys).values(
                workspace_id=self._workspace_id,
                title=survey.title,
                questions=list(survey.questions),
                signing_key=survey.signing_key,
                created_by=survey.created_by,
                created_on=survey.created_on,
                expires_on=survey.expires_on,
            )
        )
        survey.id = new_id_of(result)
        return survey

    def get(self, survey_id: int) -> Survey | None:
        """The survey, or None (also for an id no table could hold)."""
        if not storable_id(survey_id):
            return None
        c = t.surveys.c
        row = self._conn.execute(
            select(t.surveys).where(c.id == survey_id, c.workspace_id == self._workspace_id)
        ).first()
        return None if row is None else _survey(row)

    def list(self) -> builtins.list[Survey]:
        """Every survey, the newest first."""
        c = t.surveys.c
        rows = self._conn.execute(
            select(t.surveys).where(c.workspace_id == self._workspace_id).order_by(c.id.desc())
        )
        return [_survey(row) for row in rows]

    def invite(self, invite: SurveyInvite) -> SurveyInvite:
        """Store a new invitation; sets its id."""
        result = self._conn.execute(
            insert(t.survey_invites).values(
                survey_id=invite.survey_id, person_id=invite.person_id, nonce=invite.nonce
            )
        )
        invite.id = new_id_of(result)
        return invite

    def _invites(self, *where: Any) -> builtins.list[SurveyInvite]:
        i, s = t.survey_invites.c, t.surveys.c
        query = (
            select(t.survey_invites)
            .join(t.surveys, s.id == i.survey_id)
            .where(s.workspace_id == self._workspace_id, *where)
            .order_by(i.id)
        )
        return [_invite(row) for row in self._conn.execute(query)]

    def invitation(self, invite_id: int) -> SurveyInvite | None:
        """An invitation of this workspace, or None."""
        if not storable_id(invite_id):
            return None
        found = self._invites(t.survey_invites.c.id == invite_id)
        return found[0] if found else None

    def invitations(self, survey_id: int) -> builtins.list[SurveyInvite]:
        """A survey's invitations, oldest id first."""
        return self._invites(t.survey_invites.c.survey_id == survey_id)

    def answered(self, invite_id: int, at: datetime, tie_ids: builtins.list[int]) -> None:
        """Mark the invitation answered, with the ties its answers became."""
        self._conn.execute(
            update(t.survey_invites)
            .where(t.survey_invites.c.id == invite_id)
            .values(answered_at=at)
        )
        if tie_ids:
            self._conn.execute(
                insert(t.survey_answers), [{"invite_id": invite_id, "tie_id": i} for i in tie_ids]
            )

    def answer_ties(self, invite_id: int) -> builtins.list[int]:
        """The ties an invitation's answers became."""
        a = t.survey_answers.c
        return [
            int(i) for i in self._conn.scalars(select(a.tie_id).where(a.invite_id == invite_id))
        ]

    def withdrawn(self, invite_id: int, at: datetime) -> None:
        """Mark the invitation's answers withdrawn."""
        self._conn.execute(
            update(t.survey_invites)
            .where(t.survey_invites.c.id == invite_id)
            .values(withdrawn_at=at)
        )
