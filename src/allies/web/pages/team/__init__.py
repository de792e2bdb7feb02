"""The team's pages: members as people, relationship owners, who on the team has the best
path to someone (a section of the person's page) and a campaign's coverage (a section of
the campaign's page)."""

from __future__ import annotations

from fastapi import APIRouter

from allies.web.pages.team import members, sections

router = APIRouter(include_in_schema=False)
router.include_router(members.router)
router.include_router(sections.router)

__all__ = ["router"]
