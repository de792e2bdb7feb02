"""Helpers every page router shares: redirects, the suggestions lists, form pages."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from allies.services.network.suggestions import form_suggestions
from allies.services.ports import UnitOfWork
from allies.web.deps import render
from allies.web.forms import FormState
from allies.web.pages.specs import Form

#: Messages shown after a change, keyed by the ``saved`` query parameter.
MESSAGES = {
    "person": "Saved.",
    "meeting": "Meeting logged.",
    "observation": "Observation recorded.",
    "favour": "Favour recorded.",
    "promise": "Promise recorded.",
    "tie": "Tie saved.",
    "cadence": "Cadence set.",
    "organisation": "Organisation saved.",
    "unit": "Unit saved.",
    "interaction": "Interaction saved.",
    "settled": "Promise updated.",
    "deleted": "Deleted.",
    "merged": "Records merged.",
    "demo": "The demo is ready: look around.",
}


def redirect(url: str) -> RedirectResponse:
    """Go to ``url`` after a successful POST (303, so the browser GETs it)."""
    return RedirectResponse(url, status_code=303)


def flash(request: Request) -> str | None:
    """The message for the ``saved`` query parameter, if any."""
    return MESSAGES.get(request.query_params.get("saved", ""))


#: Up to this many people, every person field offers everyone from the page itself;
#: beyond, it asks the server for the names that match as you type.
INLINE_PEOPLE = 300


def suggestions(uow: UnitOfWork) -> dict[str, Any]:
    """What the datalists offer: people (``Name (#id)``; in a large workspace only "me",
    the rest fetched as you type), organisations, units and tags."""
    found = form_suggestions(uow, inline=INLINE_PEOPLE)
    return {
        "people": ["me", *found.people],
        "people_remote": found.remote,
        "people_count": found.count,
        "organisations": found.organisations,
        "units": found.units,
        "tags": found.tags,
    }


def form_page(
    request: Request,
    uow: UnitOfWork,
    *,
    title: str,
    form: Form,
    state: FormState,
    action: str,
    back: str,
    delete_action: str | None = None,
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HTMLResponse:
    """A page holding one form (to add or edit a record), with its error if it failed."""
    status = 200 if state.error is None else 422
    context = {
        "title": title,
        "form": form,
        "state": state,
        "action": action,
        "back": back,
        "delete_action": delete_action,
        "intro": intro,
        "suggest": suggestions(uow),
        **(extra or {}),
    }
    return render(request, "form_page.html", context, status_code=status)
