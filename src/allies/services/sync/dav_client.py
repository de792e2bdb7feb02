"""Talking to a CalDAV or CardDAV server: finding its collections, asking what changed,
fetching objects and writing a card back.

The HTTP side (sessions, Basic and Digest authentication, rate limits) is the ``caldav``
library's :class:`caldav.DAVClient`; with an OAuth2 access token (Google's CalDAV and
CardDAV, for instance) each request carries it as a bearer token (RFC 6750 §2.1). The
requests are WebDAV's, written here so that calendars and address books sync the same way:

- discovery by ``current-user-principal`` (RFC 5397) and ``calendar-home-set`` /
  ``addressbook-home-set`` (RFC 4791 §6.2.1, RFC 6352 §7.1.1);
- what changed by the ``sync-collection`` REPORT (RFC 6578), following a truncated reply
  (§3.6) and starting afresh when the server no longer knows the token (§3.2,
  ``DAV:valid-sync-token``); for servers without it, the collection's ``getctag`` (the
  CalendarServer extension) and a ``PROPFIND`` of every ``getetag`` (RFC 4918);
- objects by ``calendar-multiget`` (RFC 4791 §7.9) and ``addressbook-multiget``
  (RFC 6352 §8.7), a batch at a time;
- a card written back with ``If-Match`` (RFC 7232 §3.1): a card changed on the server
  since it was read is never overwritten (``412 Precondition Failed``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape

from caldav.davclient import DAVClient
from caldav.lib import error as dav_error
from lxml import etree
from niquests.auth import AuthBase

from allies.services.sync.errors import LoginRefused, ServerUnreachable

__all__ = ["CALENDAR", "CONTACTS", "Changes", "DavSession", "WriteRefused"]

CALENDAR, CONTACTS = "calendar", "addressbook"
_NS = {
    "D": "DAV:",
    "C": "urn:ietf:params:xml:ns:caldav",
    "CR": "urn:ietf:params:xml:ns:carddav",
    "CS": "http://calendarserver.org/ns/",
}
_XML = {"Content-Type": 'application/xml; charset="utf-8"'}
_HEAD = '<?xml version="1.0" encoding="utf-8"?>'
_HOME = {CALENDAR: "C:calendar-home-set", CONTACTS: "CR:addressbook-home-set"}
_TYPE = {CALENDAR: "C:calendar", CONTACTS: "CR:addressbook"}
_MULTIGET = {CALENDAR: ("C:calendar-multiget", "C:calendar-data"),
             CONTACTS: ("CR:addressbook-multiget", "CR:address-data")}  # fmt: skip
_DATA_TYPE = {CALENDAR: "text/calendar; charset=utf-8", CONTACTS: "text/vcard; charset=utf-8"}


class WriteRefused(Exception):
    """The server refused a write: the card changed there since it was read (412), or
    another reason (the status and text say which)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason

    @property
    def changed_on_server(self) -> bool:
        """Whether the object changed on the server since it was read."""
        return self.status == 412


@dataclass
class Changes:
    """What changed in a collection since a sync-token (or, ``full``, everything there).

    ``changed`` maps each href to its etag; ``deleted`` holds hrefs gone from the server.
    With ``full``, ``changed`` lists every object, and whatever was seen before and is not
    listed is gone too.
    """

    token: str | None
    ctag: str | None
    changed: dict[str, str] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    full: bool = False


def _props(*names: str) -> str:
    return "".join(f"<{n}/>" for n in names)


def _text(node: Any, path: str) -> str:
    found = node.find(path, _NS)
    return (found.text or "").strip() if found is not None else ""


def _status(node: Any) -> int:
    text = _text(node, "D:status")
    parts = text.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 200


class DavSession:
    """One login to one account's server.

    Parameters
    ----------
    account : str
        The account's name (for messages).
    url : str
        The server, the user's principal, or a collection itself.
    username, password : str
        The login (the password is handed to the HTTP client and kept nowhere else).
    access_token : str, optional
        An OAuth2 access token: sent as ``Authorization: Bearer`` instead of the password.
    timeout : int
        Seconds to wait for an answer.
    """

    def __init__(
        self,
        account: str,
        url: str,
        username: str,
        password: str,
        *,
        access_token: str = "",
        timeout: int = 60,
    ) -> None:
        self.account = account
        self.url = url
        self.server = urlsplit(url).netloc or url
        if access_token:
            self._client = DAVClient(url=url, auth=_Bearer(access_token), timeout=timeout)
        else:
            self._client = DAVClient(url=url, username=username, password=password, timeout=timeout)

    # -- plumbing ------------------------------------------------------------------------

    def _request(
        self, url: str, method: str, body: str = "", headers: dict[str, str] | None = None
    ) -> Any:
        try:
            return self._client.request(url, method, body, headers or {})
        except dav_error.AuthorizationError as err:
            raise LoginRefused(self.account, self.server, _reason(err, "unauthorised")) from None
        except (OSError, dav_error.DAVError) as err:
            raise ServerUnreachable(self.account, self.server, _reason(err, "no answer")) from None

    def _multistatus(self, url: str, method: str, body: str, depth: str | None) -> tuple[int, Any]:
        headers = dict(_XML)
        if depth is not None:
            headers["Depth"] = depth
        response = self._request(url, method, _HEAD + body, headers)
        if response.status == 401:
            raise LoginRefused(self.account, self.server, "unauthorised")
        raw = response._raw
        data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw or b"")
        if response.status != 207 or not data.strip():
            return response.status, data
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        return 207, etree.fromstring(data, parser)

    def _propfind(self, url: str, props: str, depth: str) -> list[tuple[str, Any]]:
        body = f"<D:propfind {_xmlns()}><D:prop>{props}</D:prop></D:propfind>"
        status, tree = self._multistatus(url, "PROPFIND", body, depth)
        if status != 207:
            raise ServerUnreachable(
                self.account, self.server, f"PROPFIND {urlsplit(url).path} answered {status}"
            )
        found: list[tuple[str, Any]] = []
        for response in tree.findall("D:response", _NS):
            for propstat in response.findall("D:propstat", _NS):
                if _status(propstat) == 200:
                    found.append((_text(response, "D:href"), propstat.find("D:prop", _NS)))
        return found

    def absolute(self, href: str) -> str:
        """The URL of an href the server gave."""
        return urljoin(self.url, href)

    # -- discovery -----------------------------------------------------------------------

    def collections(self, kind: str) -> list[str]:
        """The URLs of the account's calendars (``kind`` ``calendar``) or address books
        (``addressbook``); the account's URL alone when it is one itself."""
        wanted = _TYPE[kind]
        props = _props("D:resourcetype", "D:current-user-principal", _HOME[kind])
        here = self._propfind(self.url, props, "0")
        for _, prop in here:
            if prop.find(f"D:resourcetype/{wanted}", _NS) is not None:
                return [self.url]
        home = self._home(here, kind)
        listed = self._propfind(home, _props("D:resourcetype"), "1")
        urls = [
            self.absolute(href)
            for href, prop in listed
            if prop.find(f"D:resourcetype/{wanted}", _NS) is not None
        ]
        return sorted(dict.fromkeys(urls))

    def _home(self, here: list[tuple[str, Any]], kind: str) -> str:
        for _, prop in here:
            href = _text(prop, f"{_HOME[kind]}/D:href")
            if href:
                return self.absolute(href)
        principal = next((_text(p, "D:current-user-principal/D:href") for _, p in here), "")
        if principal:
            for _, prop in self._propfind(self.absolute(principal), _props(_HOME[kind]), "0"):
                href = _text(prop, f"{_HOME[kind]}/D:href")
                if href:
                    return self.absolute(href)
            return self.absolute(principal)
        return self.url

    # -- what changed --------------------------------------------------------------------

    def ctag(self, url: str) -> str | None:
        """The collection's ``getctag`` (CalendarServer), or None when it has none."""
        for _, prop in self._propfind(url, _props("CS:getctag"), "0"):
            value = _text(prop, "CS:getctag")
            if value:
                return value
        return None

    def changes(self, url: str, token: str | None, ctag: str | None) -> Changes:
        """What changed in the collection at ``url`` since ``token`` (RFC 6578).

        Without sync-collection support on the server, ``ctag`` (the collection's last
        one) tells whether anything changed at all, and every etag is listed when it did.
        """
        try:
            try:
                return self._sync_collection(url, token)
            except _TokenRefused:
                return self._sync_collection(url, None)
        except _Unsupported:
            pass
        now = self.ctag(url)
        if now is not None and now == ctag:
            return Changes(token=None, ctag=now)
        listed = self._propfind(url, _props("D:getetag", "D:resourcetype"), "1")
        own = urlsplit(url).path.rstrip("/")
        changed = {
            href: _text(prop, "D:getetag")
            for href, prop in listed
            if urlsplit(href).path.rstrip("/") != own
            and prop.find("D:resourcetype/D:collection", _NS) is None
        }
        return Changes(token=None, ctag=now, changed=changed, full=True)

    def _sync_collection(self, url: str, token: str | None) -> Changes:
        changes = Changes(token=token, ctag=None, full=token is None)
        for _ in range(1000):  # a truncated reply is followed with the new token (§3.6)
            body = (
                f"<D:sync-collection {_xmlns()}><D:sync-token>{escape(changes.token or '')}"
                "</D:sync-token><D:sync-level>1</D:sync-level>"
                f"<D:prop>{_props('D:getetag')}</D:prop></D:sync-collection>"
            )
            try:
                status, tree = self._multistatus(url, "REPORT", body, "0")
            except LoginRefused as refused:
                if "Forbidden" in refused.message:  # the caldav client takes 403 for a refusal
                    # of the token when there was one, of the REPORT itself when there was not
                    raise (_TokenRefused if changes.token else _Unsupported) from None
                raise
            if status in (403, 409, 412) and changes.token and b"valid-sync-token" in tree:
                raise _TokenRefused
            if status != 207:
                raise _Unsupported
            truncated = False
            for response in tree.findall("D:response", _NS):
                href = _text(response, "D:href")
                if _status(response) == 404:
                    changes.changed.pop(href, None)
                    changes.deleted.add(href)
                elif _status(response) == 507:
                    truncated = True
                else:
                    prop = response.find("D:propstat/D:prop", _NS)
                    if prop is not None:
                        changes.deleted.discard(href)
                        changes.changed[href] = _text(prop, "D:getetag")
            changes.token = _text(tree, "D:sync-token") or changes.token
            if not truncated:
                return changes
        return changes

    # -- reading and writing -------------------------------------------------------------

    def fetch(self, url: str, kind: str, hrefs: Iterable[str]) -> dict[str, tuple[str, str]]:
        """The objects at ``hrefs`` in the collection: ``{href: (etag, text)}`` (those
        gone meanwhile are absent)."""
        wanted = list(hrefs)
        if not wanted:
            return {}
        report, data = _MULTIGET[kind]
        links = "".join(f"<D:href>{escape(h)}</D:href>" for h in wanted)
        body = (
            f"<{report} {_xmlns()}><D:prop>{_props('D:getetag', data)}</D:prop>{links}</{report}>"
        )
        status, tree = self._multistatus(url, "REPORT", body, None)
        if status != 207:
            raise ServerUnreachable(
                self.account, self.server, f"REPORT {urlsplit(url).path} answered {status}"
            )
        found: dict[str, tuple[str, str]] = {}
        for response in tree.findall("D:response", _NS):
            prop = response.find("D:propstat/D:prop", _NS)
            if prop is None or _status(response.find("D:propstat", _NS)) != 200:
                continue
            text = _text(prop, data)
            if text:
                found[_text(response, "D:href")] = (_text(prop, "D:getetag"), text)
        return found

    def put(self, href: str, kind: str, text: str, etag: str) -> str:
        """Write an object back only if it is still as read (``If-Match: etag``); its new
        etag (``""`` when the server does not say).

        Raises
        ------
        WriteRefused
            When the server refuses: 412 when the object changed there meanwhile.
        """
        headers = {"Content-Type": _DATA_TYPE[kind]}
        if etag:
            headers["If-Match"] = etag
        response = self._request(self.absolute(href), "PUT", text, headers)
        if response.status not in (200, 201, 204):
            raise WriteRefused(response.status, str(getattr(response, "reason", "") or ""))
        headers_in = response.headers or {}
        return str(headers_in.get("ETag", "") or headers_in.get("etag", "") or "")


class _Bearer(AuthBase):
    """``Authorization: Bearer TOKEN`` on every request (RFC 6750 §2.1)."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: Any) -> Any:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request


class _TokenRefused(Exception):
    """The server no longer knows the sync-token (RFC 6578 §3.2)."""


class _Unsupported(Exception):
    """The server does not answer the sync-collection REPORT."""


def _xmlns() -> str:
    return " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())


def _reason(err: Exception, default: str) -> str:
    text = str(getattr(err, "reason", "") or "") or type(err).__name__
    return text if text and text != "None" else default
