"""Schemathesis against the OpenAPI document, in single-user mode, on a small workspace:
no request it makes gets a server error or a response its schema does not allow, one
operation at a time and, statefully, in chains along the links between operations (on
SQLite and PostgreSQL).

Kept bounded for ``make test``: a few examples per operation, no shrinking."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.core.failures import FailureGroup
from sqlalchemy import text

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.keep.log import log_interaction, make_promise, record_favour, set_cadence
from allies.services.network.notes import add_note
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie, observe
from allies.store.tables import metadata
from allies.web import create_app
from tests.pg import PostgresUnavailable, fresh_database
from tests.stores import copy_store

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


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def api_schema(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
) -> Iterator[schemathesis.BaseSchema]:
    """The OpenAPI document of an app over a small seeded workspace, on each store (on
    SQLite, a copy of the migrated template)."""
    if request.param == "sqlite":
        folder: Path = tmp_path_factory.mktemp("fuzz")
        yield _seeded_schema(copy_store(sqlite_template, folder / "fuzz.sqlite3"))
        return
    try:
        with fresh_database() as url:
            yield _seeded_schema(url)
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def _seeded_schema(url: str) -> schemathesis.BaseSchema:
    config = Settings(database_url=url, workspace="fuzz")
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
    client = TestClient(api_schema.app, base_url="http://testserver")

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
        case.validate_response(send(client, case), checks=CHECKS)

    run()


# -- stateful: chains of calls along the links between operations -------------------------


def _bytes(value: object) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def send(client: TestClient, case: schemathesis.Case) -> schemathesis.Response:
    """Make the case's request in-process with Starlette's test client (httpx), whatever
    HTTP library schemathesis's own transport finds installed."""
    data = case.as_transport_kwargs(base_url=str(client.base_url))
    request = {
        key: data[key]
        for key in ("method", "url", "headers", "params", "cookies", "json", "files")
        if data.get(key) is not None
    }
    if data.get("data") is not None:
        body = data["data"]
        request["content" if isinstance(body, bytes | str) else "data"] = body
    if "files" in request:  # requests' shapes of a multipart body: (name, value) pairs
        request["files"] = [
            (name, (value[0], _bytes(value[1]), *value[2:]))
            if isinstance(value, tuple)
            else (name, (None, _bytes(value)))
            for name, value in (
                request["files"].items() if isinstance(request["files"], dict) else request["files"]
            )
        ]
    answer = client.request(**request)
    answer.request.read()  # a multipart upload is streamed: the report shows what was sent
    return schemathesis.Response.from_httpx(answer, verify=False)


#: The chains send invalid data too (schemathesis's negative mode): a body that is not
#: JSON at all is refused with 400 before any route sees it, which the document does not
#: list; what is checked is that nothing is a server error and what is answered keeps to
#: its documented shape.
STATEFUL_CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]

#: Sequences of calls and their length: bounded for ``make test``.
SEQUENCES = 15
STEPS = 6


def _seeded(config: Settings) -> None:
    factory = unit_of_work_factory(config)

    def uow():  # type: ignore[no-untyped-def]
        return factory(config.workspace)

    add_person(uow(), "Me Myself", is_me=True)
    add_person(uow(), "Ann Lee", organisation="Acme", unit="Legal", emails="ann@acme.test")
    add_person(uow(), "Bo Chen", organisation="Acme", unit="Finance")
    add_tie(uow(), "Ann Lee", "listens_to", "Bo Chen", weight=0.8)
    record_favour(uow(), "Ann Lee", "given", "Reviewed her memo", size="medium")
    make_promise(uow(), "Send the draft", to="Ann Lee", due=date.today() + timedelta(days=3))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def stateful_schema(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> schemathesis.BaseSchema:
    """The document of an app on a small seeded workspace, on each store."""
    if request.param == "sqlite":
        url = copy_store(sqlite_template, tmp_path / "stateful.sqlite3")
    else:
        url = request.getfixturevalue("postgres_database_url")
    config = Settings(database_url=url, workspace="stateful")
    _seeded(config)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(config))
    _RESEED[id(schema)] = lambda: _reseeded(config)
    return schema


#: How to put each stateful schema's workspace back as seeded (by the schema's id).
_RESEED: dict[int, Callable[[], None]] = {}


def _reseeded(config: Settings) -> None:
    """The workspace as :func:`_seeded` left it: every row deleted, then seeded again, so
    that each chain starts from the same records under the same ids (a chain that draws
    on what an earlier one left, or on ids that went on counting, would draw differently
    when Hypothesis tries it again)."""
    engine = unit_of_work_factory(config).engine  # type: ignore[attr-defined]
    tables = [t for t in reversed(metadata.sorted_tables) if t.name != "alembic_version"]
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # the ids start again from 1 too
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
            if connection.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
            ).first():
                connection.execute(text("DELETE FROM sqlite_sequence"))
    _seeded(config)


def test_chains_of_calls_along_the_links_get_no_server_error(
    stateful_schema: schemathesis.BaseSchema,
) -> None:
    """Schemathesis follows the links it infers between operations (an id a POST answers,
    used by the GET, PATCH and DELETE of that record): no step of any chain is a server
    error or leaves the schema."""
    machine = stateful_schema.as_state_machine()
    assert len(machine.bundles) > 20  # the links are there to follow
    client = TestClient(stateful_schema.app, base_url="http://testserver")
    failures = run_chains(
        machine, lambda case: send(client, case), reseed=_RESEED[id(stateful_schema)]
    )
    assert not failures, "\n".join(dict.fromkeys(failures[:10]))


def run_chains(
    machine: type,
    call: Callable[[schemathesis.Case], schemathesis.Response],
    reseed: Callable[[], None],
) -> list[str]:
    """Run :data:`SEQUENCES` chains of :data:`STEPS` calls of the state ``machine``, each
    made by ``call`` and followed by ``reseed``; the failures, one line each.

    Nothing is raised inside the machine: neither the checks' failures (schemathesis
    raises them as a ``FailureGroup``, a ``BaseException`` that ``except Exception`` lets
    through) nor an exception the app raised through the test client. Hypothesis would
    replay a chain that raised to report it, and that replay stops at its first step
    whose answer feeds no later step (printing such a step fails inside Hypothesis's
    stateful runner), so the failure would be reported as flaky data generation instead
    of itself. Every failure is collected and returned."""
    failures: list[str] = []

    class Checked(machine):
        def call(self, case, **kwargs):  # type: ignore[no-untyped-def]
            try:
                return call(case)
            except Exception as error:  # the app's exception: a server error, collected
                failures.append(f"{case.method} {case.formatted_path}: {_raised(error)}")
                return _server_error(case, error)

        def teardown(self) -> None:  # after each chain: the next starts from the seed
            reseed()

        def validate_response(self, response, case, **kwargs):  # type: ignore[no-untyped-def]
            try:
                case.validate_response(response, checks=STATEFUL_CHECKS)
            except (FailureGroup, Exception) as error:  # FailureGroup is a BaseException
                failures.append(f"{case.method} {case.formatted_path}: {error}")

    run_state_machine_as_test(
        Checked,
        settings=settings(
            max_examples=SEQUENCES,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
    )
    return failures


def _raised(error: BaseException) -> str:
    """The exception and where it was raised, on one line."""
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    place = f" at {where[0].filename}:{where[0].lineno}" if where else ""
    return f"server error {error!r}{place}"


def _server_error(case: schemathesis.Case, error: BaseException) -> schemathesis.Response:
    """The 500 the app would have answered had the test client not raised its exception."""
    data = case.as_transport_kwargs(base_url="http://testserver")
    request = httpx.Request(data["method"], data["url"], params=data.get("params"))
    answer = httpx.Response(500, json={"detail": repr(error)}, request=request)
    answer.elapsed = timedelta(0)
    return schemathesis.Response.from_httpx(answer, verify=False)


@pytest.mark.parametrize("how", ["raised", "answered"])
def test_a_server_error_in_a_chain_is_reported_as_itself(
    tmp_path: Path, sqlite_template: Path, how: str
) -> None:
    """A server error in the middle of a chain, raised by the app through the test client
    or answered as a 500, is one of the failures the chains return, with its name: not
    Hypothesis's "flaky data generation", which is what a chain that raised inside the
    machine was reported as (its replay stops early)."""
    url = copy_store(sqlite_template, tmp_path / "raises.sqlite3")
    config = Settings(database_url=url, workspace="raises")
    _seeded(config)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(config))
    client = TestClient(schema.app, base_url="http://testserver")
    calls = 0

    def failing_once(case: schemathesis.Case) -> schemathesis.Response:
        nonlocal calls
        calls += 1
        if calls == 3:  # the third call of the first chain
            error = LookupError("raised by the app")
            if how == "raised":
                raise error
            return _server_error(case, error)
        return send(client, case)

    failures = run_chains(schema.as_state_machine(), failing_once, lambda: _reseeded(config))
    assert calls > 3
    assert any("LookupError('raised by the app')" in failure for failure in failures), failures
