"""The in-memory unit of work's health sums (:mod:`tests.integration.services.fake_uow`):
the same sums as :class:`allies.store.repositories.health_reads.SqlHealthReads`, added up
from the records one by one."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from allies.domain import PromiseStatus
from allies.domain.health_tallies import (
    ContactTallies,
    FavourTallies,
    HealthTallies,
    PeopleColumns,
    PromiseColumns,
)

if TYPE_CHECKING:
    from tests.integration.services.fake_uow import FakeUnitOfWork


def _period(day: date, bounds: Sequence[date]) -> int | None:
    """The period of a day (``None`` after the last bound)."""
    for k, bound in enumerate(bounds):
        if day <= bound:
            return k
    return None


class FakeHealthReads:
    """Per-person sums of interactions, favours and promises, from the fake's records."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    def tallies(
        self,
        bounds: Sequence[date],
        half_life: float,
        units: Mapping[str, int],
        *,
        tags: bool = False,
        only: Sequence[int] | None = None,
    ) -> HealthTallies:
        cut = tuple(sorted(bounds))
        everyone = self._uow.people.list()
        me = next((p.id for p in everyone if p.is_me), None)
        others = sorted((p for p in everyone if p.id != me), key=lambda p: p.id or 0)
        if only is not None:
            others = [p for p in others if p.id in set(only)]
        contacts: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
        for meeting in self._uow.interactions.list():
            k = _period(meeting.occurred_on, cut)
            if k is None:
                continue
            day = meeting.occurred_on.toordinal()
            w = 2.0 ** ((day - cut[-1].toordinal()) / half_life)
            for pid in meeting.participant_ids:
                row = contacts[(pid, k)]
                row[0] += 1
                row[1] = max(row[1], day)
                row[2] += w
                row[3] += meeting.tone * w
        favours: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        for favour in self._uow.favours.list():
            k = _period(favour.occurred_on, cut)
            if k is None:
                continue
            row = favours[(favour.person_id, k)]
            row[0] += 1
            row[1 if favour.signed_value > 0 else 2] += units.get(favour.size.value, 0)
        promises = []
        for c in self._uow.promises.list():
            if c.status is PromiseStatus.RELEASED or me not in (c.promiser_id, c.promisee_id):
                continue
            other = c.promisee_id if c.promiser_id == me else c.promiser_id
            promises.append(
                (
                    other,
                    c.made_on.toordinal(),
                    None if c.due_on is None else c.due_on.toordinal(),
                    None if c.resolved_on is None else c.resolved_on.toordinal(),
                    c.status.value,
                )
            )
        return HealthTallies(
            bounds=cut,
            half_life=half_life,
            me_id=me,
            people=PeopleColumns(
                ids=[p.id or 0 for p in others],
                names=[p.name for p in others],
                tiers=[p.tier.value if p.tier else None for p in others],
                tags=[list(p.tags) for p in others] if tags else [],
            ),
            contacts=ContactTallies.of((pid, k, *row) for (pid, k), row in contacts.items()),
            favours=FavourTallies.of((pid, k, *row) for (pid, k), row in favours.items()),
            promises=PromiseColumns.of(promises),
        )

    def names(self) -> dict[int, str]:
        return {p.id or 0: p.name for p in self._uow.people.list()}

    def stamp(self) -> str:
        """A digest of every record the sums are made of."""
        records = (
            self._uow.people.list(),
            self._uow.interactions.list(),
            self._uow.favours.list(),
            self._uow.promises.list(),
        )
        return hashlib.blake2b(repr(records).encode(), digest_size=16).hexdigest()


class FakeAnalysisCache:
    """Stored analyses of one workspace, in the fake's state (committed with it)."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    def _kept(self, kind: str) -> dict[str, tuple[datetime, bytes]]:
        return self._uow._state().analyses.setdefault((self._uow.workspace, kind), {})

    def get(self, kind: str, key: str) -> bytes | None:
        found = self._kept(kind).get(key)
        return None if found is None else found[1]

    def has(self, kind: str, key: str) -> bool:
        return key in self._kept(kind)

    def newest(self, kind: str) -> list[tuple[str, datetime, bytes]]:
        rows = sorted(self._kept(kind).items(), key=lambda item: item[1][0], reverse=True)
        return [(key, at, payload) for key, (at, payload) in rows]

    def put(self, kind: str, key: str, payload: bytes) -> bool:
        self._kept(kind)[key] = (datetime.now(UTC), payload)
        return True

    def clear(self) -> int:
        mine = [k for k in self._uow._state().analyses if k[0] == self._uow.workspace]
        count = sum(len(self._uow._state().analyses.pop(k)) for k in mine)
        return count
