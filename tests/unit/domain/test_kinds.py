"""The registry of record kinds: complete, consistent, in dependency order."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import typing
from dataclasses import fields, is_dataclass

import pytest

import allies.domain
from allies.domain import Favour, GoalNeed, Promise, Stance, kinds
from allies.domain.kinds import (
    PERSON,
    OnRemoval,
    all_kinds,
    children_of,
    kind_for_plural,
    kind_named,
    kind_of,
    top_level_kinds,
)
from allies.domain.records import Note
from allies.errors import NotFound
from allies.services.ports import UnitOfWork

#: Domain modules whose dataclasses are not workspace records: accounts, the audit trail
#: and notes, uploads, and the shapes of reads.
NOT_RECORDS = {
    "accounts", "records", "uploads", "columns", "reads", "listing", "sync", "dav", "surveys",
}  # fmt: skip


def test_the_examples_in_the_docstring_hold() -> None:
    failures, tried = doctest.testmod(kinds)
    assert tried >= 5 and failures == 0


def test_lookups_by_class_singular_and_plural() -> None:
    assert kind_named("favour").plural == "favours"
    assert kind_of(Favour) is kind_named("favour") is kind_for_plural("favours")
    assert kind_of(Promise).plural == "promises"
    assert kind_for_plural("commitments") is kind_of(Promise)
    assert kind_of(GoalNeed).parent == "goal" and kind_of(GoalNeed).attr == "needs"
    with pytest.raises(NotFound, match="no kind"):
        kind_named("favours")
    with pytest.raises(NotFound):
        kind_for_plural("favour")
    with pytest.raises(NotFound):
        kind_of(int)


def test_names_are_unique() -> None:
    singulars = [kind.singular for kind in all_kinds()]
    plurals = [name for kind in all_kinds() for name in (kind.plural, *kind.aliases)]
    assert len(singulars) == len(set(singulars))
    assert len(plurals) == len(set(plurals))


def test_the_top_level_order_is_the_order_backups_have_always_used() -> None:
    assert [kind.plural for kind in top_level_kinds()] == [
        "organisations", "units", "people", "ties", "observations", "interactions",
        "favours", "promises", "cadences", "campaigns", "stances", "alliances", "goals",
        "assessments", "notes", "cards", "role_changes", "affiliations", "organisation_ties",
        "consultations", "survey_answers",
    ]  # fmt: skip


def test_every_kind_comes_after_what_it_points_at_and_after_its_parent() -> None:
    seen: set[str] = set()
    for kind in all_kinds():
        if kind.parent is not None:
            assert kind.parent in seen, kind.singular
            assert kind in children_of(kind_named(kind.parent))
        for pointer in kind.pointers:
            assert pointer.target in seen | {kind.singular}, (kind.singular, pointer.name)
        seen.add(kind.singular)


def test_every_top_level_plural_is_a_repository_of_the_unit_of_work() -> None:
    hints = typing.get_type_hints(UnitOfWork)
    properties = {name for name in dir(UnitOfWork) if not name.startswith("_")}
    for kind in top_level_kinds():
        assert kind.plural in properties | set(hints), kind.plural


def test_pointers_name_real_fields_and_people_say_what_removal_does() -> None:
    for kind in all_kinds():
        if kind.cls is str:
            assert not kind.pointers and kind.parent is not None
            continue
        names = {f.name for f in fields(kind.cls)}
        for pointer in kind.pointers:
            assert pointer.name in names, (kind.singular, pointer.name)
            hint = typing.get_type_hints(kind.cls)[pointer.name]
            assert (typing.get_origin(hint) is list) == pointer.many, (kind.singular, pointer)
            optional = type(None) in typing.get_args(hint)
            assert optional == (not pointer.required and not pointer.many), pointer
            if pointer.target == PERSON:
                assert pointer.on_removal is not None, (kind.singular, pointer.name)
                if pointer.on_removal in (OnRemoval.DROP, OnRemoval.DROP_OR_DELETE):
                    assert pointer.many
                if pointer.on_removal is OnRemoval.CLEAR:
                    assert not pointer.required
            else:
                assert pointer.on_removal is None
        if kind.parent is not None:
            parent = kind_named(kind.parent)
            assert kind.attr in {f.name for f in fields(parent.cls)}


def test_merge_rules_fit_their_kinds() -> None:
    for kind in all_kinds():
        if kind.distinct_people:
            assert len([p for p in kind.person_pointers if not p.many]) >= 2, kind.singular
        if kind.one_per_person or kind.finder:
            assert kind.person_pointers and kind.parent is None, kind.singular
    assert kind_of(Stance).counted_as == "stances"
    assert {kind_named(n).counted_as for n in ("partner", "responsibility")} == {"alliance roles"}


def _domain_records() -> set[type]:
    found: set[type] = set()
    for module in pkgutil.iter_modules(allies.domain.__path__):
        if module.name.startswith("_") or module.name in NOT_RECORDS | {"kinds"}:
            continue
        loaded = importlib.import_module(f"allies.domain.{module.name}")
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and is_dataclass(value)
                and value.__module__ == loaded.__name__
                and "id" in {f.name for f in fields(value)}
            ):
                found.add(value)
    return found


def test_every_domain_record_class_is_registered() -> None:
    records = _domain_records() | {Note}  # a note is the one record of records.py
    assert len(records) >= 20
    registered = {kind.cls for kind in all_kinds()}
    assert records - registered == set(), "register these kinds in allies.domain.kinds"
    assert registered - {str} <= records
