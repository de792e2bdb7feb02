"""Team mode: accounts, sessions, roles and CSRF protection in front of the app.

:func:`install_team` is all :func:`allies.web.create_app` calls when the settings say
``team``; without it the app is the single-user app, with no login.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.errors import ConfigurationError, Unauthorized
from allies.services.ports import UnitOfWork
from allies.services.team.accounts import Identity
from allies.web.deps import SettingsDep, get_uow
from allies.web.team.csrf import CsrfFormExtension, csrf_field, verify_csrf
from allies.web.team.gate import TeamGate
from allies.web.team.pages import router
from allies.web.team.readiness import settings_problems

__all__ = ["current_identity", "install_team", "team_uow", "verify_csrf"]


def current_identity(request: Request) -> Identity | None:
    """The identity the gate found for the request (None in single-user mode)."""
    identity = getattr(request.state, "identity", None)
    return identity if isinstance(identity, Identity) else None


async def team_uow(request: Request, settings: SettingsDep) -> UnitOfWork:
    """A unit of work on the identity's workspace, acting as the identity."""
    identity = current_identity(request)
    if identity is None or identity.workspace is None:
        raise Unauthorized("Log in first.", hint="Open /login.")
    return unit_of_work_factory(settings)(identity.workspace, actor=identity.actor)


def install_team(app: FastAPI, settings: Settings) -> None:
    """Put the gate, the login pages and the CSRF fields in place.

    Raises
    ------
    allies.errors.ConfigurationError
        When the settings are not fit for a team server (it says why).
    """
    problems = settings_problems(settings)
    if problems:
        raise ConfigurationError("Team mode cannot start: " + " ".join(problems))
    env = app.state.templates.env
    env.add_extension(CsrfFormExtension)
    env.globals["csrf_field"] = csrf_field
    app.include_router(router)
    app.dependency_overrides[get_uow] = team_uow
    app.add_middleware(TeamGate, settings=settings)
