"""What an import did (or, in a dry run, would do), and how problems are handled on the way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from allies.interchange.records import RecordProblem

__all__ = ["ImportReport", "MergeLine", "NearMatch", "ProblemLog", "Progress", "ReplyPattern"]

#: ``progress(stage, done, total)``: called as records are read and written; ``total`` is
#: ``None`` while it is not known yet.
Progress = Callable[[str, int, int | None], None]


def no_progress(stage: str, done: int, total: int | None) -> None:
    """A progress callback that does nothing."""


@dataclass(frozen=True)
class MergeLine:
    """An incoming record merged into a stored person, what it added, and why.

    ``evidence`` says what made them one person (``same e-mail ann@acme.test``);
    ``person_id`` is the stored person (``allies person split`` undoes the merge).
    """

    incoming: str
    person: str
    how: str
    added: tuple[str, ...]
    evidence: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class NearMatch:
    """An incoming person who resembles stored people without matching them.

    ``person_id`` is the person added for the incoming record and ``candidate_ids`` the
    stored people it resembles, in the order of ``candidates`` (ids a dry run gives are
    not kept). ``reason`` says why a name that matches was not merged (``e-mails
    differ``, ``the suffixes differ``), when that is why.
    """

    incoming: str
    candidates: tuple[str, ...]
    score: float
    person_id: int | None = None
    candidate_ids: tuple[int, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class ReplyPattern:
    """How mail went between me and one correspondent."""

    person: str
    from_me: int
    to_me: int
    my_replies: int
    their_replies: int


@dataclass
class ImportReport:
    """The outcome of one import.

    Attributes
    ----------
    format, source : str
        What was imported, from where.
    dry_run : bool
        True when nothing was saved (the counts say what *would* happen).
    read : int
        Records read from the file (contacts, events, messages, nodes and edges).
    added, updated, unchanged : Counter
        Per kind of record (``people``, ``organisations``, ``units``, ``interactions``,
        ``ties``): how many were added, how many stored ones gained evidence (a weekly
        e-mail touch-point, a tie's message count), and how many were already there as
        they are.
    merged : list of MergeLine
        Incoming people merged into stored ones, adding what they knew that the stored
        record lacked (a match that adds nothing counts as unchanged).
    skipped : Counter
        Records left out on purpose, by reason (``declined by you`` ...).
    near_matches : list of NearMatch
        People added although they resemble stored ones: candidates for a merge.
    problems : list of RecordProblem
        Bad lines and records that were skipped.
    warnings : list of RecordProblem
        Things worth knowing that skipped nothing.
    notes : list of str
        Other remarks (which address was taken to be yours ...).
    replies : list of ReplyPattern
        For mail: the busiest correspondents and who answers whom.
    """

    format: str
    source: str
    dry_run: bool = False
    read: int = 0
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    merged: list[MergeLine] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    near_matches: list[NearMatch] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    warnings: list[RecordProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    replies: list[ReplyPattern] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the import changed (or would change) anything."""
        return bool(sum(self.added.values()) + sum(self.updated.values()) + len(self.merged))

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready values, with its summary line."""
        return {
            "format": self.format,
            "source": self.source,
            "dry_run": self.dry_run,
            "summary": self.summary(),
            "read": self.read,
            "added": dict(self.added),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "merged": [asdict(m) for m in self.merged],
            "skipped": dict(self.skipped),
            "near_matches": [asdict(n) for n in self.near_matches],
            "problems": [asdict(p) | {"text": str(p)} for p in self.problems],
            "warnings": [asdict(p) | {"text": str(p)} for p in self.warnings],
            "notes": list(self.notes),
            "replies": [asdict(r) for r in self.replies],
        }

    def summary(self) -> str:
        """One line: what was (or would be) added, merged, left alone and skipped."""
        verb = "Would add" if self.dry_run else "Added"
        added = ", ".join(f"{n} {kind}" for kind, n in sorted(self.added.items()) if n)
        parts = [f"{verb} {added or 'nothing'}"]
        updated = ", ".join(f"{n} {kind}" for kind, n in sorted(self.updated.items()) if n)
        if updated:
            parts.append(f"{'would update' if self.dry_run else 'updated'} {updated}")
        merged = len(self.merged)
        if merged:
            parts.append(
                f"{'would merge' if self.dry_run else 'merged'} {merged} into people already there"
            )
        same = sum(self.unchanged.values())
        if same:
            parts.append(f"{same} already there")
        skipped = sum(self.skipped.values())
        if skipped:
            parts.append(f"{skipped} left out")
        if self.problems:
            parts.append(
                f"{len(self.problems)} bad record{'s' if len(self.problems) != 1 else ''} skipped"
            )
        return "; ".join(parts) + f" (from {self.read} records read)."


class ProblemLog:
    """Where readers' problems go: kept on the report, or raised at once under ``strict``."""

    def __init__(self, report: ImportReport, *, strict: bool) -> None:
        self.report = report
        self.strict = strict

    def __call__(self, problem: RecordProblem) -> None:
        """Record ``problem``; under ``strict``, a problem that skips something is raised."""
        if problem.warning:
            self.report.warnings.append(problem)
        elif self.strict:
            raise problem.as_error()
        else:
            self.report.problems.append(problem)
