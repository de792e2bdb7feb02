"""Small text helpers the readers share: decoding bytes, tidying names and addresses."""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = [
    "EMAIL",
    "clean_email",
    "clean_name",
    "decode_as",
    "decode_bytes",
    "decode_line",
    "name_from_email",
    "person_name",
    "split_lines",
    "text_codec",
    "without_nul",
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


def without_nul(text: str) -> str:
    """The text without NUL characters, which no PostgreSQL text column can hold and no
    address book, calendar or spreadsheet means (they come from damaged files).

    >>> without_nul("Ann\\x00 Lee")
    'Ann Lee'
    """
    return text.replace("\x00", "") if "\x00" in text else text


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode a whole file: by its byte-order mark, else UTF-8, else Windows-1252.

    NUL characters are dropped (see :func:`without_nul`).

    Returns
    -------
    text : str
        The decoded text.
    fallback : str or None
        The encoding used when the file was not valid UTF-8 (for a warning), else None.
    """
    text, fallback = _decode_bytes(data)
    return without_nul(text), fallback


def _decode_bytes(data: bytes) -> tuple[str, str | None]:
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


def text_codec(charset: str | None) -> str | None:
    """The Python codec for a character set a file names, or None when there is none.

    The name comes from the file, so anything may be there: an unknown name, a name with
    a NUL byte in it, or a codec that is not a text encoding (``base64``, ``rot13``).

    Parameters
    ----------
    charset : str or None
        The name as the file gives it.

    Returns
    -------
    str or None
        Python's name of the codec, or None when there is no text encoding by that name.

    >>> text_codec("ISO-8859-1"), text_codec("U\\x00TF-8"), text_codec("base64")
    ('iso8859-1', None, None)
    """
    name = (charset or "").strip()
    if not name or not name.isascii() or not name.isprintable():
        return None
    try:
        codec = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    return codec.name if getattr(codec, "_is_text_encoding", True) else None


def decode_as(raw: bytes, charset: str | None) -> str | None:
    """Decode ``raw`` with the character set a file declares, or None when that fails.

    Fails (None, never an exception) when :func:`text_codec` knows no such text encoding,
    when the codec refuses the bytes, even with a bare ``UnicodeError`` (``punycode``,
    ``undefined``), or when it decodes to text no database can hold (a lone surrogate,
    which ``UTF-7`` can make). The caller falls back and says so.

    Parameters
    ----------
    raw : bytes
        The bytes to decode.
    charset : str or None
        The character set the file names for them.

    Returns
    -------
    str or None
        The text, or None when the character set cannot be used for these bytes.

    >>> decode_as(b"caf\\xe9", "ISO-8859-1"), decode_as(b"x", "U\\x00TF-8")
    ('café', None)
    >>> decode_as(b"x", "undefined"), decode_as(b"+2D0-", "utf-7"), decode_as(b"x", None)
    (None, None, None)

    NUL characters are dropped from the text (see :func:`without_nul`).
    """
    codec = text_codec(charset)
    if codec is None:
        return None
    try:
        text = raw.decode(codec)
        text.encode("utf-8")
    except (LookupError, UnicodeError, ValueError):
        return None
    return without_nul(text)


def decode_line(raw: bytes, charset: str | None = None) -> tuple[str, bool]:
    """Decode one line: UTF-8 if it is valid, else ``charset``, else Latin-1.

    Returns the text (without NUL characters) and whether a fallback was needed. A
    ``charset`` that is unknown or does not fit the bytes is passed over (see
    :func:`decode_as`).
    """
    try:
        return without_nul(raw.decode("utf-8")), False
    except UnicodeDecodeError:
        pass
    text = decode_as(raw, charset)
    if text is not None:
        return text, True
    return without_nul(raw.decode("latin-1")), True


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
