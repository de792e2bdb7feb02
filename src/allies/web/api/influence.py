"""``/api/v1/influence/...``: who moves the decision, as JSON, with the evidence.

Each endpoint returns what the command line shows (the same service, the same numbers),
including the parts that explain it: the formula, the people behind each score and the
records behind each weight. People are named by id.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from allies.services.influence import ranking as influence
from allies.web.api.common import DAY_NOTE, Day, ref
from allies.web.deps import LensDep, UoW
from allies.web.schemas.common import ERRORS

router = APIRouter(prefix="/api/v1/influence", tags=["influence"], responses=ERRORS)

AsOf = Annotated[
    Day | None, Query(description="Weigh the evidence as on this day (default: today)." + DAY_NOTE)
]
Top = Annotated[int, Query(ge=1, le=10_000, description="How many people to return.")]


def _source(source: int | None) -> str:
    return "me" if source is None else ref(source)


@router.get("/influencers", response_model=influence.InfluenceRanking)
def influencers(
    uow: UoW,
    lens: LensDep,
    deciders: Annotated[
        list[int] | None,
        Query(description="Ids of the deciders; ranks people by the deciders' ear."),
    ] = None,
    campaign: Annotated[
        str | None,
        Query(description="Use this campaign's deciders (name, id, or 'active')."),
    ] = None,
    top: Top = 10,
    as_of: AsOf = None,
) -> influence.InfluenceRanking:
    """The influence ranking (PageRank of being listened to), or the deciders' ear."""
    return influence.influencers(
        uow,
        deciders=[ref(d) for d in deciders or []],
        campaign=campaign,
        top=top,
        lens=lens.on(as_of),
    )


@router.get("/brokers", response_model=influence.BrokerReport)
def brokers(
    uow: UoW,
    lens: LensDep,
    top: Top = 10,
    pivots: Annotated[
        int | None, Query(ge=2, description="Sample this many pivots instead of exact.")
    ] = None,
    seed: Annotated[
        int, Query(ge=0, le=2**32 - 1, description="Seed of the sample and communities.")
    ] = 0,
    as_of: AsOf = None,
) -> influence.BrokerReport:
    """Who stands between others: betweenness (with its error bound), constraint, size."""
    return influence.brokers(
        uow,
        top=top,
        pivots=pivots,
        seed=seed,
        lens=lens.on(as_of),
    )


@router.get("/communities", response_model=influence.CommunityReport)
def communities(
    uow: UoW,
    lens: LensDep,
    seed: Annotated[
        int, Query(ge=0, le=2**32 - 1, description="The same seed gives the same groups.")
    ] = 0,
    as_of: AsOf = None,
) -> influence.CommunityReport:
    """Groups who listen to each other more than to the rest, with their modularity."""
    return influence.communities(uow, seed=seed, lens=lens.on(as_of))


@router.get("/path", response_model=influence.WarmPaths)
def path(
    uow: UoW,
    lens: LensDep,
    target: Annotated[int, Query(description="The person to reach (id).")],
    source: Annotated[int | None, Query(description="Where to start (id); me if left out.")] = None,
    alternatives: Annotated[int, Query(ge=0, le=20, description="Next-best paths.")] = 2,
    as_of: AsOf = None,
) -> influence.WarmPaths:
    """The strongest warm path and alternatives; ``paths`` is empty when none exists."""
    return influence.warm_path(
        uow,
        ref(target),
        alternatives=alternatives,
        source=_source(source),
        lens=lens.on(as_of),
    )


@router.get("/confidants", response_model=influence.Confidants)
def confidants(
    uow: UoW,
    lens: LensDep,
    target: Annotated[int, Query(description="The person to influence (id).")],
    source: Annotated[
        int | None, Query(description="Whose closeness counts; me by default.")
    ] = None,
    as_of: AsOf = None,
) -> influence.Confidants:
    """Whom the target trusts, closest to me first, with the path to each."""
    return influence.confidants(
        uow,
        ref(target),
        source=_source(source),
        lens=lens.on(as_of),
    )


@router.get("/why", response_model=influence.PersonWhy)
def why(
    uow: UoW,
    lens: LensDep,
    person: Annotated[int, Query(description="The person to explain (id).")],
    as_of: AsOf = None,
) -> influence.PersonWhy:
    """The evidence that puts a person where they are in the ranking."""
    return influence.why(uow, ref(person), lens=lens.on(as_of))
