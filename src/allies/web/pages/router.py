"""Assembling the routers of every resource into one."""

from fastapi import APIRouter

from allies.web.pages import demo, palette
from allies.web.pages.agenda import home, today
from allies.web.pages.campaigns import organisation_stances
from allies.web.pages.keep import cadences, favours, interactions, log, promises
from allies.web.pages.network import (
    map,
    observations,
    organisation_page,
    organisations,
    people,
    person,
    ties,
    units,
)
from allies.web.pages.reminders import links as reminder_links
from allies.web.pages.reminders import settings as reminder_settings
from allies.web.pages.sync import accounts as sync_accounts

pages_router = APIRouter(include_in_schema=False)
# people before person: /people/new and /people/{id}/edit must win over /people/{id}.
for module in (
    home,
    today,
    people,
    person,
    log,
    map,
    organisations,
    organisation_page,
    organisation_stances,
    units,
    ties,
    observations,
    interactions,
    favours,
    promises,
    cadences,
    palette,
    demo,
    reminder_settings,
    reminder_links,
    sync_accounts,
):
    pages_router.include_router(module.router)
