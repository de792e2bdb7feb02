"""Importing contacts and graphs: people through the matcher, edges as ties.

Edge weights above 1 (counts, say) are scaled by the largest; an edge's kind is read from
the words graph tools use (``advice`` → *listens to*, ``manager`` → *reports to* ...), and
a word that names no kind gives a *knows* tie that keeps the word in its note. An edge
between two people who are already tied that way leaves the stored tie as it is. A node
is matched only against the people stored before the import: two nodes with different ids
are two people, whatever their names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Sized
from datetime import date

from allies.domain import Person, Tie, TieKind, TieOrigin
from allies.errors import AlliesError
from allies.interchange.graphs import EdgeRecord, GraphRead
from allies.interchange.records import ContactRecord, RecordProblem
from allies.services.transfer.import_cards import keep_contact_details
from allies.services.transfer.import_people import PeopleWriter, profile_keys
from allies.services.transfer.import_report import ProblemLog, Progress

__all__ = ["TIE_WORDS", "apply_contacts", "apply_graph", "tie_kind"]

#: Words for links in graph files and the tie kind each stands for.
TIE_WORDS: dict[str, TieKind] = {
    "listens_to": TieKind.LISTENS_TO, "listens": TieKind.LISTENS_TO,
    "advice": TieKind.LISTENS_TO, "seeks_advice_from": TieKind.LISTENS_TO,
    "influenced_by": TieKind.LISTENS_TO, "trusts": TieKind.TRUSTS, "trust": TieKind.TRUSTS,
    "reports_to": TieKind.REPORTS_TO, "manager": TieKind.REPORTS_TO,
    "reports": TieKind.REPORTS_TO, "works_with": TieKind.WORKS_WITH,
    "colleague": TieKind.WORKS_WITH, "collaborates": TieKind.WORKS_WITH,
    "collaboration": TieKind.WORKS_WITH, "co_work": TieKind.WORKS_WITH,
    "cowork": TieKind.WORKS_WITH, "knows": TieKind.KNOWS, "friend": TieKind.KNOWS,
    "friendship": TieKind.KNOWS, "acquaintance": TieKind.KNOWS,
}  # fmt: skip


def tie_kind(word: str) -> TieKind | None:
    """The tie kind a graph file's word for a link stands for, if any.

    >>> tie_kind("Listens to"), tie_kind("advice"), tie_kind("sibling")
    (<TieKind.LISTENS_TO: 'listens_to'>, <TieKind.LISTENS_TO: 'listens_to'>, None)
    """
    key = "_".join(word.strip().casefold().replace("-", " ").split())
    return TIE_WORDS.get(key)


def apply_contacts(
    writer: PeopleWriter,
    items: Iterable[ContactRecord | RecordProblem],
    log: ProblemLog,
    path: str,
    progress: Progress,
    *,
    tie_note: str = "",
    roles_from: str = "",
    on: date | None = None,
    total: int | None = None,
) -> None:
    """Merge or add each contact; with ``tie_note``, tie me to each (``knows``).

    A card's details (birthday, addresses, URLs, photo, custom fields) are kept with the
    person; with ``roles_from`` (a source that knows people's current roles, such as a
    LinkedIn export) a changed title or organisation is noticed (``on`` that day, today
    by default) and the old one kept.

    ``items`` may be read as they come (a generator over a large file): ``total`` is then
    how many are expected, for the progress (as many as ``items`` holds by default, when
    it is a sequence). Without ``tie_note`` and ``roles_from``, new people and their card
    details are written in batches (:mod:`allies.services.transfer.import_batch`).
    """
    report = writer.report
    existing = _tie_keys(writer) if tie_note and writer.me else set()
    if total is None and isinstance(items, Sized):
        total = len(items)
    if not tie_note and not roles_from:
        writer.batched()
    done = 0
    for done, item in enumerate(items, start=1):
        if isinstance(item, RecordProblem):
            log(item)
            continue
        report.read += 1
        try:
            person = writer.upsert(item, log, path)
        except AlliesError as error:
            log(RecordProblem(path, item.line, item.number, f"{error.message} Skipped."))
            continue
        keep_contact_details(writer, person, item, roles_from, on=on)
        if writer.batch is not None and writer.batch.full:
            writer.flush()
        me = writer.me
        if tie_note and me is not None and person is not me:
            key = (me.id or 0, person.id or 0, TieKind.KNOWS)
            if key in existing:
                report.unchanged["ties"] += 1
            else:
                tie = writer.uow.ties.add(
                    Tie(
                        key[0],
                        key[1],
                        TieKind.KNOWS,
                        weight=0.3,
                        confidence=0.9,
                        origin=TieOrigin.IMPORTED,
                        note=tie_note,
                    )
                )
                # the connection it came from, and the identifiers that found them
                writer.note("tie", tie, person, [writer.origin_of(item, path), *profile_keys(item)])
                existing.add(key)
                report.added["ties"] += 1
        if done % 200 == 0 and done != total:
            progress("people", done, max(total or 0, done))
    writer.flush()
    progress("people", done, done)


def _tie_keys(writer: PeopleWriter) -> set[tuple[int, int, TieKind]]:
    return {(t.source_id, t.target_id, t.kind) for t in writer.uow.ties.list()}


def _scale(edges: Sequence[EdgeRecord]) -> float:
    largest = max((e.weight for e in edges if e.weight is not None), default=1.0)
    return largest if largest > 1.0 else 1.0


def _day(text: str, edge: EdgeRecord, log: ProblemLog, path: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        log(
            RecordProblem(
                path, edge.line, edge.number, f"{text!r} is not a date; left out", warning=True
            )
        )
        return None


def apply_graph(
    writer: PeopleWriter, read: GraphRead, log: ProblemLog, path: str, progress: Progress
) -> None:
    """People from the nodes, ties from the edges (both ways for undirected edges)."""
    report = writer.report
    people: dict[str, Person] = {}
    nodes = [i for i in read.items if not isinstance(i, EdgeRecord)]
    for done, item in enumerate(nodes, start=1):
        if done % 200 == 0 or done == len(nodes):
            progress("people", done, len(nodes))
        if isinstance(item, RecordProblem):
            log(item)
            continue
        report.read += 1
        if item.key in people:
            log(
                RecordProblem(
                    path,
                    item.line,
                    item.number,
                    f"node {item.key!r} appears twice; the first one is kept",
                )
            )
            continue
        try:  # nodes with different ids are different people: never merged together
            person = writer.upsert(item, log, path, same_file=False)
        except AlliesError as error:
            log(RecordProblem(path, item.line, item.number, f"{error.message} Skipped."))
            continue
        if item.is_me and writer.me is None:
            person.is_me = True
            writer.uow.people.save(person)
            writer.me = person
        people[item.key] = person
    edges = read.edges
    scale = _scale(edges)
    existing = _tie_keys(writer)
    for done, edge in enumerate(edges, start=1):
        report.read += 1
        _apply_edge(writer, edge, people, read.organisations, scale, existing, log, path)
        if done % 200 == 0 or done == len(edges):
            progress("ties", done, len(edges))


def _apply_edge(
    writer: PeopleWriter,
    edge: EdgeRecord,
    people: dict[str, Person],
    organisations: dict[str, str],
    scale: float,
    existing: set[tuple[int, int, TieKind]],
    log: ProblemLog,
    path: str,
) -> None:
    report = writer.report
    ends = (edge.source, edge.target)
    if any(end in organisations for end in ends):
        person = people.get(next((e for e in ends if e not in organisations), ""))
        organisation = organisations.get(edge.target) or organisations.get(edge.source, "")
        if person is not None and person.organisation_id is None:
            person.organisation_id = writer.organisation_id(organisation)
            writer.uow.people.save(person)
            writer.attach(person, _edge_origin(writer, edge, path))
        return
    missing = [end for end in ends if end not in people]
    if missing:
        log(
            RecordProblem(
                path,
                edge.line,
                edge.number,
                f"the edge names node {missing[0]!r}, "
                "which the file does not hold (or which was skipped); skipped",
            )
        )
        return
    source, target = people[edge.source], people[edge.target]
    if source is target:
        report.skipped["a link from a person to themselves"] += 1
        return
    kind = tie_kind(edge.kind) if edge.kind else TieKind.KNOWS
    note = edge.note
    if kind is None:
        kind = TieKind.KNOWS
        note = f"{edge.kind}. {note}".strip(". ") if note else edge.kind
    weight = min(1.0, max(0.0, (edge.weight if edge.weight is not None else 0.5) / scale))
    confidence = edge.confidence if edge.confidence is not None else 0.8
    pairs = [(source, target)] if edge.directed else [(source, target), (target, source)]
    for a, b in pairs:
        key = (a.id or 0, b.id or 0, kind)
        if key in existing:
            report.unchanged["ties"] += 1
            continue
        try:
            tie = Tie(
                key[0],
                key[1],
                kind,
                weight=round(weight, 4),
                confidence=min(1.0, max(0.0, confidence)),
                origin=TieOrigin.IMPORTED,
                valid_from=_day(edge.valid_from, edge, log, path),
                valid_to=_day(edge.valid_to, edge, log, path),
                note=note,
            )
        except AlliesError as error:
            log(RecordProblem(path, edge.line, edge.number, f"{error.message} Skipped."))
            return
        writer.uow.ties.add(tie)
        for end in (a, b):  # the edge, and the identifiers its node was found by
            found = sorted(writer.sources.get(end.id or 0, ()))
            writer.note("tie", tie, end, [_edge_origin(writer, edge, path), *found])
        existing.add(key)
        report.added["ties"] += 1


def _edge_origin(writer: PeopleWriter, edge: EdgeRecord, path: str) -> str:
    """The origin of an edge: the file and the edge's line (or number)."""
    where = ContactRecord("", line=edge.line, number=edge.number)
    return writer.origin_of(where, path)
