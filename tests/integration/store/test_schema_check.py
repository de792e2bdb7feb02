"""Opening a store whose schema is current costs one query: Alembic is not loaded."""

from __future__ import annotations

import subprocess
import sys

from allies.store import current_revision, make_engine, upgrade
from allies.store.migrate import _declared_head, _scripts, ensure_current


def test_the_declared_head_is_alembics_head() -> None:
    assert _declared_head() == _scripts().get_current_head()


def test_an_empty_database_has_no_revision_and_is_brought_to_the_head(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        ensure_current(engine)
        assert current_revision(engine) == _declared_head()
    finally:
        engine.dispose()


def test_a_current_database_is_checked_without_alembic(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    code = (
        "import sys\n"
        "from allies.store import make_engine\n"
        "from allies.store.migrate import ensure_current\n"
        f"engine = make_engine({database_url!r})\n"
        "ensure_current(engine)\n"
        "engine.dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
