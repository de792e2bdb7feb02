"""Repositories of card details, role history and the CalDAV/CardDAV sync state."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Connection, delete, insert, literal, select, update

from allies.domain.cards import CardDetails, RoleChange
from allies.domain.dav import DavCollection, DavObject
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.base import Scope, SqlRepository, new_id_of

__all__ = ["SqlCardRepository", "SqlDavStateRepository", "SqlRoleChangeRepository"]


class SqlCardRepository(SqlRepository[CardDetails]):
    """Card details: at most one record a person."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(CardDetails))

    def for_person(self, person_id: int) -> CardDetails | None:
        """The person's card details, if any."""
        found = self._select(t.cards.c.person_id == person_id)
        return found[0] if found else None


class SqlRoleChangeRepository(SqlRepository[RoleChange]):
    """Role history: every change of title or organisation noticed, as a row."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(RoleChange))

    def for_person(self, person_id: int) -> list[RoleChange]:
        """The person's role changes, oldest first."""
        c = t.role_changes.c
        return self._select(c.person_id == person_id, order_by=(c.changed_on, c.id))

    def since(self, day: date) -> list[RoleChange]:
        """The role changes noticed on ``day`` or later, oldest first."""
        c = t.role_changes.c
        return self._select(c.changed_on >= day, order_by=(c.changed_on, c.id))


class SqlDavStateRepository:
    """The sync state of one workspace's calendars and address books (not audited: it
    is bookkeeping of where a sync stopped, not a record of the workspace)."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def collection(self, account: str, url: str, kind: str) -> DavCollection:
        """The state of the collection, made (empty) on first use."""
        c = t.dav_collections.c
        row = self._conn.execute(
            select(t.dav_collections).where(
                c.workspace_id == self._workspace_id, c.account == account, c.url == url
            )
        ).first()
        if row is not None:
            return DavCollection(account, url, row.kind, row.sync_token, row.ctag, row.id)
        result = self._conn.execute(
            insert(t.dav_collections).values(
                workspace_id=self._workspace_id, account=account, url=url, kind=kind
            )
        )
        return DavCollection(account, url, kind, id=new_id_of(result))

    def collections(self, account: str) -> list[DavCollection]:
        """Every collection of the account seen so far."""
        c = t.dav_collections.c
        rows = self._conn.execute(
            select(t.dav_collections)
            .where(c.workspace_id == self._workspace_id, c.account == account)
            .order_by(c.id)
        )
        return [DavCollection(account, r.url, r.kind, r.sync_token, r.ctag, r.id) for r in rows]

    def set_resume_point(
        self, collection_id: int, sync_token: str | None, ctag: str | None
    ) -> None:
        """Where the next sync of the collection starts."""
        c = t.dav_collections.c
        self._conn.execute(
            update(t.dav_collections)
            .where(c.id == collection_id, c.workspace_id == self._workspace_id)
            .values(sync_token=sync_token, ctag=ctag)
        )

    def objects(self, collection_id: int, *, with_data: bool = True) -> dict[str, DavObject]:
        """The objects of the collection seen so far, by href (``with_data=False``: their
        text left out, see :meth:`data_of`)."""
        c = t.dav_objects.c
        data = c.data if with_data else literal("")
        rows = self._conn.execute(
            select(c.href, c.etag, c.uid, c.record_ids, data.label("data"), c.revisit_on).where(
                c.collection_id == collection_id, c.workspace_id == self._workspace_id
            )
        )
        return {
            r.href: DavObject(r.href, r.etag, r.uid, list(r.record_ids), r.data, r.revisit_on)
            for r in rows
        }

    def data_of(self, collection_id: int, hrefs: Iterable[str]) -> dict[str, str]:
        """The text kept of the objects at ``hrefs``, by href."""
        wanted = sorted(set(hrefs))
        c = t.dav_objects.c
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            rows = self._conn.execute(
                select(c.href, c.data).where(
                    c.collection_id == collection_id,
                    c.workspace_id == self._workspace_id,
                    c.href.in_(wanted[start : start + 500]),
                )
            )
            found.update({r.href: r.data for r in rows})
        return found

    def put_object(self, collection_id: int, item: DavObject) -> None:
        """Remember an object (replacing what was kept for its href)."""
        self.put_objects(collection_id, [item])

    def put_objects(self, collection_id: int, items: Sequence[DavObject]) -> None:
        """Remember objects (replacing what was kept for their hrefs), in two statements."""
        if not items:
            return
        c = t.dav_objects.c
        hrefs = sorted({item.href for item in items})
        for start in range(0, len(hrefs), 500):
            self._conn.execute(
                delete(t.dav_objects).where(
                    c.collection_id == collection_id,
                    c.workspace_id == self._workspace_id,
                    c.href.in_(hrefs[start : start + 500]),
                )
            )
        self._conn.execute(
            insert(t.dav_objects),
            [
                {
                    "workspace_id": self._workspace_id,
                    "collection_id": collection_id,
                    "href": item.href,
                    "etag": item.etag,
                    "uid": item.uid,
                    "record_ids": list(item.record_ids),
                    "data": item.data,
                    "revisit_on": item.revisit_on,
                }
                for item in items
            ],
        )

    def remove_object(self, collection_id: int, href: str) -> None:
        """Forget an object."""
        c = t.dav_objects.c
        self._conn.execute(
            delete(t.dav_objects).where(
                c.collection_id == collection_id,
                c.href == href,
                c.workspace_id == self._workspace_id,
            )
        )

    def forget_account(self, account: str) -> None:
        """Forget every collection of the account (its objects go with them)."""
        c = t.dav_collections.c
        ids = select(c.id).where(c.workspace_id == self._workspace_id, c.account == account)
        self._conn.execute(
            delete(t.dav_objects).where(t.dav_objects.c.collection_id.in_(ids.scalar_subquery()))
        )
        self._conn.execute(
            delete(t.dav_collections).where(
                c.workspace_id == self._workspace_id, c.account == account
            )
        )
