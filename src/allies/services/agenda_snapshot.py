"""The part of a workspace the daily agenda reads, found by the database.

:func:`allies.services.snapshot.load_snapshot` reads everything; in a workspace of ten
thousand people and two hundred thousand interactions that is seconds of work for an
agenda of a few dozen lines. :func:`load_agenda_snapshot` reads only what can reach the
agenda, and the agenda built from it is the same (a test compares the two):

* **check-ins** -- everyone a cadence applies to (by person, tag or tier) is looked at
  through their last contact (one index seek each); only those whose last contact is old
  enough to be due within the days (or who have none) are read in full;
* **cooling** -- the inner circle and key people, with their interactions as ``(day,
  tone)``, their favours and the promises between us;
* **promises** -- my open promises and those made to me that fall due within the days
  (their other parties by name only);
* **favours** -- the balance of everyone's favours is summed by the database; only the
  people I owe enough for a nudge are read with their favours (the key people's favours
  are read as ``(day, units)`` for their health);
* **alliances** -- every alliance, with the people of its partners.
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.domain import Commitment, Favour, FavourSize, Person
from allies.services.checkins import CadenceBook
from allies.services.health import KEY_TIERS
from allies.services.ledger import NUDGE_THRESHOLD
from allies.services.ports import UnitOfWork
from allies.services.snapshot import Snapshot

#: What each size of favour counts for in the balance.
FAVOUR_UNITS: dict[str, int] = {size.value: size.value_units for size in FavourSize}


def _due_candidates(
    uow: UnitOfWork, book: CadenceBook, today: date, end: date
) -> tuple[set[int], dict[int, date]]:
    """The people a cadence may apply to whose check-in may fall due by ``end`` (their
    last contact is at least the shortest ideal gap before ``end``, or there is none),
    and the last contacts of everyone a cadence may apply to."""
    watched = uow.people.ids_where(
        tiers=[tier for tier in book.by_tier if tier is not None],
        tags=[tag for tag in book.by_tag if tag is not None],
        ids=[pid for pid in book.by_person if pid is not None],
    )
    last = uow.interactions.last_contact(watched, until=today)
    gaps = [c.ideal_days for c in (*book.by_person.values(), *book.by_tag.values())]
    gaps += [c.ideal_days for c in book.by_tier.values()]
    if not gaps:
        return set(), last
    cutoff = end - timedelta(days=min(gaps))
    return {pid for pid in watched if pid not in last or last[pid] <= cutoff}, last


def load_agenda_snapshot(uow: UnitOfWork, today: date, end: date) -> Snapshot:
    """What the agenda from ``today`` to ``end`` reads, in one transaction.

    The snapshot holds fewer people and records than :func:`load_snapshot`'s, and its
    interactions only as last contacts (up to ``today``) and ``(day, tone)`` pairs, but
    :func:`allies.services.today.build_agenda` makes the same agenda from either.
    """
    with uow:
        cadences = uow.cadences.list()
        alliances = uow.alliances.list()
        organisations = uow.organisations.list()
        me = uow.people.me()
        me_id = me.id if me is not None and me.id is not None else None
        book = CadenceBook(cadences)
        candidates, last = _due_candidates(uow, book, today, end)
        key = set(uow.people.ids_where(tiers=KEY_TIERS))
        mine = me.organisation_id if me is not None else None
        partners = [p for a in alliances for p in a.partners]
        allied = set(
            uow.people.ids_where(
                ids=[p.person_id for p in partners if p.person_id is not None],
                organisation_ids=[
                    p.organisation_id
                    for p in partners
                    if p.organisation_id is not None and p.organisation_id != mine
                ],
            )
        )
        totals = uow.favours.totals(FAVOUR_UNITS)
        owed = {pid for pid, (given, got) in totals.items() if got - given >= NUDGE_THRESHOLD}
        favours: list[Favour] = uow.favours.of_people(owed)
        ledger = uow.favours.ledger_of(key, FAVOUR_UNITS)
        commitments: dict[int | None, Commitment] = {}
        if me_id is not None:
            horizon = today + timedelta(days=max((end - today).days, 1))
            for c in [
                *uow.commitments.open_due(me_id, horizon),
                *uow.commitments.between(me_id, key),
            ]:
                commitments[c.id] = c
        parties = {c.promiser_id for c in commitments.values()}
        parties |= {c.promisee_id for c in commitments.values()}
        wanted = candidates | key | allied | owed
        people: list[Person] = uow.people.several(wanted | ({me_id} if me_id else set()))
        ids = {p.id for p in people if p.id is not None}
        names = uow.people.names({pid for pid in parties if pid not in ids})
        contacts = {pid: day for pid, day in last.items() if pid in ids}
        contacts.update(uow.interactions.last_contact(ids - set(last), until=today))
        events = uow.interactions.contacts_of(key, until=None)
    return Snapshot(
        people=people,
        organisations=organisations,
        interactions=[],
        favours=favours,
        commitments=sorted(commitments.values(), key=lambda c: c.id or 0),
        cadences=cadences,
        alliances=alliances,
        contacts=contacts,
        contacts_until=today,
        events=events,
        favour_events=ledger,
        names=names,
    )
