"""People: the repository with look-ups beyond the generic ones, and optimistic saves
(see :mod:`allies.services.ports`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Text, cast, func, select

from allies.domain import (
    PeopleFilter,
    Person,
    Reached,
)
from allies.domain.folding import fold
from allies.errors import NextStep, StaleRecord
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.agenda_reads import (
    people_matching,
    reach,
)
from allies.store.repositories.base import IN_CHUNK, Scope, SqlRepository, ids_in, storable_id
from allies.store.repositories.people_listing import (
    Listed,
    ListingFilter,
    ListingSort,
    list_people_page,
)
from allies.store.repositories.perspective import viewer_of

__all__ = ["SqlPersonRepository"]


class SqlPersonRepository(SqlRepository[Person]):
    """People. The store sets ``created_at`` and ``updated_at`` and counts versions.

    Saving is optimistic: the version a person had when this unit of work read them (or
    the one named with :meth:`expect_version`) must still be the stored one, or the save
    raises :class:`allies.errors.Conflict` instead of overwriting someone else's change.
    """

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Person))
        self._versions: dict[int, int] = {}

    def version_of(self, person_id: int) -> int:
        """The version of the person as this unit of work read them; the stored one when it
        has not read them. (It grows by one with every save.)

        Reading it from the same row as the person's fields matters: a version read later
        could already include someone else's change that the fields do not show.
        """
        if person_id in self._versions:
            return self._versions[person_id]
        found = self._conn.scalar(
            select(t.people.c.version).where(t.people.c.id == person_id, self._in_workspace())
        )
        if found is None:
            raise self._not_found(person_id)
        return int(found)

    def expect_version(self, person_id: int, version: int) -> None:
        """Make the next save of the person fail with Conflict unless it is at ``version``."""
        self._versions[person_id] = int(version)

    def _seen(self, rows: list[Any]) -> None:
        # The first read wins: a person's fields are never older than the version the
        # save checks (a later read may only make a save fail that could have passed).
        for row in rows:
            self._versions.setdefault(row["id"], row["version"])

    def _save_guard(self, entity_id: int) -> list[ColumnElement[bool]]:
        expected = self._versions.get(entity_id)
        return [] if expected is None else [t.people.c.version == expected]

    def _save_missed(self, entity_id: int) -> Exception:
        stored = self._conn.scalar(
            select(t.people.c.version).where(t.people.c.id == entity_id, self._in_workspace())
        )
        if stored is None:
            return self._not_found(entity_id)
        return StaleRecord(
            f"Person #{entity_id} was changed by someone else since it was read "
            f"(it is now at version {stored}, not {self._versions.get(entity_id)}).",
            hint="Reload the person and make the change again.",
            next_step=NextStep("reload", "person", {"person": entity_id}),
            kind="person",
            record_id=entity_id,
        )

    def me(self) -> Person | None:
        """Me: the member viewing's own person, else the workspace's own "me" (the lowest
        id if several are marked); see :mod:`allies.store.repositories.perspective`."""
        viewer = viewer_of(self._scope)
        found = self._select(
            t.people.c.is_me.is_(True) if viewer is None else t.people.c.id == viewer
        )
        return found[0] if found else None

    def _select(
        self,
        *where: ColumnElement[bool],
        order_by: Iterable[Any] | None = None,
        track: bool = True,
    ) -> list[Person]:
        return self._seen_by_viewer(super()._select(*where, order_by=order_by, track=track))

    def _seen_by_viewer(self, people: list[Person]) -> list[Person]:
        """``people`` with "me" set from the member viewing, when they have a person."""
        viewer = viewer_of(self._scope)
        if viewer is not None:
            for person in people:
                person.is_me = person.id == viewer
        return people

    def by_email(self, email: str) -> Person | None:
        """The person with this e-mail, compared case-insensitively; ``None`` if nobody."""
        needle = email.strip().lower()
        if not needle:
            return None
        # Stored e-mails are lower-case in a JSON list: find the rows that may hold it,
        # then compare exactly.
        fragment = json.dumps(needle)[1:-1]
        query = (
            select(t.people.c.id, t.people.c.emails)
            .where(
                self._in_workspace(),
                func.lower(cast(t.people.c.emails, Text)).contains(fragment, autoescape=True),
            )
            .order_by(t.people.c.id)
        )
        for person_id, emails in self._conn.execute(query).all():
            if any(str(stored).strip().lower() == needle for stored in emails or ()):
                return self.get(person_id)
        return None

    def named(self, name: str) -> list[Person]:
        """The people called exactly ``name`` without regard to case; when nobody is, those
        whose name is ``name`` without regard to accents either ("Etienne Dubois" for
        Étienne Dubois)."""
        folded = name.strip().casefold()
        found = self._select(func.lower(t.people.c.name) == folded)
        exact = [p for p in found if p.name.casefold() == folded]
        return exact or self._select(t.people.c.name_folded == fold(name.strip()))

    def listing(
        self,
        listing: ListingFilter,
        sort: ListingSort = "name",
        *,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Listed], int]:
        """One page of the people list, filtered and sorted by the database, and the number
        of rows of the whole list (see :mod:`allies.store.repositories.people_listing`)."""
        return list_people_page(
            self._conn,
            self._in_workspace(),
            lambda row: self._seen_by_viewer([self._map.load(row, {})])[0],
            listing,
            sort,
            offset=offset,
            limit=limit,
        )

    def several(self, person_ids: Iterable[int]) -> list[Person]:
        """The people with these ids (those of this workspace), oldest id first."""
        wanted = sorted({i for i in person_ids if storable_id(i)})
        found: list[Person] = []
        for start in range(0, len(wanted), IN_CHUNK):
            found += self._select(
                ids_in(self._conn, t.people.c.id, wanted[start : start + IN_CHUNK])
            )
        return sorted(found, key=lambda p: p.id or 0)

    def names(self, person_ids: Iterable[int]) -> dict[int, str]:
        """The names of the people with these ids (those of this workspace)."""
        wanted = sorted({i for i in person_ids if storable_id(i)})
        c = t.people.c
        names: dict[int, str] = {}
        for start in range(0, len(wanted), IN_CHUNK):
            query = select(c.id, c.name).where(
                self._in_workspace(), ids_in(self._conn, c.id, wanted[start : start + IN_CHUNK])
            )
            names.update({pid: name for pid, name in self._conn.execute(query).all()})
        return names

    def ids_where(
        self,
        *,
        tiers: Iterable[str] = (),
        tags: Iterable[str] = (),
        ids: Iterable[int] = (),
        organisation_ids: Iterable[int] = (),
    ) -> list[int]:
        """The ids of the people in any of these tiers, with any of these tags, among these
        ids or in any of these organisations (a tag is matched as a whole word)."""
        condition = people_matching(
            self._conn,
            PeopleFilter(tuple(tiers), tuple(tags), tuple(ids), tuple(organisation_ids)),
        )
        if condition is None:
            return []
        c = t.people.c
        query = select(c.id).where(self._in_workspace(), condition).order_by(c.id)
        return list(self._conn.scalars(query))

    def reach(
        self,
        watched: PeopleFilter,
        others: PeopleFilter,
        *,
        until: date,
        cutoff: date | None,
    ) -> list[Reached]:
        """Me, everyone ``others`` matches, and those ``watched`` matches whose last
        contact is on or before ``cutoff`` or who have none (none of them when ``cutoff``
        is ``None``), oldest id first, with whether ``watched`` matched them and their
        last contact on or before ``until``. The people are outlines: their name, tier,
        level, organisation, unit, tags, interests and values only (no contact details,
        notes or other free text), what the daily routine reads of them."""
        return reach(
            self._conn,
            self._scope.workspace_id,
            watched,
            others,
            until=until,
            cutoff=cutoff,
            me=viewer_of(self._scope),
        )

    def head_counts(self, by: Literal["organisation", "unit"]) -> dict[int, int]:
        """How many people each organisation (or unit) has, by its id."""
        column = t.people.c.organisation_id if by == "organisation" else t.people.c.unit_id
        query = (
            select(column, func.count())
            .where(self._in_workspace(), column.is_not(None))
            .group_by(column)
        )
        return {int(key): int(count) for key, count in self._conn.execute(query).all()}

    def tags(self) -> list[str]:
        """Every tag used in the workspace, sorted."""
        query = select(cast(t.people.c.tags, Text)).where(self._in_workspace()).distinct()
        return sorted(
            {
                str(tag)
                for (tags,) in self._conn.execute(query).all()
                for tag in json.loads(tags or "[]")
            }
        )

    def suggest(self, text: str, limit: int = 20) -> list[tuple[int, str]]:
        """Up to ``limit`` people whose name holds ``text`` (any case, any accents): names
        starting with it first, then by name; as ``(id, name)``."""
        c = t.people.c
        needle = fold(text.strip())
        name = c.name_folded
        query = select(c.id, c.name).where(self._in_workspace())
        if needle:
            query = query.where(name.contains(needle, autoescape=True)).order_by(
                name.startswith(needle, autoescape=True).desc(), name, c.id
            )
        else:
            query = query.order_by(name, c.id)
        return [(pid, found) for pid, found in self._conn.execute(query.limit(limit)).all()]

    def _values(self, entity: Person, *, new: bool) -> dict[str, Any]:
        values = super()._values(entity, new=new)
        if viewer_of(self._scope) is not None:
            # A member's "me" is their membership's person: the mark on the person stays
            # the workspace's own.
            if new:
                values["is_me"] = False
            else:
                del values["is_me"]
        values["updated_at"] = datetime.now(UTC)
        if new:
            values["created_at"] = values["updated_at"]
            values["version"] = 1
        else:
            values["version"] = t.people.c.version + 1
        return values

    def _written(self, entity: Person, values: dict[str, Any], *, new: bool) -> None:
        entity.updated_at = values["updated_at"]
        if new:
            entity.created_at = values["created_at"]
            self._versions[entity.id or 0] = 1
        elif entity.id in self._versions:
            self._versions[entity.id] += 1
