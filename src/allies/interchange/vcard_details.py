"""The details of a vCard beyond name and ways to reach someone (RFC 6350, RFC 2426).

Birthdays (``BDAY``) and anniversaries (``ANNIVERSARY``, and the ``X-ANNIVERSARY`` and
``X-MS-ANNIVERSARY`` older programs write), postal addresses (``ADR``, §6.3.1), web
addresses (``URL``), the photo (``PHOTO``: vCard 3.0's ``ENCODING=b`` base64 or 4.0's
``data:`` URL, made a small JPEG thumbnail) and custom ``X-`` properties are read into
:class:`CardExtras` and written back by :func:`extra_lines`.

Examples
--------
>>> extras = CardExtras(birthday="--03-15", urls=["https://a.example"])
>>> list(extra_lines(extras))
['BDAY:--0315', 'URL:https://a.example']
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from allies.domain.cards import MAX_PHOTO_CHARS, PostalAddress, parse_card_date

__all__ = ["CardExtras", "extra_lines", "read_extras", "thumbnail"]

#: The side of the square a photo is shrunk to fit.
THUMBNAIL_PIXELS = 128
_ANNIVERSARIES = {"ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY"}
_CUSTOM = re.compile(r"^X-[A-Z0-9-]{1,60}$")
#: Custom properties that are bookkeeping of other programs, not facts about the person.
_NOISE = {"X-ALLIES-", "X-ABUID", "X-ABLABEL", "X-ABSHOWAS", "X-PHONETIC-"}
_DATA_URL = re.compile(r"^data:image/([a-z]+);base64,(.*)$", re.IGNORECASE | re.DOTALL)


class _Prop(Protocol):
    name: str
    params: dict[str, list[str]]
    value: str


@dataclass
class CardExtras:
    """What a card says beyond name, e-mails, phones, organisation, title and notes."""

    birthday: str = ""
    anniversary: str = ""
    addresses: list[PostalAddress] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    photo: str = ""
    custom: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether the card said none of these."""
        return not (
            self.birthday
            or self.anniversary
            or self.addresses
            or self.urls
            or self.photo
            or self.custom
        )


def _unescape(text: str) -> str:
    if "\\" not in text:  # nothing escaped (the usual case)
        return text
    return re.sub(
        r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text, flags=re.DOTALL
    )


def _components(text: str) -> list[str]:
    if "\\" not in text:
        return [p.strip() for p in text.split(";")]
    return [_unescape(p).strip() for p in re.split(r"(?<!\\);", text)]


def thumbnail(data: bytes) -> str:
    """A photo as a small JPEG ``data:`` URL (at most 128 pixels a side), or ``""`` when
    the bytes are not an image Pillow can read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "JPEG" or max(image.size) > THUMBNAIL_PIXELS:
                image.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
                out = io.BytesIO()
                image.convert("RGB").save(out, format="JPEG", quality=80)
                data = out.getvalue()
            # else: a small JPEG already (a thumbnail of ours): kept as it is
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return ""
    url = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
    return url if len(url) <= MAX_PHOTO_CHARS else ""


def _photo(prop: _Prop) -> str:
    value = prop.value.strip()
    match = _DATA_URL.match(value)
    raw = match.group(2) if match else value
    if not match and "://" in value[:12]:
        return ""  # a link to a photo elsewhere: not fetched
    try:
        data = base64.b64decode(re.sub(r"\s+", "", raw), validate=False)
    except (binascii.Error, ValueError):
        return ""
    return thumbnail(data) if data else ""


def _custom_name(name: str) -> str:
    upper = name.upper()
    if not _CUSTOM.match(upper) or any(upper.startswith(n) for n in _NOISE):
        return ""
    return upper


def read_extras(properties: Iterable[_Prop], texts: Mapping[int, str | None]) -> CardExtras:
    """The details among a card's properties.

    Parameters
    ----------
    properties
        The card's properties (name upper-case, group removed, parameters, raw value).
    texts
        Each property's value with its transfer encoding undone, by ``id(property)``
        (``None`` for binary data).

    Returns
    -------
    CardExtras
    """
    extras = CardExtras()
    for prop in properties:
        name, text = prop.name, texts.get(id(prop))
        if name == "PHOTO":
            extras.photo = extras.photo or _photo(prop)
        elif text is None:
            continue
        elif name == "BDAY":
            extras.birthday = extras.birthday or parse_card_date(_unescape(text))
        elif name in _ANNIVERSARIES:
            extras.anniversary = extras.anniversary or parse_card_date(_unescape(text))
        elif name == "ADR":
            parts = [*_components(text), "", "", "", "", "", "", ""][:7]
            kinds = [k.lower() for k in prop.params.get("TYPE", []) if k.lower() != "pref"]
            address = PostalAddress(
                pobox=parts[0],
                extended=parts[1],
                street=parts[2],
                locality=parts[3],
                region=parts[4],
                code=parts[5],
                country=parts[6],
                kind=kinds[0] if kinds else "",
            )
            if address.one_line():
                extras.addresses.append(address)
        elif name == "URL":
            url = _unescape(text).strip()
            if url and url not in extras.urls:
                extras.urls.append(url)
        elif name[:2] == "X-" and (key := _custom_name(name)):
            value = _unescape(text).strip()
            if value:
                known = extras.custom.get(key)
                extras.custom[key] = f"{known}\n{value}" if known else value
    return extras


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _date(value: str) -> str:
    """``YYYY-MM-DD`` or ``--MM-DD`` in vCard's basic format (RFC 6350 §4.3.1)."""
    if value.startswith("--"):
        return "--" + value[2:].replace("-", "")
    return value.replace("-", "")


def extra_lines(extras: CardExtras) -> Iterator[str]:
    """The vCard 4.0 content lines (unfolded) of ``extras``."""
    if extras.birthday:
        yield f"BDAY:{_date(extras.birthday)}"
    if extras.anniversary:
        yield f"ANNIVERSARY:{_date(extras.anniversary)}"
    for a in extras.addresses:
        kind = f";TYPE={a.kind}" if re.fullmatch(r"[a-z-]{1,20}", a.kind) else ""
        parts = (a.pobox, a.extended, a.street, a.locality, a.region, a.code, a.country)
        yield f"ADR{kind}:" + ";".join(_escape(p) for p in parts)
    for url in extras.urls:
        yield f"URL:{url}"
    if extras.photo:
        yield f"PHOTO:{extras.photo}"
    for key, value in sorted(extras.custom.items()):
        yield f"{key}:{_escape(value)}"
