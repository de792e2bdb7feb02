"""``/reminders/act/{token}``: what a link of the digest opens.

The link's GET only shows what it will do, with a button: mail scanners and link
previews open links, and must not mark anything done. The button's POST does it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.bootstrap import reminders_context
from allies.errors import InvalidInput
from allies.services.reminders import act
from allies.web.deps import SettingsDep, render

router = APIRouter(include_in_schema=False)

WORDS = {"done": "Mark it done", "snooze": "Snooze it to tomorrow"}


@router.get("/reminders/act/{token}", response_class=HTMLResponse, name="reminder_link")
def link_page(request: Request, token: str, settings: SettingsDep) -> HTMLResponse:
    """What the link will do, and the button that does it."""
    try:
        line, words = act.describe_link(reminders_context(settings), token)
    except InvalidInput as error:
        return render(
            request,
            "reminders/link.html",
            {"title": "Reminder link", "error": error},
            status_code=410 if "expired" in error.message else 400,
        )
    return render(
        request,
        "reminders/link.html",
        {
            "title": "Reminder link",
            "line": line,
            "words": words,
            "button": WORDS[line.action],
            "token": token,
        },
    )


@router.post("/reminders/act/{token}", response_class=HTMLResponse)
def use_link(request: Request, token: str, settings: SettingsDep) -> HTMLResponse:
    """Do what the link asks, once."""
    try:
        outcome = act.act_on_link(reminders_context(settings), token)
    except InvalidInput as error:
        return render(
            request, "reminders/link.html", {"title": "Reminder link", "error": error}, 400
        )
    return render(request, "reminders/link.html", {"title": "Reminder link", "outcome": outcome})
