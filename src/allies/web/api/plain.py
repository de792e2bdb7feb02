"""The routes every plain record has alike: one record by id, and deleting it.

Favours, interactions, promises, cadences, ties and observations are each read and deleted
the same way: ``GET /<plural>/{<singular>_id}`` answers the record labelled with the names
of the people it refers to, ``DELETE`` the same path answers 204, and a missing id is a 404
naming the kind. :func:`add_record_routes` builds both from the kind's entry in the registry
of record kinds (:func:`allies.services.vocabulary.kind_named`), so its path, the "not
found" message and the OpenAPI tag and text come from one place. Each router still
declares what differs between kinds (the list's filters, what a new record needs, what an
edit may change) by hand, before calling it.

Examples
--------
>>> from allies.services.vocabulary import kind_named
>>> record_path(kind_named("favour")), record_path(kind_named("observation"))
('/{favour_id}', '/{observation_id}')
>>> with_article("interaction"), with_article("tie")
('an interaction', 'a tie')
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any, Protocol

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from allies.services.network.records import read_named, remove_record
from allies.services.vocabulary import Kind
from allies.web.deps import UoW

__all__ = ["NamedOut", "add_record_routes", "record_path", "record_router", "with_article"]


class NamedOut(Protocol):
    """A response model built from a record and the names of the people it refers to."""

    @classmethod
    def of(cls, record: Any, names: Mapping[int, str], /) -> BaseModel:
        """The answer for ``record``."""
        ...


def record_path(kind: Kind) -> str:
    """The path of one record of ``kind`` under its router: ``/{favour_id}``."""
    return f"/{{{kind.singular}_id}}"


def with_article(noun: str) -> str:
    """``noun`` with its indefinite article, as the endpoints' descriptions read."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def record_router(kind: Kind) -> APIRouter:
    """The router of ``kind``: its plural is both the path prefix and the OpenAPI tag."""
    return APIRouter(prefix=f"/{kind.plural}", tags=[kind.plural])


def _endpoint(name: str, doc: str, id_name: str, body: Any, returns: Any) -> Any:
    """Give ``body`` (which takes ``uow`` and the id by keyword) the name, text and
    signature FastAPI reads: the path parameter is called ``id_name``."""
    body.__name__ = body.__qualname__ = name
    body.__doc__ = doc
    body.__signature__ = inspect.Signature(
        [
            inspect.Parameter("uow", inspect.Parameter.KEYWORD_ONLY, annotation=UoW),
            inspect.Parameter(id_name, inspect.Parameter.KEYWORD_ONLY, annotation=int),
        ],
        return_annotation=returns,
    )
    return body


def add_record_routes(router: APIRouter, kind: Kind, out: type[NamedOut]) -> None:
    """Add ``GET`` (one record, as ``out``) and ``DELETE`` (204) of one record of ``kind``.

    Call it after the router's other routes, so that a fixed path such as
    ``/favours/balances`` is matched before the one with the id. The endpoints are named
    ``get`` and ``delete``, which makes their OpenAPI operation ids
    ``get_api_v1_favours__favour_id__get`` and so on.

    Parameters
    ----------
    router
        The kind's router (see :func:`record_router`).
    kind
        The kind of record, from the registry.
    out
        The response model; ``out.of(record, names)`` builds the answer.
    """
    id_name = f"{kind.singular}_id"

    def get(**values: Any) -> BaseModel:
        named = read_named(values["uow"], kind, values[id_name])
        return out.of(named.record, named.names)

    def delete(**values: Any) -> Response:
        remove_record(values["uow"], kind, values[id_name])
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    path = record_path(kind)
    router.add_api_route(
        path,
        _endpoint("get", f"One {kind.singular}.", id_name, get, out),
        methods=["GET"],
        response_model=out,
    )
    router.add_api_route(
        path,
        _endpoint("delete", f"Delete {with_article(kind.singular)}.", id_name, delete, Response),
        methods=["DELETE"],
        status_code=status.HTTP_204_NO_CONTENT,
    )
