"""A person's card details and role history, as imports and syncs bring them in.

:func:`keep_card` adds what a card says (birthday, anniversary, addresses, URLs, photo,
custom fields) to the person's :class:`~allies.domain.cards.CardDetails`, only ever
adding, like a merge: nothing stored is overwritten, so bringing the same card twice
changes nothing. :func:`notice_role` keeps the title and organisation a person had before
when a source that knows their current role (a CardDAV sync, a LinkedIn export) says it
changed, as a :class:`~allies.domain.cards.RoleChange` dated the day it was noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from allies.domain import Person
from allies.domain.cards import CardDetails, RoleChange
from allies.interchange.vcard_details import CardExtras
from allies.services.network.matching import normalise_organisation
from allies.services.ports import UnitOfWork

__all__ = ["card_extras", "card_fields", "keep_card", "notice_role", "organisation_name"]


def card_extras(details: CardDetails | None) -> CardExtras:
    """The stored details as the vCard writer takes them (empty when there are none)."""
    if details is None:
        return CardExtras()
    return CardExtras(
        birthday=details.birthday,
        anniversary=details.anniversary,
        addresses=list(details.addresses),
        urls=list(details.urls),
        photo=details.photo,
        custom=dict(details.custom),
    )


def card_fields(details: CardDetails | None) -> dict[str, object]:
    """The card details to show, by label (only those the card has; the photo as a yes)."""
    if details is None:
        return {}
    shown: dict[str, object] = {
        "birthday": details.birthday,
        "anniversary": details.anniversary,
        "addresses": [a.one_line() for a in details.addresses],
        "urls": list(details.urls),
        "photo": "yes" if details.photo else "",
        **{key.lower(): value for key, value in sorted(details.custom.items())},
    }
    return {key: value for key, value in shown.items() if value}


def keep_card(
    uow: UnitOfWork, person_id: int, extras: CardExtras, *, replace: bool = False
) -> bool:
    """Add what ``extras`` says to the person's card details; True when anything changed.

    With ``replace`` (a sync, where the card is the source of truth for these fields) the
    card's values replace the stored ones; otherwise only what is missing is added.
    """
    if extras.empty and not replace:
        return False
    stored = uow.cards.for_person(person_id)
    if stored is None:
        if extras.empty:
            return False
        uow.cards.add(CardDetails(person_id=person_id, **vars(card_extras(None)) | vars(extras)))
        return True
    before = vars(card_extras(stored))
    if replace:
        after = vars(extras)
    else:
        lines = {a.one_line() for a in stored.addresses}
        after = {
            "birthday": stored.birthday or extras.birthday,
            "anniversary": stored.anniversary or extras.anniversary,
            "addresses": stored.addresses
            + [a for a in extras.addresses if a.one_line() not in lines],
            "urls": list(dict.fromkeys([*stored.urls, *extras.urls])),
            "photo": stored.photo or extras.photo,
            "custom": {**extras.custom, **stored.custom},
        }
    if _same(before, after):
        return False
    for name, value in after.items():
        setattr(stored, name, value)
    uow.cards.save(stored)
    return True


def _same(before: dict[str, object], after: dict[str, object]) -> bool:
    def plain(values: dict[str, object]) -> dict[str, object]:
        out = dict(values)
        out["addresses"] = [vars(a) for a in values["addresses"]]  # type: ignore[attr-defined]
        return out

    return plain(before) == plain(after)


def organisation_name(uow: UnitOfWork, person: Person) -> str:
    """The name of the person's organisation (``""`` when none)."""
    if person.organisation_id is None:
        return ""
    found = uow.organisations.find(person.organisation_id)
    return found.name if found is not None else ""


def notice_role(
    uow: UnitOfWork,
    person: Person,
    title: str,
    organisation: str,
    *,
    source: str,
    on: date,
    organisation_id: Callable[[str], int | None],
) -> RoleChange | None:
    """Keep the person's former role when ``title`` or ``organisation`` says it changed.

    An empty incoming title or organisation says nothing (it is not a change to none);
    organisations are compared by their normalised names (``ACME Ltd.`` is ``Acme``).
    The person gets the new title and organisation (``organisation_id`` gives, or adds,
    the organisation of a name) and is saved; the change is stored and returned.
    """
    old_title, old_org = person.title, organisation_name(uow, person)
    new_title = title.strip() or old_title
    new_org = organisation.strip() or old_org
    title_moved = bool(old_title) and new_title.casefold() != old_title.casefold()
    org_moved = bool(old_org) and (
        normalise_organisation(new_org) != normalise_organisation(old_org)
    )
    if not (title_moved or org_moved):
        return None
    change = RoleChange(
        person_id=person.id or 0,
        changed_on=on,
        old_title=old_title,
        old_organisation=old_org,
        new_title=new_title,
        new_organisation=new_org,
        source=source,
    )
    person.title = new_title
    if org_moved:
        person.organisation_id = organisation_id(new_org)
        person.unit_id = None
    uow.people.save(person)
    return uow.role_changes.add(change)
