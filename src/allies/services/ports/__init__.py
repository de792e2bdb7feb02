"""What the services need from storage: repository protocols and the unit of work.

The store implements these with SQLAlchemy (:mod:`allies.store`); the services know only
these protocols. A unit of work is scoped to one *workspace*: every repository it hands
out reads and writes that workspace's records only.

Repositories return fresh domain objects; a change to one is written back with ``save``.
Nothing reaches the database until :meth:`UnitOfWork.commit`; leaving the ``with`` block
without committing rolls everything back, so a failed use case changes nothing.

A unit of work acts for an *actor* (:class:`allies.domain.accounts.Actor`), given when it
is made; ``None``, what every caller that names nobody gets, is the local user of a
single-user installation. Every change it commits is written to the workspace's audit
trail with that actor; a viewer cannot commit changes; and its notes repository shows
private notes to their author only. The accounts of a shared server (users, roles,
tokens, sessions) have a unit of work of their own, :class:`AccountsUnitOfWork`.

The protocols live in one module per family:

- :mod:`~allies.services.ports.repository`: the generic :class:`Repository`;
- :mod:`~allies.services.ports.network`: people, ties, observations;
- :mod:`~allies.services.ports.keep`: interactions, favours, promises, cadences;
- :mod:`~allies.services.ports.records`: stances, notes, audit, uploads, plan days;
- :mod:`~allies.services.ports.agenda`: the agenda lines already handled;
- :mod:`~allies.services.ports.workspace`: :class:`UnitOfWork`;
- :mod:`~allies.services.ports.accounts`: users, sessions, tokens and their unit of work;
- :mod:`~allies.services.ports.factory`: :class:`UnitOfWorkFactory`.
"""

from __future__ import annotations

from allies.services.ports.accounts import (
    AccountsUnitOfWork,
    AccountTrailRepository,
    LoginAttemptRepository,
    MembershipRepository,
    SessionRepository,
    TokenRepository,
    UserRepository,
)
from allies.services.ports.agenda import AgendaHandledRepository, HandledLine
from allies.services.ports.captures import CaptureRepository
from allies.services.ports.factory import UnitOfWorkFactory
from allies.services.ports.keep import (
    CadenceRepository,
    FavourRepository,
    InteractionRepository,
    PromiseRepository,
)
from allies.services.ports.network import (
    ObservationRepository,
    PersonRepository,
    TieRepository,
)
from allies.services.ports.records import (
    AuditRepository,
    NoteRepository,
    PlanDayRepository,
    StanceRepository,
    UploadRepository,
)
from allies.services.ports.repository import Repository
from allies.services.ports.workspace import UnitOfWork

__all__ = [
    "AccountTrailRepository",
    "AccountsUnitOfWork",
    "AgendaHandledRepository",
    "AuditRepository",
    "CadenceRepository",
    "CaptureRepository",
    "FavourRepository",
    "HandledLine",
    "InteractionRepository",
    "LoginAttemptRepository",
    "MembershipRepository",
    "NoteRepository",
    "ObservationRepository",
    "PersonRepository",
    "PlanDayRepository",
    "PromiseRepository",
    "Repository",
    "SessionRepository",
    "StanceRepository",
    "TieRepository",
    "TokenRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UploadRepository",
    "UserRepository",
]
