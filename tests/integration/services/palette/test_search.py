"""The palette's search: every kind, accents and case ignored, names starting with what
was typed first, and nobody's private note shown to another."""

from __future__ import annotations

import pytest

from allies.services.alliances import manage as alliances
from allies.services.campaigns import editing as campaigns
from allies.services.network.lookup import resolve_person
from allies.services.network.notes import add_note
from allies.services.network.people import add_person
from allies.services.palette.search import find_anything
from allies.services.ports import UnitOfWorkFactory
from allies.services.standing.goals import create_goal


@pytest.fixture
def made(factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    """People with accents, an organisation, a campaign, an alliance, a goal, a note."""
    add_person(factory(), "Étienne Dubois", organisation="Acme", title="CFO")
    add_person(factory(), "Anna Bergström", organisation="Acme")
    add_person(factory(), "Tienne Other")
    campaigns.create_campaign(factory(), "Office move", issues=["Site @ 20"])
    alliances.create_alliance(factory(), "Pilot partnership", purpose="Share the depot")
    create_goal(factory(), "Lead the analytics programme")
    add_note(factory(), "Anna Bergström", "Prefers the pilot in Rotterdam first.")
    return factory


def _kinds(factory: UnitOfWorkFactory, typed: str) -> list[tuple[str, str]]:
    return [(f.kind, f.title) for f in find_anything(factory(), typed)]


def test_every_kind(made: UnitOfWorkFactory) -> None:
    assert ("person", "Étienne Dubois") in _kinds(made, "etienne")
    assert _kinds(made, "etienne")[0] == ("person", "Étienne Dubois")  # starts with it
    assert ("person", "Anna Bergström") in _kinds(made, "BERGSTROM")
    assert ("organisation", "Acme") in _kinds(made, "acme")
    assert ("campaign", "Office move") in _kinds(made, "office")
    assert ("campaign", "Office move") in _kinds(made, "site")  # by an issue's name
    assert ("alliance", "Pilot partnership") in _kinds(made, "depot")
    assert ("goal", "Lead the analytics programme") in _kinds(made, "analytics")
    assert ("note", "Anna Bergström") in _kinds(made, "rotterdam pilot")
    assert _kinds(made, "   ") == [] and _kinds(made, "zzz") == []


def test_people_are_resolved_without_accents(made: UnitOfWorkFactory) -> None:
    with made() as uow:
        assert resolve_person(uow, "etienne dubois").name == "Étienne Dubois"
        assert resolve_person(uow, "Bergstrom").name == "Anna Bergström"
