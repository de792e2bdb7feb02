"""The parts of the power-base report, each computed from one :class:`Standing`.

- :func:`composition`: my network by level, unit and organisation, band by band;
- :func:`distribution`: how strong my relationships are;
- :func:`reach_of`: whom my ties reach in one and two steps, and through whom;
- :func:`brokerage_of`: my constraint and effective size (Burt 1992) on my ties;
- :func:`sphere_of`: my sphere of influence, the personalised PageRank from me over
  "who takes my lead" (Brin and Page 1998; Haveliwala 2002);
- :func:`ledger_of`: how I keep my word and whether I give as much as I take.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
   Harvard University Press.
.. [2] Brin, S. and Page, L. (1998). "The anatomy of a large-scale hypertextual web search
   engine". *Computer Networks and ISDN Systems* 30(1-7):107-117.
.. [3] Haveliwala, T. H. (2002). "Topic-sensitive PageRank". *Proceedings of WWW 2002*,
   517-526.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from allies.analysis.graph import WeightedDigraph
from allies.analysis.powerbase import (
    BANDS,
    MODERATE,
    STRONG,
    crosstab,
    effective_number,
    ego_brokerage,
    histogram,
    reach,
    sphere_of_influence,
)
from allies.domain import FavourDirection, PromiseStatus
from allies.services.influence.graph import DAMPING
from allies.services.keep.ledger import favour_nudges, reliability_rows
from allies.services.standing.shapes import (
    Brokerage,
    GroupRow,
    Ledger,
    PersonRef,
    ReachSummary,
    Sphere,
    SphereRow,
    StrengthBin,
    StrengthDistribution,
)
from allies.services.standing.snapshot import STRENGTH_FORMULA, Standing

__all__ = [
    "LEVEL_ORDER",
    "Brokerage",
    "GroupRow",
    "Ledger",
    "PersonRef",
    "ReachSummary",
    "Sphere",
    "SphereRow",
    "StrengthBin",
    "StrengthDistribution",
    "brokerage_of",
    "composition",
    "distribution",
    "ledger_of",
    "reach_of",
    "sphere_of",
    "strength_ref",
    "strength_words",
]

#: A listens-to weight at least this large means someone takes my lead directly (more than
#: acquaintance: ``knows`` alone gives at most 0.05, ``works_with`` at most 0.2).
LEAD_MIN = 0.25

#: The order levels are shown in.
LEVEL_ORDER: tuple[str, ...] = ("above", "peer", "below", "external", "unknown")


def strength_words(band: str) -> str:
    """A band of relationship strength (:data:`allies.analysis.powerbase.BANDS`) as a
    manager reads it before "relationship": "strong", "moderate", "weak" or "no"."""
    return "no" if band == "none" else band


def strength_ref(person_id: int, name: str, value: float, band: str) -> PersonRef:
    """Someone named for my relationship with them (of strength ``value``, in ``band``):
    "weak relationship", with the strength itself as the detail."""
    return PersonRef(
        person_id, name, f"{strength_words(band)} relationship", f"strength {value:.2f}"
    )


def _group_rows(
    standing: Standing, label: Callable[[int], str], order: tuple[str, ...] = ()
) -> list[GroupRow]:
    others = standing.others()
    labels = [label(pid) for pid in others]
    names = list(dict.fromkeys([*[o for o in order if o in labels], *sorted(set(labels))]))
    code = {name: k for k, name in enumerate(names)}
    index = standing.others_index
    bands = standing.bands[index]
    strength = standing.strength[index]
    table = crosstab([code[x] for x in labels], len(names), bands)
    grouped: dict[str, list[int]] = {name: [] for name in names}
    for i, x in enumerate(labels):
        grouped[x].append(i)
    rows: list[GroupRow] = []
    for k, name in enumerate(names):
        members = grouped[name]
        allies = sorted(
            (m for m in members if bands[m] == 3), key=lambda m: (-strength[m], others[m])
        )
        rows.append(
            GroupRow(
                group=name,
                people=len(members),
                strong=int(table[k, 3]),
                moderate=int(table[k, 2]),
                weak=int(table[k, 1]),
                none=int(table[k, 0]),
                mean_strength=round(float(np.mean(strength[members])), 3) if members else 0.0,
                allies=[
                    PersonRef(others[m], standing.network.name(others[m]), f"{strength[m]:.2f}")
                    for m in allies[:3]
                ],
            )
        )
    return rows


def composition(standing: Standing) -> dict[str, list[GroupRow]]:
    """My network by level, unit and organisation (keys ``level``, ``unit``,
    ``organisation``); units and organisations by the number of people, largest first."""
    by_unit = _group_rows(standing, standing.unit_of)
    by_org = _group_rows(standing, standing.organisation_of)
    return {
        "level": _group_rows(standing, standing.level_of, LEVEL_ORDER),
        "unit": sorted(by_unit, key=lambda r: (-r.people, r.group.casefold())),
        "organisation": sorted(by_org, key=lambda r: (-r.people, r.group.casefold())),
    }


def distribution(standing: Standing, *, bins: int = 5, strongest: int = 5) -> StrengthDistribution:
    """The histogram of strengths, the count per band and my strongest ties."""
    index = standing.others_index
    values = standing.strength[index]
    counts = histogram(values, bins)
    band_counts = Counter(BANDS[int(b)] for b in standing.bands[index])
    order = np.lexsort((np.asarray(standing.others()), -values))[:strongest]
    ties = [standing.tieline(standing.others()[int(k)]) for k in order if values[int(k)] > 0]
    return StrengthDistribution(
        bins=[
            StrengthBin(round(k / bins, 3), round((k + 1) / bins, 3), int(c))
            for k, c in enumerate(counts)
        ],
        bands={band: band_counts.get(band, 0) for band in BANDS},
        mean=round(float(values.mean()), 3) if len(values) else 0.0,
        median=round(float(np.median(values)), 3) if len(values) else 0.0,
        strongest=ties,
        formula=f"{STRENGTH_FORMULA}; strong ≥ {STRONG}, moderate ≥ {MODERATE}, weak > 0",
    )


def reach_of(standing: Standing) -> ReachSummary:
    """Whom my ties reach, at any strength and through strong ties only."""
    graph = standing.network.introduction_graph
    me = standing.me_index
    anyone = reach(graph, me)
    # Through allies: my first step counts my relationship strength, theirs their tie.
    weights = sp.lil_array(graph.weights)
    weights[[me], :] = standing.strength.reshape(1, -1)
    allies = reach(WeightedDigraph(sp.csr_array(weights), graph.ids), me, min_weight=STRONG)
    opened = Counter(int(v) for v in allies.via.tolist())
    ids = standing.ids
    through = [
        PersonRef(ids[k], standing.network.name(ids[k]), f"{count} more people")
        for k, count in sorted(opened.items(), key=lambda x: (-x[1], ids[x[0]]))[:3]
    ]
    people = len(ids) - 1
    return ReachSummary(
        people=people,
        direct=len(anyone.first),
        two_steps=len(anyone.second),
        beyond=max(people - len(anyone.first) - len(anyone.second), 0),
        strong_direct=len(allies.first),
        strong_two_steps=len(allies.second),
        through=through,
    )


def _none_if_nan(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 3)


def brokerage_of(standing: Standing) -> Brokerage:
    """My constraint and effective size on my ties, and the contacts who close my network."""
    found = ego_brokerage(standing.network.introduction_graph, standing.me_index)
    total = float(found.dyadic.sum()) if len(found.dyadic) else 0.0
    order = np.lexsort((found.contacts, -found.dyadic))[:3]
    closing = [
        PersonRef(
            standing.ids[int(found.contacts[k])],
            standing.network.name(standing.ids[int(found.contacts[k])]),
            f"{100 * found.dyadic[k] / total:.0f}% of your constraint",
        )
        for k in order.tolist()
        if total > 0
    ]
    return Brokerage(
        constraint=_none_if_nan(found.constraint),
        effective_size=_none_if_nan(found.effective_size),
        contacts=len(found.contacts),
        freer_than=round(found.share_below, 3),
        closing=closing,
        formula=(
            "Burt's constraint Σ_j (p_ij + Σ_q p_iq p_qj)² and effective size on your current "
            "ties (p_ij: the tie to j as a share of all yours); low constraint and a large "
            "effective size mean your contacts are not tied to each other, so you broker"
        ),
    )


def sphere_of(standing: Standing, *, top: int = 10) -> Sphere:
    """My sphere of influence: personalised PageRank from me on who takes my lead."""
    graph = standing.network.graph
    me = standing.me_index
    scores = sphere_of_influence(graph, me, DAMPING)
    kept = float(scores[me])
    rest = scores.copy()
    rest[me] = 0.0
    total = float(rest.sum())
    shares = rest / total if total > 0 else rest
    column = graph.weights[:, [me]].toarray().reshape(-1)
    listeners = set(np.flatnonzero(column >= LEAD_MIN).tolist())
    ids = standing.ids
    by_level: dict[str, float] = defaultdict(float)
    by_unit: dict[str, float] = defaultdict(float)
    for k, pid in enumerate(ids):
        if k != me and shares[k] > 0:
            by_level[standing.level_of(pid)] += float(shares[k])
            by_unit[standing.unit_of(pid)] += float(shares[k])
    order = np.lexsort((np.asarray(ids), -shares))
    rows = [
        SphereRow(
            id=ids[k],
            name=standing.network.name(ids[k]),
            title=standing.network.people[ids[k]].title,
            level=standing.level_of(ids[k]),
            unit=standing.unit_of(ids[k]),
            share=round(float(shares[k]), 4),
            listens_directly=k in listeners,
        )
        for k in order.tolist()[:top]
        if shares[k] > 0 and k != me
    ]
    return Sphere(
        people=rows,
        listeners=len(listeners),
        kept=round(kept, 4),
        effective_people=round(effective_number(shares), 1),
        by_level={level: round(by_level[level], 4) for level in LEVEL_ORDER if by_level[level] > 0},
        by_unit={
            unit: round(v, 4) for unit, v in sorted(by_unit.items(), key=lambda x: (-x[1], x[0]))
        },
        formula=(
            f"personalised PageRank from you over who takes your lead (d = {DAMPING}): a walk "
            "that moves from a person to someone who listens to them, and returns to you "
            "otherwise; a share is the time it spends with each person, you left out"
        ),
    )


def ledger_of(standing: Standing) -> Ledger:
    """My reliability, theirs, the favours balance and whom I owe."""
    snapshot, today = standing.snapshot, standing.as_of
    rows = reliability_rows(snapshot, today)
    mine, theirs = rows[0], rows[1]
    me = standing.me_id
    overdue = [
        f"{c.description} (to {snapshot.name(c.promisee_id)}, due {c.due_on.isoformat()})"
        for c in snapshot.promises
        if c.promiser_id == me and c.is_overdue(today) and c.due_on is not None
    ]
    given = sum(
        f.size.value_units for f in snapshot.favours if f.direction is FavourDirection.GIVEN
    )
    received = sum(
        f.size.value_units for f in snapshot.favours if f.direction is FavourDirection.RECEIVED
    )
    owe = [
        PersonRef(n.person_id, n.name, f"{n.received - n.given} units; they value {n.values}")
        if n.values
        else PersonRef(n.person_id, n.name, f"{n.received - n.given} units")
        for n in favour_nudges(snapshot)
    ]
    broken = sum(
        1 for c in snapshot.promises if c.promiser_id == me and c.status is PromiseStatus.BROKEN
    )
    return Ledger(
        my_reliability=mine.reliability,
        kept=mine.kept,
        late=mine.late,
        broken=broken,
        overdue=overdue,
        their_reliability=theirs.reliability,
        given_units=given,
        received_units=received,
        owe=owe,
    )
