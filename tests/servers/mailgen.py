"""Generated mailboxes with the header quirks real mail has, for the sync tests.

:func:`mailbox` makes ``count`` messages between "me" and a few dozen correspondents,
deterministically from ``seed``, one every twenty minutes or so (50,000 of them span
about two years). Among them, in a fixed rhythm:

- encoded words (``=?UTF-8?B?...?=``, ``=?ISO-8859-1?Q?...?=``), raw 8-bit Latin-1 names,
  quoted names with commas, ``addr (Name)`` comments, folded ``To`` lines;
- messages without a Message-ID, a group address (``Team: a@x, b@y;``), an obsolete
  two-digit year;
- replies (``In-Reply-To`` the message they answer);
- newsletters from senders never written to, and broadcasts to 20 people;
- a message with no ``Date`` and one with no ``From`` (both reported as unreadable).

Every body holds :data:`BODY_MARK`, which must never reach the database.
"""

from __future__ import annotations

import base64
import random
from datetime import UTC, datetime, timedelta

__all__ = ["BODY_MARK", "ME", "PEOPLE", "mailbox", "message"]

ME = "ana@example.org"
BODY_MARK = "BODY-TEXT-NEVER-STORED"
PEOPLE = [
    ("Bo Chen", "bo@acme.test"),
    ("Zoë Ødegård", "zoe@nordic.test"),
    ("Ruiz, Ana María", "amr@gob.test"),
    ("François Dupré", "francois@paris.test"),
    ("Kim Lee", "kim@kim.test"),
    ("Dr. Ola Nwosu", "ola@health.test"),
] + [(f"Person {i}", f"p{i}@corp{i % 7}.test") for i in range(40)]
START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def _encoded(name: str) -> str:
    return f"=?UTF-8?B?{base64.b64encode(name.encode()).decode()}?="


def _mailbox(name: str, email: str, style: int) -> str:
    if style == 0:
        return f"{_encoded(name)} <{email}>"
    if style == 1 and "," in name:
        return f'"{name}" <{email}>'
    if style == 2:
        return f"{email} ({name})"
    if style == 3:
        return email
    return f'"{name}" <{email}>' if any(c in name for c in ",.") else f"{name} <{email}>"


def message(
    number: int,
    *,
    sender: str,
    to: list[str],
    sent: datetime | None,
    message_id: str | None,
    reply_to: str = "",
    cc: list[str] | None = None,
    extra: str = "",
) -> bytes:
    """One message as bytes (CRLF lines), with its body holding :data:`BODY_MARK`."""
    lines = [f"From: {sender}"] if sender else []
    lines.append("To: " + ",\r\n\t".join(to))
    if cc:
        lines.append("Cc: " + ", ".join(cc))
    if sent is not None:
        lines.append("Date: " + sent.strftime("%a, %d %b %Y %H:%M:%S +0000"))
    if message_id:
        lines.append(f"Message-ID: <{message_id}>")
    if reply_to:
        lines.append(f"In-Reply-To: <{reply_to}>")
    lines.append(f"Subject: message {number}")
    if extra:
        lines.append(extra)
    head = "\r\n".join(lines).encode("utf-8")
    body = f"\r\n\r\nHello,\r\n{BODY_MARK} {number}\r\n".encode()
    return head + body


def mailbox(count: int, *, seed: int = 7, start: int = 0) -> list[bytes]:
    """``count`` messages numbered from ``start`` (see the module for what is in them)."""
    rng = random.Random(seed * 1_000_003 + start)
    out: list[bytes] = []
    previous: dict[str, str] = {}
    for number in range(start, start + count):
        name, email = PEOPLE[rng.randrange(len(PEOPLE))]
        style = number % 5
        sent = START + timedelta(minutes=number * 20 + rng.randrange(20))
        ident = f"m{number}.{seed}@gen.test"
        kind = number % 50
        if kind == 7:  # a newsletter from someone never written to
            raw = message(
                number,
                sender=f"News <news{number % 3}@letters.test>",
                to=[ME],
                sent=sent,
                message_id=ident,
            )
        elif kind == 13:  # a broadcast to twenty people
            crowd = [e for _, e in PEOPLE[6:26]]
            raw = message(number, sender=ME, to=crowd, sent=sent, message_id=ident)
        elif kind == 21:  # no Message-ID: a digest of the headers stands in
            raw = message(
                number, sender=ME, to=[_mailbox(name, email, style)], sent=sent, message_id=None
            )
        elif kind == 29:  # a group of addresses, and an obsolete two-digit year
            raw = message(
                number, sender=ME, to=[f"Team: {email}, bo@acme.test;"], sent=sent, message_id=ident
            )
            raw = raw.replace(sent.strftime("%Y").encode(), sent.strftime("%y").encode(), 1)
        elif kind == 33:  # raw 8-bit Latin-1 in a display name
            raw = message(number, sender=ME, to=[f"{name} <{email}>"], sent=sent, message_id=ident)
            raw = raw.replace(name.encode("utf-8"), name.encode("latin-1", "replace"))
        elif kind == 41:  # an encoded word in Q encoding
            q = "=?ISO-8859-1?Q?Fran=E7ois_Dupr=E9?="
            raw = message(
                number, sender=f"{q} <francois@paris.test>", to=[ME], sent=sent, message_id=ident
            )
        elif kind == 47 and number % 100 == 47:  # no Date at all: unreadable
            raw = message(number, sender=ME, to=[email], sent=None, message_id=ident)
        elif kind == 49 and number % 100 == 49:  # no From at all: unreadable
            raw = message(number, sender="", to=[ME], sent=sent, message_id=ident)
        elif number % 2 == 0:  # from me
            cc = [_mailbox(*PEOPLE[(number + 1) % len(PEOPLE)], 4)] if number % 6 == 0 else None
            raw = message(
                number,
                sender=f"Ana Ruiz <{ME}>",
                to=[_mailbox(name, email, style)],
                sent=sent,
                message_id=ident,
                cc=cc,
            )
            previous[email] = ident
        else:  # to me, often a reply
            raw = message(
                number,
                sender=_mailbox(name, email, style),
                to=[f"Ana <{ME}>"],
                sent=sent,
                message_id=ident,
                reply_to=previous.get(email, ""),
            )
        out.append(raw)
    return out
