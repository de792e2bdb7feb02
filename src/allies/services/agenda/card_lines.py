"""Agenda lines from what cards hold: birthdays, anniversaries and changed roles.

- A birthday or an anniversary on a day of the agenda is a line of the *celebrate*
  section ("wish Ana a happy birthday"), with the age or the years when the card gives
  the year. Someone born on 29 February is wished on 28 February in other years.
- A title or organisation that changed lately (:data:`RECENT_DAYS`) is a line too:
  "Ana Ruiz is now Director General at Ministry B: congratulate Ana". When the person
  is a decider of an active campaign, or has a stance on one of its issues, the line is
  louder: it goes first, in the *campaign* section, because the campaign's forecast and
  plan rest on the role they had.

Each line's key names its kind, the person and the day, so a line handled once stays
handled (:mod:`~allies.services.agenda.lines`).
"""

from __future__ import annotations

from calendar import isleap
from datetime import date, timedelta

from allies.domain import CampaignStatus, Person
from allies.domain.cards import CardDetails, RoleChange
from allies.services.agenda import lines
from allies.services.agenda.today import AgendaItem
from allies.services.ports import UnitOfWork

__all__ = ["RECENT_DAYS", "card_lines"]

#: How many days a role change stays on the agenda.
RECENT_DAYS = 14


def _falls_on(parts: tuple[int | None, int, int], day: date) -> bool:
    _, month, dom = parts
    if (month, dom) == (2, 29) and not isleap(day.year):
        return (day.month, day.day) == (2, 28)
    return (day.month, day.day) == (month, dom)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _dates(card: CardDetails, person: Person, days: list[date]) -> list[AgendaItem]:
    found: list[AgendaItem] = []
    first = person.name.split()[0]
    for kind, parts in (
        ("birthday", card.birthday_parts()),
        ("anniversary", card.anniversary_parts()),
    ):
        if parts is None:
            continue
        for day in days:
            if not _falls_on(parts, day):
                continue
            year = parts[0]
            if kind == "birthday":
                age = f" ({_ordinal(day.year - year)})" if year and day.year > year else ""
                what, why = f"wish {first} a happy birthday{age}", "Birthday, from their card."
            else:
                years = f" ({day.year - year} years)" if year and day.year > year else ""
                what, why = f"mark {first}'s anniversary{years}", "Anniversary, from their card."
            found.append(
                AgendaItem(
                    0,
                    "celebrate",
                    person.name,
                    what,
                    why,
                    day,
                    person.id,
                    key=lines.person_key(kind, person.id, day),
                )
            )
    return found


def _source_words(source: str | None) -> str:
    """Where the news of a changed role came from, in plain words ("" when unknown)."""
    if not source:
        return ""
    for machine, words in (
        ("CardDAV sync", "found in your contacts"),
        ("LinkedIn import", "found in your LinkedIn export"),
    ):
        if source.startswith(machine):
            return f", {words}{source[len(machine) :]}"
    return f", from {source}"


def _role_line(change: RoleChange, person: Person, campaigns: dict[int, list[str]]) -> AgendaItem:
    first = person.name.split()[0]
    what = f"is now {change.describe_new()}: congratulate {first}"
    was = change.describe_old() or "another role"
    source = _source_words(change.source)
    key = lines.person_key("role", person.id, change.changed_on)
    names = campaigns.get(person.id or 0, [])
    if names:
        return AgendaItem(
            0,
            "campaign",
            person.name,
            f"{what}, and check the plan",
            f"A decider or stakeholder of {', '.join(names)}: its forecast and plan rest on "
            f"the old role ({was}). Noticed on {change.changed_on}{source}.",
            change.changed_on,
            person.id,
            key=key,
        )
    return AgendaItem(
        0,
        "celebrate",
        person.name,
        what,
        f"Was {was}; noticed on {change.changed_on}{source}.",
        change.changed_on,
        person.id,
        key=key,
    )


def _stakeholders(uow: UnitOfWork) -> dict[int, list[str]]:
    """The campaigns each person is a decider or stakeholder of (active ones only)."""
    found: dict[int, list[str]] = {}
    active = [c for c in uow.campaigns.list() if c.status is CampaignStatus.ACTIVE]
    issues = {i.id: c for c in active for i in c.issues}
    for campaign in active:
        for person_id in campaign.decider_ids:
            found.setdefault(person_id, []).append(campaign.name)
    for stance in uow.stances.list():
        held = issues.get(stance.issue_id)
        if held is not None and held.name not in found.get(stance.person_id, []):
            found.setdefault(stance.person_id, []).append(held.name)
    return found


def card_lines(uow: UnitOfWork, today: date, days: int = 1) -> list[AgendaItem]:
    """The birthdays and anniversaries within the days, and the roles changed lately
    (louder lines, in the *campaign* section, first)."""
    span = [today + timedelta(days=n) for n in range(max(days, 1))]
    with uow:
        cards = uow.cards.list()
        changes = uow.role_changes.since(today - timedelta(days=RECENT_DAYS))
        if not cards and not changes:
            return []
        people = {p.id: p for p in uow.people.list()}
        campaigns = _stakeholders(uow) if changes else {}
    found: list[AgendaItem] = []
    latest: dict[int, RoleChange] = {}
    for change in changes:
        if change.changed_on <= span[-1]:
            latest[change.person_id] = change
    for person_id, change in latest.items():
        person = people.get(person_id)
        if person is not None:
            found.append(_role_line(change, person, campaigns))
    for card in cards:
        person = people.get(card.person_id)
        if person is not None and not person.is_me:
            found.extend(_dates(card, person, span))
    found.sort(key=lambda i: (i.section != "campaign", i.on or today, i.who))
    return found
