"""GEXF (Gephi's own format, 1.1 to 1.3): read networks from Gephi, write ones it opens.

The writer uses GEXF 1.3: a directed graph whose edges carry the tie's kind as the edge
``kind`` (so several ties between two people stay apart) and ``label``, its weight, and
the rest as attributes; people carry their organisation, unit, level and tags, ready to
colour and size by in Gephi's appearance panel.

Examples
--------
>>> from allies.interchange.records import ContactRecord
>>> from allies.interchange.graphs import EdgeRecord
>>> data = write_gexf(GraphData([ContactRecord("Ann", key="1"), ContactRecord("Bo", key="2")],
...                             [EdgeRecord("1", "2", kind="knows", weight=0.5)]))
>>> read = read_gexf(data)
>>> [n.name for n in read.nodes], [(e.kind, e.weight) for e in read.edges]
(['Ann', 'Bo'], [('knows', 0.5)])
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from allies.errors import ImportFormatError
from allies.interchange.graphs import (
    GraphData,
    GraphRead,
    contact_from_attributes,
    edge_from_attributes,
    xml_text,
)
from allies.interchange.xmltree import Element, parse_xml

__all__ = ["read_gexf", "write_gexf"]

_NODE_ATTRIBUTES = (
    "title", "organisation", "unit", "emails", "phones", "tags", "level", "tier",
    "interests", "agenda", "values", "offers", "trades", "notes", "is_me",
)  # fmt: skip
_EDGE_ATTRIBUTES = ("confidence", "origin", "note", "valid_from", "valid_to")


def _declared(graph: Element) -> dict[str, dict[str, str]]:
    """Per class (node, edge): attribute id → title."""
    found: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in graph.find_all("attributes"):
        klass = block.attrib.get("class", "node")
        for attribute in block.find_all("attribute"):
            ident = attribute.attrib.get("id", "")
            found.setdefault(klass, {})[ident] = attribute.attrib.get("title", ident)
    return found


def _values(element: Element, titles: dict[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    holder = element.find("attvalues")
    for value in holder.find_all("attvalue") if holder is not None else ():
        ident = value.attrib.get("for") or value.attrib.get("id", "")
        values[titles.get(ident, ident)] = value.attrib.get("value", "")
    return values


def read_gexf(data: bytes, *, path: str = "input") -> GraphRead:
    """The people and ties of a GEXF file.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file is not XML, or not GEXF.
    """
    root = parse_xml(data, path=path)
    graph = root.find("graph") if root.tag == "gexf" else None
    if graph is None:
        raise ImportFormatError(
            f"not a GEXF file (the document is <{root.tag}>, with no <graph> in <gexf>).",
            path=path,
            line=root.line,
        )
    titles = _declared(graph)
    directed = graph.attrib.get("defaultedgetype", "directed") != "undirected"
    read = GraphRead()
    nodes = graph.find("nodes")
    for number, node in enumerate(nodes.find_all("node") if nodes is not None else (), start=1):
        attributes = {"label": node.attrib.get("label", ""), **_values(node, titles["node"])}
        read.items.append(
            contact_from_attributes(
                node.attrib.get("id", ""), attributes, path=path, line=node.line, number=number
            )
        )
    edges = graph.find("edges")
    for number, edge in enumerate(edges.find_all("edge") if edges is not None else (), start=1):
        attributes = {
            **{k: edge.attrib[k] for k in ("kind", "weight") if k in edge.attrib},
            **_values(edge, titles["edge"]),
            **{k: edge.attrib[k] for k in ("label",) if k in edge.attrib},
        }
        kind = edge.attrib.get("type", "")
        read.items.append(
            edge_from_attributes(
                edge.attrib.get("source", ""),
                edge.attrib.get("target", ""),
                attributes,
                directed=directed if not kind else kind == "directed",
                path=path,
                line=edge.line,
                number=number,
            )
        )
    return read


def _text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _attvalues(record: object, names: tuple[str, ...], prefix: str) -> list[str]:
    cells = []
    for i, name in enumerate(names):
        value = _text(getattr(record, name))
        if value and not (name == "is_me" and value == "false"):
            cells.append(f'<attvalue for="{prefix}{i}" value={quoteattr(xml_text(value))}/>')
    return cells


def write_gexf(graph: GraphData) -> bytes:
    """The network as GEXF 1.3 (directed; ties keep their kind, weight and origin)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        "  <meta><creator>allies</creator><description>A network of alliances</description></meta>",
        '  <graph defaultedgetype="directed" mode="static">',
        '    <attributes class="node">',
    ]
    for i, name in enumerate(_NODE_ATTRIBUTES):
        kind = "boolean" if name == "is_me" else "string"
        out.append(f'      <attribute id="n{i}" title="{name}" type="{kind}"/>')
    out += ["    </attributes>", '    <attributes class="edge">']
    for i, name in enumerate(_EDGE_ATTRIBUTES):
        kind = "double" if name == "confidence" else "string"
        out.append(f'      <attribute id="e{i}" title="{name}" type="{kind}"/>')
    out += ["    </attributes>", "    <nodes>"]
    for node in graph.nodes:
        cells = _attvalues(node, _NODE_ATTRIBUTES, "n")
        ident, label = quoteattr(xml_text(node.key)), quoteattr(xml_text(node.name))
        out.append(
            f"      <node id={ident} label={label}><attvalues>{''.join(cells)}</attvalues></node>"
        )
    out += ["    </nodes>", "    <edges>"]
    for number, edge in enumerate(graph.edges, start=1):
        cells = _attvalues(edge, _EDGE_ATTRIBUTES, "e")
        weight = f' weight="{edge.weight:g}"' if edge.weight is not None else ""
        kind = f" kind={quoteattr(xml_text(edge.kind))} label={quoteattr(xml_text(edge.kind))}"
        out.append(
            f'      <edge id="{number}" source={quoteattr(xml_text(edge.source))} '
            f"target={quoteattr(xml_text(edge.target))}{kind if edge.kind else ''}{weight}>"
            f"<attvalues>{''.join(cells)}</attvalues></edge>"
        )
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out).encode("utf-8")
