"""The pages of network surveys: a member sends a survey and follows its answers
(``/surveys``); a respondent opens their personal link (``/s/...``), which needs no
account and shows nothing of the network but the names the survey asks about."""

from fastapi import APIRouter

from allies.web.pages.surveys import links, manage

router = APIRouter(include_in_schema=False)
router.include_router(manage.router)
router.include_router(links.router)

__all__ = ["router"]
