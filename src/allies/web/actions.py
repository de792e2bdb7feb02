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
from allies.web.form_reader import Reader
from allies.web.forms import (
    optional_text,
    optional_whole,
    person_ref,
    text,
)


def log_meeting(uow: UnitOfWork, values: Mapping[str, str]) -> Interaction:
    """Log an interaction from the fields people, kind, on, tone, summary, notes, initiated_by.

    Every problem is reported at once; a day after today is refused (a meeting logged
    has happened, and would otherwise count as a last contact in the future).
    """
    reader = Reader(values)
    people = reader.people(uow, "people", required="Name at least one person you met.")
    on = reader.day("on", past=True, blank=reader.today, what="a meeting you log")
    tone = reader.number("tone", 0, low=-2, high=2, label="How it went")
    reader.check()
    return log_interaction(
        uow,
        people,
        kind=text(values, "kind") or default_kind(len(people)),
        on=on,
        tone=int(tone or 0),
        summary=text(values, "summary"),
        notes=text(values, "notes"),
        initiated_by=optional_text(values, "initiated_by"),
    )


def record_observation(uow: UnitOfWork, values: Mapping[str, str]) -> Observation:
    """Record an observation from subject, kind, object, on, strength, context, note."""
    reader = Reader(values)
    subject = reader.person(uow, "subject", required="Say who did it.")
    if not text(values, "kind"):
        reader.problem("kind", "Choose what was seen.")
    target = reader.person(uow, "object", required="Say to whom.")
    on = reader.day("on", past=True, blank=reader.today, what="something you saw")
    strength = reader.number("strength", 1.0, low=0, high=1, label="How clear it was")
    reader.check()
    return observe(
        uow,
        subject or "",
        text(values, "kind"),
        target or "",
        on=on,
        strength=strength if strength is not None else 1.0,
        context=text(values, "context"),
        note=text(values, "note"),
    )


def record_favour_form(uow: UnitOfWork, values: Mapping[str, str]) -> Favour:
    """Record a favour from person, direction, size, description, on."""
    reader = Reader(values)
    person = reader.person(uow, "person", required="Say who the favour was with.")
    reader.text("description", required="Say what the favour was.")
    on = reader.day("on", past=True, blank=reader.today, what="a favour done")
    reader.check()
    return record_favour(
        uow,
        person or "",
        text(values, "direction") or "given",
        text(values, "description"),
        size=text(values, "size") or "small",
        on=on,
    )


def record_promise_form(uow: UnitOfWork, values: Mapping[str, str]) -> Promise:
    """Record a promise from by, to, description, due, made_on.

    On the person page the form says ``direction`` (``mine``: I promised them;
    ``theirs``: they promised me) and ``person`` instead of by and to.
    """
    reader = Reader(values)
    if values.get("direction") and values.get("person"):
        other = reader.person(uow, "person", required="Say with whom.")
        by, to = ("me", other) if values["direction"] == "mine" else (other, "me")
    else:
        by = reader.person(uow, "by") if text(values, "by") else "me"
        to = reader.person(uow, "to") if text(values, "to") else None
        if to is None and by == "me" and "to" not in reader.problems:
            reader.problem("to", "Say who the promise was made to.")
    reader.text("description", required="Say what was promised.")
    due = reader.day("due")
    made_on = reader.day("made_on", past=True, blank=reader.today, what="a promise made")
    reader.check()
    return make_promise(
        uow,
        text(values, "description"),
        to=to or "me",
        by=by or "me",
        due=due,
        made_on=made_on,
    )


def add_tie_form(uow: UnitOfWork, values: Mapping[str, str]) -> Tie:
    """Add a tie from source, kind, target, weight, confidence, origin, dates and note."""
    reader = Reader(values)
    source = reader.person(uow, "source", required="Say who the tie is from.")
    if not text(values, "kind"):
        reader.problem("kind", "Choose the kind of tie.")
    target = reader.person(uow, "target", required="Say who the tie is to.")
    weight = reader.number("weight", 0.5, low=0, high=1, label="The strength")
    confidence = reader.number("confidence", 1.0, low=0, high=1, label="How sure you are")
    valid_from = reader.day("valid_from")
    valid_to = reader.day("valid_to")
    reader.check()
    return add_tie(
        uow,
        source or "",
        text(values, "kind"),
        target or "",
        weight=weight if weight is not None else 0.5,
        confidence=confidence if confidence is not None else 1.0,
        origin=text(values, "origin") or "stated",
        valid_from=valid_from,
        valid_to=valid_to,
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
