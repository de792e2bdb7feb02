"""What the readers hand over: records read from a file, and the problems met on the way.

Every reader yields :class:`ContactRecord` (or another record type of its format) and
:class:`RecordProblem` values in file order, so that a caller can stop at the first
problem (``--strict``) or skip the bad records and list them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allies.errors import ImportFormatError, NextStep
from allies.interchange.vcard_details import CardExtras

__all__ = ["ContactRecord", "RecordProblem"]


@dataclass(frozen=True)
class RecordProblem:
    """A line or record that could not be read, and why.

    Attributes
    ----------
    path : str
        The file (as the user named it).
    line : int or None
        The line (1-based) where the record or the bad line starts, when known.
    record : int or None
        The record's number in the file (1-based), when known.
    reason : str
        What is wrong, in words a user can act on.
    warning : bool
        True when nothing was skipped (say, a line read as Latin-1 because it was not
        UTF-8): worth telling, but no reason for ``--strict`` to stop.
    """

    path: str
    line: int | None
    record: int | None
    reason: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.record is not None:
            where += f" (record {self.record})"
        return f"{where}: {self.reason}"

    def as_error(self) -> ImportFormatError:
        """The problem as an :class:`~allies.errors.ImportFormatError` (for ``--strict``)."""
        prefix = f"record {self.record}: " if self.record is not None else ""
        reason = self.reason.removesuffix("; skipped").removesuffix(" Skipped.")
        return ImportFormatError(
            prefix + reason,
            path=self.path,
            line=self.line,
            hint="Fix that record, or import again skipping the records that cannot be read.",
            next_step=NextStep("skip-bad", "records"),
        )


@dataclass
class ContactRecord:
    """A person as an address book, spreadsheet or graph file describes them.

    Text fields are stripped; lists hold no blanks. ``key`` is the record's identifier in
    its file (a vCard ``UID``, a graph node's id), and ``line`` and ``number`` say where the
    record starts.
    """

    name: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    organisation: str = ""
    unit: str = ""
    title: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    level: str = ""
    tier: str = ""
    interests: str = ""
    agenda: str = ""
    values: str = ""
    offers: str = ""
    trades: str = ""
    is_me: bool = False
    key: str = ""
    line: int | None = None
    number: int | None = None
    #: Birthday, anniversary, addresses, URLs, photo and custom fields (vCard only; set
    #: after construction, so readers that build records from plain fields need not know).
    extras: CardExtras = field(default_factory=CardExtras, init=False)
