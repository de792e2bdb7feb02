"""``/api/v1/observations``: list, get, create, update and delete observations."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from allies.services.network.records import edit_observation, list_observations, people_names
from allies.services.network.structure import observe_by_id
from allies.services.paging import paginate
from allies.services.vocabulary import ObservationKind, kind_named
from allies.web.api.common import DAY_NOTE, Day, Paging
from allies.web.api.plain import add_record_routes, record_router
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.structure import (
    ObservationCreate,
    ObservationOut,
    ObservationUpdate,
)

OBSERVATION = kind_named("observation")
router = record_router(OBSERVATION)


@router.get("", response_model=PageOut[ObservationOut])
def list_(
    uow: UoW,
    paging: Paging,
    person_id: Annotated[int | None, Query(description="Observations of this person.")] = None,
    kind: ObservationKind | None = None,
    since: Annotated[Day | None, Query(description="From this day." + DAY_NOTE)] = None,
) -> PageOut[ObservationOut]:
    """Observations, newest first."""
    found = list_observations(
        uow, person_id=person_id, kind=kind.value if kind else None, since=since
    )
    names = people_names(uow)
    page = paginate(found, offset=paging.offset, limit=paging.limit)
    return PageOut[ObservationOut].of(page, lambda o: ObservationOut.of(o, names))


@router.post("", response_model=ObservationOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: ObservationCreate) -> ObservationOut:
    """Record evidence of influence: ``subject_id`` *kind* ``object_id``."""
    seen = observe_by_id(
        uow,
        body.subject_id,
        body.kind.value,
        body.object_id,
        on=body.observed_on,
        strength=body.strength,
        context=body.context,
        note=body.note,
    )
    return ObservationOut.of(seen.record, seen.names)


@router.patch("/{observation_id}", response_model=ObservationOut)
def update(uow: UoW, observation_id: int, body: ObservationUpdate) -> ObservationOut:
    """Change an observation."""
    edited = edit_observation(
        uow,
        observation_id,
        subject_id=body.subject_id,
        object_id=body.object_id,
        kind=body.kind.value if body.kind else None,
        on=body.observed_on,
        strength=body.strength,
        context=body.context,
        note=body.note,
    )
    return ObservationOut.of(edited.record, edited.names)


add_record_routes(router, OBSERVATION, ObservationOut)
