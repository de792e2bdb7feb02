"""Shapes shared by every resource: pages of results and error bodies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from allies.services.dates import DAY_RANGE, FIRST_DAY, LAST_DAY
from allies.services.paging import Page
from allies.services.vocabulary import NAME_MAX, TEXT_MAX

T = TypeVar("T")
S = TypeVar("S")


def _no_nul(value: str) -> str:
    """Refuse a NUL character, which no store keeps the same way (PostgreSQL refuses it)."""
    if "\x00" in value:
        raise ValueError("must not contain a NUL character (\\x00)")
    return value


#: A name, title, label, tag or reference: no NUL, at most ``NAME_MAX`` (300) characters.
Name = Annotated[str, Field(max_length=NAME_MAX), AfterValidator(_no_nul)]
#: A free text (notes, descriptions ...): no NUL, at most ``TEXT_MAX`` (20,000) characters.
Text = Annotated[str, Field(max_length=TEXT_MAX), AfterValidator(_no_nul)]


class ApiModel(BaseModel):
    """Base of every request body: unknown fields are refused, naming the field, and every
    date in it lies between ``FIRST_DAY`` and ``LAST_DAY`` (1900-01-01 to 2199-12-31, the
    days the analyses can count to; :mod:`allies.services.dates`), or the field is named
    in a 422."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _days_in_range(cls, value: Any) -> Any:
        for day in value if isinstance(value, list | tuple | set) else (value,):
            if isinstance(day, date) and not FIRST_DAY <= _day_of(day) <= LAST_DAY:
                raise ValueError(f"must be {DAY_RANGE}; got {day.isoformat()}")
        return value


def _day_of(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


class PageOut(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset`` of ``total``."""

    items: list[T]
    total: int = Field(description="How many match the filters, over all pages.")
    offset: int
    limit: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last.")

    @classmethod
    def of(cls, page: Page[S], convert: Callable[[S], Any]) -> PageOut[T]:
        """Build from a service :class:`~allies.services.paging.Page`."""
        return cls(
            items=[convert(item) for item in page.items],
            total=page.total,
            offset=page.offset,
            limit=page.limit,
            next_offset=page.next_offset,
        )


class NextStepOut(BaseModel):
    """What to do next, as facts: an action on a kind of record, with named values."""

    action: str = Field(description="list, show, add, edit, merge, take, log-in ...")
    kind: str | None = Field(default=None, description="The kind of record, e.g. favour.")
    options: dict[str, str | int | bool] = Field(default_factory=dict)


class Problem(BaseModel):
    """An error: what went wrong, the field concerned, and what to do next."""

    detail: str
    field: str | None = None
    hint: str | None = None
    kind: str | None = Field(default=None, description="The kind of record concerned.")
    id: int | None = Field(default=None, description="The id of the record concerned.")
    next: NextStepOut | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Team mode: no session and no API token."},
    403: {"model": Problem, "description": "Team mode: the role does not allow it."},
    404: {"model": Problem, "description": "No record has that id."},
    409: {"model": Problem, "description": "The change clashes with what is stored."},
    422: {"model": Problem, "description": "Invalid input; `field` names the field."},
}
