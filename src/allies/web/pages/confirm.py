"""Confirmations that say what was understood: whom each typed name was taken to mean.

A form saved redirects with the ids of the people its names resolved to (``who=3,12``);
the page it lands on names them in its confirmation ("Meeting logged, with Étienne
Dubois."), so a name typed without its accents, or only in part, is seen to have found
the right person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fastapi import Request

from allies.services.network.records import people_names
from allies.services.ports import UnitOfWork
from allies.web.form_reader import Reader

#: The most names a confirmation lists.
MOST = 12

#: The attributes through which a saved record names people.
_PEOPLE = (
    "participant_ids",
    "person_id",
    "promiser_id",
    "promisee_id",
    "subject_id",
    "object_id",
    "source_id",
    "target_id",
)


def people_in(record: object) -> list[int]:
    """The ids of the people a saved record names (a meeting's participants, a
    promise's two sides ...), in that order."""
    ids: list[int] = []
    for attr in _PEOPLE:
        value = getattr(record, attr, None)
        if isinstance(value, int):
            ids.append(value)
        elif isinstance(value, list):
            ids += [v for v in value if isinstance(v, int)]
    return ids


def who_query(reader: Reader | Iterable[int]) -> str:
    """The ``&who=`` part of a redirect for the people a form's names resolved to."""
    ids = reader.person_ids if isinstance(reader, Reader) else list(reader)
    ids = [i for i in dict.fromkeys(ids) if i][:MOST]
    return f"&who={','.join(str(i) for i in ids)}" if ids else ""


def resolved_names(request: Request, uow: UnitOfWork) -> list[str]:
    """The names of the people in the ``who`` query parameter (unknown ids left out)."""
    raw = request.query_params.get("who", "")
    ids = [int(part) for part in raw.split(",")[:MOST] if part.strip().isdigit()]
    if not ids:
        return []
    names = people_names(uow)
    return [names[i] for i in ids if i in names]


def confirmation(request: Request, uow: UnitOfWork, messages: Mapping[str, str]) -> str | None:
    """The message for the ``saved`` query parameter, naming whom the names resolved to."""
    message = messages.get(request.query_params.get("saved", ""))
    if message is None:
        return None
    names = resolved_names(request, uow)
    if not names:
        return message
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return f"{message} Names taken to mean: {listed}."
