"""Mail headers from mbox files and .eml messages; bodies are skipped, never decoded.

Only ``From``, ``To``, ``Cc``, ``Date``, ``Message-ID`` and ``In-Reply-To`` are read. An
mbox is split on its ``From `` separator lines, taking one as a separator only when a
header line follows it, so an unquoted "From time to time" in a body does not start a
message. Encoded words (``=?UTF-8?B?...?=``), folded headers, raw 8-bit headers and odd
display names are handled; a message without a readable date or sender is reported as a
:class:`~allies.interchange.records.RecordProblem` with its line and number.

Examples
--------
>>> data = (b"From a@x.test Mon Jan  1 00:00:00 2024\\nFrom: Ann <ann@x.test>\\n"
...         b"To: bo@y.test\\nDate: Mon, 1 Jan 2024 09:00:00 +0000\\nMessage-ID: <1@x>\\n\\nHi\\n")
>>> [(m.sender.email, [a.email for a in m.to]) for m in read_mbox(data)]
[('ann@x.test', ['bo@y.test'])]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime
from functools import lru_cache

from allies.errors import ImportFormatError
from allies.interchange.records import RecordProblem
from allies.interchange.text import clean_email, person_name, without_nul

__all__ = ["Address", "MailMessage", "read_eml", "read_mbox"]

_SEPARATOR = re.compile(rb"^From [^\r\n]*\r?\n(?=[!-9;-~]+:)", re.MULTILINE)
_BLANK = re.compile(rb"\r?\n\r?\n")
_FOLD = re.compile(r"\r?\n[ \t]+")
_ANGLE = re.compile(r"<([^<>\s]+)>")
_WANTED = re.compile(
    r"^(from|to|cc|date|message-id|in-reply-to)[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.I | re.M
)
_NAMED = re.compile(r"^(.*?)\s*<([^<>]*)>\s*$", re.S)
_COMMENTED = re.compile(r"^([^\s()<>]+)\s*(?:\((.*)\))?$", re.S)


@dataclass(frozen=True)
class Address:
    """A mailbox: its address (lower case) and display name."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class MailMessage:
    """The headers of one message that matter for a network.

    ``message_id`` is the header's value, or a digest of the headers when it has none (so
    importing the same message twice is recognised).
    """

    message_id: str
    in_reply_to: str
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    sent: datetime
    line: int | None
    number: int


def _text(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return without_nul(text)


def _headers(block: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in _WANTED.findall(block):
        key = name.lower()
        text = _FOLD.sub(" ", value).strip()
        found[key] = f"{found[key]}, {text}" if key in found else text
    return found


def _decoded(text: str) -> str:
    if "=?" not in text:
        return text
    try:
        return without_nul(str(make_header(decode_header(text))))
    except Exception:  # malformed encoded words: keep the text as it came
        return text


def _split_list(value: str) -> list[str]:
    """Split an address list on commas outside quotes, angle brackets and comments."""
    if '"' not in value and "(" not in value:
        return value.split(",")
    parts: list[str] = []
    current: list[str] = []
    quoted, angle, comment = False, False, 0
    for ch in value:
        if ch == '"' and not angle and not comment:
            quoted = not quoted
        elif ch == "<" and not quoted:
            angle = True
        elif ch == ">" and not quoted:
            angle = False
        elif ch == "(" and not quoted and not angle:
            comment += 1
        elif ch == ")" and comment:
            comment -= 1
        elif ch == "," and not (quoted or angle or comment):
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


@lru_cache(maxsize=1 << 16)
def _mailbox(part: str) -> Address | None:
    text = part.strip().rstrip(";").strip()
    group = text.split(":", 1)[0]
    if ":" in text and not any(ch in group for ch in '<@"'):
        text = text.split(":", 1)[1].strip()  # a group: "Team: a@x, b@y;"
    if not text:
        return None
    match = _NAMED.match(text)
    if match:
        name, address = match.group(1) or "", match.group(2)
    else:
        comment = _COMMENTED.match(text)
        name, address = (comment.group(2) or "", comment.group(1)) if comment else ("", text)
    email = clean_email(address, single_label=True)
    if not email:
        found = _ANGLE.search(text)
        email = clean_email(found.group(1), single_label=True) if found else ""
    if not email:
        return None
    name = name.strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = re.sub(r"\\(.)", r"\1", name[1:-1])
    label = person_name(_decoded(name).strip("'\" "))
    return Address(email, "" if "@" in label else label)


@lru_cache(maxsize=1 << 14)
def _addresses(value: str) -> tuple[Address, ...]:
    if not value:
        return ()
    found: dict[str, Address] = {}
    for part in _split_list(value):
        mailbox = _mailbox(part)
        if mailbox is not None:
            found.setdefault(mailbox.email, mailbox)
    return tuple(found.values())


_MONTHS = {
    m: i for i, m in enumerate(str.split("jan feb mar apr may jun jul aug sep oct nov dec"), 1)
}
_RFC_DATE = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d\d)(?::(\d\d))?"
    r"\s+([+-])(\d\d)(\d\d)\s*(?:\(.*\))?$"
)


_ZONES: dict[tuple[str, timedelta], timezone] = {}


def _quick_date(text: str) -> datetime | None:
    """The usual RFC 5322 date (``Mon, 2 Jan 2023 08:00:00 +0100``) without the stdlib."""
    match = _RFC_DATE.match(text.strip())
    month = _MONTHS.get(match.group(2).lower()) if match else None
    if match is None or month is None:
        return None
    day, _, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
    try:
        zone = _ZONES.get((sign, offset)) or timezone(-offset if sign == "-" else offset)
        _ZONES[(sign, offset)] = zone
        moment = datetime(int(year), month, int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    return moment.replace(tzinfo=zone)


def _date(value: str, fallback: str = "") -> datetime | None:
    quick = _quick_date(value) if value else None
    if quick is not None:
        return quick
    for text in (value, fallback):
        if not text:
            continue
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return None


def _message(
    block: str, separator: str, line: int | None, number: int, path: str
) -> MailMessage | RecordProblem:
    headers = _headers(block)
    if not headers:
        return RecordProblem(path, line, number, "no From, To or Date header; skipped")
    senders = _addresses(headers.get("from", ""))
    if not senders:
        return RecordProblem(path, line, number, "no readable sender (From); skipped")
    from_line = separator.split(None, 2)[2] if len(separator.split(None, 2)) > 2 else ""
    sent = _date(headers.get("date", ""), from_line)
    if sent is None:
        return RecordProblem(path, line, number, "no readable date (Date); skipped")
    ident = _ANGLE.search(headers.get("message-id", ""))
    message_id = ident.group(1) if ident else ""
    if not message_id:
        digest = hashlib.sha1(block.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        message_id = f"{digest}@no-message-id"
    reply = _ANGLE.search(headers.get("in-reply-to", ""))
    return MailMessage(
        message_id=message_id,
        in_reply_to=reply.group(1) if reply else "",
        sender=senders[0],
        to=_addresses(headers.get("to", "")),
        cc=_addresses(headers.get("cc", "")),
        sent=sent,
        line=line,
        number=number,
    )


def read_mbox(data: bytes, *, path: str = "input") -> Iterator[MailMessage | RecordProblem]:
    """The messages of an mbox file (headers only), and the problems met, in file order.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file does not begin like an mbox (a ``From `` line, then headers).
    """
    starts = [m.start() for m in _SEPARATOR.finditer(data)]
    head = data[:200].lstrip(b"\r\n")
    if not starts or data[: starts[0]].strip() or not head.startswith(b"From "):
        raise ImportFormatError(
            "not an mbox file (it should begin with a 'From ' line followed by headers).",
            path=path,
            line=1,
            hint="For a single message saved as .eml, import it (or its folder) the same "
            "way; it is recognised by its headers.",
        )
    line, previous = 1, 0
    for number, start in enumerate(starts, start=1):
        line += data.count(b"\n", previous, start)
        previous = start
        end = starts[number] if number < len(starts) else len(data)
        first_break = data.index(b"\n", start, end) + 1
        separator = _text(data[start:first_break]).strip()
        blank = _BLANK.search(data, first_break, end)
        block = data[first_break : blank.start() if blank else end]
        yield _message(_text(block), separator, line, number, path)


def read_eml(data: bytes, *, path: str = "input", number: int = 1) -> MailMessage | RecordProblem:
    """The headers of one message saved as a file (.eml); a problem if it has none."""
    blank = _BLANK.search(data)
    block = _text(data[: blank.start() if blank else len(data)])
    separator = ""
    if block.startswith("From "):  # a message saved with its mbox separator
        separator, _, block = block.partition("\n")
    return _message(block, separator.strip(), 1, number, path)
