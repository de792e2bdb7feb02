"""Organisation pages: organisations with their people and units; add, edit, delete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter

from allies.services.network.records import edit_organisation, get_organisation, remove_organisation
from allies.services.network.structure import add_organisation, list_organisations
from allies.services.ports import UnitOfWork
from allies.web.forms import text
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import ORGANISATION, UNIT

router = APIRouter()


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    return [
        Row(
            title=o.name,
            href=f"/organisations/{o.id}",
            lines=[
                " · ".join(p for p in (o.kind, f"{o.people} people") if p),
                ("Units: " + ", ".join(o.units)) if o.units else "",
            ],
            edit=f"/organisations/{o.id}/edit",
        )
        for o in list_organisations(uow)
    ]


def _create(uow: UnitOfWork, values: Mapping[str, str]) -> None:
    add_organisation(
        uow, text(values, "name"), kind=text(values, "kind"), notes=text(values, "notes")
    )


def _load(uow: UnitOfWork, organisation_id: int) -> dict[str, str]:
    o = get_organisation(uow, organisation_id)
    return {"name": o.name, "kind": o.kind, "notes": o.notes}


def _update(uow: UnitOfWork, organisation_id: int, values: Mapping[str, str]) -> None:
    edit_organisation(
        uow,
        organisation_id,
        name=text(values, "name"),
        kind=text(values, "kind"),
        notes=text(values, "notes"),
    )


def _delete(uow: UnitOfWork, organisation_id: int) -> None:
    remove_organisation(uow, organisation_id, detach=True)


def _extra(uow: UnitOfWork) -> dict[str, Any]:
    return {"extra_forms": [("Add a unit", UNIT, "/units")]}


register(
    router,
    Resource(
        path="/organisations",
        title="Organisations",
        noun="organisation",
        intro="The organisations your people belong to, and their units. Deleting one keeps "
        "its people and units, without it.",
        empty="No organisations yet — they are also created when you add a person with one.",
        form=ORGANISATION,
        edit_form=ORGANISATION,
        rows=_rows,
        create=_create,
        load=_load,
        update=_update,
        delete=_delete,
        extra=_extra,
    ),
)
