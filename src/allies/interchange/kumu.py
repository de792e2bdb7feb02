"""Kumu-style spreadsheets: a sheet of *elements* and a sheet of *connections*.

Kumu (kumu.io) imports and exports a workbook with an ``Elements`` sheet (``Label``,
``Type``, ``Description``, ``Tags`` and any other columns) and a ``Connections`` sheet
(``From``, ``To``, ``Type``, ``Direction``, ``Strength`` ...), where ``From`` and ``To``
name elements by label. This module reads such a workbook (.xlsx), the two sheets saved as
CSV files, or a lone connections CSV (the elements are then the labels it names).
Elements whose type is an organisation are kept apart: a connection between a person and
an organisation says where the person works.

Examples
--------
>>> read = read_kumu_tables(
...     [(1, ["Label", "Type", "Email"]), (2, ["Ann Lee", "Person", "ann@acme.test"]),
...      (3, ["Acme", "Organization", ""])],
...     [(1, ["From", "To", "Type"]), (2, ["Ann Lee", "Acme", "member"])],
... )
>>> [n.name for n in read.nodes], read.organisations, [(e.source, e.target) for e in read.edges]
(['Ann Lee'], {'Acme': 'Acme'}, [('Ann Lee', 'Acme')])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from allies.errors import ImportFormatError
from allies.interchange.graphs import GraphRead, contact_from_attributes, edge_from_attributes
from allies.interchange.text import decode_bytes, excerpt

__all__ = ["Table", "csv_table", "read_kumu", "read_kumu_tables"]

#: Rows of a sheet as ``(line or row number, cells)``, the header first.
Table = Sequence[tuple[int, list[str]]]

_ORGANISATION_TYPES = {"organization", "organisation", "company", "org", "institution"}


def _records(table: Table) -> Iterator[tuple[int, int, dict[str, str]]]:
    """``(line, record number, cells by header)`` for each non-empty data row."""
    rows = [(line, [str(c or "").strip() for c in cells]) for line, cells in table]
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if not rows:
        return
    header = rows[0][1]
    for number, (line, cells) in enumerate(rows[1:], start=1):
        yield line, number, {name: cells[i] for i, name in enumerate(header) if i < len(cells)}


def _get(cells: dict[str, str], *names: str) -> str:
    folded = {k.casefold(): v for k, v in cells.items()}
    return next((folded[n] for n in names if folded.get(n)), "")


def read_kumu_tables(
    elements: Table | None,
    connections: Table | None,
    *,
    elements_path: str = "elements",
    connections_path: str = "connections",
) -> GraphRead:
    """People, organisations and ties from Kumu's two tables (either may be missing)."""
    read = GraphRead()
    known: set[str] = set()
    for line, number, cells in _records(elements or []):
        label = _get(cells, "label", "name")
        kind = _get(cells, "type", "element type").casefold()
        if label and kind in _ORGANISATION_TYPES:
            read.organisations[label] = label
            continue
        attributes = {k: v for k, v in cells.items() if k.casefold() not in {"type", "image"}}
        attributes["tags"] = attributes.get("Tags", attributes.get("tags", "")).replace("|", ";")
        node = contact_from_attributes(
            label, attributes, path=elements_path, line=line, number=number
        )
        read.items.append(node)
        known.add(label)
    edges = []
    for line, number, cells in _records(connections or []):
        source, target = _get(cells, "from"), _get(cells, "to")
        attributes = {k: v for k, v in cells.items() if k.casefold() not in {"from", "to"}}
        edge = edge_from_attributes(
            source,
            target,
            attributes,
            directed=True,
            path=connections_path,
            line=line,
            number=number,
        )
        edges.append(edge)
        for end in (source, target):
            if end and end not in known and end not in read.organisations:
                known.add(end)
                read.items.append(
                    contact_from_attributes(
                        end, {}, path=connections_path, line=line, number=number
                    )
                )
    read.items.extend(edges)
    return read


def csv_table(data: bytes, path: str = "input") -> list[tuple[int, list[str]]]:
    """The rows of a CSV sheet as ``(line, cells)``, for :func:`read_kumu_tables`."""
    text, _ = decode_bytes(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, start = [], 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFormatError(
            f"not valid CSV ({excerpt(str(error), 100)}).", path=path, line=reader.line_num
        ) from None
    return rows


def _workbook(data: bytes, path: str) -> dict[str, list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = {
            sheet.title.strip().casefold(): [
                (number, ["" if c is None else str(c) for c in row])
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            for sheet in book.worksheets
        }
        book.close()
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise ImportFormatError(
            f"not a readable Excel workbook ({type(error).__name__}: {excerpt(str(error), 100)}).",
            path=path,
        ) from None
    return sheets


def _is_connections(table: Table) -> bool:
    header = {str(c).strip().casefold() for c in (table[0][1] if table else [])}
    return {"from", "to"} <= header


def read_kumu(data: bytes, *, path: str = "input") -> GraphRead:
    """A Kumu workbook (.xlsx with Elements and Connections sheets) or a single CSV sheet.

    Raises
    ------
    allies.errors.ImportFormatError
        When the workbook cannot be read, or has neither sheet.
    """
    if data.startswith(b"PK\x03\x04"):  # a zip archive: an .xlsx workbook
        sheets = _workbook(data, path)
        elements = next((rows for name, rows in sheets.items() if "element" in name), None)
        connections = next((rows for name, rows in sheets.items() if "connection" in name), None)
        if elements is None and connections is None:
            raise ImportFormatError(
                "the workbook has no Elements or Connections sheet (sheets: "
                + ", ".join(sheets)
                + ").",
                path=path,
                hint="Name the sheets Elements and Connections, as Kumu does.",
            )
        return read_kumu_tables(
            elements,
            connections,
            elements_path=f"{path} [Elements]",
            connections_path=f"{path} [Connections]",
        )
    table = csv_table(data, path)
    if _is_connections(table):
        return read_kumu_tables(None, table, connections_path=path)
    return read_kumu_tables(table, None, elements_path=path)
