"""Ties pages: every tie, filtered by kind or person, with forms to add, edit, delete."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter

from allies.services.network.records import edit_tie, get_tie, list_tie_records, people_names
from allies.services.network.structure import remove_tie
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.choices import TIE_KINDS, label
from allies.web.forms import number, optional_day, person_ref, text
from allies.web.pages.records import Resource, Row, register
from allies.web.pages.specs import TIE

router = APIRouter()


def _rows(uow: UnitOfWork, query: Mapping[str, str]) -> list[Row]:
    person = query.get("person", "")
    ties = list_tie_records(
        uow,
        person_id=int(person) if person.isdigit() else None,
        kind=query.get("kind") or None,
    )
    names = people_names(uow)
    return [
        Row(
            title=f"{names.get(t.source_id, '?')} {label(TIE_KINDS, t.kind).split(' (')[0]} "
            f"{names.get(t.target_id, '?')}",
            lines=[
                f"strength {t.weight:.2f} · confidence {t.confidence:.2f} · {t.origin.value}",
                " ".join(
                    part
                    for part in (
                        f"from {t.valid_from}" if t.valid_from else "",
                        f"until {t.valid_to}" if t.valid_to else "",
                        t.note,
                    )
                    if part
                ),
            ],
            people=[
                (t.source_id, names.get(t.source_id, "?")),
                (t.target_id, names.get(t.target_id, "?")),
            ],
            edit=f"/ties/{t.id}/edit",
        )
        for t in ties
    ]


def _filters(uow: UnitOfWork, query: Mapping[str, str]) -> list[tuple[str, str, bool]]:
    current = query.get("kind", "")
    links = [("all", "/ties", not current)]
    links += [(text_, f"/ties?kind={key}", key == current) for key, text_ in TIE_KINDS]
    return links


def _load(uow: UnitOfWork, tie_id: int) -> dict[str, str]:
    t = get_tie(uow, tie_id)
    names = people_names(uow)
    return {
        "source": f"{names.get(t.source_id, '')} (#{t.source_id})",
        "kind": t.kind.value,
        "target": f"{names.get(t.target_id, '')} (#{t.target_id})",
        "weight": f"{t.weight:g}",
        "confidence": f"{t.confidence:g}",
        "origin": t.origin.value,
        "valid_from": t.valid_from.isoformat() if t.valid_from else "",
        "valid_to": t.valid_to.isoformat() if t.valid_to else "",
        "note": t.note,
    }


def _update(uow: UnitOfWork, tie_id: int, values: Mapping[str, str]) -> None:
    edit_tie(
        uow,
        tie_id,
        source=person_ref(values.get("source", "")) or None,
        target=person_ref(values.get("target", "")) or None,
        kind=text(values, "kind") or None,
        weight=number(values, "weight", 0.5),
        confidence=number(values, "confidence", 1.0),
        origin=text(values, "origin") or None,
        valid_from=optional_day(values, "valid_from"),
        valid_to=optional_day(values, "valid_to"),
        clear_valid_from=not text(values, "valid_from"),
        clear_valid_to=not text(values, "valid_to"),
        note=text(values, "note"),
    )


register(
    router,
    Resource(
        path="/ties",
        title="Ties",
        noun="tie",
        intro="Who listens to, trusts, reports to, works with or knows whom.",
        empty="No ties yet — add who listens to whom with the form.",
        form=TIE,
        edit_form=TIE,
        rows=_rows,
        create=actions.add_tie_form,
        load=_load,
        update=_update,
        delete=remove_tie,
        filters=_filters,
    ),
)
