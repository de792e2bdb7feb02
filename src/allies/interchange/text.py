"""Small text helpers the readers share: decoding bytes, tidying names and addresses."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "EMAIL",
    "clean_email",
    "clean_name",
    "decode_bytes",
    "decode_line",
    "name_from_email",
    "person_name",
    "split_lines",
]

#: A plausible e-mail address (one @, a dot in the domain, no spaces).
EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\].]+(?:\.[^@\s<>(),;:\"\[\].]+)+$")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Unicode categories dropped from names: symbols (emoji), format and private-use marks.
_DROPPED = {"So", "Sk", "Cf", "Co", "Cs", "Cn"}


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode a whole file: by its byte-order mark, else UTF-8, else Windows-1252.

    Returns
    -------
    text : str
        The decoded text.
    fallback : str or None
        The encoding used when the file was not valid UTF-8 (for a warning), else None.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), None
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if len(data) >= 2 and data.count(b"\x00") > len(data) // 4:
        guess = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(guess), None
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace"), "Windows-1252"


def decode_line(raw: bytes, charset: str | None = None) -> tuple[str, bool]:
    """Decode one line: UTF-8 if it is valid, else ``charset``, else Latin-1.

    Returns the text and whether a fallback was needed.
    """
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            return raw.decode(charset), True
        except (LookupError, UnicodeDecodeError):
            pass
    return raw.decode("latin-1"), True


def split_lines(text: str) -> list[str]:
    """Split on CRLF, LF or a lone CR (the three line ends files in the wild use)."""
    return re.split(r"\r\n|\n|\r", text)


def clean_name(name: str) -> str:
    """A name without emoji, control characters and stray spaces.

    >>> clean_name("  Ana   María 🚀 ")
    'Ana María'
    """
    if name.isascii() and name.isprintable():
        return " ".join(name.split())
    kept = "".join(
        " " if unicodedata.category(ch) in {"Zs", "Cc", "Zl", "Zp"} else ch
        for ch in unicodedata.normalize("NFC", name)
        if unicodedata.category(ch) not in _DROPPED
    )
    return " ".join(kept.split())


def person_name(name: str) -> str:
    """A display name in reading order: ``"Lopez, Maria"`` becomes ``"Maria Lopez"``.

    Mail and calendar programs often write ``Family, Given``; only a name with one comma
    and a word or two on each side is turned round.

    >>> person_name("Haddad, Noor"), person_name("Acme, Inc. Sales Team")
    ('Noor Haddad', 'Acme, Inc. Sales Team')
    """
    cleaned = clean_name(name)
    if cleaned.count(",") != 1 or any(ch.isdigit() for ch in cleaned):
        return cleaned
    family, given = (part.strip() for part in cleaned.split(","))
    if given and family and len(given.split()) <= 2 and len(family.split()) <= 2:
        return f"{given} {family}"
    return cleaned


def clean_email(address: str) -> str:
    """The address lower-cased without spaces and ``mailto:``; empty if it is not one.

    >>> clean_email(" MAILTO:Ann@Example.ORG ")
    'ann@example.org'
    >>> clean_email("not an address")
    ''
    """
    text = address.strip().strip("<>\"'")
    if not text.isprintable() or " " in text:
        text = "".join(text.split()).strip("<>\"'")
    if text[:7].lower() == "mailto:":
        text = text[7:]
    text = text.lower()
    return text if EMAIL.match(text) else ""


def name_from_email(address: str) -> str:
    """A readable name guessed from an address's local part.

    >>> name_from_email("maria.lopez@acme.example")
    'Maria Lopez'
    """
    local = address.split("@", 1)[0]
    words = [w for w in re.split(r"[._+\-]+", local) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or address
