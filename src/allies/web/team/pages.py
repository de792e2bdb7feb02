"""Logging in and out, and choosing a workspace (team mode only)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from allies.bootstrap import unit_of_work_factory
from allies.errors import TooManyAttempts, Unauthorized
from allies.services.team.accounts import (
    Identity,
    authenticate,
    end_session,
    select_workspace,
    start_session,
)
from allies.web.deps import SettingsDep, render
from allies.web.team.cookies import TeamCookies
from allies.web.team.csrf import FIELD, make_token, tokens_match

router = APIRouter(include_in_schema=False)


def _next(value: str | None) -> str:
    """Where to go after logging in: a path on this site, never another site."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return "/"


def _login_page(
    request: Request,
    cookies: TeamCookies,
    secret: str,
    *,
    next_url: str,
    username: str = "",
    error: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    nonce = request.cookies.get(cookies.login) or secrets.token_urlsafe(24)
    request.state.csrf_token = make_token(secret, "login", nonce)
    response = render(
        request,
        "team/login.html",
        {"title": "Log in", "next": next_url, "username": username, "error": error},
        status_code=status,
    )
    cookies.set(response, cookies.login, nonce, same_site="strict", max_age=3600)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, settings: SettingsDep, next: str = "/") -> HTMLResponse:
    """The login form."""
    cookies = TeamCookies.of(settings)
    return _login_page(request, cookies, settings.secret_key, next_url=_next(next))


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    settings: SettingsDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form(alias=FIELD)] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password; on success start a session and go on."""
    cookies = TeamCookies.of(settings)
    target = _next(next)
    nonce = request.cookies.get(cookies.login)
    expected = make_token(settings.secret_key, "login", nonce) if nonce else None
    if not tokens_match(expected, csrf_token):
        return _login_page(
            request, cookies, settings.secret_key, next_url=target, username=username,
            error="The form expired. Please log in again.", status=403,
        )  # fmt: skip
    factory = unit_of_work_factory(settings)
    address = request.client.host if request.client else ""
    try:
        user = authenticate(factory, username, password, address=address)
    except TooManyAttempts as error:
        return _login_page(
            request, cookies, settings.secret_key, next_url=target, username=username,
            error=f"{error.message} {error.hint or ''}", status=429,
            headers={"Retry-After": str(error.retry_after)},
        )  # fmt: skip
    except Unauthorized as error:
        return _login_page(
            request, cookies, settings.secret_key, next_url=target, username=username,
            error=error.message, status=401,
        )  # fmt: skip
    key, identity = start_session(factory, user)
    response = RedirectResponse(target if identity.workspace else "/workspaces", status_code=303)
    cookies.set(response, cookies.session, cookies.sign(key))
    cookies.clear(response, cookies.login)
    token = make_token(settings.secret_key, "session", identity.session_hash or "")
    cookies.set(response, cookies.csrf, token, http_only=False, same_site="strict")
    return response


@router.post("/logout")
def logout(request: Request, settings: SettingsDep) -> Response:
    """End the session."""
    cookies = TeamCookies.of(settings)
    key = cookies.session_key(request)
    if key:
        end_session(unit_of_work_factory(settings), key)
    response = RedirectResponse("/login", status_code=303)
    cookies.clear(response, cookies.session)
    cookies.clear(response, cookies.csrf)
    return response


@router.get("/workspaces", response_class=HTMLResponse)
def workspaces(request: Request) -> HTMLResponse:
    """The user's workspaces, to switch between them."""
    identity: Identity = request.state.identity
    return render(
        request,
        "team/workspaces.html",
        {"title": "Workspaces", "identity": identity, "section": "workspaces"},
    )


@router.post("/workspaces/select")
def choose(
    request: Request, settings: SettingsDep, workspace: Annotated[str, Form()] = ""
) -> Response:
    """Switch the session to another of the user's workspaces (404 for anyone else's)."""
    cookies = TeamCookies.of(settings)
    key = cookies.session_key(request)
    if key is None:
        raise Unauthorized("Only a browser session can switch workspaces.",
                           hint="An API token works in the workspace it was made for.")  # fmt: skip
    select_workspace(unit_of_work_factory(settings), key, workspace)
    return RedirectResponse("/", status_code=303)
