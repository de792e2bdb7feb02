"""Tables of organisations as actors (revision 0014): a person's affiliations over time and
the ties between organisations. Both go with the organisation they name (ON DELETE
CASCADE); an affiliation's person is RESTRICT, like every pointer at a person."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table

from allies.store.tables.columns import ENUM, NAME, _id, _person, _text, _workspace, metadata


def _organisation(name: str) -> Column[int]:
    return Column(
        name,
        Integer,
        ForeignKey("organisations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


affiliations = Table(
    "affiliations",
    metadata,
    _id(),
    _workspace(),
    _person("person_id"),
    _organisation("organisation_id"),
    Column("role", String(NAME), nullable=False, default=""),
    Column("started_on", Date),
    Column("ended_on", Date),
    _text("note"),
    sqlite_autoincrement=True,
)

organisation_ties = Table(
    "organisation_ties",
    metadata,
    _id(),
    _workspace(),
    _organisation("source_id"),
    Column("kind", String(ENUM), nullable=False),
    _organisation("target_id"),
    Column("started_on", Date),
    Column("ended_on", Date),
    _text("note"),
    sqlite_autoincrement=True,
)
