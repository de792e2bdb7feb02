"""``/api/v1/people``: list, get, create, update, delete and merge people."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response, status

from allies.errors import InvalidInput
from allies.services.network.people import (
    STORY_PAGE,
    SortKey,
    add_person_profile,
    edit_person_profile,
    people_page,
    show_person,
)
from allies.services.network.removal import merge_people, remove_person
from allies.services.paging import MAX_LIMIT
from allies.services.vocabulary import Level
from allies.web.api.common import Paging, ref
from allies.web.deps import UoW
from allies.web.schemas.common import PageOut
from allies.web.schemas.network.people import (
    MergeRequest,
    PersonCreate,
    PersonDetail,
    PersonSummary,
    PersonUpdate,
    RemovalOut,
)

router = APIRouter(prefix="/people", tags=["people"])


@router.get("", response_model=PageOut[PersonSummary])
def list_(
    uow: UoW,
    paging: Paging,
    q: Annotated[
        str | None, Query(description="Text in name, title, e-mail, organisation or unit.")
    ] = None,
    tag: str | None = None,
    unit: str | None = None,
    organisation: str | None = None,
    level: Level | None = None,
    contacted_within_days: Annotated[int | None, Query(ge=0, le=36500)] = None,
    not_contacted_within_days: Annotated[int | None, Query(ge=0, le=36500)] = None,
    sort: SortKey = "name",
) -> PageOut[PersonSummary]:
    """People, filtered and sorted, one page at a time."""
    today = date.today()
    page = people_page(
        uow,
        search=q,
        tag=tag,
        unit=unit,
        organisation=organisation,
        level=level.value if level else None,
        contacted_since=today - timedelta(days=contacted_within_days)
        if contacted_within_days is not None
        else None,
        not_contacted_since=today - timedelta(days=not_contacted_within_days)
        if not_contacted_within_days is not None
        else None,
        sort=sort,
        offset=paging.offset,
        limit=paging.limit,
    )
    return PageOut[PersonSummary].of(page, PersonSummary.of)


def _etag(version: int | None) -> str:
    return f'"{version or 0}"'


def _expected_version(if_match: str | None) -> int | None:
    """The version an ``If-Match`` header names (``None``: no check)."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit() or len(tag) > 12:
        raise InvalidInput(
            'If-Match must be the ETag of a GET of this person, such as "3".',
            field="If-Match",
        )
    return int(tag)


IfMatch = Annotated[
    str | None,
    Header(
        description="The ETag from a GET: the change is refused (409) if someone else "
        "changed the person since.",
        max_length=40,
    ),
]


@router.get("/{person_id}", response_model=PersonDetail)
def get(
    uow: UoW,
    person_id: int,
    response: Response,
    before: Annotated[
        str | None,
        Query(
            max_length=40,
            description="Read the timeline's entries older than this one: the "
            "`timeline_next` of the page before (or an entry's day, kind and id joined by "
            "dots, such as 2024-05-01.interaction.42).",
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=0, le=MAX_LIMIT, description="How many timeline entries at most.")
    ] = STORY_PAGE,
) -> PersonDetail:
    """One person with their ties both ways and their timeline, newest first, a page at a
    time (``timeline_next`` is the ``before`` of the next page); ``ETag`` is its version."""
    profile = show_person(uow, ref(person_id), limit=limit, before=before)
    response.headers["ETag"] = _etag(profile.version)
    return PersonDetail.of(profile)


@router.post("", response_model=PersonDetail, status_code=status.HTTP_201_CREATED)
def create(uow: UoW, body: PersonCreate) -> PersonDetail:
    """Add a person; a second one with the same name or e-mail is refused (409)."""
    values = body.model_dump()
    for key in ("level", "tier"):
        values[key] = values[key].value if values[key] else None
    return PersonDetail.of(add_person_profile(uow, values.pop("name"), **values))


@router.patch("/{person_id}", response_model=PersonDetail)
def update(
    uow: UoW,
    person_id: int,
    body: PersonUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> PersonDetail:
    """Change a person; fields left out stay, ``null`` or ``""`` clears a field.

    With ``If-Match`` (the ETag of a GET), a change someone else made meanwhile is not
    overwritten: the answer is 409 and nothing changes.
    """
    expected = _expected_version(if_match)
    changes: dict[str, Any] = {}
    for key, value in body.model_dump(exclude_unset=True).items():
        if value is None:
            changes[key] = [] if key in ("emails", "phones", "tags") else ""
        else:
            changes[key] = getattr(value, "value", value)
    if changes.get("name") == "":
        changes.pop("name")
    profile = edit_person_profile(uow, person_id, changes, expected_version=expected)
    response.headers["ETag"] = _etag(profile.version)
    return PersonDetail.of(profile)


@router.delete("/{person_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(
    uow: UoW,
    person_id: int,
    delete_related: Annotated[
        bool, Query(description="Delete their ties, notes and so on.")
    ] = False,
    reassign_to: Annotated[
        int | None, Query(description="Move their records to this person.")
    ] = None,
) -> Response:
    """Remove a person. When records refer to them, say what to do with them (else 409)."""
    remove_person(uow, person_id, delete_related=delete_related, reassign_to=reassign_to)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{person_id}/merge", response_model=RemovalOut)
def merge(uow: UoW, person_id: int, body: MergeRequest) -> RemovalOut:
    """Fold a duplicate record into this person: fields united, records moved."""
    report = merge_people(uow, person_id, body.duplicate_id)
    return RemovalOut(
        removed_id=report.removed.id or 0,
        kept_id=report.kept.id if report.kept else None,
        moved=report.moved.counts,
        deleted=report.deleted.counts,
    )


@router.post("/{person_id}/split")
def split(
    uow: UoW,
    person_id: int,
    merge_id: Annotated[
        int | None, Query(description="The merge to undo (default: the newest not undone).")
    ] = None,
) -> dict[str, Any]:
    """Undo a merge into this person: the merged person comes back (409 when none is left)."""
    from allies.services.network.split import split_person

    report = split_person(uow, person_id, merge_id=merge_id)
    return {
        "kept_id": report.kept.id,
        "restored_id": report.restored.id,
        "merge_id": report.merge.id,
        "summary": report.summary(),
        "taken_back": report.taken_back,
        "moved_back": report.moved_back,
        "recreated": report.recreated,
        "notes": report.notes,
        "left": report.left,
    }
