"""The HTML pages, one router per resource."""

from allies.web.pages.router import pages_router

__all__ = ["pages_router"]
