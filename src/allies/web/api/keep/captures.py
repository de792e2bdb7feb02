"""``/api/v1/captures/{key}``: quick captures from a device, stored once per key.

A phone that lost its connection keeps what was typed on the Log page and sends it here
when the connection returns (``static/js/pwa.js``); the key it chose makes a repeated
sending harmless. ``PUT`` because sending the same capture again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status

from allies.errors import InvalidInput
from allies.services.keep.captures import Stored, receive_capture
from allies.services.network.notes import add_note
from allies.services.ports import UnitOfWork
from allies.web import actions
from allies.web.deps import UoW
from allies.web.schemas.keep.captures import CaptureIn, CaptureOut

router = APIRouter(prefix="/captures", tags=["captures"])

CaptureKey = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="The key the device gave the capture (a UUID, say).",
    ),
]


def _record(
    noun: str, action: Callable[[UnitOfWork, Mapping[str, str]], Any], about: str
) -> Callable[[UnitOfWork, Mapping[str, str]], Stored]:
    def store(uow: UnitOfWork, fields: Mapping[str, str]) -> Stored:
        made = action(uow, fields)
        record_id = getattr(made, "id", None)
        whom = (fields.get(about) or "").strip()
        return record_id, f"The {noun} with {whom} is stored." if whom else f"The {noun} is stored."

    return store


def _note(uow: UnitOfWork, fields: Mapping[str, str]) -> Stored:
    person = (fields.get("person") or "").strip()
    if not person and (fields.get("person_id") or "").strip().isdigit():
        person = f"#{fields['person_id'].strip()}"
    if not person:
        raise InvalidInput("Say whom the note is about.", field="person")
    private = (fields.get("private") or "") in ("on", "true", "1")
    note = add_note(uow, person, fields.get("body") or "", private=private)
    return note.id, f"The note about {note.person} is stored."


#: How each kind of capture becomes a record: the Log page's own form readers.
STORE: dict[str, Callable[[UnitOfWork, Mapping[str, str]], Stored]] = {
    "meeting": _record("meeting", actions.log_meeting, "people"),
    "observation": _record("observation", actions.record_observation, "subject"),
    "favour": _record("favour", actions.record_favour_form, "person"),
    "promise": _record("promise", actions.record_promise_form, "to"),
    "note": _note,
}


@router.put(
    "/{key}",
    response_model=CaptureOut,
    responses={
        200: {"description": "Sent before: what became of it (nothing new stored)."},
        201: {"description": "Stored now."},
        202: {"description": "Still being stored: send it again in a moment."},
        409: {"description": "Refused (the reason says why; nothing stored), or the key "
              "was used for another capture."},
    },
)  # fmt: skip
def put_capture(uow: UoW, key: CaptureKey, body: CaptureIn, response: Response) -> CaptureOut:
    """Store a capture typed on a device, once however often it is sent."""
    capture, first = receive_capture(uow, key, body.kind, body.fields, STORE[body.kind])
    answer = CaptureOut.of(capture, first)
    response.status_code = {
        "stored": status.HTTP_201_CREATED,
        "already-stored": status.HTTP_200_OK,
        "in-progress": status.HTTP_202_ACCEPTED,
        "refused": status.HTTP_409_CONFLICT,
    }[answer.outcome]
    return answer
