"""The people list as one query, on SQLite and PostgreSQL: filters, orders, pages and last
contacts agree with what the records say."""

from __future__ import annotations

from datetime import date

from allies.domain import Interaction, InteractionKind, Person, Unit
from allies.domain.listing import ListingFilter
from allies.store import SqlUnitOfWorkFactory


def _names(store: SqlUnitOfWorkFactory, **kwargs: object) -> list[str]:
    sort = kwargs.pop("sort", "name")
    with store() as uow:
        rows, total = uow.people.listing(ListingFilter(**kwargs), sort)  # type: ignore[arg-type]
    assert total == len(rows)
    return [r.person.name for r in rows]


def _meet(store: SqlUnitOfWorkFactory, day: date, *people: int) -> int:
    with store() as uow:
        stored = uow.interactions.add(
            Interaction(occurred_on=day, kind=InteractionKind.CALL, participant_ids=list(people))
        )
        uow.commit()
    return stored.id or 0


def test_filters_orders_and_last_contacts(
    store: SqlUnitOfWorkFactory, people: dict[str, int]
) -> None:
    with store() as uow:
        board = uow.units.add(Unit(name="Board", organisation_id=people["org"]))
        uow.people.add(
            Person(name="dee 100%", tags=["board", "ally"], level="above", unit_id=board.id)
        )
        uow.commit()
    _meet(store, date(2025, 1, 5), people["ana"], people["bo"])
    moved = _meet(store, date(2025, 3, 1), people["bo"])
    assert _names(store) == ["Ana", "Bo", "Cy", "dee 100%", "Me"]
    assert _names(store, search="ACME") == ["Ana", "Bo", "Cy", "Me"]  # the organisation
    assert _names(store, search="legal") == ["Ana", "Bo", "Cy"]  # the unit
    assert _names(store, search="bo@EXAMPLE") == ["Bo"]  # an e-mail
    assert _names(store, search="0%") == ["dee 100%"]  # % is a character, not a wildcard
    assert _names(store, tag="Board") == ["dee 100%"]
    assert _names(store, tag="boar") == []  # a tag matches whole
    assert _names(store, unit="board") == ["dee 100%"]
    assert _names(store, organisation="acme") == ["Ana", "Bo", "Cy", "Me"]
    assert _names(store, level="above") == ["dee 100%"]
    assert _names(store, contacted_since=date(2025, 2, 1)) == ["Bo"]
    assert _names(store, not_contacted_since=date(2025, 2, 1)) == ["Ana", "Cy", "dee 100%", "Me"]
    assert _names(store, never_contacted=True) == ["Cy", "dee 100%", "Me"]
    assert _names(store, sort="last-contact")[:2] == ["Bo", "Ana"]
    assert _names(store, sort="level")[0] == "dee 100%"
    assert _names(store, sort="unit") == ["dee 100%", "Ana", "Bo", "Cy", "Me"]
    with store() as uow:
        rows, _ = uow.people.listing(ListingFilter(), "name")
        assert {r.person.name: r.last_contact for r in rows if r.last_contact} == {
            "Ana": date(2025, 1, 5),
            "Bo": date(2025, 3, 1),
        }
        assert {r.person.name: r.unit for r in rows}["dee 100%"] == "Board"
        # Moving an interaction moves the last contact with it.
        interaction = uow.interactions.get(moved)
        interaction.occurred_on = date(2024, 12, 1)
        uow.interactions.save(interaction)
        uow.commit()
    with store() as uow:
        assert uow.interactions.last_contact([people["bo"]]) == {people["bo"]: date(2025, 1, 5)}
        assert uow.interactions.last_contact(until=date(2024, 12, 31)) == {
            people["bo"]: date(2024, 12, 1)
        }


def test_pages_cut_the_list_and_count_it_whole(
    store: SqlUnitOfWorkFactory, people: dict[str, int]
) -> None:
    with store() as uow:
        for n in range(12):
            uow.people.add(Person(name=f"Extra {n:02d}", tags=["extra"]))
        uow.commit()
    with store() as uow:
        first, total = uow.people.listing(ListingFilter(tag="extra"), "name", limit=5)
        third, again = uow.people.listing(ListingFilter(tag="extra"), "name", offset=10, limit=5)
        assert (total, again) == (12, 12)
        assert [r.person.name for r in first] == [f"Extra {n:02d}" for n in range(5)]
        assert [r.person.name for r in third] == ["Extra 10", "Extra 11"]
        assert uow.people.suggest("xtra 1", limit=3) == [
            (r.person.id, r.person.name) for r in third
        ]
        assert [name for _, name in uow.people.suggest("ext", limit=2)] == ["Extra 00", "Extra 01"]
        assert [name for _, name in uow.people.suggest("b")] == ["Bo"]
        assert uow.people.tags() == ["extra"]
        assert uow.people.head_counts("unit") == {people["unit"]: 3}
        assert uow.people.names([people["ana"], 999_999]) == {people["ana"]: "Ana"}
        assert [p.name for p in uow.people.named("ANA")] == ["Ana"]
