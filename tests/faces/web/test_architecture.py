"""The web face imports only what its layer may: services, config, errors, bootstrap."""

from __future__ import annotations

import ast
from pathlib import Path

import allies.web

ALLOWED = ("allies.services", "allies.config", "allies.errors", "allies.bootstrap", "allies.web")


def test_web_imports_only_the_services_and_the_edges() -> None:
    root = Path(allies.web.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith("allies") and not name.startswith(ALLOWED):
                    offenders.append(f"{path.relative_to(root)}: {name}")
    assert offenders == []


def test_no_inline_scripts_or_styles_in_templates() -> None:
    templates = Path(allies.web.__file__).parent / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text and "<style" not in text, path
        assert " style=" not in text and " onclick=" not in text and "hx-on" not in text, path
