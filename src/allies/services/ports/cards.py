"""What the card and sync features need from storage: card details, role history and the
CalDAV/CardDAV sync state (resume points and the etag of every object seen)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from allies.domain.cards import CardDetails, RoleChange
from allies.domain.dav import DavCollection, DavObject
from allies.services.ports.repository import Repository

__all__ = ["CardRepository", "DavStateRepository", "RoleChangeRepository"]


class CardRepository(Repository[CardDetails], Protocol):
    """Card details, at most one record a person."""

    def for_person(self, person_id: int) -> CardDetails | None:
        """The person's card details, if any."""
        ...


class RoleChangeRepository(Repository[RoleChange], Protocol):
    """The titles and organisations people had before."""

    def for_person(self, person_id: int) -> list[RoleChange]:
        """The person's role changes, oldest first."""
        ...

    def since(self, day: date) -> list[RoleChange]:
        """The role changes noticed on ``day`` or later, oldest first."""
        ...


class DavStateRepository(Protocol):
    """Where each calendar's and address book's sync stopped, and what it has seen."""

    def collection(self, account: str, url: str, kind: str) -> DavCollection:
        """The state of the collection, made (empty) on first use."""
        ...

    def collections(self, account: str) -> list[DavCollection]:
        """Every collection of the account seen so far."""
        ...

    def set_resume_point(
        self, collection_id: int, sync_token: str | None, ctag: str | None
    ) -> None:
        """Where the next sync of the collection starts."""
        ...

    def objects(self, collection_id: int, *, with_data: bool = True) -> dict[str, DavObject]:
        """The objects of the collection seen so far, by href (``with_data=False``: their
        text left out, see :meth:`data_of`)."""
        ...

    def data_of(self, collection_id: int, hrefs: Iterable[str]) -> dict[str, str]:
        """The text kept of the objects at ``hrefs``, by href."""
        ...

    def put_object(self, collection_id: int, item: DavObject) -> None:
        """Remember an object (replacing what was kept for its href)."""
        ...

    def put_objects(self, collection_id: int, items: Sequence[DavObject]) -> None:
        """Remember objects (replacing what was kept for their hrefs)."""
        ...

    def remove_object(self, collection_id: int, href: str) -> None:
        """Forget an object."""
        ...

    def forget_account(self, account: str) -> None:
        """Forget every collection of the account."""
        ...
