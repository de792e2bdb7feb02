"""Taking the network out: people as CSV or vCard 4.0, the network as GraphML or GEXF
(for Gephi), the iCalendar feed, and a complete backup.

:func:`export_workspace` returns an :class:`Export`: the bytes, a file suffix, the media
type and a line saying what is in it. The iCalendar feed (check-ins and promise deadlines)
comes from :mod:`allies.services.agenda.calendar`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.domain import Person
from allies.errors import InvalidInput
from allies.interchange.csv_contacts import write_contacts_csv
from allies.interchange.gexf import write_gexf
from allies.interchange.graphml import write_graphml
from allies.interchange.graphs import EdgeRecord, GraphData
from allies.interchange.records import ContactRecord
from allies.interchange.vcard import write_vcards
from allies.services.agenda import calendar as exports
from allies.services.network.cards import card_extras
from allies.services.ports import UnitOfWork
from allies.services.transfer.backup import backup_workspace

__all__ = ["EXPORT_FORMATS", "Export", "export_workspace", "people_records"]

#: The formats :func:`export_workspace` writes, with what each holds.
EXPORT_FORMATS: dict[str, str] = {
    "csv": "people as a spreadsheet (one row each)",
    "vcard": "people as vCard 4.0, for an address book",
    "ics": "check-ins and promise deadlines as an iCalendar file",
    "graphml": "people and ties as GraphML (yEd, Gephi, networkx)",
    "gexf": "people and ties as GEXF, to open in Gephi",
    "backup": "the whole workspace as JSON, to restore into a new workspace",
}
_TYPES = {
    "csv": ("csv", "text/csv"),
    "vcard": ("vcf", "text/vcard"),
    "ics": ("ics", "text/calendar"),
    "graphml": ("graphml", "application/graphml+xml"),
    "gexf": ("gexf", "application/gexf+xml"),
    "backup": ("json", "application/json"),
}


@dataclass(frozen=True)
class Export:
    """An exported file: its bytes, suffix, media type, and what it holds."""

    data: bytes
    suffix: str
    media_type: str
    description: str


def people_records(uow: UnitOfWork) -> list[tuple[Person, ContactRecord]]:
    """Every person with a record of what the contact formats can carry (open ``uow``)."""
    organisations = {o.id: o.name for o in uow.organisations.list()}
    units = {u.id: u.name for u in uow.units.list()}
    cards = {c.person_id: c for c in uow.cards.list()}
    records = [
        (
            person,
            ContactRecord(
                name=person.name,
                emails=list(person.emails),
                phones=list(person.phones),
                organisation=organisations.get(person.organisation_id, ""),
                unit=units.get(person.unit_id, ""),
                title=person.title,
                tags=list(person.tags),
                notes=person.notes,
                level=person.level.value if person.level else "",
                tier=person.tier.value if person.tier else "",
                interests=person.interests,
                agenda=person.agenda,
                values=person.values,
                offers=person.offers,
                trades=person.trades,
                is_me=person.is_me,
                key=str(person.id),
            ),
        )
        for person in uow.people.list()
    ]
    for person, record in records:
        record.extras = card_extras(cards.get(person.id or 0))
    return records


def _graph(uow: UnitOfWork) -> GraphData:
    nodes = [record for _, record in people_records(uow)]
    edges = [
        EdgeRecord(
            source=str(tie.source_id),
            target=str(tie.target_id),
            kind=tie.kind.value,
            weight=tie.weight,
            confidence=tie.confidence,
            origin=tie.origin.value,
            note=tie.note,
            valid_from=tie.valid_from.isoformat() if tie.valid_from else "",
            valid_to=tie.valid_to.isoformat() if tie.valid_to else "",
        )
        for tie in uow.ties.list()
    ]
    return GraphData(nodes, edges)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def export_workspace(uow: UnitOfWork, format: str, *, today: date | None = None) -> Export:
    """The workspace in ``format`` (one of :data:`EXPORT_FORMATS`).

    Raises
    ------
    allies.errors.InvalidInput
        For a format that is not one of :data:`EXPORT_FORMATS`.
    """
    kind = {"vcf": "vcard", "json": "backup", "ical": "ics"}.get(format.lower(), format.lower())
    if kind not in EXPORT_FORMATS:
        raise InvalidInput(
            f"allies cannot export {format!r}.",
            field="format",
            hint="Formats: " + ", ".join(EXPORT_FORMATS) + ".",
        )
    suffix, media = _TYPES[kind]
    if kind == "backup":
        data = backup_workspace(uow)
        return Export(data, suffix, media, "a complete backup of the workspace")
    if kind == "ics":
        data = exports.export_calendar(uow, today=today)
        events = data.count(b"BEGIN:VEVENT")
        return Export(data, suffix, media, _plural(events, "event"))
    with uow:
        if kind in ("graphml", "gexf"):
            graph = _graph(uow)
            data = write_graphml(graph) if kind == "graphml" else write_gexf(graph)
            what = f"{_plural(len(graph.nodes), 'person')} and {_plural(len(graph.edges), 'tie')}"
            return Export(data, suffix, media, what.replace("persons", "people"))
        records = people_records(uow)
    if kind == "csv":
        data = write_contacts_csv((p.id or 0, r) for p, r in records)
    else:
        data = write_vcards(r for _, r in records)
    return Export(data, suffix, media, _plural(len(records), "person").replace("persons", "people"))
