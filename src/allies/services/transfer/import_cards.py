"""What an imported contact brings besides the person: card details and role changes."""

from __future__ import annotations

from datetime import date

from allies.domain import Person
from allies.interchange.records import ContactRecord
from allies.services.network.cards import keep_card, notice_role
from allies.services.transfer.import_people import PeopleWriter

__all__ = ["keep_contact_details"]


def keep_contact_details(
    writer: PeopleWriter,
    person: Person,
    record: ContactRecord,
    roles_from: str,
    *,
    on: date | None = None,
) -> None:
    """Keep the record's card details with the person and, when ``roles_from`` names a
    source that knows people's current roles, notice a changed title or organisation
    (counted on the report as ``card details`` and ``role changes``)."""
    if person.id is None:
        if writer.batch is not None and not record.extras.empty:
            # a new person waiting in the batch: their card goes with them
            writer.batch.cards.append((person, record.extras))
            writer.report.updated["card details"] += 1
        return
    if keep_card(writer.uow, person.id, record.extras):
        writer.report.updated["card details"] += 1
    if roles_from and not person.is_me:
        change = notice_role(
            writer.uow,
            person,
            record.title,
            record.organisation,
            source=roles_from,
            on=on or date.today(),
            organisation_id=writer.organisation_id,
        )
        origin = writer.origin_of(record)
        writer.attach(person, origin)  # an organisation the new role named
        if change is not None:
            writer.note("role change", change, person, [origin])
            writer.report.updated["role changes"] += 1
            writer.report.notes.append(
                f"{person.name} is now {change.describe_new()} (was {change.describe_old()})."
            )
