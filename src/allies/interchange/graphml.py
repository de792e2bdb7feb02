"""GraphML: read networks drawn in yEd, Gephi or networkx; write one they all open.

Nodes become people and edges ties. Attributes are declared with ``<key>`` elements and
read by their ``attr.name`` (with defaults); yEd's node labels are read too.

Examples
--------
>>> from allies.interchange.records import ContactRecord
>>> from allies.interchange.graphs import EdgeRecord
>>> data = write_graphml(GraphData([ContactRecord("Ann", key="1"), ContactRecord("Bo", key="2")],
...                                [EdgeRecord("1", "2", kind="trusts", weight=0.8)]))
>>> read = read_graphml(data)
>>> [n.name for n in read.nodes], [(e.source, e.target, e.kind, e.weight) for e in read.edges]
(['Ann', 'Bo'], [('1', '2', 'trusts', 0.8)])
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from allies.errors import ImportFormatError
from allies.interchange.graphs import (
    GraphData,
    GraphRead,
    contact_from_attributes,
    edge_from_attributes,
    xml_text,
)
from allies.interchange.xmltree import Element, parse_xml

__all__ = ["read_graphml", "write_graphml"]

_NODE_KEYS = (
    "name", "title", "organisation", "unit", "emails", "phones", "tags", "level", "tier",
    "interests", "agenda", "values", "offers", "trades", "notes", "is_me",
)  # fmt: skip
_EDGE_KEYS = ("kind", "weight", "confidence", "origin", "note", "valid_from", "valid_to")


def _keys(root: Element) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Key id → attribute name, and per domain (node, edge) the defaults."""
    names: dict[str, str] = {}
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for key in root.find_all("key"):
        ident = key.attrib.get("id", "")
        name = key.attrib.get("attr.name") or key.attrib.get("yfiles.type") or ident
        if key.attrib.get("yfiles.type") == "nodegraphics":
            name = "label"
        names[ident] = name
        default = key.find("default")
        domain = key.attrib.get("for", "all")
        if default is not None:
            for target in ("node", "edge") if domain == "all" else (domain,):
                defaults.setdefault(target, {})[name] = default.all_text().strip()
    return names, defaults


def _data(element: Element, names: dict[str, str], defaults: dict[str, str]) -> dict[str, str]:
    values = dict(defaults)
    for data in element.find_all("data"):
        name = names.get(data.attrib.get("key", ""), data.attrib.get("key", ""))
        if data.children:
            label = next(data.iter("NodeLabel"), None)
            text = label.all_text().strip() if label is not None else ""
        else:
            text = data.text.strip()
        if text:
            values[name] = text
    return values


def read_graphml(data: bytes, *, path: str = "input") -> GraphRead:
    """The people and ties of a GraphML file.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file is not XML, or not GraphML.
    """
    root = parse_xml(data, path=path)
    graph = root.find("graph") if root.tag == "graphml" else None
    if graph is None:
        raise ImportFormatError(
            f"not a GraphML file (the document is <{root.tag}>, with no <graph> in <graphml>).",
            path=path,
            line=root.line,
        )
    names, defaults = _keys(root)
    directed = graph.attrib.get("edgedefault", "directed") != "undirected"
    read = GraphRead()
    for number, node in enumerate(graph.iter("node"), start=1):
        attributes = _data(node, names, defaults.get("node", {}))
        read.items.append(
            contact_from_attributes(
                node.attrib.get("id", ""), attributes, path=path, line=node.line, number=number
            )
        )
    for number, edge in enumerate(graph.iter("edge"), start=1):
        flag = edge.attrib.get("directed")
        read.items.append(
            edge_from_attributes(
                edge.attrib.get("source", ""),
                edge.attrib.get("target", ""),
                _data(edge, names, defaults.get("edge", {})),
                directed=directed if flag is None else flag.lower() == "true",
                path=path,
                line=edge.line,
                number=number,
            )
        )
    return read


def _value(record: object, name: str) -> str:
    value = getattr(record, name)
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def write_graphml(graph: GraphData) -> bytes:
    """The network as GraphML (directed; several ties between two people stay apart)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for name in _NODE_KEYS:
        kind = "boolean" if name == "is_me" else "string"
        out.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name in _EDGE_KEYS:
        kind = "double" if name in {"weight", "confidence"} else "string"
        out.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    out.append('  <graph id="allies" edgedefault="directed">')
    for node in graph.nodes:
        out.append(f"    <node id={quoteattr(xml_text(node.key))}>")
        for name in _NODE_KEYS:
            value = _value(node, name)
            if value and not (name == "is_me" and value == "false"):
                out.append(f'      <data key="n_{name}">{escape(xml_text(value))}</data>')
        out.append("    </node>")
    for number, edge in enumerate(graph.edges, start=1):
        out.append(
            f'    <edge id="e{number}" source={quoteattr(xml_text(edge.source))} '
            f"target={quoteattr(xml_text(edge.target))}>"
        )
        for name in _EDGE_KEYS:
            value = _value(edge, name)
            if value:
                out.append(f'      <data key="e_{name}">{escape(xml_text(value))}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out).encode("utf-8")
