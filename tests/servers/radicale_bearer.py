"""A Radicale authentication plugin that signs in by OAuth2 bearer token (RFC 6750 §2.1),
the way Google's CalDAV and CardDAV servers do, for the tests of token-command accounts.

Radicale loads it by module name (``[auth] type = tests.servers.radicale_bearer``). The
tokens it accepts are the lines of the file named by ``ALLIES_TEST_BEARER_TOKENS``, read
at each request so a test can revoke one; each signs in the test user. A request without a
bearer token falls back to Radicale's Basic handling, which this plugin refuses.
"""

from __future__ import annotations

import os
from pathlib import Path

from radicale import types
from radicale.auth import BaseAuth

USER_ENV, TOKENS_ENV = "ALLIES_TEST_BEARER_USER", "ALLIES_TEST_BEARER_TOKENS"


class Auth(BaseAuth):
    """Accept ``Authorization: Bearer TOKEN`` for a token listed in the tokens file."""

    def get_external_login(self, environ: types.WSGIEnviron) -> tuple[()] | tuple[str, str]:
        """The test user and the token, when the request carries a bearer token."""
        header = str(environ.get("HTTP_AUTHORIZATION", ""))
        if header.startswith("Bearer "):
            return os.environ[USER_ENV], header[len("Bearer ") :].strip()
        return ()

    def _login(self, login: str, password: str) -> str:
        tokens = Path(os.environ[TOKENS_ENV]).read_text().split()
        return login if login == os.environ[USER_ENV] and password in tokens else ""
