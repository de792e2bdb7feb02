"""The part of a workspace the daily agenda reads, found by the database.

:func:`allies.services.keep.snapshot.load_snapshot` reads everything; in a workspace of ten
thousand people and two hundred thousand interactions that is seconds of work for an
agenda of a few dozen lines. :func:`load_agenda_snapshot` reads only what can reach the
agenda, in a handful of column queries, and the agenda built from it is the same (a test
compares the two):

* **people** -- one query finds me, the key people, the people of alliances, those I
  owe favours and everyone a cadence applies to (by person, tag or tier); of the latter,
  only those whose last contact is old enough to be due within the days (or who have
  none) come back, and everyone comes back as an outline (the fields the agenda reads)
  with their last contact (one index seek each);
* **cooling** -- the inner circle and key people's interactions and favours as
  ``(person, day, value)`` columns, and the promises between us;
* **promises** -- my open promises and those made to me that fall due within the days
  (their other parties by name only);
* **favours** -- the database sums everyone's favours and returns those of the people I
  owe enough for a nudge;
* **alliances** -- every alliance, with the people of its partners.
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.domain import Alliance, FavourSize, PeopleFilter, Person, Promise, Reached
from allies.services.keep.checkins import CadenceBook
from allies.services.keep.health import KEY_TIERS
from allies.services.keep.ledger import NUDGE_THRESHOLD
from allies.services.keep.snapshot import Snapshot
from allies.services.ports import UnitOfWork

#: What each size of favour counts for in the balance.
FAVOUR_UNITS: dict[str, int] = {size.value: size.value_units for size in FavourSize}


def _watched(book: CadenceBook) -> PeopleFilter:
    """Everyone a cadence may apply to (by person, tag or tier)."""
    return PeopleFilter(
        tiers=tuple(tier for tier in book.by_tier if tier is not None),
        tags=tuple(tag for tag in book.by_tag if tag is not None),
        ids=tuple(pid for pid in book.by_person if pid is not None),
    )


def _cutoff(book: CadenceBook, end: date) -> date | None:
    """The last contact on or before which a check-in may fall due by ``end`` (the
    shortest ideal gap before it); ``None`` when there is no cadence."""
    gaps = [c.ideal_days for c in (*book.by_person.values(), *book.by_tag.values())]
    gaps += [c.ideal_days for c in book.by_tier.values()]
    return end - timedelta(days=min(gaps)) if gaps else None


def _chosen(reached: list[Reached], owed: set[int], alliances: list[Alliance]) -> list[Reached]:
    """Those of ``reached`` the agenda reads: me, the key people, the people of alliances
    (partners in person, and the people of partner organisations other than mine), those
    owing me favours, and the watched (``reached`` holds only those of them whose
    check-in may fall due)."""
    me = next((r.person for r in reached if r.person.is_me), None)
    mine = me.organisation_id if me is not None else None
    partners = [p for a in alliances for p in a.partners]
    allied = {p.person_id for p in partners if p.person_id is not None}
    organisations = {p.organisation_id for p in partners if p.organisation_id is not None}
    if mine is not None:
        organisations.discard(mine)
    chosen = []
    for r in reached:
        person = r.person
        if (
            r.watched
            or person is me
            or (person.tier is not None and person.tier.value in KEY_TIERS)
            or person.id in allied
            or person.id in owed
            or person.organisation_id in organisations
        ):
            chosen.append(r)
    return chosen


def load_agenda_snapshot(uow: UnitOfWork, today: date, end: date) -> Snapshot:
    """What the agenda from ``today`` to ``end`` reads, in one transaction.

    The snapshot holds fewer people and records than :func:`load_snapshot`'s, the people
    as outlines (see :meth:`allies.services.ports.PersonRepository.reach`), and its
    interactions only as last contacts (up to ``today``) and the key people's
    ``(person, day, tone)`` columns, but :func:`allies.services.agenda.today.build_agenda`
    makes the same agenda from either.
    """
    with uow:
        cadences = uow.cadences.list()
        alliances = uow.alliances.list()
        organisations = uow.organisations.list()
        book = CadenceBook(cadences)
        favours = uow.favours.owed_favours(FAVOUR_UNITS, NUDGE_THRESHOLD)
        owed = sorted({f.person_id for f in favours})
        partners = [p for a in alliances for p in a.partners]
        others = PeopleFilter(
            tiers=KEY_TIERS,
            ids=(*(p.person_id for p in partners if p.person_id is not None), *owed),
            organisation_ids=tuple(
                p.organisation_id for p in partners if p.organisation_id is not None
            ),
        )
        reached = _chosen(
            uow.people.reach(_watched(book), others, until=today, cutoff=_cutoff(book, end)),
            set(owed),
            alliances,
        )
        people: list[Person] = [r.person for r in reached]
        chosen = {p.id for p in people}
        me_id = next((p.id for p in people if p.is_me), None)
        key = [p.id for p in people if p.id is not None and p.tier and p.tier.value in KEY_TIERS]
        promises: list[Promise] = []
        if me_id is not None:
            horizon = today + timedelta(days=max((end - today).days, 1))
            promises = uow.promises.for_agenda(me_id, horizon, key)
        parties = {c.promiser_id for c in promises} | {c.promisee_id for c in promises}
        names = uow.people.names(parties - chosen)
        contact_columns = uow.interactions.contact_days(key)
        favour_columns = uow.favours.favour_days(key, FAVOUR_UNITS)
    return Snapshot(
        people=people,
        organisations=organisations,
        interactions=[],
        favours=favours,
        promises=promises,
        cadences=cadences,
        alliances=alliances,
        contacts={
            r.person.id: r.last_contact
            for r in reached
            if r.person.id is not None and r.last_contact is not None
        },
        contacts_until=today,
        contact_columns=contact_columns,
        favour_columns=favour_columns,
        names=names,
    )
