"""Changes made in allies written back to a CardDAV address book (opt-in per account).

A person synced from a card is compared with the card as last read: a new name, title
or organisation, and e-mails and phones the card lacks, are written into the card, which
keeps every other property as it was (a photo, a birthday, fields allies does not know).
Nothing is ever removed from a card. The card is sent with ``If-Match`` and the etag it
had when read (RFC 7232 §3.1), so a card changed on the server since the last sync is
never overwritten: the server answers ``412 Precondition Failed``, and the conflict is
listed on the summary; the sync then brings the server's card in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from allies.domain.dav import DavObject
from allies.errors import ImportFormatError
from allies.interchange.records import ContactRecord
from allies.interchange.vcard import read_vcards
from allies.services.network.matching import normalise_organisation
from allies.services.sync.dav_client import CONTACTS, WriteRefused
from allies.services.sync.dav_run import DavRun
from allies.services.sync.summary import SyncSummary

__all__ = ["CardFields", "patch_card", "push_changes"]


@dataclass(frozen=True)
class CardFields:
    """What allies writes into a card: the values to set, and the e-mails and phones to
    add."""

    name: str = ""
    title: str = ""
    organisation: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether there is nothing to write."""
        return not (self.name or self.title or self.organisation or self.emails or self.phones)


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _card(text: str) -> ContactRecord | None:
    try:
        found = [r for r in read_vcards(text.encode("utf-8")) if isinstance(r, ContactRecord)]
    except ImportFormatError:  # a card that cannot be read is not written back
        return None
    return found[0] if found else None


def changes_for(
    card: ContactRecord,
    name: str,
    title: str,
    organisation: str,
    emails: list[str],
    phones: list[str],
) -> CardFields:
    """What differs between the person (as given) and the card as last read."""
    have = {_digits(p) for p in card.phones}
    return CardFields(
        name=name if name and name != card.name else "",
        title=title if title and title != card.title else "",
        organisation=organisation
        if organisation
        and normalise_organisation(organisation) != normalise_organisation(card.organisation)
        else "",
        emails=tuple(e for e in emails if e not in card.emails),
        phones=tuple(p for p in phones if _digits(p) and _digits(p) not in have),
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _unfolded(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    return lines


def _name_of(line: str) -> str:
    head = re.split(r"[;:]", line, maxsplit=1)[0]
    return head.rsplit(".", 1)[-1].strip().upper()


def patch_card(text: str, fields: CardFields) -> str:
    """The card ``text`` with ``fields`` written in (CRLF line ends, lines unfolded).

    >>> card = "BEGIN:VCARD\\nVERSION:3.0\\nFN:Ann Lee\\nTITLE:Deputy\\nEND:VCARD"
    >>> patch_card(card, CardFields(title="Director", emails=("ann@x.test",))).split("\\r\\n")
    ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Lee', 'TITLE:Director', 'EMAIL:ann@x.test', \
'END:VCARD', '']
    """
    replaced = {
        "FN": bool(fields.name),
        "N": bool(fields.name),
        "TITLE": bool(fields.title),
        "ORG": bool(fields.organisation),
    }
    kept = [line for line in _unfolded(text) if not replaced.get(_name_of(line), False)]
    added: list[str] = []
    if fields.name:
        words = fields.name.split()
        family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (fields.name, "")
        added += [f"FN:{_escape(fields.name)}", f"N:{_escape(family)};{_escape(given)};;;"]
    if fields.title:
        added.append(f"TITLE:{_escape(fields.title)}")
    if fields.organisation:
        added.append(f"ORG:{_escape(fields.organisation)}")
    added += [f"EMAIL:{e}" for e in fields.emails]
    added += [f"TEL:{_escape(p)}" for p in fields.phones]
    end = max(
        (i for i, line in enumerate(kept) if line.strip().upper() == "END:VCARD"), default=len(kept)
    )
    return "\r\n".join([*kept[:end], *added, *kept[end:]]) + "\r\n"


def push_changes(run: DavRun, url: str, summary: SyncSummary) -> None:
    """Write the changes made in allies into the address book at ``url`` (see the
    module); conflicts and refusals go on ``summary``."""
    pending: list[tuple[DavObject, str, CardFields]] = []
    with run.factory(run.workspace, run.actor) as uow:
        state = uow.dav_state.collection(run.account.name, url, CONTACTS)
        organisations = {o.id: o.name for o in uow.organisations.list()}
        for item in uow.dav_state.objects(state.id or 0).values():
            person = uow.people.find(item.record_ids[0]) if item.record_ids else None
            card = _card(item.data) if person is not None else None
            if person is None or card is None:
                continue
            fields = changes_for(
                card,
                person.name,
                person.title,
                organisations.get(person.organisation_id, ""),
                person.emails,
                person.phones,
            )
            if not fields.empty:
                pending.append((item, person.name, fields))
        uow.commit()
    for item, name, fields in pending:
        text = patch_card(item.data, fields)
        try:
            etag = run.session.put(item.href, CONTACTS, text, item.etag)
        except WriteRefused as refused:
            if refused.changed_on_server:
                summary.conflicts.append(
                    f"{name}: the card changed on the server since the last sync; it was left "
                    f"as it is there, and the server's card is brought in ({item.href})."
                )
            else:
                summary.problems.append(f"{item.href}: the server refused the change ({refused}).")
            continue
        with run.factory(run.workspace, run.actor) as uow:
            kept = DavObject(item.href, etag, item.uid, item.record_ids, text)
            uow.dav_state.put_object(state.id or 0, kept)
            uow.commit()
        summary.changed["cards written back"] += 1
