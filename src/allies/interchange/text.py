"""Small text helpers the readers share: decoding bytes, tidying names and addresses."""

from __future__ import annotations

import codecs
import re
import unicodedata

from allies.errors import ImportFormatError

__all__ = [
    "EMAIL",
    "LOCAL_EMAIL",
    "clean_email",
    "clean_name",
    "decode_as",
    "decode_bytes",
    "decode_line",
    "excerpt",
    "name_from_email",
    "person_name",
    "refuse_unreadable",
    "split_lines",
    "text_codec",
    "without_nul",
]

#: A plausible e-mail address (one @, a dot in the domain, no spaces).
EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\].]+(?:\.[^@\s<>(),;:\"\[\].]+)+$")
#: An address at a single-label domain (``guest@localhost``), which mail on one machine
#: or one intranet carries: accepted from mail headers only, never from an address book.
LOCAL_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")

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


def clean_email(address: str, *, single_label: bool = False) -> str:
    """The address lower-cased without spaces and ``mailto:``; empty if it is not one.

    Parameters
    ----------
    address : str
        As the file writes it.
    single_label : bool
        Accept a domain without a dot (``guest@localhost``), as mail within one machine
        or intranet is addressed; address books and calendars never mean one.

    >>> clean_email(" MAILTO:Ann@Example.ORG ")
    'ann@example.org'
    >>> clean_email("not an address"), clean_email("guest@localhost")
    ('', '')
    >>> clean_email("Guest@LocalHost", single_label=True)
    'guest@localhost'
    """
    text = address.strip().strip("<>\"'")
    if not text.isprintable() or " " in text:
        text = "".join(text.split()).strip("<>\"'")
    if text[:7].lower() == "mailto:":
        text = text[7:]
    text = text.lower()
    if EMAIL.match(text) or (single_label and LOCAL_EMAIL.match(text)):
        return text
    return ""


def name_from_email(address: str) -> str:
    """A readable name guessed from an address's local part.

    >>> name_from_email("maria.lopez@acme.example")
    'Maria Lopez'
    """
    local = address.split("@", 1)[0]
    words = [w for w in re.split(r"[._+\-]+", local) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or address


#: Longest piece of a file quoted in a message (after escaping).
EXCERPT = 60
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "a program"),
)
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v", "\x1a"}


def excerpt(text: str | bytes, limit: int = EXCERPT) -> str:
    """A short, escaped, quoted piece of ``text`` for a message: never raw bytes or 3 KB.

    Control characters and undecodable bytes are written as escapes, so the message stays
    one readable line whatever the file holds.

    >>> print(excerpt("BEGIN:VEVENT\\x00 and much more after that", limit=16))
    'BEGIN:VEVENT\\x00 …'
    """
    if isinstance(text, bytes):
        text = text[: limit * 4].decode("utf-8", errors="backslashreplace")
    pieces: list[str] = []
    size = 0
    for ch in text:
        piece = ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
        if size + len(piece) > limit:
            break
        pieces.append(piece)
        size += len(piece)
    more = " …" if len(pieces) < len(text) else ""
    return "'" + "".join(pieces).replace("'", "\\'") + more + "'"


def binary_kind(data: bytes) -> str | None:
    """What a file is when it is not text (``"a PDF document"`` ...), else None.

    Text is told by its characters, decoded as :func:`decode_bytes` does: a file whose
    first 64 KB are more than a tenth control, unassigned or private-use characters
    (NUL, bell, escape ...) is binary. A few NUL characters in a damaged text file do
    not make it binary.
    """
    head = data[:65536]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    text, _ = _decode_bytes(head)
    if len(head) < len(data):
        text = text[:-2]  # the cut may have split a character
    odd = sum(1 for ch in text if ch not in _TEXT_CONTROLS and _odd(ch))
    return "binary data" if odd * 10 > len(text) else None


def _odd(ch: str) -> bool:
    """A character no text file means: a control, unassigned, private or a replacement."""
    if " " <= ch <= "~":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in {"Cc", "Cn", "Co", "Cs"}


def refuse_unreadable(data: bytes, *, path: str, what: str) -> None:
    """Refuse an empty or binary file before any reader sees it, the same way for all.

    Parameters
    ----------
    data : bytes
        The whole file.
    path : str
        How to name it in the error.
    what : str
        What it should have been (``"a vCard file"``), for the hint.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file is empty (or blank), or is not text at all.
    """
    body = data
    for bom, _ in _BOMS:
        if body.startswith(bom):
            body = body[len(bom) :]
            break
    if not body.strip(b" \t\r\n\x00"):
        raise ImportFormatError(
            "the file is empty.",
            path=path,
            hint=f"Choose the file again: it should be {what}.",
        )
    kind = binary_kind(data)
    if kind is not None:
        raise ImportFormatError(
            f"this is not a text file (it looks like {kind}; it begins {excerpt(data, 24)}).",
            path=path,
            hint=f"Choose the file again: it should be {what}.",
        )
