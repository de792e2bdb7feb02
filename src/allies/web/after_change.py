"""After a change, the background work that depends on the records is asked for at once.

The views of a large network read what the background work keeps: the analyses of the
network (who listens to whom, brokers, groups, the map's layout, relationship health)
and the day's campaign plans. Each is kept under a stamp of the records it is made of, so
a change makes it stale; the periodic runs would redo it within minutes, and a page that
finds its part stale asks too. Asking right after a change means the next view usually
finds the fresh answer already kept.

Every request that may have changed something (not ``GET``, ``HEAD`` or ``OPTIONS``) and
succeeded asks, at most once every :data:`QUIET_SECONDS` per workspace: an import of a
thousand rows through the API asks a few times, not a thousand. Asking is cheap (the
laptop's scheduler moves the task to now; a team server defers it to the job queue, whose
queueing lock keeps one waiting run per task) and happens after the answer has gone.
A run with nothing changed finds everything kept under the same stamps and does nothing.
"""

from __future__ import annotations

import logging
import threading
import time

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from allies.background.soon import run_soon
from allies.config import Settings
from allies.errors import AlliesError

__all__ = ["QUIET_SECONDS", "TASKS", "AskAfterChange"]

log = logging.getLogger("allies.background")

#: The tasks whose results a change makes stale.
TASKS: tuple[str, ...] = ("analyses", "plans")
#: The least time between two asks for one workspace, in seconds.
QUIET_SECONDS = 5.0
_READING = frozenset({"GET", "HEAD", "OPTIONS"})


class AskAfterChange:
    """ASGI middleware asking for :data:`TASKS` after a successful change (a plain ASGI
    wrapper: the answer is not held back, nor its body copied), for the settings the app
    holds (``app.state.settings``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; once answered with success, ask if it is time to."""
        if scope["type"] != "http" or scope["method"] in _READING:
            await self.app(scope, receive, send)
            return
        status = 500

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, receive, noting_status)
        settings: Settings = scope["app"].state.settings
        workspace = self._workspace(scope, settings)
        if status < 400 and workspace and self._due(workspace):
            await run_in_threadpool(self._ask, settings, workspace)

    @staticmethod
    def _workspace(scope: Scope, settings: Settings) -> str | None:
        """The workspace the request acted on: the member's on a team server."""
        identity = scope.get("state", {}).get("identity")
        if identity is not None:
            return getattr(identity, "workspace", None)
        return None if settings.team else settings.workspace

    def _due(self, workspace: str) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(workspace, -QUIET_SECONDS) < QUIET_SECONDS:
                return False
            self._last[workspace] = now
            return True

    @staticmethod
    def _ask(settings: Settings, workspace: str) -> None:
        for name in TASKS:
            try:
                run_soon(settings, name, workspace)
            except AlliesError as error:  # the answer has gone: say so in the log only
                log.warning("could not ask for %s after a change: %s", name, error.message)
