"""The web face's templates keep scripts and styles in the static files.

Which layers the web face may import is an import contract of ``pyproject.toml``
(``lint-imports``, run by ``make lint`` and by tests/unit/test_import_contracts.py).
"""

from __future__ import annotations

from pathlib import Path

import allies.web


def test_no_inline_scripts_or_styles_in_templates() -> None:
    templates = Path(allies.web.__file__).parent / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text and "<style" not in text, path
        assert " style=" not in text and " onclick=" not in text and "hx-on" not in text, path
