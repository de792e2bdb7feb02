"""Campaign pages: the list with a form to start one, a campaign with its forecasts and
charts, and a table to edit stances.

- ``/campaigns``: every campaign; a form to start one with its issues (``POST /campaigns``);
- ``/campaigns/{id}``: the forecasts of every model side by side, the power-interest grid
  and the position × salience chart of each issue, the stance tables, and one form to
  change the campaign and its issues (``POST /campaigns/{id}``, see
  :mod:`allies.web.pages.campaigns.builder`); ``POST /campaigns/{id}/delete`` deletes it;
  ``POST /campaigns/{id}/issues`` adds an issue written on one line (for scripts);
- ``/campaigns/{id}/stances``: every stakeholder's current stance in an editable table,
  with blank rows for new people; saving records only the stances that changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from allies.bootstrap import watch_versions
from allies.errors import AlliesError, InvalidInput, StaleRecord
from allies.services.campaigns import editing as service
from allies.services.campaigns import stance_words
from allies.services.campaigns.builder import save_campaign
from allies.services.campaigns.overview import CampaignOverview, campaign_overview
from allies.services.dates import parse_optional_date
from allies.services.ports import UnitOfWork
from allies.web.deps import FormData, LensDep, UoW, render
from allies.web.form_reader import Reader
from allies.web.forms import FormState, failed, text
from allies.web.pages.campaigns import builder, stance_rows
from allies.web.pages.campaigns.model_words import MODEL_WORDS, REFERENCES
from allies.web.pages.campaigns.svg import position_salience_svg, power_interest_svg
from allies.web.pages.common import redirect, suggestions
from allies.web.pages.confirm import confirmation, who_query
from allies.web.pages.drawn import changes, checking, drawn_from, hidden, stale_message

router = APIRouter(include_in_schema=False)

#: Blank rows offered per issue for people who have no stance yet.
BLANK_ROWS = 3

STATUSES = ("active", "won", "lost", "shelved")

SAVED = {
    "campaign": "Campaign saved.",
    "stances": "Stances recorded.",
    "deleted": "Campaign deleted, with its issues and stances.",
}


def _list(request: Request, uow: UnitOfWork, state: FormState, status: int = 200) -> HTMLResponse:
    return render(
        request,
        "campaigns/list.html",
        {
            "title": "Campaigns",
            "section": "campaigns",
            "rows": service.list_campaigns(uow),
            "state": state,
            "issue_rows": builder.new_rows(state.values),
            "suggest": suggestions(uow),
            "flash": SAVED.get(request.query_params.get("saved", "")),
        },
        status_code=status,
    )


@router.get("/campaigns", response_class=HTMLResponse, name="campaigns")
def campaigns_page(request: Request, uow: UoW) -> HTMLResponse:
    """Every campaign, the soonest decision first, and a form to start one."""
    return _list(request, uow, FormState())


@router.post("/campaigns", response_class=HTMLResponse)
def create(request: Request, uow: UoW, values: FormData) -> Response:
    """Start a campaign with its issues (every problem shown at once), then show it."""
    reader = Reader(values)
    try:
        new = builder.read_new(uow, reader, values)
        reader.check()
        campaign = service.create_campaign(
            uow,
            new.name,
            issues=new.issues,
            deciders=new.deciders,
            decision_on=new.decision_on,
            description=new.description,
        )
    except AlliesError as error:
        state = failed("campaign", values, error, builder.LABELS)
        return _list(request, uow, state, error.http_status)
    return redirect(f"/campaigns/{campaign.id}?saved=campaign" + who_query(reader))


def settings_shown(overview: CampaignOverview) -> dict[str, str]:
    """What the campaign's one form shows, in words (to tell what someone else changed)."""
    summary = overview.detail.summary
    shown = {
        "the name": summary.name,
        "the decision date": summary.decision_on.isoformat() if summary.decision_on else "",
        "the status": summary.status,
        "who decides": ", ".join(summary.deciders),
        "what it is for": overview.detail.description,
    }
    for n, t in enumerate(overview.detail.table.issues, start=1):
        shown[f"issue {n}"] = (
            f"{t.issue}: 0 means {t.low_label}, 100 means {t.high_label}; I want {t.desired:g}"
        )
    return shown


def _show(
    request: Request,
    uow: UnitOfWork,
    lens: LensDep,
    campaign_id: int,
    state: FormState,
    as_of: date | None = None,
    status: int = 200,
    sent: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The campaign page; its form carries the version it is drawn from, or, when the
    page answers a failed save, the version and text that save was drawn from (``sent``)."""
    with watch_versions() as watch:
        overview = campaign_overview(uow, f"#{campaign_id}", lens=lens.on(as_of))
    charts = {
        c.issue_id: {"grid": power_interest_svg(c), "spread": position_salience_svg(c)}
        for c in overview.charts.issues
    }
    summary = overview.detail.summary
    drawn = hidden(watch.version_of("campaign", campaign_id), settings_shown(overview))
    delete_hidden = drawn  # the delete button names the version the page shows
    if sent is not None and sent.get("version"):
        drawn = {"version": sent.get("version", ""), "drawn": sent.get("drawn", "")}
    return render(
        request,
        "campaigns/campaign.html",
        {
            "title": summary.name,
            "section": "campaigns",
            "overview": overview,
            "summary": summary,
            "charts": charts,
            "statuses": STATUSES,
            "state": state,
            "settings_hidden": drawn,
            "delete_hidden": delete_hidden,
            "model_words": MODEL_WORDS,
            "model_references": REFERENCES,
            "stance_words": stance_words,
            "issue_rows": builder.stored_rows(
                overview.detail.table.issues,
                state.values if state.name == "settings" else None,
            ),
            "as_of": as_of,
            "flash": confirmation(request, uow, SAVED),
            "suggest": suggestions(uow),
        },
        status_code=status,
    )


@router.get("/campaigns/{campaign_id}", response_class=HTMLResponse, name="campaign")
def campaign_page(
    request: Request, uow: UoW, lens: LensDep, campaign_id: int, as_of: str = ""
) -> HTMLResponse:
    """A campaign: forecasts side by side, the charts of each issue, the stance tables."""
    day = parse_optional_date(as_of, field="as_of")
    return _show(request, uow, lens, campaign_id, FormState(), day)


@router.post("/campaigns/{campaign_id}", response_class=HTMLResponse)
def update(
    request: Request, uow: UoW, lens: LensDep, campaign_id: int, values: FormData
) -> Response:
    """Save the campaign's one form: name, date, status, deciders, and every issue
    (renamed, relabelled, moved, added or deleted), all or nothing."""
    reader = Reader(values)
    try:
        name = reader.text("name", required="Give the campaign a name.")
        decision_on = reader.day("decide_on")
        deciders = reader.people(uow, "deciders")
        issues = builder.read_issues(reader, values)
        reader.check()
        with checking("campaign", campaign_id, values):
            save_campaign(
                uow,
                f"#{campaign_id}",
                name=name,
                description=values.get("description", ""),
                decision_on=decision_on,
                status=text(values, "status"),
                deciders=deciders,
                issues=issues,
            )
    except StaleRecord:
        return _stale_settings(request, uow, lens, campaign_id, values)
    except AlliesError as error:
        state = failed("settings", values, error, builder.LABELS)
        return _show(request, uow, lens, campaign_id, state, status=error.http_status, sent=values)
    return redirect(f"/campaigns/{campaign_id}?saved=campaign" + who_query(reader))


def _stale_settings(
    request: Request, uow: UnitOfWork, lens: LensDep, campaign_id: int, values: Mapping[str, str]
) -> HTMLResponse:
    """The campaign's form refused as stale (409): what was typed kept, what someone else
    changed said beside it, and the form drawn from the version stored now."""
    now = settings_shown(campaign_overview(uow, f"#{campaign_id}", lens=lens))
    message = stale_message("campaign", changes(drawn_from(values), now))
    state = FormState("settings", dict(values), message)
    return _show(request, uow, lens, campaign_id, state, status=409)


@router.post("/campaigns/{campaign_id}/delete", response_class=HTMLResponse)
def delete(
    request: Request, uow: UoW, lens: LensDep, campaign_id: int, values: FormData
) -> Response:
    """Delete the campaign with its issues and stances, then show the list; refused (409)
    when someone else changed the campaign since the page was drawn."""
    try:
        with checking("campaign", campaign_id, values):
            service.delete_campaign(uow, f"#{campaign_id}")
    except StaleRecord:
        now = settings_shown(campaign_overview(uow, f"#{campaign_id}", lens=lens))
        message = stale_message("campaign", changes(drawn_from(values), now), typed=False)
        return _show(request, uow, lens, campaign_id, FormState("delete", {}, message), status=409)
    return redirect("/campaigns?saved=deleted")


@router.post("/campaigns/{campaign_id}/issues", response_class=HTMLResponse)
def add_issue(
    request: Request, uow: UoW, lens: LensDep, campaign_id: int, values: FormData
) -> Response:
    """Add an issue to the campaign."""
    try:
        service.add_issue(uow, f"#{campaign_id}", text(values, "issue"))
    except AlliesError as error:
        state = failed("issue", values, error)
        return _show(request, uow, lens, campaign_id, state, status=error.http_status)
    return redirect(f"/campaigns/{campaign_id}?saved=campaign")


def _editor(
    request: Request,
    uow: UnitOfWork,
    lens: LensDep,
    campaign_id: int,
    error: AlliesError | None = None,
    values: Mapping[str, str] | None = None,
    read: stance_rows.StanceForm | None = None,
) -> HTMLResponse:
    """The stance table; after a failed save, what was typed, each problem beside its cell
    and the rows someone else changed drawn afresh (so saving again records them)."""
    table = service.stance_table(uow, f"#{campaign_id}", lens=lens)
    sent = dict(values or {})
    problems = read.problems if read is not None else {}
    stale = read.stale if read is not None else set()
    message = None if error is None else str(error)
    if problems:
        count = len(problems)
        message = (
            next(iter(problems.values()))
            if count == 1
            else f"{count} cells need a look; each says what is wrong beside it."
        )
    return render(
        request,
        "campaigns/stances.html",
        {
            "title": f"Stances on {table.campaign}",
            "section": "campaigns",
            "campaign_id": campaign_id,
            "table": table,
            "blank_rows": range(BLANK_ROWS),
            "error": message,
            "problems": problems,
            "values": sent,
            "row_key": stance_rows.row_key,
            "shown": stance_rows.shown,
            "was_of": lambda key, row: (
                sent[key + "was"]
                if key + "was" in sent and key not in stale
                else stance_rows.was(row)
            ),
            "suggest": suggestions(uow),
        },
        status_code=200 if error is None and not problems else 422 if not stale else 409,
    )


@router.get("/campaigns/{campaign_id}/stances", response_class=HTMLResponse)
def stances_page(request: Request, uow: UoW, lens: LensDep, campaign_id: int) -> HTMLResponse:
    """Every stakeholder's current stance per issue in a table to edit."""
    return _editor(request, uow, lens, campaign_id)


@router.post("/campaigns/{campaign_id}/stances", response_class=HTMLResponse)
def save_stances(
    request: Request, uow: UoW, lens: LensDep, campaign_id: int, values: FormData
) -> Response:
    """Record the stances that changed (all or nothing), then show the campaign. Every
    problem of every row comes back at once, beside its cell; a row someone else changed
    since the table was drawn is refused, with what they recorded."""
    try:
        table = service.stance_table(uow, f"#{campaign_id}", lens=lens)
        read = stance_rows.read_table(uow, values, table, text(values, "note"))
        reader = Reader(values)
        on = reader.day("on", blank=date.today())
        read.problems |= reader.problems
        if read.problems:
            return _editor(request, uow, lens, campaign_id, None, values, read)
        if not read.entries:
            raise InvalidInput("Give at least one person a position.", field="position")
        service.set_stances(uow, f"#{campaign_id}", read.entries, on=on, drawn_on=lens.day)
    except StaleRecord as stale:
        # someone saved the same row in between: read the table again, refused beside it
        table = service.stance_table(uow, f"#{campaign_id}", lens=lens)
        read = stance_rows.read_table(uow, values, table, text(values, "note"))
        if not read.problems:
            return _editor(request, uow, lens, campaign_id, stale, values)
        return _editor(request, uow, lens, campaign_id, None, values, read)
    except AlliesError as error:
        return _editor(request, uow, lens, campaign_id, error, values)
    return redirect(f"/campaigns/{campaign_id}?saved=stances")
