"""A person's story: interactions, observations, favours and promises as one timeline,
newest first, read a page at a time.

The order is by day, then kind, then id, all newest first; a page starts after a cursor
(the key of the last entry of the page before, ``2024-05-01.interaction.42``). Only the
interactions of the page are read (the newest ones after the cursor, one more to tell
whether there are older ones), and only the names of the people the page mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from allies.domain import Favour, Interaction, Observation, Promise
from allies.errors import InvalidInput

__all__ = [
    "KINDS",
    "StoryPage",
    "TimelineEntry",
    "build_timeline",
    "interactions_before",
    "mentioned",
    "parse_cursor",
    "story_page",
]

#: The kinds of event a story holds.
KINDS = ("interaction", "observation", "favour", "promise")

#: An entry's place in the story: ``(day, kind, id)``; the story runs from the highest.
Key = tuple[date, str, int]


@dataclass
class TimelineEntry:
    """One dated event in a person's story."""

    on: date
    kind: str  # interaction, observation, favour, promise
    text: str
    id: int

    @property
    def cursor(self) -> str:
        """The entry's place in the story, as ``?before=`` takes it to read what is older."""
        return f"{self.on.isoformat()}.{self.kind}.{self.id}"


def parse_cursor(text: str) -> Key:
    """The ``(day, kind, id)`` a cursor names (:attr:`TimelineEntry.cursor`).

    Raises
    ------
    InvalidInput
        When ``text`` is not a day, a kind of event and an id joined by dots.
    """
    parts = text.strip().split(".")
    problem = InvalidInput(
        f"{text[:60]!r} is not a place in a story: give the day, kind and id of an entry "
        "joined by dots, such as 2024-05-01.interaction.42.",
        field="before",
    )
    if len(parts) != 3 or parts[1] not in KINDS or not parts[2].isdigit() or len(parts[2]) > 12:
        raise problem
    try:
        day = date.fromisoformat(parts[0])
    except ValueError:
        raise problem from None
    return day, parts[1], int(parts[2])


def interactions_before(cursor: Key | None) -> tuple[date, int] | None:
    """The ``(day, id)`` bound of the interactions that come after ``cursor`` in the
    story: the same day's interactions come after a promise or an observation, before a
    favour (the kinds run backwards within a day)."""
    if cursor is None:
        return None
    day, kind, entry_id = cursor
    if kind == "interaction":
        return day, entry_id
    if kind > "interaction":  # the day's interactions all come after it
        return (day + timedelta(days=1), 0) if day < date.max else (day, 2**31)
    return day, 0  # none of the day's


@dataclass
class StoryPage:
    """The entries of one page of a story and what is beyond it."""

    entries: list[TimelineEntry]
    interactions: list[Interaction]  # the interactions the page shows, newest first
    older: str | None = None  # the cursor of the next page; None when this one is the last


def story_page(
    interactions: Sequence[Interaction],
    observations: Sequence[Observation],
    favours: Sequence[Favour],
    promises: Sequence[Promise],
    names: Callable[[set[int]], Mapping[int | None, str]],
    *,
    before: Key | None = None,
    limit: int | None = None,
) -> StoryPage:
    """The page of the story after ``before`` (from the newest without), at most
    ``limit`` entries (every one without).

    ``interactions`` need hold only the newest ones after ``before``, one more than
    ``limit`` (to tell whether there are older ones); the other records may be all of
    them. ``names`` is called with the people the page mentions, and only them.
    """
    keyed: list[tuple[Key, object]] = []
    keyed += [((i.occurred_on, "interaction", i.id or 0), i) for i in interactions]
    keyed += [((o.observed_on, "observation", o.id or 0), o) for o in observations]
    keyed += [((f.occurred_on, "favour", f.id or 0), f) for f in favours]
    keyed += [((c.made_on, "promise", c.id or 0), c) for c in promises]
    if before is not None:
        keyed = [(key, record) for key, record in keyed if key < before]
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    shown = keyed if limit is None else keyed[: max(limit, 0)]
    more = len(shown) < len(keyed)
    records = [record for _, record in shown]
    page_interactions = [r for r in records if isinstance(r, Interaction)]
    page_observations = [r for r in records if isinstance(r, Observation)]
    page_favours = [r for r in records if isinstance(r, Favour)]
    page_promises = [r for r in records if isinstance(r, Promise)]
    known = names(mentioned(page_interactions, page_observations, page_promises))
    entries = build_timeline(
        known, page_interactions, page_observations, page_favours, page_promises
    )
    older = entries[-1].cursor if more and entries else None
    return StoryPage(entries, page_interactions, older)


def mentioned(
    interactions: Sequence[Interaction],
    observations: Sequence[Observation],
    promises: Sequence[Promise],
) -> set[int]:
    """The people these records name."""
    people = {q for i in interactions for q in i.participant_ids}
    people |= {o.subject_id for o in observations} | {o.object_id for o in observations}
    people |= {c.promiser_id for c in promises} | {c.promisee_id for c in promises}
    return people


#: How a meeting went, in the words the Log form offers (a neutral one says nothing).
_TONE_WORDS = {2: "went very well", 1: "went well", -1: "went badly", -2: "went very badly"}


def build_timeline(
    names: Mapping[int | None, str],
    interactions: Sequence[Interaction],
    observations: Sequence[Observation],
    favours: Sequence[Favour],
    promises: Sequence[Promise],
) -> list[TimelineEntry]:
    """Interactions, observations, favours and promises as one story, newest first."""
    entries: list[TimelineEntry] = []
    for i in interactions:
        who = ", ".join(names.get(p, f"#{p}") for p in i.participant_ids)
        tone = f" ({_TONE_WORDS[i.tone]})" if i.tone in _TONE_WORDS else ""
        text = f"{i.kind.value.replace('_', ' ')} with {who}{tone}"
        if i.summary:
            text += f": {i.summary}"
        entries.append(TimelineEntry(i.occurred_on, "interaction", text, i.id or 0))
    for o in observations:
        verb = o.kind.value.replace("_", " ")
        text = f"{names.get(o.subject_id, '?')} {verb} {names.get(o.object_id, '?')}"
        if o.context:
            text += f" ({o.context})"
        entries.append(TimelineEntry(o.observed_on, "observation", text, o.id or 0))
    for f in favours:
        direction = "gave" if f.direction.value == "given" else "received"
        text = f"I {direction} a {f.size.value} favour: {f.description}"
        entries.append(TimelineEntry(f.occurred_on, "favour", text, f.id or 0))
    for c in promises:
        due = f" by {c.due_on.isoformat()}" if c.due_on else ""
        text = (
            f"{names.get(c.promiser_id, '?')} promised {names.get(c.promisee_id, '?')}: "
            f"{c.description}{due} [{c.status.value}]"
        )
        entries.append(TimelineEntry(c.made_on, "promise", text, c.id or 0))
    entries.sort(key=lambda e: (e.on, e.kind, e.id), reverse=True)
    return entries
