"""GraphML, GEXF and Kumu: files from yEd, Gephi, networkx and Kumu; writing for Gephi."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from openpyxl import Workbook

from allies.errors import ImportFormatError
from allies.interchange.gexf import read_gexf, write_gexf
from allies.interchange.graphml import read_graphml, write_graphml
from allies.interchange.graphs import EdgeRecord, GraphData
from allies.interchange.kumu import csv_table, read_kumu, read_kumu_tables
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.xmltree import parse_xml


def florentine(writer: str) -> bytes:
    graph = nx.florentine_families_graph()
    for u, v in graph.edges:
        graph[u][v]["weight"] = 2.0
    buffer = io.BytesIO()
    getattr(nx, writer)(graph, buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("writer", "reader"), [("write_graphml", read_graphml), ("write_gexf", read_gexf)]
)
def test_networkx_files(writer: str, reader: object) -> None:
    read = reader(florentine(writer))  # type: ignore[operator]
    assert len(read.nodes) == 15 and len(read.edges) == 20
    assert {n.name for n in read.nodes} >= {"Medici", "Strozzi"}
    assert all(e.weight == 2.0 and not e.directed for e in read.edges)


def test_yed_labels_defaults_and_words(fixtures: Path) -> None:
    read = read_graphml((fixtures / "graphs" / "yed-org-chart.graphml").read_bytes())
    assert [n.name for n in read.nodes] == ["Maria Lopez", "Bo Chen", "Cy Diaz"]
    assert read.nodes[0].emails == ["maria@acme.example"] and read.nodes[0].unit == "Finance"
    assert [e.kind for e in read.edges] == ["reports to", "reports to", "advice", "reports to"]
    assert read.edges[2].line == 51


def test_gephi_export(fixtures: Path) -> None:
    read = read_gexf((fixtures / "graphs" / "gephi-export.gexf").read_bytes(), path="g.gexf")
    assert (read.nodes[0].name, read.nodes[0].organisation) == ("Tess Ward", "Kappa Ltd")
    assert read.nodes[0].emails == ["tess.ward@kappa.example"]
    assert [(e.kind, e.weight, e.directed) for e in read.edges] == [
        ("trusts", 4.0, True),
        ("", 2.0, True),
        ("", 1.0, False),
    ]
    (problem,) = [i for i in read.items if isinstance(i, RecordProblem)]
    assert (
        str(problem)
        == "g.gexf, line 46 (record 4): the edge's weight 'NaN' is not a number; skipped"
    )


def test_kumu_sheets_as_csv(fixtures: Path) -> None:
    folder = fixtures / "graphs" / "kumu"
    read = read_kumu_tables(
        csv_table((folder / "elements.csv").read_bytes()),
        csv_table((folder / "connections.csv").read_bytes()),
    )
    assert [n.name for n in read.nodes] == ["Noor Haddad", "Ivo Petrov", "Sol Kim"]
    assert read.nodes[0].tags == ["partner", "external"]
    assert read.organisations == {"Delta Partners": "Delta Partners"}
    assert [(e.kind, e.directed) for e in read.edges][:2] == [
        ("trust", True),
        ("works with", False),
    ]


def test_kumu_workbook() -> None:
    book = Workbook()
    elements = book.active
    assert elements is not None
    elements.title = "Elements"
    elements.append(["Label", "Type", "Email"])
    elements.append(["Ann Lee", "Person", "ann@acme.test"])
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Strength"])
    connections.append(["Ann Lee", "Bo Chen", "trust", 2])
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_kumu(buffer.getvalue(), path="map.xlsx")
    assert [n.name for n in read.nodes] == ["Ann Lee", "Bo Chen"]
    assert read.edges[0].weight == 2.0 and read.edges[0].line == 2


def test_a_damaged_workbook_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="not a readable Excel workbook"):
        read_kumu(b"PK\x03\x04" + b"\x00" * 40, path="bad.xlsx")


def test_written_graphs_read_back() -> None:
    graph = GraphData(
        [
            ContactRecord(
                "Ann <Lee> & Co",
                ["ann@x.org"],
                organisation="Acme",
                tags=["a", "b"],
                level="peer",
                is_me=True,
                key="1",
            ),
            ContactRecord("Bo\x01", key="2"),
        ],
        [
            EdgeRecord(
                "1",
                "2",
                "listens_to",
                0.75,
                0.5,
                "stated",
                note='said "yes"',
                valid_from="2024-01-01",
            ),
            EdgeRecord("2", "1", "knows", 0.2),
        ],
    )
    for write, read in ((write_graphml, read_graphml), (write_gexf, read_gexf)):
        back = read(write(graph))
        first = back.nodes[0]
        assert (first.name, first.emails, first.tags, first.is_me) == (
            "Ann <Lee> & Co",
            ["ann@x.org"],
            ["a", "b"],
            True,
        )
        assert back.nodes[1].name == "Bo"  # a control character XML cannot hold is dropped
        edge = back.edges[0]
        assert (edge.kind, edge.weight, edge.confidence, edge.origin, edge.note) == (
            "listens_to",
            0.75,
            0.5,
            "stated",
            'said "yes"',
        )
        assert edge.valid_from == "2024-01-01"


def test_xml_entities_are_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<graphml><graph>&b;</graph></graphml>"
    )
    with pytest.raises(ImportFormatError, match="entities"):
        read_graphml(bomb)


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_xml(b"<graphml>\n<graph>\n<node id='1'>\n</graph>", path="x.graphml")
    assert caught.value.line == 4


@pytest.mark.parametrize("reader", [read_graphml, read_gexf])
def test_the_wrong_kind_of_xml(reader: object) -> None:
    with pytest.raises(ImportFormatError, match="not a"):
        reader(b"<html><body/></html>")  # type: ignore[operator]
