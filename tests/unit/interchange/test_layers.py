"""The import and export code keeps to its layers."""

from __future__ import annotations

import ast
from pathlib import Path

import allies.interchange
import allies.services

SERVICES = (
    "transfer/importing",
    "transfer/import_report",
    "transfer/import_people",
    "transfer/import_graph",
    "transfer/import_calendar",
    "transfer/import_mail",
    "network/matching",
    "transfer/backup",
    "transfer/exporting",
)


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return [n for n in names if n.startswith("allies")]


def test_interchange_imports_only_the_domain_and_itself() -> None:
    root = Path(allies.interchange.__file__).parent
    allowed = ("allies.domain", "allies.errors", "allies.interchange")
    offenders = [
        f"{path.name}: {name}"
        for path in root.glob("*.py")
        for name in _imports(path)
        if not name.startswith(allowed)
    ]
    assert offenders == []


def test_import_and_export_services_never_reach_the_store() -> None:
    root = Path(allies.services.__file__).parent
    allowed = (
        "allies.domain",
        "allies.errors",
        "allies.interchange",
        "allies.analysis",
        "allies.services",
    )
    offenders = [
        f"{name}.py: {module}"
        for name in SERVICES
        for module in _imports(root / f"{name}.py")
        if not module.startswith(allowed)
    ]
    assert offenders == []
