"""The cookies of team mode: their names, flags and the signer of the session cookie."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from allies.config import Settings
from allies.services.team.accounts import SESSION_HOURS

__all__ = ["TeamCookies"]

#: The signature of a session cookie is refused after this long, whatever the database says.
MAX_AGE = 30 * 24 * 3600


@dataclass(frozen=True)
class TeamCookies:
    """Names and flags of the session, CSRF and login cookies for one app.

    With ``secure`` (the default, required by ``allies serve --team``), cookies are sent
    over HTTPS only and carry the ``__Host-`` prefix, which also pins them to this host.
    """

    secret: str
    secure: bool

    @classmethod
    def of(cls, settings: Settings) -> TeamCookies:
        """The cookies for these settings."""
        return cls(settings.secret_key, settings.cookie_secure)

    def _name(self, base: str) -> str:
        return f"__Host-allies_{base}" if self.secure else f"allies_{base}"

    @property
    def session(self) -> str:
        """The session cookie's name."""
        return self._name("session")

    @property
    def csrf(self) -> str:
        """The name of the cookie scripts read the CSRF token from."""
        return self._name("csrf")

    @property
    def login(self) -> str:
        """The name of the login form's random value."""
        return self._name("login")

    def _signer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret, salt="allies-session")

    def sign(self, key: str) -> str:
        """The session cookie's value for a session key."""
        return str(self._signer().dumps(key))

    def session_key(self, request: Request) -> str | None:
        """The session key in the request's cookie, if its signature holds."""
        value = request.cookies.get(self.session)
        if not value:
            return None
        try:
            key = self._signer().loads(value, max_age=MAX_AGE)
        except BadSignature:
            return None
        return key if isinstance(key, str) else None

    def set(
        self,
        response: Response,
        name: str,
        value: str,
        *,
        http_only: bool = True,
        same_site: str = "lax",
        max_age: int | None = SESSION_HOURS * 3600 * 2,
    ) -> None:
        """Set one of the cookies with the right flags."""
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/",
            secure=self.secure,
            httponly=http_only,
            samesite=same_site,  # type: ignore[arg-type]
        )

    def clear(self, response: Response, name: str) -> None:
        """Delete one of the cookies."""
        response.delete_cookie(name, path="/", secure=self.secure, httponly=True, samesite="lax")

    def header(self, name: str, value: str, *, http_only: bool, same_site: str) -> str:
        """A ``Set-Cookie`` header's value, for the gate (which has no Response object)."""
        parts = [f"{name}={value}", "Path=/", f"SameSite={same_site.title()}"]
        if self.secure:
            parts.append("Secure")
        if http_only:
            parts.append("HttpOnly")
        return "; ".join(parts)
