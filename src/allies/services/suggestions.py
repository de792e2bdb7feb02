"""What the forms' fields suggest: people, organisations, units and tags, read at once."""

from __future__ import annotations

from dataclasses import dataclass

from allies.services.ports import UnitOfWork


@dataclass(frozen=True)
class Suggestions:
    """The values a form's fields offer as you type.

    ``people`` are ``Name (#id)`` (the form every person field accepts), everyone when
    the workspace holds at most the ``inline`` limit, otherwise none: ``count`` says how
    many there are, and a large workspace's names are found as you type
    (:func:`allies.services.people.suggest_people`).
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


def form_suggestions(uow: UnitOfWork, *, inline: int = 300) -> Suggestions:
    """The suggestions of every form, in one transaction (people inline up to ``inline``).

    Parameters
    ----------
    uow : UnitOfWork
        The workspace's unit of work.
    inline : int
        The most people sent with the page.
    """
    with uow:
        count = uow.people.count()
        people = (
            [f"{name} (#{pid})" for pid, name in uow.people.suggest("", inline)]
            if 0 < count <= inline
            else []
        )
        organisations = sorted((o.name for o in uow.organisations.list()), key=str.casefold)
        units = sorted({u.name for u in uow.units.list()}, key=str.casefold)
        tags = uow.people.tags()
    return Suggestions(people, count, organisations, units, tags)
