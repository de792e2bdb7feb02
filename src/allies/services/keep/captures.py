"""Quick captures from a device, stored once however often they are sent.

A phone with no connection keeps what was typed (a meeting, an observation, a favour, a
promise, a note) and sends it when the connection returns, under a key of its own. The
first sending is kept as *received* and committed before the record is made; then the
record is made and the capture *settled* as stored or refused, with words saying why.
A second sending of a settled capture answers what became of it and stores nothing; one
sent while the first is still being stored answers *received* (send again later); one
whose storing was cut short (the server stopped) is taken up again by the next sending
after :data:`STALE_AFTER`, from the fields kept with it. This is the idempotency-key
pattern of payment APIs (Stripe's ``Idempotency-Key``; the IETF draft
``draft-ietf-httpapi-idempotency-key-header``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from allies.domain.captures import CAPTURE_KINDS, KEPT_FOR, Capture, CaptureKind
from allies.errors import AlliesError, Conflict, Forbidden, InvalidInput
from allies.services.ports import UnitOfWork

__all__ = ["STALE_AFTER", "Capture", "Stored", "receive_capture"]

#: How long a capture may stay *received* before another sending takes it up again.
STALE_AFTER = timedelta(minutes=2)
#: A key a device may give: letters, digits, ``-`` and ``_``, at most 64 characters
#: (a UUID, say).
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: The most fields a capture may carry, and the longest field.
_MAX_FIELDS, _MAX_FIELD = 40, 20_000

#: What storing a capture's fields made: the record's id (if it has one) and a sentence.
Stored = tuple[int | None, str]


def _check(key: str, kind: str, fields: Mapping[str, str]) -> CaptureKind:
    if not _KEY.match(key):
        raise InvalidInput("A capture's key is 1 to 64 letters, digits, '-' or '_'.", field="key")
    if kind not in CAPTURE_KINDS:
        raise InvalidInput(
            f"{kind!r} cannot be captured; one of: {', '.join(CAPTURE_KINDS)}.", field="kind"
        )
    if len(fields) > _MAX_FIELDS or any(len(v) > _MAX_FIELD for v in fields.values()):
        raise InvalidInput("The capture has too many or too long fields.", field="fields")
    return next(k for k in CAPTURE_KINDS if k == kind)


def _digest(kind: str, fields: Mapping[str, str]) -> str:
    """A fingerprint of what was typed: the same capture sent again has the same one."""
    canonical = json.dumps([kind, sorted(fields.items())], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _refusal(error: AlliesError) -> str:
    return error.message if not error.hint else f"{error.message} {error.hint}"


def receive_capture(
    uow: UnitOfWork,
    key: str,
    kind: str,
    fields: Mapping[str, str],
    store: Callable[[UnitOfWork, Mapping[str, str]], Stored],
    *,
    now: datetime | None = None,
) -> tuple[Capture, bool]:
    """Store a capture once: the capture as it now stands, and whether this call stored it.

    Parameters
    ----------
    uow
        The workspace's unit of work (used for two short transactions and by ``store``).
    key
        The key the device gave the capture.
    kind
        What it is: meeting, observation, favour, promise or note.
    fields
        The fields as typed on the device.
    store
        Makes the record from the fields in its own transaction (the face's form reader):
        returns the record's id and a sentence saying what was stored.
    now
        The moment of receiving (now by default).

    Returns
    -------
    tuple of Capture and bool
        The capture (``stored``, ``refused`` with the reason, or still ``received``) and
        True when this call made its record.

    Raises
    ------
    allies.errors.InvalidInput
        For a malformed key, an unknown kind or oversized fields.
    allies.errors.Conflict
        When the key was already used for a different capture.
    """
    actor = uow.actor
    if actor is not None and not actor.can_write:
        raise Forbidden(
            f"{actor.username} is a viewer of workspace {uow.workspace!r} and cannot add "
            "records to it.",
            hint="Ask an owner of the workspace for the editor role.",
        )
    checked = _check(key, kind, fields)
    moment = now or datetime.now(UTC)
    fresh = Capture(key, checked, _digest(checked, fields), "received", moment)
    with uow:
        uow.captures.forget_settled(moment - KEPT_FOR)
        if not uow.captures.receive(fresh):
            known = uow.captures.get(key)
            if known is None:  # removed in between (its workspace erased): nothing to do
                raise Conflict("That capture can no longer be stored here.")
            if known.digest != fresh.digest:
                raise Conflict(
                    "That key was already used for another capture.",
                    hint="Send it again under a new key.",
                )
            if known.status != "received" or not uow.captures.take_over(key, moment - STALE_AFTER):
                return known, False
        uow.commit()
    try:
        record_id, said = store(uow, fields)
    except AlliesError as error:
        settled = replace(fresh, status="refused", message=_refusal(error))
        kept = settled.message
    else:
        settled = replace(fresh, status="stored", message=said, record_id=record_id)
        kept = f"The {checked} is stored."  # the receipt names no one
    with uow:
        uow.captures.settle(key, settled.status, kept, settled.record_id)
        uow.commit()
    return settled, settled.status == "stored"
