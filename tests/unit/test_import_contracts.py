"""The layers keep to the import contracts of ``pyproject.toml``.

``make lint`` runs ``lint-imports``; running the same contracts here means ``pytest``
alone also fails when an import crosses a layer: the domain importing the store, the web
face reaching past the services, the interchange formats importing the analyses, the
services and the store importing each other (only :mod:`allies.bootstrap` knows both).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

import allies

PYPROJECT = Path(allies.__file__).resolve().parents[2] / "pyproject.toml"


@pytest.mark.skipif(not PYPROJECT.is_file(), reason="runs from a source checkout")
def test_every_import_contract_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report
