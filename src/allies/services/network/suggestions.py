"""What the forms' fields suggest: people, organisations, units and tags, read at once.

A small workspace sends them all with each page. A large one sends none: the names of
people are fetched as they are typed (:func:`allies.services.network.people.suggest_people`) and
the rest, the workspace's vocabulary, once when a field first wants it
(:func:`vocabulary`), so a page of a large workspace does not read everyone's tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.services.ports import UnitOfWork


@dataclass(frozen=True)
class Vocabulary:
    """The names a workspace uses: its organisations, units and tags, each sorted."""

    organisations: list[str]
    units: list[str]
    tags: list[str]


@dataclass(frozen=True)
class Suggestions:
    """The values a form's fields offer as you type.

    ``people`` are ``Name (#id)`` (the form every person field accepts), everyone when
    the workspace holds at most the ``inline`` limit, otherwise none: ``count`` then says
    only that there are more (it counts no further than one past the limit), and the
    organisations, units and tags are left empty too, to be fetched
    (:func:`vocabulary`).
    """

    people: list[str]
    count: int
    organisations: list[str]
    units: list[str]
    tags: list[str]

    @property
    def remote(self) -> bool:
        """Whether the people are too many to send with the page."""
        return self.count > len(self.people)


def _vocabulary(uow: UnitOfWork) -> Vocabulary:
    return Vocabulary(
        organisations=sorted(uow.organisations.distinct_values("name"), key=str.casefold),
        units=sorted(uow.units.distinct_values("name"), key=str.casefold),
        tags=uow.people.tags(),
    )


def vocabulary(uow: UnitOfWork) -> Vocabulary:
    """The workspace's organisations, units and tags (what their fields suggest).

    Parameters
    ----------
    uow : UnitOfWork
        The workspace's unit of work.
    """
    with uow:
        return _vocabulary(uow)


def form_suggestions(uow: UnitOfWork, *, inline: int = 300) -> Suggestions:
    """The suggestions of every form, in one transaction: all of them in a workspace of
    up to ``inline`` people, none in a larger one (see :class:`Suggestions`).

    Parameters
    ----------
    uow : UnitOfWork
        The workspace's unit of work.
    inline : int
        The most people sent with the page.
    """
    with uow:
        count = uow.people.count(limit=inline + 1)
        if count > inline:
            return Suggestions([], count, [], [], [])
        people = [f"{name} (#{pid})" for pid, name in uow.people.suggest("", inline)]
        known = _vocabulary(uow)
    return Suggestions(people, count, known.organisations, known.units, known.tags)


@dataclass(frozen=True)
class ListChoices:
    """What the people list's filters offer, and how many people there are in all."""

    total: int
    units: list[str]
    tags: list[str]


def list_choices(uow: UnitOfWork, *, total: int | None = None) -> ListChoices:
    """The units and tags the people list filters by, and the number of people (counted
    unless ``total`` already says it).

    Parameters
    ----------
    uow : UnitOfWork
        The workspace's unit of work.
    total : int, optional
        How many people the workspace holds, when the caller knows (an unfiltered list).
    """
    with uow:
        count = uow.people.count() if total is None else total
        units = sorted(uow.units.distinct_values("name"), key=str.casefold)
        return ListChoices(count, units, uow.people.tags())
