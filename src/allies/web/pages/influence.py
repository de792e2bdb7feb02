"""The Influence page (rankings, brokers, communities, warm paths) and why a person ranks.

``/influence`` shows who is listened to (or who has the deciders' ear), the brokers and the
communities; given someone to reach it adds the warm paths to them and their confidants.
``/people/{id}/influence`` explains one person's place; asked by htmx it answers with the
fragment the person page loads.

Up to :data:`INLINE_BROKERS` people every part is worked out while the page waits. On a
larger network the page never runs the slow analyses: the brokers and the communities come
from those kept in the background (:mod:`allies.services.influence.kept`) for the network
as it is; when they are not (a change, or the very first look), the brokers of the newest
state worked out are shown marked as such, or a short note, and the background work is
asked for them; ``/influence/brokers`` and ``/influence/communities`` are fetched every few
seconds until they are there. When even the listens-to graph is not kept for the network
as it is (building it reads every tie: about a second at 20,000 people), the page says it
is being worked out and ``/influence/ready`` reloads it once it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from allies.background.soon import run_here, run_soon
from allies.bootstrap import unit_of_work_factory
from allies.errors import AlliesError
from allies.services.context import Lens
from allies.services.influence import ranking as influence
from allies.services.influence.graph import InfluenceNetwork
from allies.services.influence.kept import COMMUNITIES, latest_exact, refresh_soon
from allies.services.influence.ready import listens_kept
from allies.services.influence.standouts import beyond_their_title
from allies.web.deps import LensDep, SettingsDep, UoW, is_htmx, render
from allies.web.forms import person_ref, person_refs

router = APIRouter(include_in_schema=False)

#: Up to this many people the brokers are worked out while the page waits; beyond, they
#: come from the analyses kept in the background (the page never waits for them).
INLINE_BROKERS = 500
#: Up to this many people every person field offers everyone from the page itself.
INLINE_PEOPLE = 300
#: How many members of each community the page names (the most influential first).
MEMBERS_SHOWN = 12
#: Seconds between two looks of a page waiting for the network to be worked out.
POLL_SECONDS = 3


def _ask(settings: SettingsDep, workspace: str, lens: Lens, seed: int) -> None:
    """Ask the background work for the slow analyses of the network as it is now.

    The default seed is the ``analyses`` task's (the laptop's scheduler at once, a team
    server's workers from the job queue; with neither, a script or a test's app, a thread
    of this process); another seed is worked out in a thread of this process.
    """
    if seed == 0:
        if not run_soon(settings, "analyses", workspace):
            refresh_soon(lambda: unit_of_work_factory(settings)(workspace), lens)
        return

    def work() -> None:
        network = influence.load_influence_network(unit_of_work_factory(settings)(workspace), lens)
        influence.brokers_in(network, top=10, seed=seed)  # keeps communities and brokers

    run_here(f"influence:{workspace}:{seed}", work)


def _communities_kept(network: InfluenceNetwork, seed: int) -> bool:
    return latest_exact(network, COMMUNITIES, network.key(COMMUNITIES, seed=seed)) is not None


def _brokers(
    network: InfluenceNetwork,
    settings: SettingsDep,
    workspace: str,
    lens: Lens,
    seed: int,
    after: BackgroundTasks,
) -> influence.BrokerReport | None:
    """The brokers: worked out now on a small network; on a large one the kept ones (of
    the network as it is, else the newest worked out), asking the background work for them
    when they are not of the network as it is (None: none yet, or the communities they are
    set against are not worked out for the network as it is)."""
    if len(network.ids) <= INLINE_BROKERS:
        return influence.brokers_in(network, top=10, seed=seed)
    found = (
        influence.kept_brokers_in(network, top=10, seed=seed)
        if _communities_kept(network, seed)
        else None
    )
    if found is None or not found.current:  # asked once the page is sent
        after.add_task(_ask, settings, workspace, lens, seed)
    return found


def _communities(
    network: InfluenceNetwork,
    settings: SettingsDep,
    workspace: str,
    lens: Lens,
    seed: int,
    after: BackgroundTasks,
) -> influence.CommunityReport | None:
    """The communities: worked out now on a small network; on a large one only when kept
    for the network as it is (None: asked for in the background)."""
    if len(network.ids) > INLINE_BROKERS and not _communities_kept(network, seed):
        after.add_task(_ask, settings, workspace, lens, seed)
        return None
    return influence.communities_in(network, seed=seed, members=MEMBERS_SHOWN)


def _suggest(network: InfluenceNetwork) -> dict[str, object]:
    """The people the "to" and deciders fields offer: all of them in a small workspace,
    else "me" and the rest as typed (fetched from the server)."""
    if len(network.ids) > INLINE_PEOPLE:
        return {"people": ["me"], "people_remote": True}
    return {"people": ["me"] + [f"{network.name(pid)} (#{pid})" for pid in network.ids]}


def _problem(exc: AlliesError) -> str:
    return exc.message + (f" {exc.hint}" if exc.hint else "")


@router.get("/influence", response_class=HTMLResponse, name="influence")
def influence_page(
    request: Request,
    uow: UoW,
    lens: LensDep,
    settings: SettingsDep,
    after: BackgroundTasks,
    deciders: str = "",
    campaign: str = "",
    top: Annotated[int, Query(ge=1, le=500)] = 15,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
    to: str = "",
) -> HTMLResponse:
    """Rankings, brokers and communities; warm paths and confidants for ``to``.

    The network is read once; every analysis on the page works on that one read. A large
    network not worked out for its current state is not read while the page waits (see
    the module's notes).
    """
    ready = listens_kept(uow, lens)
    if ready.people > INLINE_BROKERS and not ready.kept:
        after.add_task(_ask, settings, uow.workspace, lens, 0)
        context = {"title": "Influence", "section": "influence", "people": ready.people}
        return render(request, "influence/waiting.html", {**context, "poll_seconds": POLL_SECONDS})
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
        "brokers": _brokers(network, settings, uow.workspace, lens, seed, after),
        "communities": _communities(network, settings, uow.workspace, lens, seed, after),
        "reach": reach,
        "confidants": confidants,
        "errors": errors,
        "query": {"deciders": deciders, "campaign": campaign, "top": top, "seed": seed, "to": to},
        "campaigns": [c.name for c in network.campaigns],
        "suggest": _suggest(network),
    }
    return render(request, "influence/index.html", context)


@router.get("/influence/brokers", response_class=HTMLResponse, name="influence-brokers")
def influence_brokers(
    request: Request,
    uow: UoW,
    lens: LensDep,
    settings: SettingsDep,
    after: BackgroundTasks,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
) -> HTMLResponse:
    """The brokers' part of the Influence page, once worked out (the page asks for it
    again while it is not)."""
    ready = listens_kept(uow, lens)
    if ready.people > INLINE_BROKERS and not ready.kept:  # changed since: not read now
        after.add_task(_ask, settings, uow.workspace, lens, seed)
        return render(
            request, "influence/_brokers.html", {"brokers": None, "query": {"seed": seed}}
        )
    network = influence.load_influence_network(uow, lens=lens)
    brokers = _brokers(network, settings, uow.workspace, lens, seed, after)
    context = {"brokers": brokers, "query": {"seed": seed}}
    return render(request, "influence/_brokers.html", context)


@router.get("/influence/ready", response_class=HTMLResponse, name="influence-ready")
def influence_ready(
    request: Request, uow: UoW, lens: LensDep, settings: SettingsDep, after: BackgroundTasks
) -> Response:
    """Asked every few seconds by an Influence page waiting for the network to be worked
    out: reloads the page once it is (``HX-Refresh``), else the same note again."""
    ready = listens_kept(uow, lens)
    if ready.kept or ready.people <= INLINE_BROKERS:
        if "hx-request" not in request.headers:  # opened by hand: the page itself
            return RedirectResponse("/influence", status_code=303)
        return HTMLResponse("", headers={"HX-Refresh": "true"})
    after.add_task(_ask, settings, uow.workspace, lens, 0)  # none goes twice
    context = {"people": ready.people, "poll_seconds": POLL_SECONDS}
    return render(request, "influence/_waiting.html", context)


@router.get("/influence/communities", response_class=HTMLResponse, name="influence-communities")
def influence_communities(
    request: Request,
    uow: UoW,
    lens: LensDep,
    settings: SettingsDep,
    after: BackgroundTasks,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
) -> HTMLResponse:
    """The communities' part of the Influence page, once worked out (the page asks for it
    again while it is not)."""
    ready = listens_kept(uow, lens)
    if ready.people > INLINE_BROKERS and not ready.kept:  # changed since: not read now
        after.add_task(_ask, settings, uow.workspace, lens, seed)
        waiting: dict[str, object] = {"communities": None, "query": {"seed": seed}}
        return render(request, "influence/_communities.html", waiting)
    network = influence.load_influence_network(uow, lens=lens)
    communities = _communities(network, settings, uow.workspace, lens, seed, after)
    context: dict[str, object] = {"communities": communities, "query": {"seed": seed}}
    return render(request, "influence/_communities.html", context)


@router.get("/people/{person_id}/influence", response_class=HTMLResponse, name="person-influence")
def person_influence(request: Request, uow: UoW, lens: LensDep, person_id: int) -> HTMLResponse:
    """Why a person ranks where they do: their listeners and the records behind them."""
    why = influence.why(uow, f"#{person_id}", lens=lens)
    context = {"title": f"Why {why.name} matters", "section": "influence", "why": why}
    if is_htmx(request):
        return render(request, "influence/_why.html", context)
    return render(request, "influence/why.html", context)
