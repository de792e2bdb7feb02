"""What graph files (GraphML, GEXF, Kumu) are read into and written from.

Graph tools name attributes as they please; :func:`contact_from_attributes` and
:func:`edge_from_attributes` recognise the usual names (``label``, ``email``,
``company``, ``weight``, ``type`` ...), so a network drawn in Gephi, yEd or Kumu comes in
with its people and ties.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.text import clean_email, clean_name

__all__ = [
    "EdgeRecord",
    "GraphData",
    "GraphRead",
    "contact_from_attributes",
    "edge_from_attributes",
    "xml_text",
]

_NODE_NAMES: dict[str, str] = {
    "label": "name", "name": "name", "fullname": "name", "email": "emails", "emails": "emails",
    "mail": "emails", "title": "title", "position": "title", "role": "title",
    "jobtitle": "title", "organisation": "organisation", "organization": "organisation",
    "company": "organisation", "org": "organisation", "unit": "unit", "department": "unit",
    "dept": "unit", "team": "unit", "tags": "tags", "labels": "tags", "categories": "tags",
    "level": "level", "tier": "tier", "notes": "notes", "description": "notes",
    "phones": "phones", "phone": "phones", "interests": "interests", "agenda": "agenda",
    "values": "values", "offers": "offers", "trades": "trades", "isme": "is_me",
}  # fmt: skip
_EDGE_NAMES: dict[str, str] = {
    "kind": "kind", "type": "kind", "relation": "kind", "relationship": "kind",
    "connectiontype": "kind", "label": "kind", "weight": "weight", "strength": "weight",
    "value": "weight", "confidence": "confidence", "origin": "origin", "note": "note",
    "notes": "note", "description": "note", "validfrom": "valid_from", "start": "valid_from",
    "validto": "valid_to", "end": "valid_to", "direction": "direction",
}  # fmt: skip
_LIST = re.compile(r"\s*(?:;|\||,)\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class EdgeRecord:
    """A link between two nodes of a graph file, by the nodes' keys.

    ``kind`` is the tool's word for the link (matched to a tie kind by the importer);
    ``weight`` and ``confidence`` are as the file gives them (the importer scales them).
    """

    source: str
    target: str
    kind: str = ""
    weight: float | None = None
    confidence: float | None = None
    origin: str = ""
    directed: bool = True
    note: str = ""
    valid_from: str = ""
    valid_to: str = ""
    line: int | None = None
    number: int | None = None


@dataclass
class GraphRead:
    """What a graph reader found, in file order: nodes, edges and problems.

    ``organisations`` maps the keys of nodes that stand for organisations (Kumu elements
    of type *Organization*) to their names; an edge between a person and one of them says
    where the person works.
    """

    items: list[ContactRecord | EdgeRecord | RecordProblem] = field(default_factory=list)
    organisations: dict[str, str] = field(default_factory=dict)

    @property
    def nodes(self) -> list[ContactRecord]:
        """The nodes (people)."""
        return [item for item in self.items if isinstance(item, ContactRecord)]

    @property
    def edges(self) -> list[EdgeRecord]:
        """The edges (ties)."""
        return [item for item in self.items if isinstance(item, EdgeRecord)]


@dataclass
class GraphData:
    """A network to write: people (with ``key``) and ties between their keys."""

    nodes: list[ContactRecord]
    edges: list[EdgeRecord]


def _key(name: str) -> str:
    return re.sub(r"[\s_\-.]+", "", name.casefold())


def contact_from_attributes(
    key: str, attributes: dict[str, str], *, path: str, line: int | None, number: int
) -> ContactRecord | RecordProblem:
    """A person from a node's attributes; a problem when the node has no name at all."""
    fields: dict[str, str] = {}
    for name, value in attributes.items():
        target = _NODE_NAMES.get(_key(name))
        if target and value.strip() and target not in fields:
            fields[target] = value.strip()
    name = clean_name(fields.pop("name", "") or key)
    if not name:
        return RecordProblem(path, line, number, "the node has neither an id nor a label; skipped")
    emails = [e for e in (clean_email(v) for v in _LIST.split(fields.pop("emails", ""))) if e]
    return ContactRecord(
        name=name,
        emails=emails,
        phones=[p for p in _LIST.split(fields.pop("phones", "")) if p],
        tags=[t for t in _LIST.split(fields.pop("tags", "")) if t],
        is_me=fields.pop("is_me", "").strip().lower() in {"true", "1", "yes"},
        key=key,
        line=line,
        number=number,
        **fields,
    )


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def edge_from_attributes(
    source: str,
    target: str,
    attributes: dict[str, str],
    *,
    directed: bool,
    path: str,
    line: int | None,
    number: int,
) -> EdgeRecord | RecordProblem:
    """A tie from an edge's attributes; a problem when an end is missing or a number is bad."""
    if not source or not target:
        return RecordProblem(path, line, number, "the edge lacks a source or a target; skipped")
    fields: dict[str, str] = {}
    for name, value in attributes.items():
        wanted = _EDGE_NAMES.get(_key(name))
        if wanted and value.strip() and wanted not in fields:
            fields[wanted] = value.strip()
    numbers: dict[str, float | None] = {}
    for name in ("weight", "confidence"):
        if name in fields:
            numbers[name] = _number(fields[name])
            if numbers[name] is None:
                return RecordProblem(
                    path,
                    line,
                    number,
                    f"the edge's {name} {fields[name]!r} is not a number; skipped",
                )
    direction = fields.get("direction", "").lower()
    return EdgeRecord(
        source=source,
        target=target,
        kind=fields.get("kind", ""),
        weight=numbers.get("weight"),
        confidence=numbers.get("confidence"),
        origin=fields.get("origin", ""),
        directed=directed and direction not in {"undirected", "mutual"},
        note=fields.get("note", ""),
        valid_from=fields.get("valid_from", ""),
        valid_to=fields.get("valid_to", ""),
        line=line,
        number=number,
    )


def xml_text(value: object) -> str:
    """A value as XML-safe text (control characters XML 1.0 forbids are dropped)."""
    return _CONTROL.sub("", str(value))
