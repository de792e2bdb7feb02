"""The unit of work (one transaction over one workspace) and the factory that makes them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from allies.domain import Alliance, Assessment, Campaign, Goal, Organisation, Unit
from allies.domain.accounts import Actor
from allies.errors import ConfigurationError, Conflict, Forbidden, InvalidInput, NotFound
from allies.store import tables as t
from allies.store.accounts import SqlAccountsUnitOfWork
from allies.store.affiliations import (
    SqlAffiliationRepository,
    SqlConsultationRepository,
    SqlOrganisationTieRepository,
)
from allies.store.agenda_handled import SqlAgendaHandledRepository
from allies.store.analysis_cache import SqlAnalysisCacheRepository
from allies.store.audit import AuditLog, SqlAuditRepository
from allies.store.bulk import SqlBulkRepository
from allies.store.captures import SqlCaptureRepository
from allies.store.cards import SqlCardRepository, SqlDavStateRepository, SqlRoleChangeRepository
from allies.store.engine import READ_ONLY, wrote
from allies.store.integrity import conflict_from
from allies.store.mapping import map_for
from allies.store.network_reads import SqlNetworkReads
from allies.store.notes import SqlNoteRepository
from allies.store.plan_days import SqlPlanDayRepository
from allies.store.provenance import SqlRecordSourceRepository
from allies.store.repositories import (
    Scope,
    SqlCadenceRepository,
    SqlFavourRepository,
    SqlInteractionRepository,
    SqlObservationRepository,
    SqlPersonRepository,
    SqlPromiseRepository,
    SqlRepository,
    SqlStanceRepository,
    SqlTieRepository,
)
from allies.store.repositories.base import new_id_of
from allies.store.repositories.health_reads import SqlHealthReads
from allies.store.repositories.perspective import home_person, viewer_of
from allies.store.surveys import SqlSurveyAnswerRepository, SqlSurveyRepository
from allies.store.team import SqlTeamRepository
from allies.store.uploads import SqlUploadRepository

__all__ = ["SqlUnitOfWork", "SqlUnitOfWorkFactory"]


def _check_name(name: str) -> str:
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned:
        raise InvalidInput("A workspace needs a name.", field="workspace")
    if len(cleaned) > t.workspaces.c.name.type.length:  # type: ignore[attr-defined]
        raise InvalidInput("A workspace name has at most 100 characters.", field="workspace")
    return cleaned


#: Built once: every unit of work runs it.
_WORKSPACE_ID = select(t.workspaces.c.id).where(t.workspaces.c.name == bindparam("name"))


def _workspace_id(connection: Connection, name: str) -> int | None:
    found = connection.scalar(_WORKSPACE_ID, {"name": name})
    return None if found is None else int(found)


def _ensure_workspace(connection: Connection, name: str) -> int:
    """The id of workspace ``name``, creating it (in the current transaction) if needed."""
    found = _workspace_id(connection, name)
    if found is not None:
        return found
    try:
        with connection.begin_nested():
            result = connection.execute(
                insert(t.workspaces).values(name=name, created_at=datetime.now(UTC))
            )
            return new_id_of(result)
    except IntegrityError:  # created by someone else meanwhile
        found = _workspace_id(connection, name)
        if found is None:
            raise
        return found


def _let_go(connection: Connection, kept: bool) -> None:
    """End what a block that failed to begin began: roll back a kept connection (it stays
    with :meth:`SqlUnitOfWork.together`), close any other."""
    if kept:
        connection.rollback()
    else:
        connection.close()


class SqlUnitOfWork:
    """One transaction over one workspace's repositories.

    Use it as a context manager. Nothing is permanent until :meth:`commit`; leaving the
    ``with`` block without committing rolls back, and exceptions propagate. The workspace
    is created on first use (in this transaction, so it stays only if something commits).

    Examples
    --------
    >>> from allies.store import open_store
    >>> from allies.domain import Person
    >>> uow_factory = open_store("sqlite://")
    >>> with uow_factory() as uow:
    ...     _ = uow.people.add(Person(name="Ada"))
    ...     uow.commit()
    >>> with uow_factory() as uow:
    ...     [p.name for p in uow.people.list()]
    ['Ada']
    """

    people: SqlPersonRepository
    organisations: SqlRepository[Organisation]
    units: SqlRepository[Unit]
    ties: SqlTieRepository
    observations: SqlObservationRepository
    interactions: SqlInteractionRepository
    favours: SqlFavourRepository
    promises: SqlPromiseRepository
    cadences: SqlCadenceRepository
    campaigns: SqlRepository[Campaign]
    stances: SqlStanceRepository
    alliances: SqlRepository[Alliance]
    goals: SqlRepository[Goal]
    assessments: SqlRepository[Assessment]
    notes: SqlNoteRepository
    audit: SqlAuditRepository
    uploads: SqlUploadRepository
    plan_days: SqlPlanDayRepository
    agenda_handled: SqlAgendaHandledRepository
    captures: SqlCaptureRepository
    team: SqlTeamRepository
    surveys: SqlSurveyRepository
    survey_answers: SqlSurveyAnswerRepository
    affiliations: SqlAffiliationRepository
    organisation_ties: SqlOrganisationTieRepository
    consultations: SqlConsultationRepository
    cards: SqlCardRepository
    role_changes: SqlRoleChangeRepository
    dav_state: SqlDavStateRepository
    analysis_cache: SqlAnalysisCacheRepository
    network_reads: SqlNetworkReads
    health_reads: SqlHealthReads
    record_sources: SqlRecordSourceRepository
    bulk: SqlBulkRepository

    def __init__(self, engine: Engine, workspace: str, actor: Actor | None = None) -> None:
        self.workspace = _check_name(workspace)
        self.actor = actor
        self._engine = engine
        self._connection: Connection | None = None
        self._log: AuditLog | None = None
        self._workspace_id = 0
        #: The workspace's id once an earlier transaction found it stored (a page enters
        #: its unit of work several times; one that created it may yet roll back).
        self._stored_id: int | None = None
        #: The connection :meth:`together` keeps for the ``with`` blocks inside it.
        self._kept: Connection | None = None

    @contextmanager
    def together(self) -> Iterator[None]:
        """Enter this unit of work several times inside the block on one connection, and on
        PostgreSQL in one transaction for as long as they only read.

        A page's services enter the unit of work once for each thing they read (Today:
        eight times). Inside this block each ``with`` takes the same connection, and one
        that only read leaves its transaction open for the next: no round trips to end
        and begin one, and none to fetch a connection from the pool. Under PostgreSQL's
        READ COMMITTED each statement sees what was committed when it began, inside a
        transaction or not, so the next block reads what it would have read in a
        transaction of its own. A block that wrote, locked rows or failed ends as ever:
        committed by it, or rolled back as it leaves. On SQLite, whose transactions hold
        the write lock from their start, every block still has a transaction of its own.
        """
        if self._kept is not None or self._connection is not None:
            yield  # already together, or inside a block: nothing to add
            return
        self._kept = self._engine.connect()
        try:
            yield
        finally:
            kept, self._kept = self._kept, None
            try:
                kept.rollback()
            finally:
                kept.close()

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("This unit of work is already in use; make a new one.")
        kept = self._kept is not None
        connection = self._kept if self._kept is not None else self._engine.connect()
        try:
            workspace_id = self._stored_id
            if workspace_id is None:
                self._stored_id = _workspace_id(connection, self.workspace)
                workspace_id = self._stored_id or _ensure_workspace(connection, self.workspace)
        except (OperationalError, ProgrammingError) as error:
            _let_go(connection, kept)
            if "workspaces" not in str(error):
                raise
            raise ConfigurationError(
                "The database has no allies tables yet.",
                hint="Apply the migrations first: open it with allies.store.open_store "
                "(migrate=True) or call allies.store.upgrade.",
            ) from error
        except BaseException:
            _let_go(connection, kept)
            raise
        self._connection = connection
        self._workspace_id = workspace_id
        self._log = AuditLog(connection, workspace_id, self.actor)
        scope = Scope(connection, workspace_id, self.workspace, self.actor, self._log)
        self.people = SqlPersonRepository(scope)
        self.organisations = SqlRepository(scope, map_for(Organisation))
        self.units = SqlRepository(scope, map_for(Unit))
        self.ties = SqlTieRepository(scope)
        self.observations = SqlObservationRepository(scope)
        self.interactions = SqlInteractionRepository(scope)
        self.favours = SqlFavourRepository(scope)
        self.promises = SqlPromiseRepository(scope)
        self.cadences = SqlCadenceRepository(scope)
        self.campaigns = SqlRepository(scope, map_for(Campaign))
        self.stances = SqlStanceRepository(scope)
        self.alliances = SqlRepository(scope, map_for(Alliance))
        self.goals = SqlRepository(scope, map_for(Goal))
        self.assessments = SqlRepository(scope, map_for(Assessment))
        self.notes = SqlNoteRepository(scope)
        self.audit = SqlAuditRepository(connection, workspace_id, self._log)
        self.uploads = SqlUploadRepository(connection, workspace_id)
        self.plan_days = SqlPlanDayRepository(connection, workspace_id)
        self.agenda_handled = SqlAgendaHandledRepository(
            connection, workspace_id, _own_agenda(scope)
        )
        self.captures = SqlCaptureRepository(connection, workspace_id)
        self.team = SqlTeamRepository(connection, workspace_id)
        self.surveys = SqlSurveyRepository(connection, workspace_id)
        self.survey_answers = SqlSurveyAnswerRepository(scope)
        self.affiliations = SqlAffiliationRepository(scope)
        self.organisation_ties = SqlOrganisationTieRepository(scope)
        self.consultations = SqlConsultationRepository(scope)
        self.cards = SqlCardRepository(scope)
        self.role_changes = SqlRoleChangeRepository(scope)
        self.dav_state = SqlDavStateRepository(connection, workspace_id)
        self.analysis_cache = SqlAnalysisCacheRepository(connection, workspace_id)
        self.network_reads = SqlNetworkReads(scope)
        self.health_reads = SqlHealthReads(scope)
        self.record_sources = SqlRecordSourceRepository(connection, workspace_id)
        self.bulk = SqlBulkRepository(scope, self.people, self.cards)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if self._log is not None:
            self._log.discard()
        if connection is None:
            return
        if connection is self._kept:
            if exc_type is not None or wrote(connection):
                connection.rollback()  # else the next block reads on in this transaction
            return
        try:
            connection.rollback()
        finally:
            connection.close()

    @property
    def connection(self) -> Connection:
        """The connection of the open transaction (for queries the repositories lack)."""
        if self._connection is None:
            raise RuntimeError("Use the unit of work inside a `with` block.")
        return self._connection

    def commit(self) -> None:
        """Make every change since the last commit permanent, all or nothing.

        The changes' audit entries are written in the same transaction. An actor who may
        not write (a viewer) cannot commit a change: Forbidden, and nothing is kept.
        """
        log = self._log
        if log is not None and (log.pending or log.changed):
            if self.actor is not None and not self.actor.can_write:
                self.rollback()
                raise Forbidden(
                    f"{self.actor.username} is a viewer of workspace {self.workspace!r} and "
                    "cannot change it.",
                    hint="Ask an owner of the workspace for the editor role.",
                )
            log.flush()
        try:
            self.connection.commit()
        except IntegrityError as error:
            raise conflict_from(error, "change") from error
        if log is not None:
            log.changed = False

    def rollback(self) -> None:
        """Drop every change since the last commit."""
        if self._log is not None:
            self._log.discard()
        self.connection.rollback()

    def clear(self) -> None:
        """Delete every record of the workspace in this transaction, keeping the workspace
        and who may use it (its memberships and API tokens).

        Nothing is permanent until :meth:`commit`: a workspace rebuilt by clearing it and
        adding anew in one unit of work is, to everyone else and after any interruption,
        either the old one or the new one.
        """
        if self._log is not None:
            self._log.discard()
        _delete_workspace_rows(self.connection, self._workspace_id, keep=_MEMBERSHIP)


def _own_agenda(scope: Scope) -> int | None:
    """The member whose handled agenda lines are their own: an actor with a person of
    their own who is not the workspace's own "me" (see
    :mod:`allies.store.repositories.perspective`)."""
    viewer = viewer_of(scope)
    if viewer is None or scope.actor is None or viewer == home_person(scope):
        return None
    return scope.actor.user_id


class SqlUnitOfWorkFactory:
    """Makes :class:`SqlUnitOfWork` objects for the workspaces of one database.

    Parameters
    ----------
    engine
        From :func:`allies.store.make_engine`.
    default_workspace
        The workspace used when none is named.
    prepare
        Called once, before the first use (``open_store`` passes the migrations here).
    """

    def __init__(
        self,
        engine: Engine,
        default_workspace: str = "default",
        *,
        prepare: Callable[[Engine], None] | None = None,
    ) -> None:
        self.engine = engine
        self.default_workspace = _check_name(default_workspace)
        self._prepare = prepare
        self._lock = threading.Lock()

    def __call__(self, workspace: str | None = None, actor: Actor | None = None) -> SqlUnitOfWork:
        """A unit of work over ``workspace`` (the default one when ``None``), acting for
        ``actor`` (``None``: the local user)."""
        self.ready()
        return SqlUnitOfWork(self.engine, workspace or self.default_workspace, actor)

    def accounts(self) -> SqlAccountsUnitOfWork:
        """A unit of work over the accounts: users, memberships, tokens, sessions."""
        self.ready()
        return SqlAccountsUnitOfWork(self.engine)

    def ready(self) -> None:
        """Run the one-time preparation (migrations) now if it has not run yet."""
        if self._prepare is None:
            return
        with self._lock:
            if self._prepare is not None:
                self._prepare(self.engine)
                self._prepare = None

    def workspaces(self) -> list[str]:
        """The names of the workspaces in the database, sorted (a read: on SQLite it
        neither waits for a writer nor holds one up)."""
        self.ready()
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            names = connection.scalars(select(t.workspaces.c.name).order_by(t.workspaces.c.name))
            return list(names)

    def create_workspace(self, name: str) -> None:
        """Create an empty workspace; Conflict if one of that name exists."""
        name = _check_name(name)
        self.ready()
        with self.engine.connect() as connection:
            if _workspace_id(connection, name) is not None:
                raise Conflict(
                    f"The workspace {name!r} already exists.",
                    hint="Pick another name, or use the existing workspace.",
                )
            _ensure_workspace(connection, name)
            connection.commit()

    def drop_workspace(self, name: str) -> None:
        """Delete a workspace and everything in it, in one transaction; NotFound if absent."""
        name = _check_name(name)
        self.ready()
        with self.engine.connect() as connection:
            workspace_id = _workspace_id(connection, name)
            if workspace_id is None:
                known = ", ".join(
                    connection.scalars(select(t.workspaces.c.name).order_by(t.workspaces.c.name))
                )
                raise NotFound(
                    f"There is no workspace {name!r}.",
                    hint=f"The workspaces are: {known or 'none yet'}.",
                )
            _delete_workspace_rows(connection, workspace_id)
            connection.execute(delete(t.workspaces).where(t.workspaces.c.id == workspace_id))
            connection.commit()

    def warm(self, connections: int) -> None:
        """Prepare the database (:meth:`ready`) and open ``connections`` pooled connections
        now, so the first busy moment does not pay for opening them."""
        self.ready()
        opened = []
        try:
            for _ in range(connections):
                opened.append(self.engine.connect())
        finally:
            for connection in opened:
                connection.close()

    def dispose(self) -> None:
        """Close the engine's pooled connections."""
        self.engine.dispose()


#: The tables that say who may use a workspace, kept when its records are cleared.
_MEMBERSHIP = frozenset({"memberships", "api_tokens"})


def _delete_workspace_rows(
    connection: Connection, workspace_id: int, *, keep: frozenset[str] = frozenset()
) -> None:
    """Delete a workspace's rows, referring tables first, so no RESTRICT rule trips;
    the tables named in ``keep`` are left alone."""
    for table in reversed(t.metadata.sorted_tables):
        if table is t.workspaces or table.name in keep:
            continue
        if "workspace_id" in table.c:
            connection.execute(delete(table).where(table.c.workspace_id == workspace_id))
            continue
        for fk in table.foreign_keys:
            parent = fk.column.table
            if fk.ondelete == "CASCADE" and "workspace_id" in parent.c:
                owned = select(parent.c.id).where(parent.c.workspace_id == workspace_id)
                connection.execute(delete(table).where(fk.parent.in_(owned.scalar_subquery())))
    # last: the triggers counted the deletions above in it (:mod:`allies.store.changes`)
    counts = t.record_changes
    connection.execute(delete(counts).where(counts.c.workspace_id == workspace_id))
