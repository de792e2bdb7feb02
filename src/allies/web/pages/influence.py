"""The Influence page (rankings, brokers, communities, warm paths) and why a person ranks.

``/influence`` shows who is listened to (or who has the deciders' ear), the brokers and the
communities; given someone to reach it adds the warm paths to them and their confidants.
``/people/{id}/influence`` explains one person's place; asked by htmx it answers with the
fragment the person page loads.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from allies.errors import AlliesError
from allies.services.influence import ranking as influence
from allies.services.influence.standouts import beyond_their_title
from allies.web.deps import LensDep, UoW, is_htmx, render
from allies.web.forms import person_ref, person_refs

router = APIRouter(include_in_schema=False)


def _problem(exc: AlliesError) -> str:
    return exc.message + (f" {exc.hint}" if exc.hint else "")


@router.get("/influence", response_class=HTMLResponse, name="influence")
def influence_page(
    request: Request,
    uow: UoW,
    lens: LensDep,
    deciders: str = "",
    campaign: str = "",
    top: Annotated[int, Query(ge=1, le=500)] = 15,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
    to: str = "",
) -> HTMLResponse:
    """Rankings, brokers and communities; warm paths and confidants for ``to``.

    The network is read once; every analysis on the page works on that one read.
    """
    network = influence.load_influence_network(uow, lens=lens, with_campaigns=True)
    errors: list[str] = []
    try:
        ranking = influence.influencers_in(
            network, deciders=person_refs(deciders), campaign=campaign or None, top=top
        )
    except AlliesError as exc:
        errors.append(_problem(exc))
        ranking = influence.influencers_in(network, top=top)
    reach = confidants = None
    if to.strip():
        try:
            warmth = influence.relationship_warmth(uow, lens)
            reach = influence.warm_path_in(network, person_ref(to), warmth=warmth)
            confidants = influence.confidants_in(network, person_ref(to), warmth=warmth)
        except AlliesError as exc:
            errors.append(_problem(exc))
    context = {
        "title": "Influence",
        "section": "influence",
        "ranking": ranking,
        "standouts": beyond_their_title(network),
        "brokers": influence.brokers_in(network, top=10, seed=seed),
        "communities": influence.communities_in(network, seed=seed),
        "reach": reach,
        "confidants": confidants,
        "errors": errors,
        "query": {"deciders": deciders, "campaign": campaign, "top": top, "seed": seed, "to": to},
        "campaigns": [c.name for c in network.campaigns],
        "suggest": {
            "people": ["me"] + [f"{p.name} (#{pid})" for pid, p in sorted(network.people.items())]
        },
    }
    return render(request, "influence/index.html", context)


@router.get("/people/{person_id}/influence", response_class=HTMLResponse, name="person-influence")
def person_influence(request: Request, uow: UoW, lens: LensDep, person_id: int) -> HTMLResponse:
    """Why a person ranks where they do: their listeners and the records behind them."""
    why = influence.why(uow, f"#{person_id}", lens=lens)
    context = {"title": f"Why {why.name} matters", "section": "influence", "why": why}
    if is_htmx(request):
        return render(request, "influence/_why.html", context)
    return render(request, "influence/why.html", context)
