"""Rendering results for the terminal: a Rich table, JSON or CSV, chosen by ``--format``."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table


class Format(StrEnum):
    """Output formats every list and show command accepts."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def console() -> Console:
    """The console for normal output (built on demand so tests capture it).

    Piped into a file or another program, tables are laid out 160 columns wide (or
    ``COLUMNS``) rather than squeezed into 80.
    """
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
    return Console(file=sys.stdout, highlight=False, soft_wrap=False, width=width)


def error_console() -> Console:
    """The console for errors."""
    return Console(file=sys.stderr, highlight=False)


def plain(value: Any) -> Any:
    """Turn dataclasses, enums and dates into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    return value


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


#: How many rows a table shows unless asked for every one (``--all``).
TABLE_ROWS = 50

#: ``--all``: every row of a long list in the table (JSON and CSV always hold every row).
ShowAllOpt = Annotated[
    bool,
    typer.Option(
        "--all",
        help=f"Show every row. A table shows the first {TABLE_ROWS} and counts the rest; "
        "JSON and CSV always hold every row.",
    ),
]


def emit_rows(
    rows: Sequence[Any],
    fmt: Format,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    empty: str = "Nothing to show.",
    show_all: bool = True,
    total: int | None = None,
) -> None:
    """Print rows (dataclasses or mappings) in the chosen format.

    A table of more than :data:`TABLE_ROWS` rows shows the first ones and says how many
    there are, unless ``show_all``; JSON and CSV always carry every row. ``total`` is the
    length of the whole list when ``rows`` is only its first page (read so by the
    caller, see :func:`table_page`).
    """
    hidden = 0 if total is None else max(total - len(rows), 0)
    if fmt is Format.TABLE and not show_all and len(rows) > TABLE_ROWS:
        hidden, rows = hidden + len(rows) - TABLE_ROWS, rows[:TABLE_ROWS]
    records = [plain(r) for r in rows]
    if fmt is Format.JSON:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return
    names = list(columns or (records[0].keys() if records else []))
    if fmt is Format.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        for record in records:
            writer.writerow([_cell(record.get(n)) for n in names])
        sys.stdout.write(buffer.getvalue())
        return
    out = console()
    if not records:
        out.print(empty)
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for name in names:
        table.add_column(name.replace("_", " "), overflow="fold")
    for record in records:
        table.add_row(*[_cell(record.get(n)) for n in names])
    out.print(table)
    if hidden:
        out.print(
            f"Showing the first {len(records)} of {len(records) + hidden:,}. "
            "Add --all to see every one, or narrow the list (see --help).",
            highlight=False,
        )


def table_page(fmt: Format, show_all: bool) -> int | None:
    """How many rows a list command needs to read: :data:`TABLE_ROWS` for a table that
    shows its first rows, ``None`` (every row) for ``--all``, JSON and CSV."""
    return TABLE_ROWS if fmt is Format.TABLE and not show_all else None


def emit_record(record: Any, fmt: Format, *, title: str | None = None) -> None:
    """Print one record: key-value table, JSON object or a two-column CSV."""
    data = plain(record)
    if fmt is Format.JSON:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    if fmt is Format.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["field", "value"])
        for key, value in data.items():
            writer.writerow([key, _cell(value)])
        sys.stdout.write(buffer.getvalue())
        return
    table = Table(title=title, show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in data.items():
        if value not in (None, "", [], False):
            table.add_row(key.replace("_", " "), _cell(value))
    console().print(table)


def say(message: str) -> None:
    """Print a short confirmation line."""
    console().print(message)


def bullet_lines(lines: Iterable[str]) -> None:
    """Print lines as they are."""
    out = console()
    for line in lines:
        out.print(line)
