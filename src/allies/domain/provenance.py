"""Where an imported record's link to a person came from: a record source.

When an import attaches an interaction, a tie or an observation to a person because one
of the person's identifiers (an e-mail address, a phone number) appeared in the file, a
:class:`RecordSource` says so: the record, the person and the identifier. Splitting a
merge reads them to give back what later imports attached through the split-off
person's identifiers. They are bookkeeping rather than records of their own, but a
backup carries them (:data:`allies.domain.kinds.BOOKKEEPING`), so that a restored
workspace can still be split as the original could.

The record is named by one of three fields, one per kind of record it may be
(``interaction_id``, ``tie_id``, ``observation_id``), so that a backup can rewrite it
like any other reference. A record source has no id of its own: it is not a record.

Examples
--------
>>> source = RecordSource.of("tie", 7, 3, "email:ann@acme.test")
>>> source.tie_id, source.kind, source.record_id
(7, 'tie', 7)
>>> RecordSource(3, "phone:15550100", interaction_id=2).kind
'interaction'
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.errors import InvalidInput

__all__ = ["SOURCED_KINDS", "RecordSource"]

#: The kinds of record an import notes the sources of, and the field naming each.
SOURCED_KINDS: dict[str, str] = {
    "interaction": "interaction_id",
    "tie": "tie_id",
    "observation": "observation_id",
}


@dataclass(eq=False)
class RecordSource:
    """The identifier through which an import linked one record to one person."""

    person_id: int
    identifier: str
    interaction_id: int | None = None
    tie_id: int | None = None
    observation_id: int | None = None

    def __post_init__(self) -> None:
        named = [kind for kind, name in SOURCED_KINDS.items() if getattr(self, name) is not None]
        if len(named) != 1:
            raise InvalidInput(
                "A record source names exactly one record: an interaction, a tie or an "
                "observation.",
                field="record",
            )
        if not isinstance(self.identifier, str) or not self.identifier.strip():
            raise InvalidInput("A record source needs an identifier.", field="identifier")

    @classmethod
    def of(cls, kind: str, record_id: int, person_id: int, identifier: str) -> RecordSource:
        """The source of the record ``kind`` #``record_id`` (``"tie"``, 7) for a person."""
        if kind not in SOURCED_KINDS:
            raise InvalidInput(
                f"{kind!r} is not a kind of record an import notes the sources of.",
                field="kind",
            )
        return cls(person_id, identifier, **{SOURCED_KINDS[kind]: record_id})

    @property
    def kind(self) -> str:
        """The kind of the record (``"interaction"``, ``"tie"`` or ``"observation"``)."""
        return next(k for k, name in SOURCED_KINDS.items() if getattr(self, name) is not None)

    @property
    def record_id(self) -> int:
        """The id of the record."""
        value = getattr(self, SOURCED_KINDS[self.kind])
        return int(value)
