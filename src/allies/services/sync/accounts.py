"""Adding, listing, testing and removing the accounts a workspace syncs with.

An account is stored only once its server accepted the login (unless the caller asks to
skip the test), so a wrong password stores nothing. Its password goes to the vault
(:mod:`allies.services.sync.credentials`), never to the account's row, a log or the
audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from allies.domain.accounts import Actor
from allies.domain.sync import AccountKind, SyncAccount, check_account_name
from allies.errors import Forbidden, InvalidInput
from allies.services.ports import UnitOfWorkFactory
from allies.services.sync.credentials import Credentials, Vault, run_token_command
from allies.services.sync.ports import SyncRepositories, SyncRepository

__all__ = [
    "NewAccount",
    "SyncAccount",
    "SyncContext",
    "account_names",
    "add_account",
    "check_account",
    "credentials_for",
    "list_accounts",
    "parse_kind",
    "remove_account",
]

#: The URL schemes each kind of account accepts.
_SCHEMES = {
    AccountKind.IMAP: ("imaps", "imap", "imap+starttls"),
    AccountKind.CALDAV: ("https", "http"),
    AccountKind.CARDDAV: ("https", "http"),
}


@dataclass(frozen=True)
class SyncContext:
    """What every sync use case needs: the store, the vault, and whose workspace.

    Attributes
    ----------
    factory : UnitOfWorkFactory
        Makes units of work on the database.
    repositories : callable
        Makes the sync repository of an open unit of work.
    vault : Vault
        Where passwords are kept.
    workspace : str or None
        The workspace (the default one when None).
    actor : Actor or None
        Who acts (None: the local user).
    """

    factory: UnitOfWorkFactory
    repositories: SyncRepositories
    vault: Vault
    workspace: str | None = None
    actor: Actor | None = None

    @property
    def workspace_name(self) -> str:
        """The workspace's name, the default one's when none was given."""
        with self.factory(self.workspace, self.actor) as uow:
            return uow.workspace


@dataclass(frozen=True)
class NewAccount:
    """An account to add, with its secret (never stored with it)."""

    name: str
    kind: str
    url: str
    username: str
    password: str = ""
    token_command: str = ""
    folders: tuple[str, ...] = ()
    me: tuple[str, ...] = ()
    write_back: bool = False

    def __repr__(self) -> str:
        return f"NewAccount(name={self.name!r}, kind={self.kind!r}, url={self.url!r})"


def parse_kind(text: str) -> AccountKind:
    """The kind named ``text`` (``imap``, ``caldav``, ``carddav``); InvalidInput otherwise."""
    try:
        return AccountKind(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a kind of account.",
            field="kind",
            hint="Use imap (mail), caldav (calendars) or carddav (contacts).",
        ) from None


def _check_url(kind: AccountKind, url: str) -> str:
    text = url.strip()
    if kind is AccountKind.IMAP and text and "://" not in text:
        text = f"imaps://{text}"
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in _SCHEMES[kind] or not parts.hostname or port == -1:
        raise InvalidInput(
            f"{url!r} is not an address for a {kind.value} account.",
            field="url",
            hint="Write it as "
            + (
                "imaps://imap.example.org (or imap://127.0.0.1:1143 for a local bridge)"
                if kind is AccountKind.IMAP
                else "https://dav.example.org/path"
            )
            + ".",
        )
    return text


def _build(new: NewAccount) -> SyncAccount:
    kind = parse_kind(new.kind)
    name = check_account_name(new.name)
    username = new.username.strip()
    if not username:
        raise InvalidInput(f"Account {name!r} needs a user name.", field="user")
    if not new.password and not new.token_command.strip():
        raise InvalidInput(
            f"Account {name!r} needs a password or a token command.",
            field="password",
            hint="Give the password (an app password where the provider asks for one), or "
            "a command that prints an OAuth2 access token.",
        )
    if new.write_back and kind is not AccountKind.CARDDAV:
        raise InvalidInput("Only a contacts (CardDAV) account can write back.", field="write_back")
    options: dict[str, object] = {}
    if new.token_command.strip():
        options["token_command"] = new.token_command.strip()
    folders = [f.strip() for f in new.folders if f.strip()]
    if folders:
        options["folders"] = folders
    me = sorted({m.strip().lower() for m in new.me if m.strip()})
    if me:
        options["me"] = me
    return SyncAccount(
        name=name,
        kind=kind,
        url=_check_url(kind, new.url),
        username=username,
        options=options,
        write_back=new.write_back,
    )


def _writer(ctx: SyncContext) -> None:
    if ctx.actor is not None and not ctx.actor.can_write:
        raise Forbidden(
            f"{ctx.actor.username} is a viewer and cannot change the accounts.",
            hint="Ask an owner of the workspace for the editor role.",
        )


def credentials_for(
    ctx: SyncContext, repo: SyncRepository, workspace: str, account: SyncAccount
) -> Credentials:
    """The credentials of a stored account: its password, or a fresh token.

    Raises
    ------
    allies.errors.InvalidInput
        When no password is kept for it (say, the keyring was emptied) or its token
        command fails.
    """
    if account.token_command:
        return Credentials(account.username, access_token=run_token_command(account))
    secret = ctx.vault.get(repo, workspace, account)
    if secret is None:
        raise InvalidInput(
            f"No password is kept for account {account.name!r} in {ctx.vault.where}.",
            field="password",
            hint="Remove the account and add it again with its password.",
        )
    return Credentials(account.username, password=secret)


def add_account(ctx: SyncContext, new: NewAccount, *, test: bool = True) -> tuple[SyncAccount, str]:
    """Add an account after checking that its server accepts the login.

    Parameters
    ----------
    ctx : SyncContext
        Where it goes.
    new : NewAccount
        The account and its password or token command.
    test : bool
        Log in before storing it (the default); a refused login stores nothing.

    Returns
    -------
    tuple of SyncAccount and str
        The stored account, and what the test found (``""`` when not tested).

    Raises
    ------
    allies.errors.InvalidInput
        A bad name, kind or address; a refused login
        (:class:`~allies.services.sync.errors.LoginRefused`).
    allies.errors.Conflict
        When the name is taken.
    allies.services.sync.errors.ServerUnreachable
        When the server cannot be reached to test the login.
    """
    from allies.services.sync.run import check_connection

    _writer(ctx)
    account = _build(new)
    workspace = ctx.workspace_name
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        ctx.repositories(uow).accounts()  # the tables are there before a server is called
    found = ""
    if test:
        credentials = (
            Credentials(account.username, access_token=run_token_command(account))
            if account.token_command
            else Credentials(account.username, password=new.password)
        )
        found = check_connection(account, credentials)
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        repo = ctx.repositories(uow)
        stored = repo.add(account)
        if not account.token_command:
            ctx.vault.put(repo, workspace, stored, new.password)
        uow.commit()
    return stored, found


def list_accounts(ctx: SyncContext) -> list[SyncAccount]:
    """Every account of the workspace (without credentials), by name."""
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        return ctx.repositories(uow).accounts()


def account_names(ctx: SyncContext) -> list[str]:
    """The names of the workspace's accounts (what a scheduler syncs one by one)."""
    return [a.name for a in list_accounts(ctx)]


def check_account(ctx: SyncContext, name: str) -> str:
    """Log in to a stored account's server and say what is there.

    Raises
    ------
    allies.services.sync.errors.LoginRefused, allies.services.sync.errors.ServerUnreachable
        When the login is refused or the server cannot be reached.
    """
    from allies.services.sync.run import check_connection

    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        repo = ctx.repositories(uow)
        account = repo.account(name)
        credentials = credentials_for(ctx, repo, uow.workspace, account)
    return check_connection(account, credentials)


def remove_account(ctx: SyncContext, names: Sequence[str] | str) -> list[SyncAccount]:
    """Remove accounts with their passwords and resume points (the records synced stay)."""
    _writer(ctx)
    workspace = ctx.workspace_name
    removed: list[SyncAccount] = []
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        repo = ctx.repositories(uow)
        for name in [names] if isinstance(names, str) else names:
            account = repo.remove(name)
            if account.kind is not AccountKind.IMAP:  # calendars' and cards' own resume points
                uow.dav_state.forget_account(account.name)
            removed.append(account)
        uow.commit()
    for account in removed:
        ctx.vault.forget(workspace, account)
    return removed
