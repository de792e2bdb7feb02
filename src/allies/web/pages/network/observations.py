"""Observation pages: evidence of influence seen in the room, to add, edit and delete."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter

from allies.services.network.records import (
    edit_observation,
    get_observation,
    list_observations,
    people_names,
    remove_observation,
)
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.choices import OBSERVATION_KINDS, label
from allies.web.forms import number, optional_day, person_ref, text
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import OBSERVATION

router = APIRouter()


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    found = list_observations(uow, kind=query.get("kind") or None)
    names = people_names(uow)
    return [
        Row(
            title=f"{names.get(o.subject_id, '?')} {label(OBSERVATION_KINDS, o.kind)} "
            f"{names.get(o.object_id, '?')}",
            lines=[
                f"{o.observed_on:%d %b %Y} · clarity {o.strength:.1f}"
                + (f" · {o.context}" if o.context else ""),
                o.note,
            ],
            people=[
                (o.subject_id, names.get(o.subject_id, "?")),
                (o.object_id, names.get(o.object_id, "?")),
            ],
            edit=f"/observations/{o.id}/edit",
        )
        for o in found
    ]


def _filters(uow: UnitOfWork, query: Mapping[str, str]) -> list[tuple[str, str, bool]]:
    current = query.get("kind", "")
    links = [("all", "/observations", not current)]
    return links + [(t, f"/observations?kind={k}", k == current) for k, t in OBSERVATION_KINDS]


def _load(uow: UnitOfWork, observation_id: int) -> dict[str, str]:
    o = get_observation(uow, observation_id)
    names = people_names(uow)
    return {
        "subject": f"{names.get(o.subject_id, '')} (#{o.subject_id})",
        "kind": o.kind.value,
        "object": f"{names.get(o.object_id, '')} (#{o.object_id})",
        "on": o.observed_on.isoformat(),
        "strength": f"{o.strength:g}",
        "context": o.context,
        "note": o.note,
    }


def _update(uow: UnitOfWork, observation_id: int, values: Mapping[str, str]) -> None:
    edit_observation(
        uow,
        observation_id,
        subject=person_ref(values.get("subject", "")) or None,
        kind=text(values, "kind") or None,
        obj=person_ref(values.get("object", "")) or None,
        on=optional_day(values, "on"),
        strength=number(values, "strength", 1.0),
        context=text(values, "context"),
        note=text(values, "note"),
    )


register(
    router,
    Resource(
        path="/observations",
        title="Observations",
        noun="observation",
        intro="What you saw in the room: who deferred to whom, whose eyes went where.",
        empty="No observations yet — next meeting, note who deferred to whom.",
        form=OBSERVATION,
        edit_form=OBSERVATION,
        rows=_rows,
        create=actions.record_observation,
        load=_load,
        update=_update,
        delete=remove_observation,
        filters=_filters,
        section="log",
    ),
)
