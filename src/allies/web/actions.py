"""Form submissions turned into service calls, shared by the Log page, the person page
and the record pages.

Each function reads the strings of a submitted form, converts them (numbers, lists of
people) and calls one service. Errors propagate as :class:`allies.errors.AlliesError`;
the caller re-shows the form with :func:`allies.web.forms.failed`.
"""

from __future__ import annotations

from collections.abc import Mapping

from allies.errors import InvalidInput
from allies.services.keep.log import log_interaction, make_promise, record_favour, set_cadence
from allies.services.keep.records import default_kind
from allies.services.network.structure import add_tie, observe
from allies.services.ports import UnitOfWork
from allies.services.vocabulary import Cadence, Favour, Interaction, Observation, Promise, Tie
from allies.web.forms import (
    day,
    number,
    optional_day,
    optional_text,
    optional_whole,
    person_ref,
    person_refs,
    text,
)


def log_meeting(uow: UnitOfWork, values: Mapping[str, str]) -> Interaction:
    """Log an interaction from the fields people, kind, on, tone, summary, notes, initiated_by."""
    people = person_refs(values.get("people", ""))
    if not people:
        raise InvalidInput("Name at least one person you met.", field="people")
    return log_interaction(
        uow,
        people,
        kind=text(values, "kind") or default_kind(len(people)),
        on=day(values, "on"),
        tone=int(number(values, "tone", 0)),
        summary=text(values, "summary"),
        notes=text(values, "notes"),
        initiated_by=optional_text(values, "initiated_by"),
    )


def record_observation(uow: UnitOfWork, values: Mapping[str, str]) -> Observation:
    """Record an observation from subject, kind, object, on, strength, context, note."""
    for key in ("subject", "object"):
        if not text(values, key):
            raise InvalidInput(f"Say who the {key} is.", field=key)
    if not text(values, "kind"):
        raise InvalidInput("Choose what was seen.", field="kind")
    return observe(
        uow,
        person_ref(values["subject"]),
        text(values, "kind"),
        person_ref(values["object"]),
        on=day(values, "on"),
        strength=number(values, "strength", 1.0),
        context=text(values, "context"),
        note=text(values, "note"),
    )


def record_favour_form(uow: UnitOfWork, values: Mapping[str, str]) -> Favour:
    """Record a favour from person, direction, size, description, on."""
    if not text(values, "person"):
        raise InvalidInput("Say who the favour was with.", field="person")
    return record_favour(
        uow,
        person_ref(values["person"]),
        text(values, "direction") or "given",
        text(values, "description"),
        size=text(values, "size") or "small",
        on=day(values, "on"),
    )


def record_promise_form(uow: UnitOfWork, values: Mapping[str, str]) -> Promise:
    """Record a promise from by, to, description, due, made_on.

    On the person page the form says ``direction`` (``mine``: I promised them;
    ``theirs``: they promised me) and ``person`` instead of by and to.
    """
    by, to = optional_text(values, "by"), optional_text(values, "to")
    if values.get("direction") and values.get("person"):
        other = person_ref(values["person"])
        by, to = ("me", other) if values["direction"] == "mine" else (other, "me")
    if not to and not by:
        raise InvalidInput("Say who the promise was made to.", field="to")
    return make_promise(
        uow,
        text(values, "description"),
        to=person_ref(to or "me"),
        by=person_ref(by or "me"),
        due=optional_day(values, "due"),
        made_on=day(values, "made_on"),
    )


def add_tie_form(uow: UnitOfWork, values: Mapping[str, str]) -> Tie:
    """Add a tie from source, kind, target, weight, confidence, origin, dates and note."""
    for key in ("source", "target"):
        if not text(values, key):
            raise InvalidInput(
                f"Say who the tie is {'from' if key == 'source' else 'to'}.", field=key
            )
    if not text(values, "kind"):
        raise InvalidInput("Choose the kind of tie.", field="kind")
    return add_tie(
        uow,
        person_ref(values["source"]),
        text(values, "kind"),
        person_ref(values["target"]),
        weight=number(values, "weight", 0.5),
        confidence=number(values, "confidence", 1.0),
        origin=text(values, "origin") or "stated",
        valid_from=optional_day(values, "valid_from"),
        valid_to=optional_day(values, "valid_to"),
        note=text(values, "note"),
    )


def set_cadence_form(uow: UnitOfWork, values: Mapping[str, str]) -> Cadence:
    """Set a cadence from person, tag or tier, ideal_days, max_days."""
    ideal = optional_whole(values, "ideal_days")
    if ideal is None:
        raise InvalidInput(
            "Say how many days you would ideally leave between check-ins.", field="ideal_days"
        )
    person = optional_text(values, "person")
    return set_cadence(
        uow,
        ideal_days=ideal,
        max_days=optional_whole(values, "max_days"),
        person=person_ref(person) if person else None,
        tag=optional_text(values, "tag"),
        tier=optional_text(values, "tier"),
    )
