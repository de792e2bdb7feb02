"""``/api/v1/observations``: list, get, create, update and delete observations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from allies.services.network.records import (
    edit_observation,
    get_observation,
    list_observations,
    people_names,
    remove_observation,
    require_people,
)
from allies.services.network.structure import observe
from allies.services.paging import paginate
from allies.services.vocabulary import ObservationKind
from allies.web.api.common import Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.structure import (
    ObservationCreate,
    ObservationOut,
    ObservationUpdate,
)

router = APIRouter(prefix="/observations", tags=["observations"])


@router.get("", response_model=PageOut[ObservationOut])
def list_(
    uow: UoW,
    paging: Paging,
    person_id: Annotated[int | None, Query(description="Observations of this person.")] = None,
    kind: ObservationKind | None = None,
    since: date | None = None,
) -> PageOut[ObservationOut]:
    """Observations, newest first."""
    found = list_observations(
        uow, person_id=person_id, kind=kind.value if kind else None, since=since
    )
    names = people_names(uow)
    page = paginate(found, offset=paging.offset, limit=paging.limit)
    return PageOut[ObservationOut].of(page, lambda o: ObservationOut.of(o, names))


@router.get("/{observation_id}", response_model=ObservationOut)
def get(uow: UoW, observation_id: int) -> ObservationOut:
    """One observation."""
    return ObservationOut.of(get_observation(uow, observation_id), people_names(uow))


@router.post("", response_model=ObservationOut, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: ObservationCreate) -> ObservationOut:
    """Record evidence of influence: ``subject_id`` *kind* ``object_id``."""
    require_people(uow, {"subject_id": body.subject_id, "object_id": body.object_id})
    seen = observe(
        uow,
        ref(body.subject_id),
        body.kind.value,
        ref(body.object_id),
        on=body.observed_on or "today",
        strength=body.strength,
        context=body.context,
        note=body.note,
    )
    return ObservationOut.of(seen, people_names(uow))


@router.patch("/{observation_id}", response_model=ObservationOut)
def update(uow: UoW, observation_id: int, body: ObservationUpdate) -> ObservationOut:
    """Change an observation."""
    get_observation(uow, observation_id)
    require_people(uow, {"subject_id": body.subject_id, "object_id": body.object_id})
    seen = edit_observation(
        uow,
        observation_id,
        subject=ref(body.subject_id) if body.subject_id is not None else None,
        kind=body.kind.value if body.kind else None,
        obj=ref(body.object_id) if body.object_id is not None else None,
        on=body.observed_on,
        strength=body.strength,
        context=body.context,
        note=body.note,
    )
    return ObservationOut.of(seen, people_names(uow))


@router.delete("/{observation_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(uow: UoW, observation_id: int) -> Response:
    """Delete an observation."""
    remove_observation(uow, observation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
