"""What a hand-written edit form was drawn from, and the refusal of a stale save.

An edit form carries two hidden fields: ``version``, the stored version of the record it
was filled in from (``v3``), and ``drawn``, what the form showed then (its fields as plain
text, in JSON). The save names that version to the store (:func:`checking`), which writes
with ``UPDATE ... WHERE version = :expected``; when someone else saved the record in the
meantime the store refuses, and the page answers 409 with the form again: the text the
person typed is kept, and a plain message beside the form says what the other person
changed (:func:`stale_message`), comparing what the form showed with what is stored now.
The form then carries the version now stored, so saving again is a deliberate choice to
put one's own text over theirs.

Examples
--------
>>> changes({"Name": "Budget", "Status": "active"}, {"Name": "Budget 2027", "Status": "active"})
['Name is now “Budget 2027” (it was “Budget”)']
>>> stale_message("campaign", [])
'Someone else saved this campaign since you opened it. Your text is kept below: \
save again to put it in place of theirs, or reload the page to start from what is stored now.'
>>> sent_version({"version": "v3"}), sent_version({"version": "x"}), sent_version({})
(3, None, None)
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from allies.bootstrap import expect_version, watch_versions

__all__ = ["Drawn", "changes", "checking", "drawn_from", "hidden", "sent_version", "stale_message"]

#: The hidden fields' names.
VERSION = "version"
DRAWN = "drawn"

#: What a form showed: a label for each thing it shows, and that thing as plain text.
Drawn = Mapping[str, str]


def hidden(version: int | None, shown: Drawn) -> dict[str, str]:
    """The hidden fields of an edit form drawn from ``version`` showing ``shown``."""
    if version is None:
        return {}
    return {VERSION: f"v{version}", DRAWN: json.dumps(dict(shown), ensure_ascii=False)}


def sent_version(values: Mapping[str, str]) -> int | None:
    """The version a submitted form says it was drawn from (``None`` when it says none)."""
    sent = values.get(VERSION, "").strip().removeprefix("v")
    return int(sent) if sent.isdigit() and len(sent) <= 12 else None


def drawn_from(values: Mapping[str, str]) -> dict[str, str]:
    """What a submitted form says it showed (empty when it says nothing readable)."""
    try:
        found = json.loads(values.get(DRAWN, "") or "{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}


def _quoted(text: str) -> str:
    return f"“{text}”" if text.strip() else "empty"


def changes(before: Drawn, now: Drawn) -> list[str]:
    """What differs between what a form showed and what is stored now, in plain words."""
    said: list[str] = []
    for label in dict.fromkeys([*before, *now]):
        old, new = before.get(label), now.get(label)
        if old == new:
            continue
        if old is None:
            said.append(f"{label} was added: {_quoted(new or '')}")
        elif new is None:
            said.append(f"{label} {_quoted(old)} was removed")
        else:
            said.append(f"{label} is now {_quoted(new)} (it was {_quoted(old)})")
    return said


def stale_message(noun: str, changed: list[str], *, typed: bool = True) -> str:
    """The message beside a form whose save was refused because ``noun`` had changed
    (``typed``: whether the form holds text to keep, or only a choice of buttons)."""
    what = (
        f"Someone else changed this {noun} since you opened it: {'; '.join(changed)}."
        if changed
        else f"Someone else saved this {noun} since you opened it."
    )
    if not typed:
        return f"{what} Nothing was changed: choose again if you still want yours."
    return (
        f"{what} Your text is kept below: save again to put it in place of theirs, or "
        "reload the page to start from what is stored now."
    )


@contextmanager
def checking(kind: str, record_id: int, values: Mapping[str, str]) -> Iterator[Any]:
    """Save inside this block with the version the form was drawn from required of the
    record (a form that names none is not checked)."""
    with watch_versions() as watch:
        version = sent_version(values)
        if version is not None:
            expect_version(kind, record_id, version)
        yield watch
