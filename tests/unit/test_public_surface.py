"""The public surface holds what it promises.

Every module that declares ``__all__`` must define each name it lists (a name left there
after a move breaks ``from module import *`` and misleads the reader), and every package
says in its ``__init__`` docstring what it holds.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import allies

ROOT = Path(allies.__file__).resolve().parent

#: Not imported: Alembic's scripts run only inside a migration.
SKIPPED = ("allies.store.migrations",)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _declares_all(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            return True
    return False


SOURCES = sorted(
    path
    for path in ROOT.rglob("*.py")
    if not _module_name(path).startswith(SKIPPED) and "__pycache__" not in path.parts
)
WITH_ALL = [_module_name(path) for path in SOURCES if _declares_all(path)]
PACKAGES = [_module_name(path) for path in SOURCES if path.name == "__init__.py"]


def test_the_surface_is_found() -> None:
    assert "allies.services.ports" in WITH_ALL
    assert "allies.store.tables" in WITH_ALL
    assert {"allies", "allies.services", "allies.web"} <= set(PACKAGES)


@pytest.mark.parametrize("name", WITH_ALL)
def test_all_names_exist(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert all(isinstance(item, str) for item in exported), name
    assert len(set(exported)) == len(exported), f"{name}: a name is listed twice"
    missing = [item for item in exported if not hasattr(module, item)]
    assert missing == [], f"{name}.__all__ lists names it does not define: {missing}"


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_says_what_it_holds(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__ and module.__doc__.strip(), f"{name}/__init__.py has no docstring"
