"""Option values turned into their types without loading Pydantic for the common ones.

Typer (0.29) checks every parameter's value with a Pydantic ``TypeAdapter``, built on
first use; importing Pydantic and building the adapters is a tenth of a second of every
command's start-up, most of it for values that are already right: a word for a ``str``
option, ``table`` for ``--format``, the default ``10`` for ``--top``. :func:`install`
gives each parameter a coercer that answers those itself, with exactly the value Typer's
adapter gives, and hands everything else (a path, a date, a number out of range, a value
that is not one of the choices) to Typer's own adapter, so that a wrong value is refused
with Typer's own message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

from typer import core
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import (
    choice_coercion_annotation,
    coerce_cli_choice,
    coerce_cli_path,
    lenient_issubclass,
    routes_to_path,
)

if TYPE_CHECKING:
    from typer._click import Context

__all__ = ["install"]

_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
#: Returned by :func:`_leaf` when it cannot answer: Typer's adapter decides.
_ASK_TYPER = object()


def _in_range(number: float, descriptor: TypeDescriptor) -> bool:
    info = descriptor.parameter_info
    return (info.min is None or number >= info.min) and (info.max is None or number <= info.max)


def _path(annotation: Any, descriptor: TypeDescriptor, value: Any, param: Any, ctx: Context) -> Any:
    """A path option's value, checked by Typer's own path rules (exists, file or folder,
    readable...); Pydantic only turned a word into a ``Path`` before them."""
    info = descriptor.parameter_info
    path_type = info.path_type
    if path_type is None and lenient_issubclass(annotation, Path):
        path_type = annotation
    if path_type is not None and path_type not in (str, bytes):
        if not isinstance(value, str) or not value or not issubclass(path_type, Path):
            return _ASK_TYPER
        value = path_type(value)
    return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)


def _leaf(annotation: Any, descriptor: TypeDescriptor, value: Any, param: Any, ctx: Context) -> Any:
    """``value`` as the type ``annotation``, or :data:`_ASK_TYPER`."""
    info = descriptor.parameter_info
    if info.parser is not None:
        return _ASK_TYPER
    if annotation is str:
        return value if isinstance(value, str) else _ASK_TYPER
    if routes_to_path(annotation, info):
        return _path(annotation, descriptor, value, param, ctx)
    choice = choice_coercion_annotation(annotation, info)
    if choice is not None:
        try:
            return coerce_cli_choice(value, choices=choice[0], case_sensitive=choice[1], ctx=ctx)
        except ValueError:
            return _ASK_TYPER
    if info.clamp:
        return _ASK_TYPER
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            number: Any = value
        elif isinstance(value, str) and _INT.fullmatch(value):
            number = int(value)
        else:
            return _ASK_TYPER
        return number if _in_range(number, descriptor) else _ASK_TYPER
    if annotation is float:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric and not (isinstance(value, str) and _FLOAT.fullmatch(value)):
            return _ASK_TYPER
        number = float(value)
        return number if _in_range(number, descriptor) else _ASK_TYPER
    return _ASK_TYPER


@dataclass(frozen=True)
class _Quick(RuntimeParam):
    """Answers the common values itself; Typer's adapter (built on first need) the rest."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        annotation = self.descriptor.annotation
        if self.descriptor.file_annotation is None:
            if get_origin(annotation) is list and isinstance(value, list | tuple):
                (item,) = get_args(annotation) or (Any,)
                items = [_leaf(item, self.descriptor, v, param, ctx) for v in value]
                if all(i is not _ASK_TYPER for i in items):
                    return items
            elif not isinstance(annotation, type) or not issubclass(annotation, tuple | list):
                answer = _leaf(annotation, self.descriptor, value, param, ctx)
                if answer is not _ASK_TYPER:
                    return answer
        typer_own = build_runtime_param(self.descriptor)
        return typer_own._coerce_value(value, param=param, ctx=ctx)


def _quick_runtime_param(self: core._TyperParameter) -> RuntimeParam:
    if self._runtime_param is None:
        descriptor = self.type_descriptor
        self._runtime_param = _Quick(
            parameter_info=descriptor.parameter_info,
            annotation=descriptor.annotation,
            descriptor=descriptor,
        )
    return self._runtime_param


def install() -> None:
    """Give every Typer parameter the quick coercer (idempotent)."""
    core._TyperParameter.get_runtime_param = _quick_runtime_param  # type: ignore[method-assign]
