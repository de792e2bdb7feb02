"""``/api/v1/sync/accounts``: the accounts allies syncs with, their test, their sync."""

from __future__ import annotations

from fastapi import APIRouter, Response

from allies.bootstrap import sync_context
from allies.services.sync import accounts as service
from allies.services.sync.run import sync_account
from allies.web.deps import SettingsDep, UoW
from allies.web.schemas.sync import AccountIn, AccountOut, CheckOut, SyncOut

router = APIRouter(prefix="/sync", tags=["sync"])


def _out(account: service.SyncAccount) -> AccountOut:
    return AccountOut(
        name=account.name,
        kind=account.kind.value,
        url=account.url,
        user=account.username,
        folders=list(account.folders),
        me=[str(m) for m in account.options.get("me", [])],
        uses_token_command=bool(account.token_command),
        write_back=account.write_back,
        last_sync_at=account.last_sync_at,
        last_error=account.last_error,
        last_summary=account.last_summary,
    )


@router.get("/accounts", response_model=list[AccountOut])
def list_accounts(uow: UoW, settings: SettingsDep) -> list[AccountOut]:
    """The workspace's accounts, with their last sync (never a password)."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    return [_out(a) for a in service.list_accounts(ctx)]


@router.post("/accounts", response_model=AccountOut, status_code=201)
def add_account(body: AccountIn, uow: UoW, settings: SettingsDep) -> AccountOut:
    """Add an account; unless ``test`` is false, only once its server accepted the login
    (a refused login stores nothing: 422 on the field ``password``)."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    new = service.NewAccount(
        name=body.name,
        kind=body.kind,
        url=body.url,
        username=body.user,
        password=body.password,
        token_command=body.token_command,
        folders=tuple(body.folders),
        me=tuple(body.me),
        write_back=body.write_back,
    )
    stored, _ = service.add_account(ctx, new, test=body.test)
    return _out(stored)


@router.post("/accounts/{name}/check", response_model=CheckOut)
def check_account(name: str, uow: UoW, settings: SettingsDep) -> CheckOut:
    """Log in to the account's server and say what is there (502 when it is out of reach)."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    return CheckOut(account=name, found=service.check_account(ctx, name))


@router.post("/accounts/{name}/sync", response_model=SyncOut)
def sync(name: str, uow: UoW, settings: SettingsDep) -> SyncOut:
    """Sync the account now and say what it did."""
    ctx = sync_context(settings, uow.workspace, uow.actor)
    return SyncOut(**sync_account(ctx, name).as_dict())


@router.delete("/accounts/{name}", status_code=204)
def remove_account(name: str, uow: UoW, settings: SettingsDep) -> Response:
    """Remove the account with its password and resume points (what it brought stays)."""
    service.remove_account(sync_context(settings, uow.workspace, uow.actor), name)
    return Response(status_code=204)
