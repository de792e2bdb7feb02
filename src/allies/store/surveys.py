"""Network surveys of one workspace (see :mod:`allies.services.ports.surveys`). Rows are
written straight to the connection: the ties the answers become go through their own
repository, with the audit trail."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from allies.domain.survey_answers import SurveyAnswer
from allies.domain.surveys import Survey, SurveyInvite
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.base import Scope, SqlRepository, new_id_of, storable_id

__all__ = ["SqlSurveyAnswerRepository", "SqlSurveyRepository"]


def _survey(row: Any) -> Survey:
    return Survey(
        title=row.title,
        questions=list(row.questions or []),
        expires_on=row.expires_on,
        signing_key=row.signing_key,
        created_on=row.created_on,
        created_by=row.created_by,
        remind_after_days=row.remind_after_days,
        id=row.id,
    )


def _invite(row: Any) -> SurveyInvite:
    return SurveyInvite(
        row.survey_id,
        row.person_id,
        row.nonce,
        row.answered_at,
        row.withdrawn_at,
        row.mailed_at,
        row.reminded_at,
        row.mail_error or "",
        row.id,
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
                remind_after_days=survey.remind_after_days,
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
            s, i = t.surveys.c, t.survey_invites.c
            title = self._conn.scalar(
                select(s.title).join(t.survey_invites, i.survey_id == s.id).where(i.id == invite_id)
            )
            rows = [
                {
                    "workspace_id": self._workspace_id,
                    "invite_id": invite_id,
                    "tie_id": tie_id,
                    "survey": title or "",
                    "answered_on": at.date(),
                }
                for tie_id in tie_ids
            ]
            self._conn.execute(insert(t.survey_answers), rows)

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

    def move_person(self, gone: int, kept: int) -> None:
        """Give ``kept`` the invitations of ``gone`` (merged into them), but to the surveys
        ``kept`` is not asked already."""
        i, s = t.survey_invites.c, t.surveys.c
        ours = select(s.id).where(s.workspace_id == self._workspace_id)
        asked = select(i.survey_id).where(i.person_id == kept)
        self._conn.execute(
            update(t.survey_invites)
            .where(i.person_id == gone, i.survey_id.in_(ours), i.survey_id.not_in(asked))
            .values(person_id=kept)
        )

    def mailed(self, invite_id: int, at: datetime | None, error: str, *, reminder: bool) -> None:
        """Record that the invitation's link was mailed at ``at`` (a reminder when
        ``reminder``), or why it could not be (``error``; ``at`` then ``None``)."""
        values: dict[str, Any] = {"mail_error": error}
        if at is not None:
            values["reminded_at" if reminder else "mailed_at"] = at
        self._conn.execute(
            update(t.survey_invites).where(t.survey_invites.c.id == invite_id).values(**values)
        )


class SqlSurveyAnswerRepository(SqlRepository[SurveyAnswer]):
    """Which survey each stated tie came from: records of the workspace, in its backups."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(SurveyAnswer))
