"""``/settings/reminders``: how and when the morning digest goes, what was sent, and a
button that sends it now.

The password and the Apprise address are write-only here: the page says whether one is
kept, never what it is; left blank, they stay as they are.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from allies.bootstrap import reminders_context
from allies.errors import AlliesError, InvalidInput
from allies.services.reminders import due
from allies.services.reminders import setup as service
from allies.services.reminders.ports import RemindersContext
from allies.web.deps import FormData, SettingsDep, UoW, render

router = APIRouter(include_in_schema=False)

#: Time zones offered first in the form (any IANA name may be typed).
COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
)


def _page(
    request: Request,
    rctx: RemindersContext,
    uow: UoW,
    *,
    error: AlliesError | None = None,
    values: dict[str, str] | None = None,
    message: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    found = service.status(rctx, uow, now=datetime.now(UTC))
    context: dict[str, Any] = {
        "title": "Reminders",
        "section": "reminders",
        "status": found,
        "s": found.settings,
        "days": service.DAY_NAMES,
        "securities": service.SECURITY,
        "zones": COMMON_ZONES,
        "error": error,
        "values": values or {},
        "message": message,
    }
    return render(request, "reminders/settings.html", context, status_code=status_code)


@router.get("/settings/reminders", response_class=HTMLResponse, name="reminders")
def reminders_page(request: Request, uow: UoW, settings: SettingsDep) -> HTMLResponse:
    """The reminders' settings, the next digest and the sends of the last two weeks."""
    return _page(request, reminders_context(settings), uow)


def _changes(values: dict[str, str]) -> dict[str, Any]:
    """The settings the form gives (every field is on the form)."""
    port = values.get("smtp_port", "").strip() or "587"
    if not port.isdigit():
        raise InvalidInput(f"{port!r} is not a port number.", field="smtp_port")
    return {
        "smtp_host": values.get("smtp_host", "").strip(),
        "smtp_port": int(port),
        "smtp_security": values.get("smtp_security", "starttls"),
        "smtp_user": values.get("smtp_user", "").strip(),
        "smtp_from": values.get("smtp_from", "").strip(),
        "email_to": tuple(
            a.strip() for a in values.get("email_to", "").replace(";", ",").split(",") if a.strip()
        ),
        "send_at": service.parse_time(values.get("send_at", "") or "07:30"),
        "quiet_days": service.parse_days(values.get("quiet_days", "")),
        "timezone": values.get("timezone", "").strip() or "UTC",
        "link_base": (values.get("link_base", "").strip() or str(values.get("_base", ""))).rstrip(
            "/"
        ),
        "enabled": values.get("enabled") in ("on", "true", "1"),
    }


@router.post("/settings/reminders", response_class=HTMLResponse)
def save_reminders(
    request: Request, uow: UoW, settings: SettingsDep, values: FormData
) -> HTMLResponse:
    """Save the settings; a blank password or Apprise address keeps the one kept."""
    rctx = reminders_context(settings)
    form = dict(values)
    form["_base"] = settings.public_address  # from configuration, never the request's Host
    form["quiet_days"] = ",".join(d for d in service.DAY_NAMES if form.get(f"quiet_{d}"))
    password = form.get("smtp_password") or None
    apprise = form.get("apprise_url", "").strip() or None
    if form.get("remove_channel"):
        apprise = ""
    try:
        service.configure(rctx, uow, smtp_password=password, apprise_url=apprise, **_changes(form))
    except InvalidInput as error:
        return _page(request, rctx, uow, error=error, values=form, status_code=422)
    return _page(request, rctx, uow, message="Reminders saved.")


@router.post("/settings/reminders/send", response_class=HTMLResponse)
def send_reminders(request: Request, uow: UoW, settings: SettingsDep) -> HTMLResponse:
    """Send today's digest now (each channel once a day)."""
    rctx = reminders_context(settings)
    try:
        results = due.send_now(rctx, uow)
    except InvalidInput as error:
        return _page(request, rctx, uow, error=error, status_code=422)
    words = []
    for r in results:
        if r.sent:
            words.append(f"Sent by {r.channel} ({r.lines} lines).")
        elif r.error:
            words.append(f"Not sent by {r.channel}: {r.error} It will be tried again.")
        else:
            words.append(f"Nothing sent by {r.channel}: {r.skipped}.")
    return _page(request, rctx, uow, message=" ".join(words))
