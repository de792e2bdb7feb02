"""The people a large contacts import adds, held until there are enough to write at once.

Matching stays in memory and in file order (:class:`~allies.services.network.matching.Matcher`
with its name index): a record is matched against everyone stored before the import and
everyone it added so far, written or not. Only the writing waits: a new person, their card
details and the near match the report names them in are kept in a :class:`PendingPeople`
and written together (:meth:`PendingPeople.write`, through the unit of work's bulk
repository: one multi-row insert for the people, one for their cards, and their audit
entries) when the batch is full, at the end, and before anything else is written, such as
a merge into someone already stored. Everything stays in the import's one transaction, so
a failed or killed import still leaves nothing behind; and a written batch is let go, so
what an import holds does not grow with the file beyond the matcher's index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allies.domain import Person
from allies.domain.cards import CardDetails
from allies.interchange.vcard_details import CardExtras
from allies.services.network.cards import card_extras
from allies.services.network.matching import Match
from allies.services.ports import UnitOfWork
from allies.services.transfer.import_report import ImportReport, NearMatch

__all__ = ["BATCH", "PendingPeople", "near_match"]

#: How many new people are written at once.
BATCH = 1000


#: What a written person keeps only in the store until a later record merges into them:
#: the matcher reads their name, e-mails, organisation, title (in their label) and the
#: identifiers it took when they were added, never these.
_SLIMMED = ("notes", "phones", "tags", "created_at", "updated_at")


def slim(person: Person) -> None:
    """Let go of what the matcher does not read of a written person (the memory a large
    import holds is then mostly the matcher's index)."""
    person.notes, person.phones, person.tags = "", [], []
    person.created_at = person.updated_at = None


def near_match(incoming: str, person: Person, match: Match) -> NearMatch:
    """The report's line for ``person``, added for the record called ``incoming``, who
    resembles the people in ``match.near`` (all of them stored by now)."""
    return NearMatch(
        incoming,
        tuple(p.label for p, _ in match.near),
        max(s for _, s in match.near),
        person.id,
        tuple(p.id or 0 for p, _ in match.near),
        next((match.why_not[id(p)] for p, _ in match.near if id(p) in match.why_not), ""),
    )


@dataclass
class PendingPeople:
    """New people not written yet, with their card details and near matches."""

    size: int = BATCH
    people: list[Person] = field(default_factory=list)
    cards: list[tuple[Person, CardExtras]] = field(default_factory=list)
    near: list[tuple[str, Person, Match]] = field(default_factory=list)
    #: The ids of the people written and slimmed (see :func:`slim`).
    slimmed: set[int] = field(default_factory=set)

    @property
    def full(self) -> bool:
        """Whether the batch holds enough people to be written."""
        return len(self.people) >= self.size

    def write(self, uow: UnitOfWork, report: ImportReport) -> None:
        """Store the people and their cards, report their near matches, and forget them."""
        if not self.people:
            return
        uow.bulk.add_people(self.people)
        uow.bulk.add_cards(
            [
                CardDetails(person_id=person.id or 0, **vars(card_extras(None)) | vars(extras))
                for person, extras in self.cards
            ]
        )
        report.near_matches += [near_match(i, p, m) for i, p, m in self.near]
        for person in self.people:
            slim(person)
            self.slimmed.add(person.id or 0)
        self.people, self.cards, self.near = [], [], []

    def restore(self, uow: UnitOfWork, person: Person) -> None:
        """Give a person written by a batch back what :func:`slim` took (a later record
        merges into them), read from the store."""
        if person.id in self.slimmed:
            stored = uow.people.get(person.id or 0)
            for name in _SLIMMED:
                setattr(person, name, getattr(stored, name))
            self.slimmed.discard(person.id or 0)
