"""What one sync of one account did: the same counts the importers print, and more.

A sync runs in batches, each an import of its own (an
:class:`~allies.services.transfer.import_report.ImportReport`); :meth:`SyncSummary.absorb`
adds each batch's report to the account's summary. Collection syncs (CalDAV, CardDAV)
also count what the server withdrew (a cancelled or deleted meeting) and the conflicts
they left alone (a card changed on both sides).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from allies.services.transfer.import_report import ImportReport

__all__ = ["SyncSummary"]


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items()) if n)


@dataclass
class SyncSummary:
    """The outcome of syncing one account.

    Attributes
    ----------
    account, kind : str
        Which account (its name) and what it serves (``imap``, ``caldav``, ``carddav``).
    read : int
        Items read from the server (message headers, events, cards).
    added, changed, unchanged, withdrawn : Counter
        Per kind of record (``people``, ``interactions``, ``ties`` ...): added, updated,
        already there as they are, and withdrawn because the server withdrew them (a
        cancelled meeting).
    merged : int
        Incoming people merged into people already there.
    skipped : Counter
        Items left out on purpose, by reason (``messages to more than 15 people`` ...).
    conflicts : list of str
        Items changed on both sides and left alone, one line each.
    problems : list of str
        Items that could not be read, one line each (with their folder and UID or href).
    notes : list of str
        Other remarks (which address was taken to be yours, a folder that was reset ...).
    batches : int
        Transactions committed (each with its resume point).
    """

    account: str
    kind: str
    read: int = 0
    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    withdrawn: Counter[str] = field(default_factory=Counter)
    merged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    batches: int = 0

    def absorb(self, report: ImportReport) -> None:
        """Add one batch's import report to this summary."""
        self.read += report.read
        self.added.update(report.added)
        self.changed.update(report.updated)
        self.unchanged.update(report.unchanged)
        self.merged += len(report.merged)
        self.skipped.update(report.skipped)
        self.problems.extend(str(p) for p in report.problems)
        for note in report.notes:
            if note not in self.notes:
                self.notes.append(note)

    @property
    def changed_anything(self) -> bool:
        """Whether the sync added, changed, merged or withdrew anything."""
        return bool(
            sum(self.added.values())
            + sum(self.changed.values())
            + sum(self.withdrawn.values())
            + self.merged
        )

    def summary(self) -> str:
        """One line, like the importers': added, changed, merged, withdrawn, skipped."""
        parts = [f"Added {_counts(self.added) or 'nothing'}"]
        if sum(self.changed.values()):
            parts.append(f"updated {_counts(self.changed)}")
        if self.merged:
            parts.append(f"merged {self.merged} into people already there")
        if sum(self.withdrawn.values()):
            parts.append(f"withdrew {_counts(self.withdrawn)}")
        same = sum(self.unchanged.values())
        if same:
            parts.append(f"{same} already there")
        skipped = sum(self.skipped.values())
        if skipped:
            parts.append(f"{skipped} left out")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} conflicts left alone")
        if self.problems:
            parts.append(f"{len(self.problems)} unreadable skipped")
        return "; ".join(parts) + f" (from {self.read} items read)."

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready values."""
        return {
            "account": self.account,
            "kind": self.kind,
            "summary": self.summary(),
            "changed_anything": self.changed_anything,
            "read": self.read,
            "added": dict(self.added),
            "changed": dict(self.changed),
            "unchanged": dict(self.unchanged),
            "withdrawn": dict(self.withdrawn),
            "merged": self.merged,
            "skipped": dict(self.skipped),
            "conflicts": list(self.conflicts),
            "problems": list(self.problems),
            "notes": list(self.notes),
            "batches": self.batches,
        }
