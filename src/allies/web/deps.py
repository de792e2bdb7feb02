"""What the routes depend on: settings, a unit of work, templates, form data.

Each is an ``Annotated`` alias, so a route says ``uow: UoW`` and FastAPI wires the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.context import Lens
from allies.services.ports import UnitOfWork

WEB_ROOT = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_ROOT / "templates"
STATIC_DIR = WEB_ROOT / "static"


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with.

    The dependencies here are ``async`` although they wait for nothing: FastAPI runs a
    plain function in a worker thread, and the hop costs more than the work.
    """
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_lens(settings: SettingsDep) -> Lens:
    """The analyses' lens under the app's settings: today, with the configured half-life.

    A route with an ``as_of`` query moves it with ``lens.on(as_of)``.
    """
    return settings.lens


LensDep = Annotated[Lens, Depends(get_lens)]


async def get_uow(settings: SettingsDep) -> UnitOfWork:
    """A fresh unit of work on the configured workspace; each service call enters it."""
    return unit_of_work_factory(settings)(settings.workspace)


UoW = Annotated[UnitOfWork, Depends(get_uow)]


async def get_form(request: Request) -> dict[str, str]:
    """The submitted form as a dict of strings; repeated fields are joined by commas."""
    form = await request.form()
    values: dict[str, str] = {}
    for key, value in form.multi_items():
        text = value if isinstance(value, str) else ""
        values[key] = (
            f"{values[key]}, {text}" if key in values and text else text or values.get(key, "")
        )
    return values


FormData = Annotated[dict[str, str], Depends(get_form)]


async def get_templates(request: Request) -> Jinja2Templates:
    """The app's Jinja2 templates."""
    templates: Jinja2Templates = request.app.state.templates
    return templates


Templates = Annotated[Jinja2Templates, Depends(get_templates)]


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render the template ``name`` with ``context`` (the request is added)."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context or {}, status_code=status_code)


def is_htmx(request: Request) -> bool:
    """Whether HTMX made the request (it wants a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"
