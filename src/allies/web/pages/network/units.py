"""Unit pages: departments and teams inside organisations; add, edit, delete."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter

from allies.errors import NotFound
from allies.services.network.records import edit_unit, get_unit, list_units, remove_unit
from allies.services.network.structure import add_unit
from allies.services.ports import UnitOfWork
from allies.web.forms import text
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import UNIT

router = APIRouter()


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    return [
        Row(
            title=u.name,
            href=f"/people?unit={u.name}",
            lines=[
                " · ".join(
                    p
                    for p in (
                        u.organisation,
                        f"inside {u.parent}" if u.parent else "",
                        f"{u.people} people",
                    )
                    if p
                )
            ],
            edit=f"/units/{u.id}/edit",
        )
        for u in list_units(uow)
    ]


def _create(uow: UnitOfWork, values: Mapping[str, str]) -> None:
    add_unit(
        uow,
        text(values, "name"),
        organisation=text(values, "organisation") or None,
        parent=text(values, "parent") or None,
    )


def _load(uow: UnitOfWork, unit_id: int) -> dict[str, str]:
    get_unit(uow, unit_id)
    row = next(r for r in list_units(uow) if r.id == unit_id)
    return {"name": row.name, "organisation": row.organisation, "parent": row.parent}


def _update(uow: UnitOfWork, unit_id: int, values: Mapping[str, str]) -> None:
    parent_name = text(values, "parent")
    parent_id = None
    if parent_name:
        matches = [u.id for u in list_units(uow) if u.name.casefold() == parent_name.casefold()]
        if not matches:
            raise NotFound(f"No unit called {parent_name!r}.")
        parent_id = matches[0]
    edit_unit(
        uow,
        unit_id,
        name=text(values, "name"),
        organisation=text(values, "organisation"),
        parent_id=parent_id,
        clear_parent=not parent_name,
    )


def _delete(uow: UnitOfWork, unit_id: int) -> None:
    remove_unit(uow, unit_id, detach=True)


register(
    router,
    Resource(
        path="/units",
        title="Units",
        noun="unit",
        intro="Departments and teams. Deleting one keeps its people, without the unit.",
        empty="No units yet — they are also created when you add a person with one.",
        form=UNIT,
        edit_form=UNIT,
        rows=_rows,
        create=_create,
        load=_load,
        update=_update,
        delete=_delete,
    ),
)
