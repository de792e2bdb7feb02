"""The seeded organisation-like network of ``benchmarks/influence.py`` and its store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import insert, select

from allies.store import open_store
from allies.store import tables as t
from allies.store.uow import SqlUnitOfWorkFactory

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


AS_OF = date(2025, 6, 30)
WORKSPACE = "organisation"
TIE_KINDS = ("reports_to", "works_with", "listens_to", "trusts", "knows")
OBSERVATION_KINDS = (
    "deferred_to",
    "eyes_went_to",
    "has_ear_of",
    "sought_advice_from",
    "endorsed",
    "opposed",
)


# -- the organisation ------------------------------------------------------------------


@dataclass(frozen=True)
class Organisation:
    """A synthetic organisation as arrays (person indices ``0..n-1``).

    Attributes
    ----------
    unit_of, unit_parent, unit_depth : ndarray of int
        Each person's unit; each unit's parent unit (−1 for the top) and depth.
    level : ndarray of int
        Each person's distance from the top of the reporting tree (0 for the chief).
    tie_source, tie_target, tie_kind : ndarray of int
        One entry per stated tie; ``tie_kind`` indexes :data:`TIE_KINDS`.
    tie_weight, tie_confidence : ndarray of float
    tie_valid_from, tie_valid_to : ndarray of int
        Days relative to :data:`AS_OF`, or the sentinel ``NO_DAY`` for an open end.
    seen_subject, seen_object, seen_kind, seen_days_ago : ndarray of int
        One entry per observation; ``seen_kind`` indexes :data:`OBSERVATION_KINDS`.
    seen_strength : ndarray of float
    """

    unit_of: IntArray
    unit_parent: IntArray
    unit_depth: IntArray
    level: IntArray
    tie_source: IntArray
    tie_target: IntArray
    tie_kind: IntArray
    tie_weight: FloatArray
    tie_confidence: FloatArray
    tie_valid_from: IntArray
    tie_valid_to: IntArray
    seen_subject: IntArray
    seen_object: IntArray
    seen_kind: IntArray
    seen_days_ago: IntArray
    seen_strength: FloatArray

    @property
    def people(self) -> int:
        """Number of people."""
        return len(self.unit_of)

    @property
    def ties(self) -> int:
        """Number of stated ties."""
        return len(self.tie_source)

    @property
    def observations(self) -> int:
        """Number of observations."""
        return len(self.seen_subject)


NO_DAY = np.iinfo(np.int64).min


def _draw(rng: np.random.Generator, weights: FloatArray, size: int) -> IntArray:
    """``size`` indices drawn with probability proportional to ``weights``."""
    cumulative = np.cumsum(weights)
    picks = np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right")
    return np.minimum(picks, len(weights) - 1).astype(np.int64)


def _in_unit(
    rng: np.random.Generator, people: IntArray, start: IntArray, size: IntArray
) -> IntArray:
    """For each person, a random member of their own unit (``start``/``size`` per person)."""
    return start + (rng.random(len(people)) * size).astype(np.int64)


def make_organisation(
    n: int = 100_000,
    n_ties: int = 1_000_000,
    n_observations: int = 50_000,
    seed: int = 2025,
) -> Organisation:
    """A seeded organisation: units of 10-50 people under a reporting tree.

    Parameters
    ----------
    n : int
        People.
    n_ties : int
        Stated ties, exactly: one ``reports_to`` per person but the chief, then
        ``works_with`` inside the unit, ``listens_to`` and ``trusts`` drawn towards senior
        people and a few quiet influencers (preferential attachment to an attractiveness
        that grows with seniority and a heavy tail), and ``knows`` across the organisation.
    n_observations : int
        Dated observations over the two years before :data:`AS_OF` (a few after it).
    seed : int
        The same seed gives the same organisation.
    """
    rng = np.random.default_rng(seed)
    # Units of 10-50 people, each under a parent unit (a tree about four units wide).
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(int(rng.integers(10, 51)))
    sizes[-1] -= sum(sizes) - n
    if sizes[-1] < 2:
        sizes[-2] += sizes.pop()
    unit_size = np.asarray(sizes, dtype=np.int64)
    units = len(unit_size)
    unit_parent = np.full(units, -1, dtype=np.int64)
    unit_parent[1:] = np.maximum(0, (np.arange(1, units) - 1) // 4 - rng.integers(0, 2, units - 1))
    unit_depth = np.zeros(units, dtype=np.int64)
    for u in range(1, units):
        unit_depth[u] = unit_depth[unit_parent[u]] + 1
    unit_start = np.concatenate(([0], np.cumsum(unit_size)[:-1])).astype(np.int64)
    unit_of = np.repeat(np.arange(units, dtype=np.int64), unit_size)
    head = unit_start  # the first member of a unit leads it
    person = np.arange(n, dtype=np.int64)
    is_head = person == head[unit_of]
    level = unit_depth[unit_of] + (~is_head).astype(np.int64)
    start, size = unit_start[unit_of], unit_size[unit_of]

    # Attractiveness: seniority times a heavy tail, and a few quiet influencers.
    appeal = (1.0 + rng.pareto(2.0, n)) * np.exp(-0.6 * level)
    quiet = rng.choice(np.flatnonzero(~is_head), size=max(1, n // 500), replace=False)
    appeal[quiet] *= 40.0

    sources: list[IntArray] = []
    targets: list[IntArray] = []
    kinds: list[IntArray] = []

    def add(kind: str, src: IntArray, dst: IntArray) -> None:
        keep = src != dst
        sources.append(src[keep])
        targets.append(dst[keep])
        kinds.append(np.full(int(keep.sum()), TIE_KINDS.index(kind), dtype=np.int64))

    boss = np.where(is_head, head[np.maximum(unit_parent[unit_of], 0)], head[unit_of])
    has_boss = person != boss
    add("reports_to", person[has_boss], boss[has_boss])
    rest = n_ties - int(has_boss.sum())
    share = {"works_with": 0.32, "listens_to": 0.26, "trusts": 0.17, "knows": 0.25}
    budget = {kind: int(rest * part * 1.02) for kind, part in share.items()}

    src = rng.integers(0, n, budget["works_with"])
    add("works_with", src, _in_unit(rng, src, start[src], size[src]))

    src = rng.integers(0, n, budget["listens_to"])
    local = rng.random(len(src)) < 0.4
    dst = _draw(rng, appeal, len(src))
    dst[local] = _in_unit(rng, src[local], start[src[local]], size[src[local]])
    up = rng.random(len(src)) < 0.15  # the boss's boss
    dst[up] = boss[boss[src[up]]]
    add("listens_to", src, dst)

    src = rng.integers(0, n, budget["trusts"])
    local = rng.random(len(src)) < 0.6
    dst = _draw(rng, appeal, len(src))
    dst[local] = _in_unit(rng, src[local], start[src[local]], size[src[local]])
    add("trusts", src, dst)

    src = rng.integers(0, n, budget["knows"])
    near = rng.random(len(src)) < 0.5  # someone in the parent unit, else anyone
    dst = rng.integers(0, n, len(src))
    parent = np.maximum(unit_parent[unit_of[src[near]]], 0)
    dst[near] = unit_start[parent] + (rng.random(int(near.sum())) * unit_size[parent]).astype(
        np.int64
    )
    add("knows", src, dst)

    # A small organisation loses more draws to self-ties (its units are small) than the
    # 2 % margin covers: top up with acquaintances until there are enough to choose from
    # (a large one never needs it, so its ties stay those of the seed).
    while sum(map(len, sources)) < n_ties:
        extra = 2 * (n_ties - sum(map(len, sources)))
        add("knows", rng.integers(0, n, extra), rng.integers(0, n, extra))
    tie_source = np.concatenate(sources)
    tie_target = np.concatenate(targets)
    tie_kind = np.concatenate(kinds)
    reports = int(has_boss.sum())
    chosen = reports + np.sort(rng.choice(len(tie_source) - reports, n_ties - reports, False))
    keep = np.concatenate((np.arange(reports), chosen))
    tie_source, tie_target, tie_kind = tie_source[keep], tie_target[keep], tie_kind[keep]
    m = len(tie_source)
    low = np.asarray([0.5, 0.2, 0.3, 0.3, 0.1])[tie_kind]
    high = np.asarray([1.0, 1.0, 1.0, 1.0, 0.8])[tie_kind]
    tie_weight = np.round(low + (high - low) * rng.random(m), 3)
    tie_confidence = np.where(rng.random(m) < 0.8, 1.0, np.round(rng.uniform(0.5, 1.0, m), 2))
    tie_valid_from = np.full(m, NO_DAY, dtype=np.int64)
    tie_valid_to = np.full(m, NO_DAY, dtype=np.int64)
    dated = rng.random(m)
    ended = dated < 0.03
    tie_valid_to[ended] = -rng.integers(1, 700, int(ended.sum()))
    tie_valid_from[ended] = tie_valid_to[ended] - rng.integers(30, 1000, int(ended.sum()))
    started = (dated >= 0.03) & (dated < 0.25)
    tie_valid_from[started] = -rng.integers(0, 2000, int(started.sum()))
    future = (dated >= 0.25) & (dated < 0.26)
    tie_valid_from[future] = rng.integers(1, 200, int(future.sum()))

    # Observations: mostly towards senior people and the quiet influencers.
    seen_kind = _draw(rng, np.asarray([0.3, 0.2, 0.1, 0.2, 0.12, 0.08]), n_observations)
    seen_subject = rng.integers(0, n, n_observations)
    seen_object = _draw(rng, appeal, n_observations)
    ear = seen_kind == OBSERVATION_KINDS.index("has_ear_of")  # an influencer has a boss's ear
    seen_subject[ear] = _draw(rng, appeal, int(ear.sum()))
    seen_object[ear] = boss[seen_subject[ear]]
    keep = seen_subject != seen_object
    seen_subject, seen_object, seen_kind = seen_subject[keep], seen_object[keep], seen_kind[keep]
    seen_days_ago = rng.integers(-30, 730, len(seen_kind))
    seen_strength = np.round(rng.uniform(0.3, 1.0, len(seen_kind)), 2)
    return Organisation(
        unit_of=unit_of,
        unit_parent=unit_parent,
        unit_depth=unit_depth,
        level=level,
        tie_source=tie_source,
        tie_target=tie_target,
        tie_kind=tie_kind,
        tie_weight=tie_weight,
        tie_confidence=tie_confidence,
        tie_valid_from=tie_valid_from,
        tie_valid_to=tie_valid_to,
        seen_subject=seen_subject,
        seen_object=seen_object,
        seen_kind=seen_kind,
        seen_days_ago=seen_days_ago,
        seen_strength=seen_strength,
    )


# -- the store ---------------------------------------------------------------------------


def _day(offset: int) -> date | None:
    return None if offset == NO_DAY else AS_OF + timedelta(days=offset)


def _chunks(rows: Iterator[dict[str, Any]], size: int = 50_000) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_store(org: Organisation, folder: Path) -> tuple[SqlUnitOfWorkFactory, IntArray]:
    """Write the organisation into a new SQLite store with bulk inserts.

    Returns the unit-of-work factory and the store id of each person index.
    """
    factory = open_store(f"sqlite:///{folder / 'allies.db'}")
    with factory(WORKSPACE) as uow:  # creates the workspace
        uow.commit()
    now = datetime.now(UTC)
    with factory.engine.begin() as conn:
        workspace = conn.scalar(select(t.workspaces.c.id).where(t.workspaces.c.name == WORKSPACE))
        units = len(org.unit_parent)
        conn.execute(
            insert(t.units),
            [{"workspace_id": workspace, "name": f"Unit {u}"} for u in range(units)],
        )
        unit_ids = np.asarray(
            conn.scalars(
                select(t.units.c.id).where(t.units.c.workspace_id == workspace).order_by("id")
            ).all(),
            dtype=np.int64,
        )
        titles = ["Chief", "Director", "Head", "Manager", "Lead", "Staff"]
        people: Iterator[dict[str, Any]] = (
            {
                "workspace_id": workspace,
                "name": f"Person {i}",
                "title": titles[min(int(org.level[i]), len(titles) - 1)],
                "unit_id": int(unit_ids[org.unit_of[i]]),
                "emails": [],
                "phones": [],
                "tags": [],
                "is_me": i == org.people - 1,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for i in range(org.people)
        )
        for chunk in _chunks(people):
            conn.execute(insert(t.people), chunk)
        person_ids = np.asarray(
            conn.scalars(
                select(t.people.c.id).where(t.people.c.workspace_id == workspace).order_by("id")
            ).all(),
            dtype=np.int64,
        )
        kinds = list(TIE_KINDS)
        ties: Iterator[dict[str, Any]] = (
            {
                "workspace_id": workspace,
                "source_id": s,
                "target_id": d,
                "kind": kinds[k],
                "weight": w,
                "confidence": c,
                "origin": "stated",
                "valid_from": _day(f),
                "valid_to": _day(v),
                "note": "",
            }
            for s, d, k, w, c, f, v in zip(
                person_ids[org.tie_source].tolist(),
                person_ids[org.tie_target].tolist(),
                org.tie_kind.tolist(),
                org.tie_weight.tolist(),
                org.tie_confidence.tolist(),
                org.tie_valid_from.tolist(),
                org.tie_valid_to.tolist(),
                strict=True,
            )
        )
        for chunk in _chunks(ties):
            conn.execute(insert(t.ties), chunk)
        seen: Iterator[dict[str, Any]] = (
            {
                "workspace_id": workspace,
                "subject_id": s,
                "object_id": o,
                "kind": OBSERVATION_KINDS[k],
                "observed_on": AS_OF - timedelta(days=a),
                "strength": w,
                "context": "",
                "note": "",
            }
            for s, o, k, a, w in zip(
                person_ids[org.seen_subject].tolist(),
                person_ids[org.seen_object].tolist(),
                org.seen_kind.tolist(),
                org.seen_days_ago.tolist(),
                org.seen_strength.tolist(),
                strict=True,
            )
        )
        for chunk in _chunks(seen):
            conn.execute(insert(t.observations), chunk)
    return factory, person_ids


# -- timing --------------------------------------------------------------------------------
