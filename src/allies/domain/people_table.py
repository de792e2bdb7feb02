"""Everyone in a workspace as columns, looked up as people (issue 22).

A whole-network view of 20,000 people needs their ids, names, titles and units, not
20,000 checked :class:`~allies.domain.people.Person` objects. A :class:`PeopleTable` holds
those columns and makes a :class:`Person` only for someone looked up (``table[id]``); as a
:class:`~collections.abc.Mapping` from id to person it stands wherever a ``{id: person}``
dictionary did.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence

from allies.domain.people import Person

__all__ = ["PeopleTable"]


class PeopleTable(Mapping[int, Person]):
    """Everyone by id; parallel columns in ascending id order (entry ``i`` of each is
    person ``ids[i]``)."""

    @property
    @abstractmethod
    def ids(self) -> Sequence[int]:
        """Everyone's id, ascending."""

    @property
    @abstractmethod
    def names(self) -> Sequence[str]:
        """Everyone's name."""

    @property
    @abstractmethod
    def titles(self) -> Sequence[str]:
        """Everyone's title ("" when none)."""

    @property
    @abstractmethod
    def unit_ids(self) -> Sequence[int | None]:
        """Everyone's unit."""

    @property
    @abstractmethod
    def levels(self) -> Sequence[str | None]:
        """Everyone's level relative to me (a :class:`~allies.domain.people.Level` value)."""

    @property
    @abstractmethod
    def me(self) -> Sequence[bool]:
        """Whether each is me (for the member viewing, when they have a person)."""

    @property
    @abstractmethod
    def organisation_ids(self) -> Sequence[int | None]:
        """Everyone's organisation."""

    def several(self, person_ids: Sequence[int]) -> list[Person]:
        """The people with these ids, in that order (a table may read them at once).

        Raises
        ------
        KeyError
            If one of them is not in the table.
        """
        return [self[i] for i in person_ids]
