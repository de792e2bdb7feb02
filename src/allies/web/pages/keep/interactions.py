"""Interaction pages: every meeting, call and message, to add, edit and delete."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter

from allies.services.dates import parse_past_date
from allies.services.keep.records import (
    edit_interaction,
    get_interaction,
    list_interactions,
    remove_interaction,
)
from allies.services.network.records import people_names
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.choices import INTERACTION_KINDS, TONES, label
from allies.web.forms import optional_whole, person_refs, text
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import INTERACTION_EDIT, MEETING

router = APIRouter()


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    found = list_interactions(uow, kind=query.get("kind") or None)
    names = people_names(uow)
    return [
        Row(
            title=f"{i.occurred_on:%d %b %Y} · {label(INTERACTION_KINDS, i.kind)}"
            + (f": {i.summary}" if i.summary else ""),
            lines=[f"went {label(TONES, str(i.tone))}", i.notes],
            people=[(p, names.get(p, "?")) for p in i.participant_ids],
            edit=f"/interactions/{i.id}/edit",
        )
        for i in found
    ]


def _filters(uow: UnitOfWork, query: Mapping[str, str]) -> list[tuple[str, str, bool]]:
    current = query.get("kind", "")
    links = [("all", "/interactions", not current)]
    return links + [(t, f"/interactions?kind={k}", k == current) for k, t in INTERACTION_KINDS]


def _load(uow: UnitOfWork, interaction_id: int) -> dict[str, str]:
    i = get_interaction(uow, interaction_id)
    names = people_names(uow)
    initiated = ""
    if i.initiated_by_me:
        initiated = "me"
    elif i.initiated_by_me is False:
        initiated = "them"
    return {
        "people": ", ".join(f"{names.get(p, '')} (#{p})" for p in i.participant_ids),
        "summary": i.summary,
        "kind": i.kind.value,
        "on": i.occurred_on.isoformat(),
        "tone": str(i.tone),
        "initiated_by": initiated,
        "notes": i.notes,
    }


def _update(uow: UnitOfWork, interaction_id: int, values: Mapping[str, str]) -> None:
    edit_interaction(
        uow,
        interaction_id,
        people=person_refs(values.get("people", "")),
        kind=text(values, "kind") or None,
        on=(
            parse_past_date(text(values, "on"), field="on", what="a meeting you log")
            if text(values, "on")
            else None
        ),
        tone=optional_whole(values, "tone"),
        summary=text(values, "summary"),
        notes=text(values, "notes"),
        initiated_by=text(values, "initiated_by"),
    )


register(
    router,
    Resource(
        path="/interactions",
        title="Interactions",
        noun="interaction",
        intro="Every meeting, call and message logged, newest first.",
        empty="No interactions logged yet.",
        form=MEETING,
        edit_form=INTERACTION_EDIT,
        rows=_rows,
        create=actions.log_meeting,
        load=_load,
        update=_update,
        delete=remove_interaction,
        filters=_filters,
        section="log",
    ),
)
