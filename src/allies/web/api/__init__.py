"""The JSON REST API under ``/api/v1``, one router per resource."""

from allies.web.api.router import api_router

__all__ = ["api_router"]
