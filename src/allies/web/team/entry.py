"""An app factory for servers that start their own processes (``uvicorn --factory``).

Every process builds its app from the ``ALLIES_*`` environment; none keeps state of its
own, so any of them can serve any request.
"""

from __future__ import annotations

from fastapi import FastAPI

from allies.config import load_settings


def app() -> FastAPI:
    """The app for the settings in the environment."""
    from allies.web import create_app

    return create_app(load_settings())
