"""Favour pages: the ledger of favours given and received, to add, edit and delete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter

from allies.services.dates import parse_optional_date
from allies.services.keep.ledger import favour_balances
from allies.services.keep.records import edit_favour, get_favour, list_favours, remove_favour
from allies.services.network.records import people_names
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.forms import person_ref, text
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import FAVOUR

router = APIRouter()


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    found = list_favours(uow, direction=query.get("direction") or None)
    names = people_names(uow)
    return [
        Row(
            title=f"{'I gave' if f.direction.value == 'given' else 'I received'} "
            f"a {f.size.value} favour: {f.description}",
            lines=[f"{f.occurred_on:%d %b %Y}"],
            people=[(f.person_id, names.get(f.person_id, "?"))],
            edit=f"/favours/{f.id}/edit",
        )
        for f in found
    ]


def _filters(uow: UnitOfWork, query: Mapping[str, str]) -> list[tuple[str, str, bool]]:
    current = query.get("direction", "")
    return [
        ("all", "/favours", not current),
        ("given", "/favours?direction=given", current == "given"),
        ("received", "/favours?direction=received", current == "received"),
    ]


def _extra(uow: UnitOfWork) -> dict[str, Any]:
    return {"balances": favour_balances(uow)}


def _load(uow: UnitOfWork, favour_id: int) -> dict[str, str]:
    f = get_favour(uow, favour_id)
    names = people_names(uow)
    return {
        "person": f"{names.get(f.person_id, '')} (#{f.person_id})",
        "direction": f.direction.value,
        "description": f.description,
        "size": f.size.value,
        "on": f.occurred_on.isoformat(),
    }


def _update(uow: UnitOfWork, favour_id: int, values: Mapping[str, str]) -> None:
    edit_favour(
        uow,
        favour_id,
        person=person_ref(values.get("person", "")) or None,
        direction=text(values, "direction") or None,
        description=text(values, "description"),
        size=text(values, "size") or None,
        on=parse_optional_date(text(values, "on"), field="on"),
    )


register(
    router,
    Resource(
        path="/favours",
        title="Favours",
        noun="favour",
        intro="Give as much as you take: favours given and received, small (1), "
        "medium (3) or large (9).",
        empty="No favours recorded yet.",
        form=FAVOUR,
        edit_form=FAVOUR,
        rows=_rows,
        create=actions.record_favour_form,
        load=_load,
        update=_update,
        delete=remove_favour,
        filters=_filters,
        extra=_extra,
        section="log",
    ),
)
