"""A complete backup of a workspace, and its exact restore into an empty one.

:func:`backup_workspace` reads every record of the workspace and writes them as one JSON
document (:mod:`allies.interchange.backup`) whose references are positions in the
document rather than the store's ids. :func:`restore_workspace` adds them back in
dependency order through one unit of work, so a backup restored and backed up again gives
the same document (the store's bookkeeping times, ``created_at`` and ``updated_at``, are
set anew). Which kinds there are, their order and the fields that hold references are
the registry's (:mod:`allies.domain.kinds`): every kind that records point at has a key
space named by its plural (``people``, ``issues`` for every campaign's issues in order).

Notes, which may be private to their author, are backed up with their author and their
private flag. A backup made by the local user (the command line, which owns the database
and every workspace in it) holds every note, other members' private ones included, so
that it restores the workspace exactly; so does an owner's backup made with
``include_private``. Any other backup holds the notes its maker may see, so a member's
private note never leaves in someone else's download. The author is kept by username: a
restore gives a note back to the user of that name, or, when the database has no such
user, to nobody (a private note then shows only locally, to the database's owner).
"""

from __future__ import annotations

from datetime import UTC, datetime

from allies.domain.kinds import (
    BOOKKEEPING,
    Kind,
    Pointer,
    all_kinds,
    backed_up_kinds,
    children_of,
    kind_named,
    pointers_in,
    remap,
    top_level_kinds,
)
from allies.domain.provenance import RecordSource
from allies.errors import Conflict, ImportFormatError, InvalidInput, NextStep
from allies.interchange.backup import KINDS, WorkspaceData, dump_backup, load_backup
from allies.services.ports import UnitOfWork
from allies.services.team.identities import require_owner
from allies.services.transfer.import_report import ImportReport

__all__ = ["backup_workspace", "read_workspace", "restore_workspace"]

#: Local keys by key space (a kind's plural), then by the id they stand for.
Keys = dict[str, dict[int, int]]

#: The kinds that records point at: each gets a key space (``people``, ``issues`` ...).
_TARGETS: tuple[Kind, ...] = tuple(
    kind
    for kind in all_kinds()
    if any(
        p.target == kind.singular for other in (*all_kinds(), *BOOKKEEPING) for p in other.pointers
    )
)


def _flattened(data: WorkspaceData, kind: Kind) -> list[object]:
    """The records of ``kind`` in document order (a nested kind's across all parents)."""
    if kind.parent is None:
        return list(getattr(data, kind.plural))
    parent = kind_named(kind.parent)
    return [child for item in _flattened(data, parent) for child in getattr(item, kind.attr)]


def _records(uow: UnitOfWork, kind: Kind, everyone: bool) -> list[object]:
    """The records of a top-level kind a backup holds (see the module's notes)."""
    repository = getattr(uow, kind.plural)
    if kind.author_private and everyone:
        return list(repository.every())
    return list(repository.list())


def read_workspace(uow: UnitOfWork, *, include_private: bool = False) -> WorkspaceData:
    """Every record of the open unit of work's workspace, linked by local keys.

    Other members' private notes are included for the local user, or with
    ``include_private`` (owners only: Forbidden otherwise).
    """
    if include_private:
        require_owner(uow.actor, "back up other members' private notes")
    everyone = include_private or uow.actor is None
    data = WorkspaceData(
        **{kind.plural: _records(uow, kind, everyone) for kind in backed_up_kinds()}
    )
    for kind in top_level_kinds():
        if kind.author_private:
            wanted = [getattr(item, "author_id", None) for item in getattr(data, kind.plural)]
            data.authors.update(
                getattr(uow, kind.plural).authors([a for a in wanted if a is not None])
            )
    keys: Keys = {
        kind.plural: {_stored_id(item): i for i, item in enumerate(_flattened(data, kind))}
        for kind in _TARGETS
    }
    for kind in BOOKKEEPING:  # what names a record that is gone says nothing: left out
        items = getattr(data, kind.plural)
        items[:] = [item for item in items if _all_there(kind, item, keys)]
    for kind in backed_up_kinds():
        for item in getattr(data, kind.plural):
            _relink(kind, item, keys)
    return data


def _all_there(kind: Kind, item: object, keys: Keys) -> bool:
    """Whether every record ``item`` points at is in the backup."""
    return all(
        key in keys[kind_named(pointer.target).plural]
        for _, _, pointer, key in pointers_in(kind, item)
    )


def _relink(kind: Kind, item: object, keys: Keys) -> None:
    """Rewrite ``item``'s references (and its nested objects') through ``keys``."""
    remap(kind, item, lambda record, pointer, value: _key(keys, pointer, value, record))


def _key(keys: Keys, pointer: Pointer, value: int, item: object) -> int:
    space = kind_named(pointer.target).plural
    try:
        return keys[space][value]
    except KeyError:
        raise InvalidInput(
            f"{type(item).__name__}.{pointer.name} points at {space} #{value}, which is not "
            "there (or comes later).",
            field=pointer.name,
        ) from None


def backup_workspace(
    uow: UnitOfWork, *, created: datetime | None = None, include_private: bool = False
) -> bytes:
    """The whole workspace as an ``allies`` backup (JSON bytes).

    Raises
    ------
    allies.errors.Forbidden
        With ``include_private``, when the actor is not an owner of the workspace.
    """
    with uow:
        data = read_workspace(uow, include_private=include_private)
        workspace = uow.workspace
    return dump_backup(data, workspace=workspace, created=created or datetime.now(UTC))


def _stored_id(entity: object) -> int:
    value = getattr(entity, "id", None)
    if not isinstance(value, int):  # pragma: no cover - the store always sets ids
        raise InvalidInput(f"The store gave no id to a new {type(entity).__name__}.")
    return value


def _restore(uow: UnitOfWork, data: WorkspaceData, keys: Keys, report: ImportReport) -> None:
    """Add every record in order, rewriting local keys to the ids the store gives.

    A record may point at another of its own kind that comes later (a unit's parent):
    such fields are left empty while the kind is added, and linked once all of it is.
    """
    positions = {kind.plural: 0 for kind in _TARGETS}
    for kind in top_level_kinds():
        repository = getattr(uow, kind.plural)
        items = getattr(data, kind.plural)
        later = [p for p in kind.pointers if p.target == kind.singular]
        held = [{p.name: getattr(item, p.name) for p in later} for item in items]
        for item in items:
            for pointer in later:
                setattr(item, pointer.name, [] if pointer.many else None)
        for position, item in enumerate(items):
            _relink(kind, item, keys)
            if kind.author_private:
                new_id = _stored_id(repository.restore(_author_found(repository, item, data)))
            else:
                new_id = _stored_id(repository.add(item))
            if kind in _TARGETS:
                keys[kind.plural][position] = new_id
            nested = [child for child in children_of(kind) if child in _TARGETS]
            stored = repository.get(new_id) if nested else None
            for child in nested:
                for record in getattr(stored, child.attr):
                    keys[child.plural][positions[child.plural]] = _stored_id(record)
                    positions[child.plural] += 1
            report.added[kind.plural] += 1
            report.read += 1
        for item, values in zip(items, held, strict=True):
            if any(value not in (None, []) for value in values.values()):
                for pointer in later:
                    value = values[pointer.name]
                    if pointer.many:
                        value = [_key(keys, pointer, v, item) for v in value]
                    elif value is not None:
                        value = _key(keys, pointer, value, item)
                    setattr(item, pointer.name, value)
                repository.save(item)
    for kind in BOOKKEEPING:  # after every record it names
        sources: list[RecordSource] = getattr(data, kind.plural)
        for source in sources:
            _relink(kind, source, keys)
        rows = [(s.kind, s.record_id, s.person_id, s.identifier) for s in sources]
        uow.record_sources.add(rows)


def _author_found(repository: object, item: object, data: WorkspaceData) -> object:
    """``item`` with its ``author_id`` turned from the backup's user id into the id of
    the user of the same name here (None when there is none)."""
    author = getattr(item, "author_id", None)
    name = data.authors.get(author) if author is not None else None
    found = None if name is None else repository.user_named(name)  # type: ignore[attr-defined]
    item.author_id = found  # type: ignore[attr-defined]
    return item


def restore_workspace(
    uow: UnitOfWork, raw: bytes, *, path: str = "backup", dry_run: bool = False
) -> ImportReport:
    """Restore a backup into the unit of work's workspace, which must be empty.

    Raises
    ------
    allies.errors.Conflict
        When the workspace already holds records.
    allies.errors.ImportFormatError
        When the file is not a readable backup, or a record in it points at one that is
        not there.
    """
    data = load_backup(raw, path=path)
    report = ImportReport(format="backup", source=path, dry_run=dry_run)
    with uow:
        held = {kind: getattr(uow, kind).count() for kind in KINDS}
        if any(held.values()):
            raise Conflict(
                f"Workspace {uow.workspace!r} is not empty "
                f"({', '.join(f'{n} {k}' for k, n in held.items() if n)}); a backup is "
                "restored into an empty one.",
                hint="Restore it into a new, empty workspace.",
                next_step=NextStep("restore-elsewhere", "backup", {"workspace": "restored"}),
            )
        keys: Keys = {kind.plural: {} for kind in _TARGETS}
        try:
            _restore(uow, data, keys, report)
        except InvalidInput as error:
            raise ImportFormatError(error.message, path=path) from None
        if not dry_run:
            uow.commit()
    report.added = +report.added
    return report
