"""Text without case or accents, the way people type names they have only heard.

One definition for every place a typed name is compared with a stored one: the person
fields of the forms, the People search and the palette (which read the folded name the
store keeps beside each name), so "Etienne" and "bergstrom" find Étienne Bergström
everywhere alike.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """``text`` without case or accents.

    Parameters
    ----------
    text : str
        Any text, typically a name.

    Returns
    -------
    str
        The text case-folded, with its combining marks (accents) removed.

    Examples
    --------
    >>> fold("Étienne Bergström")
    'etienne bergstrom'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
