"""Bringing a network in: contacts, calendars, mail and graphs, in one transaction each.

:func:`import_file` reads a file in one of :data:`FORMATS`, matches the people in it to
those already stored (by e-mail, then by normalised name and organisation), merges the
matches, adds the rest, and turns events, messages and edges into interactions and ties.
Everything happens in one unit of work: committed at the end, or not at all (a dry run,
``--strict`` meeting a bad record, any error). Importing the same file again changes
nothing. The :class:`~allies.services.transfer.import_report.ImportReport` says what was added,
merged, left alone and left out, which incoming people resemble stored ones, and which
lines or records were bad, with their file, line and record number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import cast

from allies.errors import InvalidInput, NotFound
from allies.interchange.csv_contacts import ColumnUse, parse_mapping, read_contacts_csv
from allies.interchange.gexf import read_gexf
from allies.interchange.graphml import read_graphml
from allies.interchange.graphs import GraphRead
from allies.interchange.icalendar_import import CalendarRead, read_events
from allies.interchange.kumu import csv_table, read_kumu, read_kumu_tables
from allies.interchange.mail import MailMessage, read_eml, read_mbox
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.text import refuse_unreadable
from allies.interchange.vcard import count_vcards, read_vcards
from allies.services.network.matching import DEFAULT_THRESHOLD
from allies.services.network.provenance import note_sources
from allies.services.ports import UnitOfWork
from allies.services.transfer.backup import restore_workspace
from allies.services.transfer.import_calendar import apply_calendar
from allies.services.transfer.import_graph import apply_contacts, apply_graph
from allies.services.transfer.import_mail import apply_mail
from allies.services.transfer.import_people import PeopleWriter
from allies.services.transfer.import_report import ImportReport, ProblemLog, Progress, no_progress

__all__ = ["FORMATS", "ImportOptions", "import_file"]

#: The formats :func:`import_file` reads, with what each is for.
FORMATS: dict[str, str] = {
    "vcard": "vCard 2.1, 3.0 or 4.0 (.vcf) from a phone, mail program or address book",
    "csv": "any contacts spreadsheet saved as CSV: Outlook, Thunderbird, Google and LinkedIn "
    "exports are recognised by their columns (otherwise say which column is which)",
    "google": "Google Contacts export (Google CSV)",
    "linkedin": "LinkedIn Connections.csv",
    "ics": "iCalendar (.ics): meetings become interactions with the people on them",
    "mail": "an mbox file, an .eml message or a folder of .eml: headers only",
    "graphml": "GraphML from yEd, Gephi or networkx",
    "gexf": "GEXF from Gephi",
    "kumu": "a Kumu workbook (.xlsx with Elements and Connections) or its sheets as CSV",
    "backup": "an allies backup (JSON), restored into an empty workspace",
}
_ALIASES = {
    "vcf": "vcard",
    "ical": "ics",
    "icalendar": "ics",
    "mbox": "mail",
    "eml": "mail",
    "xlsx": "kumu",
    "json": "backup",
}
#: Largest single file read (a guard against reading the wrong thing).
MAX_BYTES = 2 * 1024**3
#: What each text format should be, for the refusal of an empty or binary file.
_EXPECTED = {
    "vcard": "a vCard (.vcf) file",
    "csv": "a CSV file",
    "google": "a Google Contacts CSV export",
    "linkedin": "LinkedIn's Connections.csv",
    "ics": "an iCalendar (.ics) file",
    "mail": "an mbox file or an .eml message",
    "graphml": "a GraphML file",
    "gexf": "a GEXF file",
}


@dataclass(frozen=True)
class ImportOptions:
    """How to import.

    Attributes
    ----------
    dry_run : bool
        Do everything, report it, and save nothing.
    strict : bool
        Stop at the first bad line or record (nothing is saved); otherwise skip and list them.
    mapping : tuple of str
        For ``csv``: ``field=Column`` pairs (see
        :func:`allies.interchange.csv_contacts.parse_mapping`).
    window : tuple of two dates, or None
        For ``ics``: the first and last day of the events to import (the faces read
        ``START..END`` with :func:`allies.services.dates.parse_window`); the default is
        the last year up to today.
    me : tuple of str
        For ``ics`` and ``mail``: my addresses, besides those on my record.
    threshold : float
        The name-match score (0-100) at which two people are taken to be the same.
    today : date or None
        The day windows count from (today by default).
    progress : callable
        ``progress(stage, done, total)``, called as the import goes.
    label : str or None
        How to name the file in the report and in problems (its path by default); an
        uploaded file keeps the name it had on the user's machine.
    """

    dry_run: bool = False
    strict: bool = False
    mapping: tuple[str, ...] = ()
    window: tuple[date, date] | None = None
    me: tuple[str, ...] = ()
    threshold: float = DEFAULT_THRESHOLD
    today: date | None = None
    progress: Progress = no_progress
    label: str | None = None


def _format(name: str) -> str:
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise InvalidInput(
            f"allies cannot import {name!r}.",
            field="format",
            hint="Formats: " + ", ".join(FORMATS) + ".",
        )
    return key


def _read(path: Path) -> bytes:
    if not path.exists():
        raise NotFound(f"There is no file {str(path)!r}.", hint="Check the path and try again.")
    if path.is_dir():
        raise InvalidInput(
            f"{str(path)!r} is a folder.", field="file", hint="Name a file in it instead."
        )
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(f"{str(path)!r} is larger than 2 GB.", field="file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {str(path)!r}: {error.strerror}.", field="file") from None


def _read_text(path: Path, kind: str, name: str) -> bytes:
    """The file, refused alike by every text format when it is empty or binary."""
    data = _read(path)
    refuse_unreadable(data, path=name, what=_EXPECTED[kind])
    return data


def _mail_items(path: Path, label: str | None) -> list[MailMessage | RecordProblem]:
    """The messages of an mbox, an .eml file, or every .eml in a folder (sorted by name)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".eml")
        if not files:
            raise InvalidInput(f"There is no .eml file in {str(path)!r}.", field="file")
        return [
            read_eml(_read_text(f, "mail", str(f)), path=str(f), number=n)
            for n, f in enumerate(files, start=1)
        ]
    name = label or str(path)
    data = _read_text(path, "mail", name)
    if data.lstrip(b"\r\n").startswith(b"From ") and not name.lower().endswith(".eml"):
        return list(read_mbox(data, path=name))
    return [read_eml(data, path=name)]


def _kumu(path: Path, label: str | None) -> Callable[[], object]:
    if path.is_dir():
        sheets = {p.name.lower(): p for p in path.iterdir() if p.suffix.lower() == ".csv"}
        elements = next((p for n, p in sheets.items() if "element" in n), None)
        connections = next((p for n, p in sheets.items() if "connection" in n), None)
        if elements is None and connections is None:
            raise InvalidInput(
                f"{str(path)!r} holds no elements.csv or connections.csv.", field="file"
            )
        return lambda: read_kumu_tables(
            csv_table(_read(elements), str(elements)) if elements else None,
            csv_table(_read(connections), str(connections)) if connections else None,
            elements_path=str(elements),
            connections_path=str(connections),
        )
    return lambda: read_kumu(_read(path), path=label or str(path))


def import_file(
    uow: UnitOfWork, format: str, source: str | Path, options: ImportOptions | None = None
) -> ImportReport:
    """Import ``source`` (a file, or a folder for ``mail`` and ``kumu``) into the workspace.

    Parameters
    ----------
    uow : UnitOfWork
        A unit of work on the workspace (not yet entered); the whole import is one
        transaction in it, committed at the end unless ``options.dry_run``.
    format : str
        One of :data:`FORMATS` (``vcf``, ``ical``, ``mbox``, ``eml``, ``xlsx`` and ``json``
        are understood too).
    source : str or Path
        The file or folder.
    options : ImportOptions, optional
        How to import (defaults: save, skip bad records, the default threshold).

    Returns
    -------
    ImportReport
        What was (or, in a dry run, would be) added, merged, left alone and left out.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file cannot be read as ``format``, or (``strict``) at the first bad record.
    allies.errors.InvalidInput
        For a bad option (an unknown format, a mapping naming no column, a window).
    allies.errors.NotFound
        When the file does not exist.
    """
    options = options or ImportOptions()
    kind = _format(format)
    path = Path(source)
    name = options.label or str(path)
    if kind == "backup":
        return restore_workspace(uow, _read(path), path=name, dry_run=options.dry_run)
    report = ImportReport(format=kind, source=name, dry_run=options.dry_run)
    log = ProblemLog(report, strict=options.strict)
    progress = options.progress
    today = options.today or date.today()
    mapping = parse_mapping(options.mapping) if options.mapping else None
    window = options.window or (today - timedelta(days=365), today)
    progress("reading", 0, None)
    columns = ColumnUse()
    expected: int | None = None  # how many records a file read as the import goes holds
    if kind == "mail":
        loaded: object = _mail_items(path, options.label)
    elif kind == "kumu":
        loaded = _kumu(path, options.label)()
    else:
        data = _read_text(path, kind, name)
        readers: dict[str, Callable[[], object]] = {
            # read as the import goes (a large address book is never held whole)
            "vcard": lambda: read_vcards(data, path=name),
            "csv": lambda: list(
                read_contacts_csv(data, path=name, mapping=mapping, columns=columns)
            ),
            "google": lambda: list(
                read_contacts_csv(data, path=name, layout="google", columns=columns)
            ),
            "linkedin": lambda: list(
                read_contacts_csv(data, path=name, layout="linkedin", columns=columns)
            ),
            "ics": lambda: read_events(data, path=name, start=window[0], end=window[1]),
            "graphml": lambda: read_graphml(data, path=name),
            "gexf": lambda: read_gexf(data, path=name),
        }
        loaded = readers[kind]()
        if kind == "vcard":
            expected = count_vcards(data)
    if columns.layout:  # the CSV layout recognised, before what it left out
        report.notes.append(columns.describe_layout())
    if columns.unused:
        report.notes.append(columns.describe())
    with uow:
        writer = PeopleWriter(uow, report, threshold=options.threshold)
        _apply(kind, loaded, writer, log, options, window, name, expected)
        if not options.dry_run:
            # so that a later split can give them back:
            writer.write_notes()
            note_sources(uow, writer.sources, writer.record_sources)
            uow.commit()
    return report


def _apply(
    kind: str,
    loaded: object,
    writer: PeopleWriter,
    log: ProblemLog,
    options: ImportOptions,
    window: tuple[date, date],
    path: str,
    total: int | None = None,
) -> None:
    progress = options.progress
    if isinstance(loaded, GraphRead):
        apply_graph(writer, loaded, log, path, progress)
    elif isinstance(loaded, CalendarRead):
        apply_calendar(writer, loaded, log, options.me, window, progress)
    elif kind == "mail":
        messages = cast(list[MailMessage | RecordProblem], loaded)
        apply_mail(writer, messages, log, options.me, progress)
    else:
        contacts = cast(Iterable[ContactRecord | RecordProblem], loaded)
        note = "LinkedIn connection" if kind == "linkedin" else ""
        roles = "LinkedIn import" if kind == "linkedin" else ""
        apply_contacts(
            writer,
            contacts,
            log,
            path,
            progress,
            tie_note=note,
            roles_from=roles,
            on=options.today,
            total=total,
        )
