"""The demo's card details and role history: a few birthdays and a decider's new role,
so the agenda shows what a synced address book brings."""

from __future__ import annotations

from datetime import timedelta

from allies.domain.cards import CardDetails, PostalAddress, RoleChange
from allies.services.demo.people import Cast

__all__ = ["build_cards", "build_role_changes"]


def build_cards(cast: Cast) -> list[CardDetails]:
    """Birthdays (one today, one in two days), an address and a web page."""
    today = cast.today
    soon = today + timedelta(days=2)
    return [
        CardDetails(
            person_id=cast["ea"],
            birthday=f"1988-{today.month:02d}-{min(today.day, 28):02d}",
            addresses=[PostalAddress(street="12 Harbour Road", locality="Leeds", kind="work")],
        ),
        CardDetails(
            person_id=cast["professor"],
            birthday=f"--{soon.month:02d}-{min(soon.day, 28):02d}",
            urls=["https://example.org/~professor"],
        ),
    ]


def build_role_changes(cast: Cast) -> list[RoleChange]:
    """A decider of the campaign took a new title three days ago."""
    cio = cast.people[cast["cio"]]
    organisation = next(
        (o.name for n, o in enumerate(cast.organisations) if n == cio.organisation_id), ""
    )
    return [
        RoleChange(
            person_id=cast["cio"],
            changed_on=cast.today - timedelta(days=3),
            old_title="Head of Infrastructure",
            old_organisation=organisation,
            new_title=cio.title or "Chief Information Officer",
            new_organisation=organisation,
            source="CardDAV sync (demo)",
        )
    ]
