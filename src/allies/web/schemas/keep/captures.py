"""Quick captures sent by a device: what it sends and what it is told."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from allies.services.keep.captures import Capture
from allies.web.schemas.common import ApiModel, Name, Text

#: What can be captured, and what became of a capture (as the domain names them).
CaptureKind = Literal["meeting", "observation", "favour", "promise", "note"]
CaptureStatus = Literal["received", "stored", "refused"]


class CaptureIn(ApiModel):
    """A capture as typed on the device: what it is and its form's fields by name."""

    kind: CaptureKind = Field(description="meeting, observation, favour, promise or note.")
    fields: dict[Name, Text] = Field(
        default_factory=dict,
        description="The fields of the Log form for that kind (a note: person and body).",
        max_length=40,
    )


class CaptureOut(ApiModel):
    """What became of a capture: stored (with the record's id), refused (with the reason;
    nothing was stored) or still being received (send it again in a moment)."""

    key: str
    kind: CaptureKind
    status: CaptureStatus
    message: str
    record_id: int | None
    received_at: datetime
    first: bool = Field(description="True when this sending stored it; False for a repeat.")
    outcome: Literal["stored", "already-stored", "refused", "in-progress"]

    @classmethod
    def of(cls, capture: Capture, first: bool) -> CaptureOut:
        """The answer for ``capture`` as it stands."""
        outcome: Literal["stored", "already-stored", "refused", "in-progress"]
        if capture.status == "stored":
            outcome = "stored" if first else "already-stored"
        elif capture.status == "refused":
            outcome = "refused"
        else:
            outcome = "in-progress"
        return cls(
            key=capture.key,
            kind=capture.kind,
            status=capture.status,
            message=capture.message,
            record_id=capture.record_id,
            received_at=capture.received_at,
            first=first,
            outcome=outcome,
        )
