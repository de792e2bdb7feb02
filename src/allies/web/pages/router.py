"""Assembling the routers of every resource into one."""

from fastapi import APIRouter

from allies.web.pages import (
    cadences,
    favours,
    home,
    interactions,
    log,
    map,
    observations,
    organisations,
    people,
    person,
    promises,
    ties,
    units,
)

pages_router = APIRouter(include_in_schema=False)
# people before person: /people/new and /people/{id}/edit must win over /people/{id}.
for module in (
    home,
    people,
    person,
    log,
    map,
    organisations,
    units,
    ties,
    observations,
    interactions,
    favours,
    promises,
    cadences,
):
    pages_router.include_router(module.router)
