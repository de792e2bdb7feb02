"""What makes the web app installable and usable with no connection: the web app
manifest and the service worker, served from the site's root so the worker's scope is
the whole site (a worker served under ``/static/`` could only see ``/static/``)."""

from __future__ import annotations

import hashlib
from functools import cache

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from allies.web.deps import STATIC_DIR

router = APIRouter(include_in_schema=False)

_WORKER = STATIC_DIR / "pwa" / "sw.js"
_MANIFEST = STATIC_DIR / "pwa" / "manifest.webmanifest"


@cache
def _worker_source() -> str:
    """The worker, its cache named after the static files it keeps (a changed file
    gives a new name, so phones fetch the new shell and drop the old)."""
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".css", ".js", ".html", ".png", ".svg"):
            digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return _WORKER.read_text(encoding="utf-8").replace("__VERSION__", digest.hexdigest()[:12])


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker (never cached by the browser: a new one is looked for at once)."""
    return Response(
        _worker_source(),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> FileResponse:
    """The web app manifest: name, icons, colours and where the installed app starts."""
    return FileResponse(_MANIFEST, media_type="application/manifest+json")
