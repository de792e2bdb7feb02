"""A complete backup of a workspace, and its exact restore into an empty one.

:func:`backup_workspace` reads every record of the workspace and writes them as one JSON
document (:mod:`allies.interchange.backup`) whose references are positions in the
document rather than the store's ids. :func:`restore_workspace` adds them back in
dependency order through one unit of work, so a backup restored and backed up again gives
the same document (the store's bookkeeping times, ``created_at`` and ``updated_at``, are
set anew).
"""

from __future__ import annotations

from datetime import UTC, datetime

from allies.errors import Conflict, ImportFormatError, InvalidInput
from allies.interchange.backup import KINDS, WorkspaceData, dump_backup, load_backup
from allies.services.demo.network import NESTED, REFERENCES
from allies.services.ports import UnitOfWork
from allies.services.transfer.import_report import ImportReport

__all__ = ["backup_workspace", "read_workspace", "restore_workspace"]

_ISSUES = "issues"


def read_workspace(uow: UnitOfWork) -> WorkspaceData:
    """Every record of the open unit of work's workspace, linked by local keys."""
    data = WorkspaceData(**{kind: getattr(uow, kind).list() for kind in KINDS})
    keys: dict[str, dict[int, int]] = {
        kind: {item.id: i for i, item in enumerate(getattr(data, kind))}
        for kind in ("organisations", "units", "people")
    }
    issues = [issue for campaign in data.campaigns for issue in campaign.issues]
    keys[_ISSUES] = {issue.id or 0: i for i, issue in enumerate(issues)}
    for kind in KINDS:
        for item in getattr(data, kind):
            _relink(item, keys)
    return data


def _relink(item: object, keys: dict[str, dict[int, int]]) -> None:
    """Rewrite ``item``'s references (and its nested objects') through ``keys``."""
    for name, space in REFERENCES.get(type(item), {}).items():
        value = getattr(item, name)
        if isinstance(value, list):
            setattr(item, name, [_key(keys, space, v, item, name) for v in value])
        elif value is not None:
            setattr(item, name, _key(keys, space, value, item, name))
    for name in NESTED.get(type(item), ()):
        for child in getattr(item, name):
            _relink(child, keys)


def _key(keys: dict[str, dict[int, int]], space: str, value: int, item: object, name: str) -> int:
    try:
        return keys[space][value]
    except KeyError:
        raise InvalidInput(
            f"{type(item).__name__}.{name} points at {space} #{value}, which is not there "
            "(or comes later).",
            field=name,
        ) from None


def backup_workspace(uow: UnitOfWork, *, created: datetime | None = None) -> bytes:
    """The whole workspace as an ``allies`` backup (JSON bytes)."""
    with uow:
        data = read_workspace(uow)
        workspace = uow.workspace
    return dump_backup(data, workspace=workspace, created=created or datetime.now(UTC))


def _stored_id(entity: object) -> int:
    value = getattr(entity, "id", None)
    if not isinstance(value, int):  # pragma: no cover - the store always sets ids
        raise InvalidInput(f"The store gave no id to a new {type(entity).__name__}.")
    return value


def _restore(
    uow: UnitOfWork, data: WorkspaceData, keys: dict[str, dict[int, int]], report: ImportReport
) -> None:
    """Add every record in order, rewriting local keys to the ids the store gives."""
    parents = [unit.parent_id for unit in data.units]
    for unit in data.units:  # a unit may name a parent that comes later: link afterwards
        unit.parent_id = None
    issue = 0
    for kind in KINDS:
        repository = getattr(uow, kind)
        for position, item in enumerate(getattr(data, kind)):
            _relink(item, keys)
            new_id = _stored_id(repository.add(item))
            keys[kind][position] = new_id
            if kind == "campaigns":
                for stored in repository.get(new_id).issues:
                    keys[_ISSUES][issue] = _stored_id(stored)
                    issue += 1
            report.added[kind] += 1
            report.read += 1
        if kind == "units":
            for unit, parent in zip(data.units, parents, strict=True):
                if parent is not None:
                    unit.parent_id = _key(keys, "units", parent, unit, "parent_id")
                    repository.save(unit)


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
                hint="Restore into a new workspace, e.g. `allies -w restored import backup "
                "FILE`, or drop this one first with `allies workspace drop`.",
            )
        keys: dict[str, dict[int, int]] = {kind: {} for kind in (*KINDS, _ISSUES)}
        try:
            _restore(uow, data, keys, report)
        except InvalidInput as error:
            raise ImportFormatError(error.message, path=path) from None
        if not dry_run:
            uow.commit()
    report.added = +report.added
    return report
