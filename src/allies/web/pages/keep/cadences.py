"""Cadence pages: how often to check in with a person, a tag or a tier."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter

from allies.services.dates import parse_optional_date
from allies.services.keep.records import edit_cadence, get_cadence, list_cadences, remove_cadence
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.forms import optional_whole, text
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import CADENCE, CADENCE_EDIT

router = APIRouter()


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    return [
        Row(
            title=f"{label}: every {c.ideal_days} days, at most {c.max_days}",
            href=f"/people/{c.person_id}" if c.person_id else None,
            lines=[f"snoozed until {c.snoozed_until:%d %b %Y}" if c.snoozed_until else ""],
            edit=f"/cadences/{c.id}/edit",
        )
        for label, c in list_cadences(uow)
    ]


def _load(uow: UnitOfWork, cadence_id: int) -> dict[str, str]:
    c = get_cadence(uow, cadence_id)
    return {
        "ideal_days": str(c.ideal_days),
        "max_days": str(c.max_days),
        "snoozed_until": c.snoozed_until.isoformat() if c.snoozed_until else "",
    }


def _update(uow: UnitOfWork, cadence_id: int, values: Mapping[str, str]) -> None:
    edit_cadence(
        uow,
        cadence_id,
        ideal_days=optional_whole(values, "ideal_days"),
        max_days=optional_whole(values, "max_days"),
        snoozed_until=parse_optional_date(text(values, "snoozed_until"), field="snoozed_until"),
        end_snooze=not text(values, "snoozed_until"),
    )


register(
    router,
    Resource(
        path="/cadences",
        title="Cadences",
        noun="cadence",
        intro="Check in regularly: the ideal and the longest gap between touch-points, "
        "for a person, everyone with a tag, or a tier. Any logged interaction resets it.",
        empty="No cadences set yet.",
        form=CADENCE,
        edit_form=CADENCE_EDIT,
        rows=_rows,
        create=actions.set_cadence_form,
        load=_load,
        update=_update,
        delete=remove_cadence,
        section="promises",
    ),
)
