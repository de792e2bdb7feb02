"""vCard 2.1, 3.0 and 4.0 (RFC 2425/2426, RFC 6350): read address books, write 4.0.

The reader takes what phones, mail programs and address books really write: one or many
cards per file, folded lines, quoted-printable values with soft line breaks (vCard 2.1),
``CHARSET`` parameters and files that are not UTF-8, bare ``TYPE`` parameters
(``TEL;CELL;PREF``), grouped properties (``item1.EMAIL``), embedded photos (kept as a
thumbnail), and lower-case or otherwise sloppy property names. Birthdays, anniversaries,
postal addresses, URLs and custom ``X-`` properties are kept too
(:mod:`~allies.interchange.vcard_details`). A card it cannot use is reported as a
:class:`~allies.interchange.records.RecordProblem` with its line and record number;
the other cards are still read.

Examples
--------
>>> data = (b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Ann Lee\\r\\nEMAIL:ann@acme.test\\r\\n"
...         b"END:VCARD\\r\\n")
>>> [(c.name, c.emails) for c in read_vcards(data)]
[('Ann Lee', ['ann@acme.test'])]
>>> b"FN:Ann Lee" in write_vcards([ContactRecord("Ann Lee")])
True
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from allies.errors import ImportFormatError
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.text import (
    clean_email,
    clean_name,
    decode_as,
    decode_bytes,
    decode_line,
    name_from_email,
    text_codec,
    without_nul,
)
from allies.interchange.vcard_details import extra_lines, read_extras

__all__ = ["count_vcards", "read_vcards", "write_vcards"]

_CHARSET = re.compile(rb";\s*CHARSET=\"?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_BEGIN = re.compile(rb"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD", re.IGNORECASE | re.MULTILINE)
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
#: Groups address books put every contact in; they say nothing about the person.
_SYSTEM_GROUPS = {"my contacts", "mycontacts", "* mycontacts", "starred in android", "contacts"}
_ENDS = {"b", "B", "e", "E"}
_EXTRA = ("level", "tier", "interests", "agenda", "values", "offers", "trades")


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int


@dataclass
class _Card:
    line: int
    number: int
    properties: list[_Property] = field(default_factory=list)
    fallback: bool = False


def _physical_lines(data: bytes) -> Iterator[bytes]:
    """The file's lines, one at a time (a large file is never split into a list)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data.count(b"\x00") > len(data) // 4:
        text, _ = decode_bytes(data)
        data = text.encode("utf-8")
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    end = b"\r" if b"\n" not in data and b"\r" in data else b"\n"
    while True:
        stop = data.find(end, start)
        line = data[start:] if stop < 0 else data[start:stop]
        yield line[:-1] if end == b"\n" and line.endswith(b"\r") else line
        if stop < 0:
            return
        start = stop + 1


def count_vcards(data: bytes) -> int:
    """About how many cards ``data`` holds (its ``BEGIN:VCARD`` lines), to tell progress.

    >>> count_vcards(b"BEGIN:VCARD\\r\\nEND:VCARD\\r\\nbegin:vcard\\nEND:VCARD\\n")
    2
    """
    return sum(1 for _ in _BEGIN.finditer(data))


def _split_unquoted(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside double quotes."""
    if '"' not in text:  # the usual case, at C speed
        return text.split(sep)
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _colon(text: str) -> int:
    if '"' not in text:
        return text.find(":")
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i
    return -1


def _parse_property(text: str, line: int) -> _Property | None:
    at = _colon(text)
    if at <= 0:
        return None
    head, value = text[:at], text[at + 1 :]
    if ";" not in head:  # no parameters (the usual case): the name alone
        name = head.strip().upper()
        name = name.rsplit(".", 1)[1] if "." in name else name
        return _Property(name, {}, value, line) if name else None
    parts = _split_unquoted(head, ";")
    name = parts[0].strip().upper()
    if "." in name:
        name = name.rsplit(".", 1)[1]
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, eq, raw = part.partition("=")
        if not eq:  # vCard 2.1: bare values are types (TEL;CELL) or encodings
            key, raw = _bare_param(key.strip())
        values = [v.strip().strip('"') for v in _split_unquoted(raw, ",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return _Property(name, params, value, line)


def _bare_param(word: str) -> tuple[str, str]:
    upper = word.upper()
    if upper in {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}:
        return "ENCODING", upper
    return "TYPE", word


def _encoding(head: str) -> str:
    if ";" not in head:  # no parameters: no encoding (the usual case)
        return ""
    upper = head.upper()
    if "QUOTED-PRINTABLE" in upper:
        return "qp"
    if re.search(r"(ENCODING=(B|BASE64)\b|;BASE64\b)", upper):
        return "b64"
    return ""


def _logical_lines(lines: Iterable[bytes]) -> Iterator[tuple[int, str, bool]]:
    """Unfolded lines as ``(first line number, text, whether a fallback decoding was needed)``."""
    current: list[str] = []
    start, fallback, encoding = 0, False, ""
    for number, raw in enumerate(lines, start=1):
        try:  # the usual case, as decode_line would: valid UTF-8, its CHARSET not needed
            text, used = without_nul(raw.decode("utf-8")), False
        except UnicodeDecodeError:
            match = _CHARSET.search(raw)
            text, used = decode_line(raw, match.group(1).decode("ascii") if match else None)
        if current and text[:1] in (" ", "\t"):
            current.append(text[1:])
            fallback |= used
            continue
        if current and encoding == "qp" and current[-1].endswith("="):
            current[-1] = current[-1][:-1]
            current.append(text)
            fallback |= used
            continue
        if current and encoding == "b64" and text and _BASE64_LINE.match(text.strip()):
            current.append(text.strip())
            continue
        if current:
            yield start, "".join(current), fallback
            current = []
        if not text.strip():
            continue
        start, fallback, current = number, used, [text]
        at = _colon(text)
        encoding = _encoding(text[: at if at >= 0 else len(text)])
    if current:
        yield start, "".join(current), fallback


def _cards(lines: Iterable[bytes], path: str) -> Iterator[_Card | RecordProblem]:
    card: _Card | None = None
    depth, number, stray = 0, 0, None
    seen_begin = False
    for line, text, fallback in _logical_lines(lines):
        # only a line whose first letter is a B or an E can be BEGIN:VCARD or END:VCARD
        word = text.strip().upper().replace(" ", "") if text.lstrip()[:1] in _ENDS else ""
        if word == "BEGIN:VCARD":
            seen_begin = True
            if card is not None:
                depth += 1
                continue
            if stray is not None:
                yield stray
                stray = None
            number += 1
            card = _Card(line, number)
            continue
        if word == "END:VCARD":
            if depth:
                depth -= 1
            elif card is not None:
                yield card
                card = None
            else:
                yield RecordProblem(path, line, None, "END:VCARD without a BEGIN:VCARD; ignored")
            continue
        if card is None:
            if stray is None:
                stray = RecordProblem(
                    path, line, None, "text outside any BEGIN:VCARD … END:VCARD; ignored"
                )
            continue
        if depth:
            continue
        card.fallback |= fallback
        prop = _parse_property(text, line)
        if prop is None:
            yield RecordProblem(
                path, line, card.number, f"not a vCard property (no name before ':'): {text[:40]!r}"
            )
            continue
        card.properties.append(prop)
    if not seen_begin:
        raise ImportFormatError(
            "no vCard in this file (no BEGIN:VCARD line).",
            path=path,
            hint="Export your address book as vCard (.vcf) and import that file.",
        )
    if stray is not None:
        yield stray
    if card is not None:
        yield RecordProblem(
            path, card.line, card.number, "the file ends inside this card (no END:VCARD); skipped"
        )


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return re.sub(
        r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text, flags=re.DOTALL
    )


def _split_escaped(text: str, sep: str) -> list[str]:
    if "\\" not in text:
        return text.split(sep)
    return [_unescape(p) for p in re.split(rf"(?<!\\){re.escape(sep)}", text)]


def _decoded(prop: _Property) -> tuple[str | None, str]:
    """The property's text with its transfer encoding undone (None for binary data), and
    what went wrong when the charset it declares could not be used ('' when none did)."""
    if "ENCODING" not in prop.params:  # the usual case: the value as it is
        return prop.value, ""
    encoding = " ".join(prop.params["ENCODING"]).upper()
    charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
    raw: bytes | None = None
    if "QUOTED-PRINTABLE" in encoding:
        raw = quopri.decodestring(prop.value.encode("utf-8", errors="replace"))
    elif encoding in {"B", "BASE64"}:
        if prop.name in _BINARY:
            return None, ""
        try:
            raw = base64.b64decode(prop.value, validate=False)
        except (binascii.Error, ValueError):
            return "", ""
    if raw is None:
        return prop.value, ""
    text = decode_as(raw, charset)
    if text is not None:
        return text, ""
    named = f"{charset[:30]!r}"
    why = "is not valid" if text_codec(charset) else "is not a character set we know"
    text = without_nul(raw.decode("latin-1"))
    return text, f"{prop.name}: its CHARSET {named} {why}; read as Latin-1"


def _record(card: _Card, path: str) -> Iterator[ContactRecord | RecordProblem]:
    fields: dict[str, str] = {}
    emails: list[str] = []
    phones: list[str] = []
    tags: list[str] = []
    notes: list[str] = []
    texts: dict[int, str | None] = {}
    for prop in card.properties:
        value, trouble = _decoded(prop)
        texts[id(prop)] = value
        if trouble:
            yield RecordProblem(path, prop.line, card.number, trouble, warning=True)
        if value is None:
            continue
        name = prop.name
        if name == "EMAIL":
            address = clean_email(_unescape(value))
            if address:
                emails.append(address)
            elif value.strip():
                yield RecordProblem(
                    path,
                    prop.line,
                    card.number,
                    f"{value.strip()[:60]!r} is not an e-mail address; left out",
                    warning=True,
                )
        elif name == "TEL":
            phone = _unescape(value).strip()
            phones.append(phone[4:] if phone.lower().startswith("tel:") else phone)
        elif name == "CATEGORIES":
            tags += [t.strip() for t in _split_escaped(value, ",") if t.strip()]
        elif name == "NOTE":
            notes.append(_unescape(value).strip())
        elif name in {"FN", "TITLE", "ROLE", "UID"} or name.startswith("X-ALLIES-"):
            fields.setdefault(name, _unescape(value).strip())
        elif name in {"N", "ORG"}:
            fields.setdefault(name, value)
    name = clean_name(fields.get("FN", ""))
    if not name and "N" in fields:
        family, given, middle = ([*_split_escaped(fields["N"], ";"), "", ""])[:3]
        name = clean_name(" ".join((given, middle, family)).replace(",", " "))
    if not name and emails:
        name = name_from_email(emails[0])
    if not name:
        yield RecordProblem(
            path,
            card.line,
            card.number,
            "the card has neither a name nor an e-mail address; skipped",
        )
        return
    if card.fallback:
        yield RecordProblem(
            path, card.line, card.number, "not UTF-8; read as Latin-1", warning=True
        )
    org = [part.strip() for part in _split_escaped(fields.get("ORG", ""), ";")]
    record = ContactRecord(
        name=name,
        emails=list(dict.fromkeys(emails)),
        phones=list(dict.fromkeys(p for p in phones if p)),
        organisation=org[0] if org else "",
        unit=org[1] if len(org) > 1 else "",
        title=fields.get("TITLE") or fields.get("ROLE", ""),
        tags=[t for t in dict.fromkeys(tags) if t.casefold() not in _SYSTEM_GROUPS],
        notes="\n".join(n for n in notes if n),
        key=fields.get("UID", ""),
        line=card.line,
        number=card.number,
    )
    for key in _EXTRA:
        setattr(record, key, fields.get(f"X-ALLIES-{key.upper()}", ""))
    record.extras = read_extras(card.properties, texts)
    yield record


def read_vcards(data: bytes, *, path: str = "input") -> Iterator[ContactRecord | RecordProblem]:
    """The contacts of a vCard file, and the problems met, in file order.

    Parameters
    ----------
    data : bytes
        The file's bytes (any encoding the file declares or implies).
    path : str
        How to name the file in problems.

    Yields
    ------
    ContactRecord or RecordProblem

    Raises
    ------
    allies.errors.ImportFormatError
        When the file holds no vCard at all.
    """
    for item in _cards(_physical_lines(data), path):
        if isinstance(item, RecordProblem):
            yield item
        else:
            yield from _record(item, path)


# -- writing ---------------------------------------------------------------------------


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 sequence."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def _card_lines(contact: ContactRecord) -> Iterator[str]:
    yield "BEGIN:VCARD"
    yield "VERSION:4.0"
    if contact.key:
        yield f"UID:{contact.key}"
    yield f"FN:{_escape(contact.name)}"
    words = contact.name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (contact.name, "")
    yield f"N:{_escape(family)};{_escape(given)};;;"
    for i, email in enumerate(contact.emails):
        yield f"EMAIL;PREF={i + 1}:{email}" if i == 0 else f"EMAIL:{email}"
    for phone in contact.phones:
        yield f"TEL;VALUE=text:{_escape(phone)}"
    if contact.organisation or contact.unit:
        unit = f";{_escape(contact.unit)}" if contact.unit else ""
        yield f"ORG:{_escape(contact.organisation)}{unit}"
    if contact.title:
        yield f"TITLE:{_escape(contact.title)}"
    if contact.tags:
        yield "CATEGORIES:" + ",".join(_escape(t) for t in contact.tags)
    if contact.notes:
        yield f"NOTE:{_escape(contact.notes)}"
    for key in _EXTRA:
        value = getattr(contact, key)
        if value:
            yield f"X-ALLIES-{key.upper()}:{_escape(value)}"
    yield from extra_lines(contact.extras)
    yield "END:VCARD"


def write_vcards(contacts: Iterable[ContactRecord]) -> bytes:
    """The contacts as a vCard 4.0 file (UTF-8, CRLF line ends, lines folded at 75 octets).

    What ``allies`` knows beyond vCard's properties (level, tier, interests, agenda, values,
    offers, trades) goes into ``X-ALLIES-*`` properties, which :func:`read_vcards` reads
    back.
    """
    lines = [_fold(line) for contact in contacts for line in _card_lines(contact)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8") if lines else b""
