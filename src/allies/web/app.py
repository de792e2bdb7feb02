"""The web application: pages for people, a JSON REST API under ``/api/v1`` for programs.

Nothing happens at import time; :func:`create_app` builds the app from the settings, and
the store is opened on the first request.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from allies.bootstrap import warm_up
from allies.config import Settings, load_settings
from allies.web import choices, errors
from allies.web import transfer as transfer_pages
from allies.web.after_change import AskAfterChange
from allies.web.api import agenda as agenda_api
from allies.web.api import api_router
from allies.web.api import influence as influence_api
from allies.web.api import records as records_api
from allies.web.api import standing as standing_api
from allies.web.api import surveys as survey_api
from allies.web.api import team as team_api
from allies.web.api.campaigns import consultations as consultation_api
from allies.web.api.campaigns import manage as campaign_api
from allies.web.api.campaigns import plan as plan_api
from allies.web.api.concurrency import IfMatchGuard, document_if_match
from allies.web.api.keep import views as keep_api
from allies.web.deps import STATIC_DIR, TEMPLATES_DIR
from allies.web.forms import FormState
from allies.web.openapi_doc import document_errors
from allies.web.pages import influence as influence_pages
from allies.web.pages import pages_router
from allies.web.pages.alliances import manage as alliance_pages
from allies.web.pages.alliances import program as program_pages
from allies.web.pages.campaigns import manage as campaign_pages
from allies.web.pages.campaigns import plan as plan_pages
from allies.web.pages.keep import views as keep_pages
from allies.web.pages.network import affiliations as affiliation_pages
from allies.web.pages.network import trail as trail_pages
from allies.web.pages.standing import assessment as assessment_pages
from allies.web.pages.standing import goals as goal_pages
from allies.web.pages.standing import powerbase as standing_pages
from allies.web.pages.surveys import router as survey_pages_router
from allies.web.pages.team import router as team_pages_router
from allies.web.pwa import router as pwa_router
from allies.web.schemas.query import QueryGuard, document_query_limits
from allies.web.serving import HttpsOnly, is_loopback_client, path_for
from allies.web.team import install_team, verify_csrf

API_DESCRIPTION = """The allies network as JSON: people, organisations, units, ties,
observations, interactions, favours, promises and cadences, each with list (paged and
filtered), get, create, update and delete; the graph for the map and the strongest path
between two people.

Errors answer `{"detail": ..., "field": ..., "hint": ...}`: 404 for an unknown id, 409 for
a clash with what is stored, 422 for invalid input (naming the field)."""

#: No inline scripts or styles anywhere: every script and style sheet is a static file.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.auto_reload = False  # they ship with the package: no file checks on every page
    env.globals["choices"] = choices.ALL
    env.globals["label"] = choices.label
    env.globals["blank_state"] = lambda name, values: FormState(name, dict(values))
    env.globals["url_for"] = path_for  # paths, never an address from the request's Host
    env.filters["plain"] = lambda value: str(getattr(value, "value", value) or "").replace("_", " ")
    env.filters["day"] = _day
    return templates


def _day(value: date | None) -> str:
    """A date as people read it: "today", "yesterday", or "Tue 3 Mar 2026"."""
    if value is None:
        return "never"
    delta = (date.today() - value).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta == -1:
        return "tomorrow"
    return f"{value:%a} {value.day} {value:%b %Y}"


#: The headers every answer carries unless it sets its own.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
)


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP answer (a plain ASGI
    wrapper of ``send``: no task or body copy per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the answer's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """A team server's process starts with its database ready and its pool filled; then
    everything made so far (modules, templates, the app) is moved out of the garbage
    collector's sight, so its full collections (tens of milliseconds over the libraries'
    objects) do not stall the requests."""
    settings: Settings = app.state.settings
    if settings.team:
        await run_in_threadpool(warm_up, settings)
    gc.collect()
    gc.freeze()
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (loaded from the environment when omitted).

    The OpenAPI document is at ``/api/v1/openapi.json``.
    """
    settings = settings or load_settings()
    app = FastAPI(
        title="allies",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(verify_csrf)],
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(pwa_router)
    app.include_router(api_router)
    app.include_router(transfer_pages.api)
    app.include_router(transfer_pages.router)
    app.include_router(influence_api.router)
    app.include_router(team_api.router)
    app.include_router(survey_api.router)
    app.include_router(consultation_api.router)
    app.include_router(consultation_api.routes)
    app.include_router(campaign_api.router)
    app.include_router(plan_api.router)
    app.include_router(keep_api.router)
    app.include_router(agenda_api.router)
    app.include_router(records_api.router)
    app.include_router(trail_pages.router)
    app.include_router(affiliation_pages.router)  # before the person page's quick forms
    app.include_router(pages_router)
    app.include_router(keep_pages.router)
    app.include_router(alliance_pages.router)
    app.include_router(program_pages.router)
    app.include_router(influence_pages.router)
    app.include_router(team_pages_router)
    app.include_router(survey_pages_router)
    app.include_router(campaign_pages.router)
    app.include_router(plan_pages.router)
    app.include_router(standing_api.router)
    app.include_router(standing_pages.router)
    app.include_router(goal_pages.router)
    app.include_router(assessment_pages.router)
    if settings.team:
        install_team(app, settings)
    document_errors(app)
    document_if_match(app)
    errors.install(app)
    app.add_middleware(AskAfterChange)  # the views' kept parts redone
    app.add_middleware(IfMatchGuard)
    document_query_limits(app)
    app.add_middleware(QueryGuard)  # every query string checked once, at the edge
    app.add_middleware(SecurityHeaders)
    if settings.team and not is_loopback_client(settings.host):
        app.add_middleware(HttpsOnly)  # beyond this machine: HTTPS only
    return app
