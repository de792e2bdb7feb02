"""A quick capture sent from a device: a meeting, an observation, a favour, a promise or
a note typed on a phone, perhaps with no connection, and sent when the connection returns.

The device names each capture with a key of its own; the key makes sending it again
harmless, so a capture typed once is stored once however often the device retries. The
server keeps no copy of what was typed: only a digest of it (to tell a repeat from another
capture under the same key), and it forgets a settled capture after :data:`KEPT_FOR`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

__all__ = ["CAPTURE_KINDS", "KEPT_FOR", "Capture", "CaptureKind", "CaptureStatus"]

#: How long the receipt of a settled capture is kept (a device offline longer than this
#: and sending again would store it again).
KEPT_FOR = timedelta(days=14)

#: What can be captured on the go.
CaptureKind = Literal["meeting", "observation", "favour", "promise", "note"]
CAPTURE_KINDS: tuple[CaptureKind, ...] = ("meeting", "observation", "favour", "promise", "note")

#: ``received``: being stored now; ``stored``: the record exists; ``refused``: it could not
#: be stored as sent (a person merged or erased meanwhile, a field that breaks a rule).
CaptureStatus = Literal["received", "stored", "refused"]


@dataclass(frozen=True)
class Capture:
    """One capture as the server keeps it: its key, what it is, a digest of its fields,
    and what became of it (``message`` says it in words; ``record_id`` is the record made)."""

    key: str
    kind: CaptureKind
    digest: str
    status: CaptureStatus
    received_at: datetime
    message: str = ""
    record_id: int | None = None
