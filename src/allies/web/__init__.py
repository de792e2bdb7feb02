"""The web face of allies: HTML pages (Jinja2 + HTMX) and the REST API under ``/api/v1``."""

from allies.web.app import create_app

__all__ = ["create_app"]
