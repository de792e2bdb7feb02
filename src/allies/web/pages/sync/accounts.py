"""``/settings/accounts``: add an account, test it, sync it now, see how its last sync went.

The password is write-only here: the page says where passwords are kept, never what one
is. A refused login stores nothing and says so next to the password.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.bootstrap import sync_context
from allies.errors import AlliesError
from allies.services.sync import accounts as service
from allies.services.sync.run import sync_account
from allies.web.deps import FormData, SettingsDep, UoW, render

router = APIRouter(include_in_schema=False)

#: How each kind of account is named on the page.
KINDS = {
    "imap": "Mail (IMAP)",
    "caldav": "Calendars (CalDAV)",
    "carddav": "Contacts (CardDAV)",
}


def _page(
    request: Request,
    ctx: service.SyncContext,
    *,
    error: AlliesError | None = None,
    values: dict[str, str] | None = None,
    message: str = "",
    failed: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "title": "Accounts",
        "section": "accounts",
        "accounts": service.list_accounts(ctx),
        "kinds": KINDS,
        "where": ctx.vault.where,
        "error": error,
        "values": values or {},
        "message": message,
        "failed": failed,
    }
    return render(request, "sync/accounts.html", context, status_code=status_code)


@router.get("/settings/accounts", response_class=HTMLResponse, name="accounts")
def accounts_page(request: Request, uow: UoW, settings: SettingsDep) -> HTMLResponse:
    """The accounts, their last sync, and the form to add one."""
    return _page(request, sync_context(settings, uow.workspace, uow.actor))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


@router.post("/settings/accounts", response_class=HTMLResponse)
def add(request: Request, uow: UoW, settings: SettingsDep, values: FormData) -> HTMLResponse:
    """Add an account once its server accepted the login."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    new = service.NewAccount(
        name=values.get("name", ""),
        kind=values.get("kind", ""),
        url=values.get("url", ""),
        username=values.get("user", ""),
        password=values.get("password", ""),
        token_command=values.get("token_command", ""),
        folders=_lines(values.get("folders", "")),
        me=_lines(values.get("me", "")),
        write_back=bool(values.get("write_back")),
    )
    kept = {k: v for k, v in values.items() if k != "password"}
    try:
        stored, found = service.add_account(ctx, new)
    except AlliesError as error:
        return _page(request, ctx, error=error, values=kept, status_code=error.http_status)
    return _page(request, ctx, message=f"Added {stored.name}. {found} Sync it now to bring it in.")


@router.post("/settings/accounts/{name}/check", response_class=HTMLResponse)
def check(request: Request, name: str, uow: UoW, settings: SettingsDep) -> HTMLResponse:
    """Log in to the account's server and say what is there."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    try:
        found = service.check_account(ctx, name)
    except AlliesError as error:
        return _page(request, ctx, message=f"{name}: {error}", failed=name)
    return _page(request, ctx, message=f"{name}: {found}")


@router.post("/settings/accounts/{name}/sync", response_class=HTMLResponse)
def sync_now(request: Request, name: str, uow: UoW, settings: SettingsDep) -> HTMLResponse:
    """Sync the account now."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    try:
        summary = sync_account(ctx, name)
    except AlliesError as error:
        return _page(request, ctx, message=f"{name}: {error}", failed=name)
    return _page(request, ctx, message=f"{name}: {summary.summary()}")


@router.post("/settings/accounts/{name}/remove", response_class=HTMLResponse)
def remove(request: Request, name: str, uow: UoW, settings: SettingsDep) -> HTMLResponse:
    """Remove the account, its password and where its sync stands."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    try:
        service.remove_account(ctx, name)
    except AlliesError as error:
        return _page(request, ctx, message=str(error), failed=name, status_code=error.http_status)
    return _page(request, ctx, message=f"Removed {name}. What it brought in stays in your network.")
