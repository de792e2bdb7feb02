"""Accounts and syncs as the API shows them: never a password."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from allies.web.schemas.common import ApiModel, Name, Text


class AccountIn(ApiModel):
    """An account to add. The password is write-only: it is never answered back."""

    name: Name = Field(description="Letters, digits and . _ @ + - (at most 100).")
    kind: str = Field(description="imap (mail), caldav (calendars) or carddav (contacts).")
    url: Text = Field(description="imaps://host for mail, the https:// address for DAV.")
    user: Name = Field(description="The login.")
    password: Text = Field(default="", description="The password (or an app password).")
    token_command: Text = Field(
        default="", description="A command printing an OAuth2 access token (XOAUTH2)."
    )
    folders: list[Name] = Field(default_factory=list, description="IMAP folders (INBOX).")
    me: list[Name] = Field(default_factory=list, description="Addresses of yours.")
    write_back: bool = Field(default=False, description="CardDAV: send changes back.")
    test: bool = Field(default=True, description="Log in before storing it.")


class AccountOut(ApiModel):
    """An account, its last sync and how it went."""

    name: str
    kind: str
    url: str
    user: str
    folders: list[str]
    me: list[str]
    uses_token_command: bool
    write_back: bool
    last_sync_at: datetime | None
    last_error: str = Field(description="What went wrong at the last sync, or ''.")
    last_summary: str = Field(description="What the last sync did, when it went well.")


class CheckOut(ApiModel):
    """What logging in to the account's server found."""

    account: str
    found: str


class SyncOut(ApiModel):
    """What one sync did."""

    account: str
    kind: str
    summary: str
    changed_anything: bool = Field(description="Whether it added, changed or withdrew anything.")
    read: int
    added: dict[str, int]
    changed: dict[str, int]
    unchanged: dict[str, int]
    withdrawn: dict[str, int]
    merged: int
    skipped: dict[str, int]
    conflicts: list[str]
    problems: list[str]
    notes: list[str]
    batches: int
