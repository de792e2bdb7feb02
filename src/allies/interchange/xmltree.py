"""A small, safe XML reader for graph files: elements with their line numbers.

Built on :mod:`xml.parsers.expat` with entity declarations refused (no "billion laughs",
no external entities), namespaces dropped from names (``{ns}node`` → ``node``), and each
element's line recorded so that problems can name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from allies.errors import ImportFormatError
from allies.interchange.text import excerpt

__all__ = ["Element", "parse_xml"]


@dataclass
class Element:
    """An XML element: local name, attributes (local names too), text, children, line."""

    tag: str
    attrib: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def find_all(self, tag: str) -> Iterator[Element]:
        """The direct children called ``tag``."""
        return (child for child in self.children if child.tag == tag)

    def find(self, tag: str) -> Element | None:
        """The first direct child called ``tag``."""
        return next(self.find_all(tag), None)

    def iter(self, tag: str) -> Iterator[Element]:
        """Every descendant called ``tag``, in document order."""
        pending = list(reversed(self.children))
        while pending:
            element = pending.pop()
            if element.tag == tag:
                yield element
            pending.extend(reversed(element.children))

    def all_text(self) -> str:
        """The text of the element and its descendants, joined in document order."""
        parts, pending = [], [self]
        while pending:
            element = pending.pop()
            parts.append(element.text)
            pending.extend(reversed(element.children))
        return "".join(parts)


class _Forbidden(Exception):
    pass


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def parse_xml(data: bytes, *, path: str = "input") -> Element:
    """Parse ``data`` into an :class:`Element` tree.

    Raises
    ------
    allies.errors.ImportFormatError
        When the data is not well-formed XML, or declares entities.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[Element] = []
    root: list[Element] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        element = Element(
            _local(name),
            {_local(k): v for k, v in attributes.items()},
            parser.CurrentLineNumber,
        )
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text += data

    def forbid(*args: object) -> None:
        raise _Forbidden

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = forbid
    parser.UnparsedEntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise ImportFormatError(
            f"not well-formed XML ({expat.errors.messages.get(error.code, error)}).",
            path=path,
            line=error.lineno,
            hint="Export the graph again, or open the file in a text editor to fix it.",
        ) from None
    except _Forbidden:
        raise ImportFormatError(
            "the file declares XML entities, which are not accepted.",
            path=path,
            line=parser.CurrentLineNumber,
        ) from None
    except RecursionError:
        raise ImportFormatError("the XML is nested too deeply.", path=path) from None
    except (LookupError, ValueError, UnicodeError) as error:  # an unknown declared encoding
        raise ImportFormatError(
            f"unreadable XML ({excerpt(str(error), 100)}).", path=path
        ) from None
    if not root:
        raise ImportFormatError("the file holds no XML element.", path=path)
    return root[0]
