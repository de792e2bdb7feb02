"""Assembling the routers of every resource into one."""

from fastapi import APIRouter

from allies.web.api.campaigns import organisation_stances
from allies.web.api.keep import cadences, captures, favours, interactions, promises
from allies.web.api.network import (
    affiliations,
    graph,
    observations,
    organisation_ties,
    organisations,
    people,
    ties,
    units,
)
from allies.web.api.reminders import router as reminders_router
from allies.web.api.sync import router as sync_router
from allies.web.schemas.common import ERRORS

api_router = APIRouter(prefix="/api/v1", responses=ERRORS)
for module in (
    people,
    organisations,
    units,
    ties,
    observations,
    interactions,
    favours,
    promises,
    cadences,
    captures,
    graph,
    affiliations,
    organisation_ties,
    organisation_stances,
):
    api_router.include_router(module.router)
api_router.include_router(reminders_router)
api_router.include_router(sync_router)
