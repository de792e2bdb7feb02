"""Schemathesis against the OpenAPI document, in single-user mode, on a small workspace:
no request it makes gets a server error or a response its schema does not allow.

Kept bounded for ``make test``: a few examples per operation, no shrinking."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings, sqlite_url
from allies.services.keep.log import log_interaction, make_promise, record_favour, set_cadence
from allies.services.network.notes import add_note
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie, observe
from allies.web import create_app

pytestmark = pytest.mark.slow

#: Examples per operation: enough to reach every operation with odd inputs, bounded.
EXAMPLES = 10


def _operations() -> list[tuple[str, str]]:
    """Every (method, path) of /api/v1, read from an app that has not opened its store."""
    document = create_app(Settings(database_url="sqlite://")).openapi()
    return [
        (method.upper(), path)
        for path, methods in document["paths"].items()
        for method in methods
        if path.startswith("/api/v1") and method in ("get", "post", "put", "patch", "delete")
    ]


OPERATIONS = _operations()

#: No server error, and every response as the document says: its status code, content
#: type, headers and body. (A request the schema allows may still be refused with 422
#: when it names a record that is not there: that is not a failure.)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    """The OpenAPI document of an app over a small seeded workspace."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    config = Settings(database_url=sqlite_url(folder / "fuzz.sqlite3"), workspace="fuzz")
    factory = unit_of_work_factory(config)

    def uow():  # type: ignore[no-untyped-def]
        return factory("fuzz")

    add_person(uow(), "Me Myself", is_me=True)
    add_person(uow(), "Ann Lee", organisation="Acme", unit="Legal", emails="ann@acme.test")
    add_person(uow(), "Bo Chen", organisation="Acme", unit="Finance", level="above")
    add_person(uow(), "Cy Diaz", organisation="Acme", unit="Finance", level="below")
    add_tie(uow(), "Ann Lee", "listens_to", "Bo Chen", weight=0.8)
    add_tie(uow(), "me", "knows", "Ann Lee", weight=0.9)
    observe(uow(), "Cy Diaz", "deferred_to", "Bo Chen", on=date.today() - timedelta(days=3))
    yesterday = date.today() - timedelta(days=1)
    log_interaction(uow(), ["Ann Lee", "Bo Chen"], on=yesterday, tone=1, summary="Audit")
    record_favour(uow(), "Ann Lee", "given", "Reviewed her memo", size="medium")
    make_promise(uow(), "Send the draft", to="Ann Lee", due=date.today() + timedelta(days=3))
    set_cadence(uow(), ideal_days=14, person="Ann Lee")
    add_note(uow(), "Ann Lee", "Prefers mornings")
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(config))


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_keeps_to_its_schema(
    api_schema: schemathesis.BaseSchema, method: str, path: str
) -> None:
    operation = api_schema[path][method]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS)

    run()
