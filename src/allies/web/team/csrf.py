"""Protection against cross-site request forgery, for team mode.

Every unsafe request (POST, PUT, PATCH, DELETE) made with a session cookie must carry a
token only this site can know: an HMAC, under the secret key, of the session (or, on the
login form, of a random value in a cookie of its own). Requests with an API token
(``Authorization: Bearer``) are not exposed to forgery and need none.

How the token reaches the browser:

- every ``<form method="post">`` in every template gets a hidden ``csrf_token`` field
  when the template is compiled (:class:`CsrfFormExtension` inserts it after the form's
  opening tag), so forms work without JavaScript;
- the token is also in a cookie that scripts may read; ``static/js/csrf.js`` adds it to
  forms built in the page and sends it as the ``X-CSRF-Token`` header with HTMX requests
  (no inline script: the CSP forbids them).

The server checks the header first, then the form field; a missing or wrong token is
403. Cookies are ``SameSite=Lax`` (session) and ``Strict`` (token), and ``__Host-``
prefixed when secure, as a second line of defence.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

from fastapi import Request
from jinja2 import pass_context
from jinja2.ext import Extension
from markupsafe import Markup, escape

from allies.errors import Forbidden

__all__ = [
    "FIELD",
    "HEADER",
    "CsrfFormExtension",
    "csrf_field",
    "make_token",
    "tokens_match",
    "verify_csrf",
]

FIELD = "csrf_token"
HEADER = "x-csrf-token"
_FORM = re.compile(r"(<form\b[^>]*\bmethod\s*=\s*[\"']?post[\"']?[^>]*>)", re.IGNORECASE)


def make_token(secret: str, purpose: str, value: str) -> str:
    """The token for ``value`` (a session's hash, or the login form's random value)."""
    message = f"{purpose}:{value}".encode()
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def tokens_match(expected: str | None, given: str | None) -> bool:
    """Whether ``given`` is the ``expected`` token (in constant time)."""
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


@pass_context
def csrf_field(context: Any) -> Markup:
    """The hidden input carrying the request's CSRF token ('' outside team mode)."""
    request = context.get("request")
    token = getattr(getattr(request, "state", None), "csrf_token", None)
    if not token:
        return Markup("")
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(token)}">')


class CsrfFormExtension(Extension):
    """Insert ``{{ csrf_field() }}`` after the opening tag of every POST form."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """Rewrite the template's source before it is compiled."""
        return _FORM.sub(lambda match: match.group(1) + "{{ csrf_field() }}", source)


async def verify_csrf(request: Request) -> None:
    """A dependency of every route: check the form's token when the gate asked for it.

    The gate (:mod:`allies.web.team.gate`) checks the header itself; for a form posted
    without the header it leaves the expected token in ``request.state.csrf_expected``,
    and this reads the (already parsed) form. Outside team mode it does nothing.
    """
    expected = getattr(request.state, "csrf_expected", None)
    if expected is None:
        return
    form = await request.form()
    given = form.get(FIELD)
    if not tokens_match(expected, given if isinstance(given, str) else None):
        raise Forbidden(
            "This form has expired or did not come from this site.",
            hint="Go back, reload the page and send it again.",
        )
