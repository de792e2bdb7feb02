"""The gate of team mode: who is asking, in which workspace, and may they?

An ASGI middleware in front of every route. For each request it:

1. lets the login page, static files and the OpenAPI document through;
2. finds the identity from an API token (``Authorization: Bearer``) or the signed session
   cookie, both checked against the database (so any app process can serve any request),
   and answers 401 (API) or sends the browser to the login page when there is none;
3. refuses every unsafe method from a viewer (403), before the request body is read;
4. checks the CSRF token of unsafe requests made with a session: the ``X-CSRF-Token``
   header here, or (for a form posted without it) the form field, in the
   :func:`allies.web.team.csrf.verify_csrf` dependency;
5. hands the identity to the routes in ``request.state.identity``, and keeps the CSRF
   cookie current.

Which records a request then sees is decided by the unit of work it gets: the identity's
workspace, acting as the identity (see :func:`allies.web.team.team_uow`).
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.team.accounts import Identity, identify_session, identify_token
from allies.web.team.cookies import TeamCookies
from allies.web.team.csrf import HEADER, make_token, tokens_match

__all__ = ["PUBLIC_PATHS", "TeamGate"]

#: Reachable without logging in.
PUBLIC_PATHS = frozenset(
    {"/login", "/favicon.ico", "/api/v1/openapi.json", "/sw.js", "/manifest.webmanifest"}
)
#: A digest's signed link carries who it acts for: it works from a phone with no session.
PUBLIC_PREFIXES = ("/static/", "/reminders/act/", "/s/")  # /s/: survey links, signed
#: Reachable by a user who belongs to no workspace (yet).
NO_WORKSPACE_PATHS = frozenset({"/logout", "/workspaces", "/workspaces/select", "/api/v1/me"})
#: Unsafe requests a viewer may make: they change the session, not the workspace.
VIEWER_WRITES = frozenset({"/logout", "/workspaces/select"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _is_api(path: str) -> bool:
    return path.startswith("/api/")


def _problem(
    status: int, detail: str, hint: str, headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse(
        {"detail": detail, "field": None, "hint": hint}, status_code=status, headers=headers
    )


def _page(status: int, title: str, message: str) -> Response:
    body = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>"
        f"{title} · allies</title><link rel=stylesheet href=/static/css/app.css></head>"
        f"<body><main><h1>{title}</h1><p class=error-box role=alert>{message}</p>"
        '<p><a href="/">Back to the start page</a></p></main></body></html>'
    )
    return HTMLResponse(body, status_code=status)


class TeamGate:
    """The ASGI middleware described in the module's docstring."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.cookies = TeamCookies.of(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it on (or answer it here)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        identity = await run_in_threadpool(self._identify, request)
        if identity is None:
            await self._unauthenticated(request)(scope, receive, send)
            return
        refusal = self._refusal(request, identity)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["identity"] = identity
        token = None
        if identity.via == "session" and identity.session_hash:
            token = make_token(self.settings.secret_key, "session", identity.session_hash)
            state["csrf_token"] = token
            if scope["method"] not in SAFE_METHODS:
                header = request.headers.get(HEADER)
                if header is not None:
                    if not tokens_match(token, header):
                        await self._forbidden(request, "The CSRF token is wrong.")(
                            scope, receive, send
                        )
                        return
                elif request.headers.get("content-type", "").startswith(FORM_TYPES):
                    state["csrf_expected"] = token
                else:
                    await self._forbidden(
                        request, "An X-CSRF-Token header is needed with a session cookie."
                    )(scope, receive, send)
                    return
        await self.app(scope, receive, self._sender(send, request, token))

    def _identify(self, request: Request) -> Identity | None:
        factory = unit_of_work_factory(self.settings)
        authorization = request.headers.get("authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return identify_token(factory, credentials.strip())
        key = self.cookies.session_key(request)
        return identify_session(factory, key) if key else None

    def _unauthenticated(self, request: Request) -> Response:
        path = request.url.path
        if _is_api(path):
            return _problem(
                401,
                "Log in, or send an API token.",
                "Send the header 'Authorization: Bearer <token>' (allies token create).",
                {"WWW-Authenticate": 'Bearer realm="allies"'},
            )
        if request.headers.get("hx-request") == "true":
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        wanted = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(wanted, safe='')}", status_code=303)

    def _forbidden(self, request: Request, message: str) -> Response:
        if _is_api(request.url.path):
            return _problem(403, message, "Reload the page, or use an API token.")
        return _page(403, "Not allowed", message)

    def _refusal(self, request: Request, identity: Identity) -> Response | None:
        path = request.url.path
        if identity.workspace is None and path not in NO_WORKSPACE_PATHS:
            if _is_api(path):
                return _problem(
                    403,
                    f"{identity.username} belongs to no workspace.",
                    "Ask an owner to grant you a role (allies workspace grant).",
                )
            return RedirectResponse("/workspaces", status_code=303)
        unsafe = request.method not in SAFE_METHODS
        if unsafe and not identity.can_write and path not in VIEWER_WRITES:
            message = (
                f"{identity.username} is a viewer of workspace {identity.workspace!r} and "
                "cannot change it."
            )
            if _is_api(path):
                return _problem(403, message, "Ask an owner of the workspace for the editor role.")
            return _page(403, "Not allowed", message + " Ask an owner for the editor role.")
        return None

    def _sender(self, send: Send, request: Request, token: str | None) -> Send:
        cookies = self.cookies
        current = request.cookies.get(cookies.csrf)
        secure = self.settings.cookie_secure

        async def sender(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if token and current != token:
                    headers.append(
                        "set-cookie",
                        cookies.header(cookies.csrf, token, http_only=False, same_site="strict"),
                    )
                headers.setdefault("cache-control", "no-store")
                headers.setdefault("vary", "Cookie, Authorization")
                if secure:  # browsers heed it over HTTPS only
                    headers.setdefault("strict-transport-security", "max-age=31536000")
            await send(message)

        return sender
