"""Mail headers from an IMAP account, incrementally, in batches that each commit with their
resume point.

How it follows the protocol (IMAP4rev1, RFC 3501; CONDSTORE, RFC 7162):

- Each folder is selected read-only, so nothing on the server changes (no ``\\Seen`` flag
  is set). Only the headers the mail importer reads are fetched, with
  ``BODY.PEEK[HEADER.FIELDS (FROM TO CC DATE MESSAGE-ID IN-REPLY-TO)]``: a body is never
  asked for, so it never reaches this machine.
- A message is known by its folder's ``UIDVALIDITY`` and its ``UID``. The resume point
  of a folder is the pair (``UIDVALIDITY``, highest UID stored); the next sync asks only for
  ``UID last+1:*``. A folder whose ``UIDVALIDITY`` changed (rebuilt on the server) is read
  again from the start; the messages already stored are recognised by their Message-ID
  and counted as already there.
- When the server offers CONDSTORE, it is enabled and the folder's ``HIGHESTMODSEQ`` is
  kept: a folder whose ``UIDNEXT`` and ``HIGHESTMODSEQ`` are both unchanged is skipped
  after its ``SELECT``, with no search at all. (Headers never change, so flag changes,
  which also raise HIGHESTMODSEQ, bring nothing new.)
- Each batch of messages is one unit of work: the interactions, people and ties it makes
  (through the mail importer, :func:`allies.services.transfer.import_mail.apply_mail`,
  so the header quirks are handled in one place) and the folder's new resume point are
  committed together. A sync killed at any moment leaves whole batches only, and the
  next one resumes after the last.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from allies.domain.sync import FolderState, SyncAccount
from allies.interchange.mail import MailMessage, read_eml
from allies.interchange.records import RecordProblem
from allies.services.network.matching import DEFAULT_THRESHOLD
from allies.services.sync.accounts import SyncContext
from allies.services.sync.credentials import Credentials
from allies.services.sync.errors import LoginRefused, ServerUnreachable
from allies.services.sync.summary import SyncSummary
from allies.services.transfer.import_mail import apply_mail
from allies.services.transfer.import_people import PeopleWriter
from allies.services.transfer.import_report import (
    ImportReport,
    ProblemLog,
    Progress,
    no_progress,
)

__all__ = ["BATCH_SIZE", "HEADER_FIELDS", "check_imap", "connect", "sync_imap"]

#: The headers fetched: exactly those the mail importer reads.
FIELDS = "FROM TO CC DATE MESSAGE-ID IN-REPLY-TO"
HEADER_FIELDS = f"BODY.PEEK[HEADER.FIELDS ({FIELDS})]".encode("ascii")
#: Messages per batch (one transaction each).
BATCH_SIZE = 2000
#: Seconds to wait for the server before giving up.
TIMEOUT = 60.0


@dataclass(frozen=True)
class _Server:
    host: str
    port: int
    tls: str  # "ssl", "starttls" or "none"

    @property
    def label(self) -> str:
        return f"{self.host}:{self.port}"


def _server(url: str) -> _Server:
    parts = urlsplit(url)
    scheme = parts.scheme
    tls = {"imaps": "ssl", "imap+starttls": "starttls"}.get(scheme, "none")
    port = parts.port or (993 if tls == "ssl" else 143)
    return _Server(parts.hostname or "", port, tls)


def connect(account: SyncAccount, credentials: Credentials) -> IMAPClient:
    """Log in to the account's IMAP server (XOAUTH2 when the credentials hold a token).

    Raises
    ------
    allies.services.sync.errors.LoginRefused
        When the server refuses the login.
    allies.services.sync.errors.ServerUnreachable
        When it cannot be reached, breaks off, or the TLS handshake fails.
    """
    server = _server(account.url)
    client: IMAPClient | None = None
    try:
        client = IMAPClient(server.host, port=server.port, ssl=server.tls == "ssl", timeout=TIMEOUT)
        if server.tls == "starttls":
            client.starttls()
        if credentials.access_token:
            client.oauth2_login(credentials.username, credentials.access_token)
        else:
            client.login(credentials.username, credentials.password)
    except LoginError as error:
        _close(client)
        raise LoginRefused(account.name, server.label, _reason(error)) from None
    except (OSError, IMAPClientError, imaplib.IMAP4.error, ssl.SSLError) as error:
        _close(client)
        raise ServerUnreachable(account.name, server.label, _reason(error)) from None
    return client


def _reason(error: BaseException) -> str:
    first = error.args[0] if error.args else ""
    text = first.decode("utf-8", "replace") if isinstance(first, bytes) else str(error)
    text = text.strip() or type(error).__name__
    quoted = re.fullmatch(r"b'(.*)'", text)  # imapclient gives the server's bytes as a repr
    text = quoted.group(1) if quoted else text
    if isinstance(error, ConnectionRefusedError):
        text = "the connection was refused (nothing listens there)"
    elif isinstance(error, socket.timeout | TimeoutError):
        text = "no answer in time"
    return text.rstrip(".") + "."


def _close(client: IMAPClient | None) -> None:
    if client is None:
        return
    try:
        client.logout()
    except Exception:  # already gone: nothing to close
        with contextlib.suppress(Exception):
            client.shutdown()


def check_imap(account: SyncAccount, credentials: Credentials) -> str:
    """Log in and say how many messages each folder to sync holds."""
    client = connect(account, credentials)
    server = _server(account.url)
    try:
        found = []
        for folder in account.folders:
            try:
                status = client.folder_status(folder, [b"MESSAGES"])
            except IMAPClientError:
                found.append(f"no folder {folder}")
                continue
            found.append(f"{folder} holds {int(status.get(b'MESSAGES', 0))} messages")
        return f"Logged in to {server.label} as {account.username}; " + ", ".join(found) + "."
    except (OSError, imaplib.IMAP4.abort) as error:
        raise ServerUnreachable(account.name, server.label, _reason(error)) from None
    finally:
        _close(client)


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _headers(response: dict[bytes, Any]) -> bytes:
    for key, value in response.items():
        if key.startswith(b"BODY[") and isinstance(value, bytes):
            return value
    return b""


def _me(account: SyncAccount) -> tuple[str, ...]:
    mine = [str(m) for m in account.options.get("me", [])]
    if "@" in account.username:
        mine.append(account.username.lower())
    return tuple(sorted(set(mine)))


class _Folder:
    """One folder's sync: what the server says, what is stored, what to fetch."""

    def __init__(self, client: IMAPClient, folder: str, condstore: bool) -> None:
        selected = client.select_folder(folder, readonly=True)
        self.name = folder
        self.uidvalidity = int(selected.get(b"UIDVALIDITY", 0))
        self.uidnext = int(selected.get(b"UIDNEXT", 0)) or None
        modseq = selected.get(b"HIGHESTMODSEQ")
        self.modseq = int(modseq) if condstore and modseq is not None else None

    def unchanged_since(self, state: FolderState) -> bool:
        """Whether nothing can be new since ``state`` (same UIDVALIDITY, UIDNEXT, MODSEQ)."""
        if state.uidvalidity != self.uidvalidity or self.uidnext is None:
            return False
        if self.uidnext > state.last_uid + 1:
            return False
        return self.modseq is None or self.modseq == state.highest_modseq


def sync_imap(
    ctx: SyncContext,
    account: SyncAccount,
    credentials: Credentials,
    progress: Progress = no_progress,
    *,
    batch_size: int = BATCH_SIZE,
) -> SyncSummary:
    """Bring the new mail headers of an IMAP account in (see the module for how).

    Parameters
    ----------
    ctx : SyncContext
        The store, vault and workspace.
    account : SyncAccount
        A stored IMAP account (with its id).
    credentials : Credentials
        Its password or access token.
    progress : callable
        ``progress(folder, done, total)`` after each batch.
    batch_size : int
        Messages per transaction.

    Returns
    -------
    SyncSummary
        What was added, changed and left out, over every folder.
    """
    summary = SyncSummary(account=account.name, kind=account.kind.value)
    client = connect(account, credentials)
    server = _server(account.url)
    try:
        capabilities = set(client.capabilities())
        condstore = b"CONDSTORE" in capabilities and b"ENABLE" in capabilities
        if condstore:
            client.enable("CONDSTORE")
        for folder in account.folders:
            _sync_folder(ctx, client, account, folder, condstore, summary, progress, batch_size)
    except (OSError, IMAPClientError, imaplib.IMAP4.error) as error:
        # Broke off, or answered a command with an error: worth trying again later.
        raise ServerUnreachable(account.name, server.label, _reason(error)) from None
    finally:
        _close(client)
    return summary


def _sync_folder(
    ctx: SyncContext,
    client: IMAPClient,
    account: SyncAccount,
    folder: str,
    condstore: bool,
    summary: SyncSummary,
    progress: Progress,
    batch_size: int,
) -> None:
    assert account.id is not None
    try:
        selected = _Folder(client, folder, condstore)
    except IMAPClientError as error:
        summary.problems.append(f"{account.name}/{folder}: cannot open the folder ({error}).")
        return
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        state = ctx.repositories(uow).folder(account.id, folder)
    last = 0
    if state is not None and state.uidvalidity == selected.uidvalidity:
        if selected.unchanged_since(state):
            progress(folder, 0, 0)
            return
        last = state.last_uid
    elif state is not None:
        summary.notes.append(
            f"{folder} was rebuilt on the server (its UIDVALIDITY changed): read again; "
            "messages already there are recognised by their Message-ID."
        )
    uids = sorted(u for u in client.search(["UID", f"{last + 1}:*"]) if u > last)
    done = 0
    progress(folder, 0, len(uids))
    if not uids:
        _commit_state(ctx, account.id, folder, selected, last)
        return
    for chunk in _chunks(uids, batch_size):
        fetched = client.fetch(chunk, [HEADER_FIELDS])
        where = f"{account.name}/{folder}, UID"
        items: list[MailMessage | RecordProblem] = []
        for uid in chunk:
            response = fetched.get(uid)
            if response is None:  # expunged meanwhile
                continue
            item = read_eml(_headers(response), path=where, number=uid)
            if isinstance(item, RecordProblem):  # the UID says where, not a line
                item = RecordProblem(f"{where} {uid}", None, None, item.reason)
            items.append(item)
        report = ImportReport(format="imap", source=f"{account.name}/{folder}")
        with ctx.factory(ctx.workspace, ctx.actor) as uow:
            writer = PeopleWriter(uow, report, threshold=DEFAULT_THRESHOLD)
            apply_mail(writer, items, ProblemLog(report, strict=False), _me(account), no_progress)
            ctx.repositories(uow).save_folder(account.id, _state_of(folder, selected, chunk[-1]))
            uow.commit()
        summary.absorb(report)
        summary.batches += 1
        done += len(chunk)
        progress(folder, done, len(uids))


def _state_of(folder: str, selected: _Folder, last_uid: int) -> FolderState:
    return FolderState(
        collection=folder,
        uidvalidity=selected.uidvalidity,
        last_uid=last_uid,
        highest_modseq=selected.modseq,
    )


def _commit_state(
    ctx: SyncContext, account_id: int, folder: str, selected: _Folder, last_uid: int
) -> None:
    with ctx.factory(ctx.workspace, ctx.actor) as uow:
        ctx.repositories(uow).save_folder(account_id, _state_of(folder, selected, last_uid))
        uow.commit()
