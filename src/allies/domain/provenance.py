"""Where an imported record came from: a record source.

An import notes, for each record it creates or adds to, where it came from, in rows of
one shape: the record, a person, and a string. The string is one of two things:

* an **identifier** of the person through which the import linked the record to them
  (``email:ann@acme.test``, ``phone:15550100``, ``url:linkedin.com/in/ann``): when a
  meeting, a message or an edge named one of the person's addresses;
* an **origin**, the file (or account) and the item in it that the record came from
  (``from:`` then the file, a tab, and the item: ``row 3``, ``message <id@host>``),
  made by :func:`origin_key` and read back by :func:`parse_origin`.

Splitting a merge reads them to give back what came through the split-off person's
identifiers, or from the very item that was merged; the person's page lists the origins
("where this came from"). They are bookkeeping rather than records of their own, but a
backup carries them (:data:`allies.domain.kinds.BOOKKEEPING`), so that a restored
workspace can still be split as the original could.

The record is named by one field per kind of record it may be (``interaction_id``,
``tie_id``, ``person_record_id`` ...), so that a backup can rewrite it like any other
reference. A record source has no id of its own: it is not a record.

Examples
--------
>>> source = RecordSource.of("tie", 7, 3, "email:ann@acme.test")
>>> source.tie_id, source.kind, source.record_id
(7, 'tie', 7)
>>> RecordSource(3, "phone:15550100", interaction_id=2).kind
'interaction'
>>> key = origin_key("Connections.csv", "row 3")
>>> key, parse_origin(key)
('from:Connections.csv\\trow 3', ('Connections.csv', 'row 3'))
>>> parse_origin("email:ann@acme.test") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.errors import InvalidInput

__all__ = [
    "LONGEST",
    "ORIGIN",
    "SOURCED_KINDS",
    "RecordSource",
    "describe_origin",
    "is_origin",
    "origin_key",
    "parse_origin",
]

#: The kinds of record an import notes the sources of, and the field naming each.
SOURCED_KINDS: dict[str, str] = {
    "interaction": "interaction_id",
    "tie": "tie_id",
    "observation": "observation_id",
    "person": "person_record_id",
    "organisation": "organisation_id",
    "unit": "unit_id",
    "role change": "role_change_id",
}

#: How an origin (the file and item a record came from) begins.
ORIGIN = "from:"
#: The longest string a record source holds.
LONGEST = 300
_SEPARATOR = "\t"


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def origin_key(source: str, item: str = "") -> str:
    """The origin naming ``item`` of the file or account ``source`` (at most
    :data:`LONGEST` characters: a long file name loses its start, never the item).

    >>> origin_key("/home/dana/mail/inbox.mbox", "message <m1@acme.test>")
    'from:/home/dana/mail/inbox.mbox\\tmessage <m1@acme.test>'
    >>> len(origin_key("x" * 400, "row 2"))
    300
    """
    where, what = _flat(source), _flat(item)[: LONGEST // 2]
    room = LONGEST - len(ORIGIN) - len(_SEPARATOR) - len(what)
    if len(where) > room:
        where = "…" + where[len(where) - room + 1 :]
    return f"{ORIGIN}{where}{_SEPARATOR}{what}"


def is_origin(identifier: str) -> bool:
    """Whether a record source's string is an origin (not an identifier of a person)."""
    return identifier.startswith(ORIGIN)


def parse_origin(identifier: str) -> tuple[str, str] | None:
    """``(file or account, item)`` of an origin; ``None`` for an identifier."""
    if not is_origin(identifier):
        return None
    where, _, what = identifier[len(ORIGIN) :].rpartition(_SEPARATOR)
    return (where, what) if _ else (what, "")


def describe_origin(identifier: str) -> str:
    """An origin in words (``Connections.csv, row 3``); an identifier as it is.

    >>> describe_origin(origin_key("inbox.mbox", "message <m1@acme.test>"))
    'inbox.mbox, message <m1@acme.test>'
    >>> describe_origin(origin_key("inbox.mbox"))
    'inbox.mbox'
    """
    found = parse_origin(identifier)
    if found is None:
        return identifier
    where, what = found
    return f"{where}, {what}" if what else where


@dataclass(eq=False)
class RecordSource:
    """Where an import found one record, for one person: an identifier or an origin."""

    person_id: int
    identifier: str
    interaction_id: int | None = None
    tie_id: int | None = None
    observation_id: int | None = None
    person_record_id: int | None = None
    organisation_id: int | None = None
    unit_id: int | None = None
    role_change_id: int | None = None

    def __post_init__(self) -> None:
        named = [kind for kind, name in SOURCED_KINDS.items() if getattr(self, name) is not None]
        if len(named) != 1:
            raise InvalidInput(
                "A record source names exactly one record: an interaction, a tie, an "
                "observation, a person, an organisation, a unit or a role change.",
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
        """The kind of the record (``"interaction"``, ``"tie"``, ``"person"`` ...)."""
        return next(k for k, name in SOURCED_KINDS.items() if getattr(self, name) is not None)

    @property
    def record_id(self) -> int:
        """The id of the record."""
        value = getattr(self, SOURCED_KINDS[self.kind])
        return int(value)
