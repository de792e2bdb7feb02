"""Mail headers as evidence: monthly touch-points with each correspondent, ties, replies.

Only messages from or to me count. Each month in which mail went between me and someone
becomes one ``message`` interaction with them (dated on the month's last message, started
by whoever wrote first that month), whose notes keep the month's counts in words. Who
writes to whom becomes *works with* ties whose weight grows with the number of messages
(``1 - exp(-n / 10)``); the note of the tie from A to B counts A's messages to B and B's
replies to them (``E-mail: 12 messages, 5 replies back.``): between me and each
correspondent always, and between two other people once this import holds at least
:data:`MIN_PAIR_MESSAGES` messages from one to the other (a lone copy says little). People
I never wrote to are not added from mail (newsletters, notifications); messages to more
than :data:`MAX_RECIPIENTS` people are broadcasts and left out.

Every person, summary and tie the mail adds to or makes notes where it came from
(:mod:`allies.domain.provenance`): for each person on it, the addresses they came by and
the file and Message-ID of each message counted, so that splitting a merge gives each
record to the right person. Those record sources are also the memory of which messages
were counted: an import reads the Message-IDs of every summary's sources back at its
start (one query, whatever file they came from), so a message imported twice, from the
same mbox or another, is recognised and skipped. Summaries written before kept the
Message-IDs in their notes (``Message-IDs: <a> <b>``); they are read too, and moved into
record sources when the month next changes, leaving the notes to the counts (notes are
bounded, a busy month's Message-IDs are not).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from allies.domain import Interaction, InteractionKind, Person, Tie, TieKind, TieOrigin
from allies.domain.provenance import LONGEST, origin_key, parse_origin
from allies.interchange.mail import Address, MailMessage
from allies.interchange.records import RecordProblem
from allies.services.network.provenance import identifiers_of
from allies.services.transfer.import_calendar import my_addresses
from allies.services.transfer.import_people import PeopleWriter
from allies.services.transfer.import_report import ProblemLog, Progress, ReplyPattern

__all__ = ["MAX_RECIPIENTS", "MIN_PAIR_MESSAGES", "apply_mail"]

MAX_RECIPIENTS = 15
MIN_PAIR_MESSAGES = 3
#: How many record sources wait before they are written (what a large mailbox holds).
_NOTES = 20_000
_MONTH = re.compile(
    r"^E-mail in (\d{4}-\d\d): \d+ messages? \((\d+) from you, (\d+) from them\)\.$", re.M
)
_IDS = re.compile(r"^Message-IDs: (.*)$", re.M)
_TALLY = re.compile(r"^E-mail: (\d+) messages?, (\d+) repl(?:y|ies) back\.", re.M)
#: The item of a message in a record source begins so (see :func:`_item`).
_MESSAGE = "message <"
#: Where the Message-IDs an older import kept in a summary's notes came from.
_EARLIER = "an earlier mail import"


@dataclass
class _Month:
    """The mail between me and one person in one month."""

    first_from_me: bool
    last: date
    first: datetime | None = None
    from_me: int = 0
    from_them: int = 0
    stored: Interaction | None = None
    #: The Message-IDs a summary written before kept in its notes.
    noted: list[str] = field(default_factory=list)
    addresses: set[str] = field(default_factory=set)  # the person's, that the mail came by
    fresh: list[str] = field(default_factory=list)  # the Message-IDs this import counted


def _month_of(day: date) -> date:
    return day.replace(day=1)


def _month_note(first: date, month: _Month, before: str = "") -> str:
    """The month's counts in words; in ``before`` (the stored notes), they replace the
    old counts and an old list of Message-IDs, leaving what else the notes say."""
    total = month.from_me + month.from_them
    plural = "s" if total != 1 else ""
    line = (
        f"E-mail in {first:%Y-%m}: {total} message{plural} "
        f"({month.from_me} from you, {month.from_them} from them)."
    )
    rest = _IDS.sub("", _MONTH.sub("", before, count=1)).strip("\n")
    return f"{line}\n{rest}" if rest else line


def _stored_months(
    interactions: list[Interaction],
) -> tuple[dict[tuple[int, date], _Month], set[str]]:
    """The stored monthly summaries by (person, month), and the items (:func:`_item`) of
    the messages older summaries list in their notes."""
    months: dict[tuple[int, date], _Month] = {}
    seen: set[str] = set()
    for interaction in interactions:
        found = _MONTH.search(interaction.notes)
        if interaction.kind is not InteractionKind.MESSAGE or not found:
            continue
        ids = re.findall(r"<([^<>\s]+)>", (_IDS.search(interaction.notes) or [""])[0])
        seen.update(map(_item, ids))
        key = (interaction.participant_ids[0], date.fromisoformat(found.group(1) + "-01"))
        months[key] = _Month(
            first_from_me=bool(interaction.initiated_by_me),
            last=interaction.occurred_on,
            from_me=int(found.group(2)),
            from_them=int(found.group(3)),
            stored=interaction,
            noted=ids,
        )
    return months, seen


def _counted(writer: PeopleWriter, interactions: list[Interaction]) -> set[str]:
    """The items (:func:`_item`) of the messages counted in stored summaries of mail,
    from their record sources, whichever file they came from: one query. (The sources
    of a summary since deleted name no stored one: its messages count again.)"""
    stored = {i.id for i in interactions if i.kind is InteractionKind.MESSAGE}
    counted: set[str] = set()
    for record_id, origin in writer.uow.record_sources.origins("interaction", _MESSAGE):
        found = parse_origin(origin) if record_id in stored else None
        if found is not None and found[1].startswith(_MESSAGE):
            counted.add(found[1])
    return counted


class _Tally:
    """Messages and replies between people found in this import."""

    def __init__(self) -> None:
        self.messages: Counter[tuple[int, int]] = Counter()
        self.replies: Counter[tuple[int, int]] = Counter()
        #: For each pair: the Message-IDs counted, and the addresses each person came by.
        self.ids: dict[tuple[int, int], list[str]] = {}
        self.came: dict[tuple[int, int], dict[int, set[str]]] = {}

    def count(self, author: Person, author_by: str, person: Person, by: str, message: str) -> None:
        """Count a message from ``author`` (by the address ``author_by``) to ``person``."""
        pair = (author.id or 0, person.id or 0)
        self.messages[pair] += 1
        self.ids.setdefault(pair, []).append(message)
        came = self.came.setdefault(pair, {})
        for who, address in ((author, author_by), (person, by)):
            if address:
                came.setdefault(who.id or 0, set()).add(address)


def apply_mail(
    writer: PeopleWriter,
    items: list[MailMessage | RecordProblem],
    log: ProblemLog,
    me: tuple[str, ...],
    progress: Progress,
) -> None:
    """Turn message headers into monthly touch-points and ties (see the module)."""
    report = writer.report
    messages = [m for m in items if isinstance(m, MailMessage)]
    counts: Counter[str] = Counter()
    for message in messages:
        counts.update({a.email for a in (message.sender, *message.to, *message.cc) if a})
    mine = my_addresses(writer, me, counts, len(messages))
    me_person = writer.me
    assert me_person is not None  # my_addresses refuses to go on without me
    interactions = writer.uow.interactions.list()
    months, seen = _stored_months(interactions)
    seen |= _counted(writer, interactions)
    names: dict[str, str] = {}
    for message in messages:
        for a in (message.sender, *message.to, *message.cc):
            if a is not None and a.name and a.email not in names:
                names[a.email] = a.name
    wrote_to: dict[str, str] = {}  # each address I wrote to, and the first message to it
    for m in messages:
        if m.sender and m.sender.email in mine:
            for a in (*m.to, *m.cc):
                if a.email not in mine:
                    wrote_to.setdefault(a.email, m.message_id)
    for address, first in wrote_to.items():  # everyone I wrote to first: order does not matter
        writer.item = _item(first)
        writer.resolve(address, names.get(address, ""), create=True)
    sender_of = {m.message_id: m.sender.email for m in messages if m.sender}
    tally = _Tally()
    replies: dict[int, Counter[str]] = {}
    for done, item in enumerate(items, start=1):
        if done % 2000 == 0 or done == len(items):
            progress("messages", done, len(items))
        if isinstance(item, RecordProblem):
            log(item)
            continue
        report.read += 1
        key = _item(item.message_id)
        if key in seen:
            report.unchanged["messages"] += 1
            continue
        seen.add(key)
        _one(writer, item, mine, me_person, wrote_to, sender_of, months, tally, replies)
    _write_months(writer, months)
    _write_ties(writer, tally, me_person.id or 0)
    writer.write_notes()  # what recognises these messages next time (a sync writes no more)
    writer.item = ""
    _reply_patterns(writer, replies)


def _one(
    writer: PeopleWriter,
    message: MailMessage,
    mine: set[str],
    me: Person,
    wrote_to: dict[str, str],
    sender_of: dict[str, str],
    months: dict[tuple[int, date], _Month],
    tally: _Tally,
    replies: dict[int, Counter[str]],
) -> None:
    report = writer.report
    writer.item = _item(message.message_id)  # the people it adds or merges came from it
    sender = message.sender or Address("")
    recipients = list({a.email: a for a in (*message.to, *message.cc)}.values())
    from_me = sender.email in mine
    if not from_me and not any(a.email in mine for a in recipients):
        report.skipped["messages neither from you nor to you"] += 1
        return
    if len(recipients) > MAX_RECIPIENTS:
        report.skipped[f"messages to more than {MAX_RECIPIENTS} people"] += 1
        return
    if from_me:
        by = [a.email for a in recipients if a.email not in mine]
        them = [writer.resolve(a.email, a.name, create=True) for a in recipients if a.email in by]
        author: Person | None = me
    else:
        author = writer.resolve(sender.email, sender.name, create=sender.email in wrote_to)
        by, them = [sender.email], [author]
    came_by: dict[int, set[str]] = {}
    for p, a in zip(them, by, strict=True):
        if p is not None:
            came_by.setdefault(id(p), set()).add(a)
    counterparts = [p for p in them if p is not None and p is not me]
    if not counterparts:
        report.skipped["messages from people you never wrote to"] += 1
        return
    day = message.sent.date()
    for person in counterparts:
        key = (person.id or 0, _month_of(day))
        month = months.get(key)
        if month is None:
            month = months[key] = _Month(first_from_me=from_me, last=day, first=message.sent)
        elif month.first is not None and message.sent < month.first:
            month.first, month.first_from_me = message.sent, from_me
        month.last = max(month.last, day)
        month.fresh.append(message.message_id)
        month.addresses |= came_by.get(id(person), set())
        if from_me:
            month.from_me += 1
        else:
            month.from_them += 1
    answered = sender_of.get(message.in_reply_to, "")
    addressees = {
        a.email: me if a.email in mine else writer.resolve(a.email, a.name, create=False)
        for a in recipients
    }
    counted: set[int] = set()
    for address, addressee in addressees.items():
        if addressee is None or addressee is author or author is None or id(addressee) in counted:
            continue
        counted.add(id(addressee))
        to = "" if addressee is me else address
        tally.count(author, "" if author is me else sender.email, addressee, to, message.message_id)
    if answered and author is not None:
        asked = me if answered in mine else writer.resolve(answered, "", create=False)
        if asked is not None and asked is not author:
            tally.replies[(author.id or 0, asked.id or 0)] += 1
    for person in counterparts:
        book = replies.setdefault(person.id or 0, Counter())
        if from_me:
            book["from_me"] += 1
            book["my_replies"] += int(bool(answered) and answered in person.emails)
        else:
            book["to_me"] += 1
            book["their_replies"] += int(bool(answered) and answered in mine)


def _write_months(writer: PeopleWriter, months: dict[tuple[int, date], _Month]) -> None:
    report = writer.report
    for (person_id, first), month in months.items():
        total = month.from_me + month.from_them
        summary = f"E-mail: {total} message{'s' if total != 1 else ''}"
        stored = month.stored
        found = [*identifiers_of(month.addresses), *_origins(writer, month.fresh)]
        if stored is not None:
            if not month.fresh:  # nothing new this month
                continue
            stored.notes = _month_note(first, month, stored.notes)
            stored.summary, stored.occurred_on = summary, month.last
            writer.uow.interactions.save(stored)
            # the Message-IDs its notes listed are remembered by record sources now
            earlier = [origin_key(_EARLIER, _item(i)) for i in dict.fromkeys(month.noted)]
            writer.note("interaction", stored, person_id, [*found, *earlier])
            writer.write_notes(waiting=_NOTES)
            report.updated["interactions"] += 1
            continue
        made = writer.uow.interactions.add(
            Interaction(
                occurred_on=month.last,
                participant_ids=[person_id],
                kind=InteractionKind.MESSAGE,
                initiated_by_me=month.first_from_me,
                initiator_id=None if month.first_from_me else person_id,
                summary=summary,
                notes=_month_note(first, month),
            )
        )
        writer.note("interaction", made, person_id, found)
        writer.write_notes(waiting=_NOTES)
        report.added["interactions"] += 1


def _weight(messages: int) -> float:
    return round(1 - math.exp(-messages / 10), 3)


def _write_ties(writer: PeopleWriter, tally: _Tally, me: int) -> None:
    report = writer.report
    stored: dict[tuple[int, int], Tie] = {
        (t.source_id, t.target_id): t
        for t in writer.uow.ties.list()
        if t.kind is TieKind.WORKS_WITH
    }
    for pair, count in tally.messages.items():
        replies = tally.replies.get(pair[::-1], 0)
        tie = stored.get(pair)
        if tie is None and me not in pair and count < MIN_PAIR_MESSAGES:
            report.skipped[f"pairs of others with fewer than {MIN_PAIR_MESSAGES} messages"] += 1
            continue
        if tie is not None:
            found = _TALLY.search(tie.note)
            if tie.origin is not TieOrigin.IMPORTED or not found:
                report.unchanged["ties"] += 1
                continue
            count += int(found.group(1))
            replies += int(found.group(2))
            tie.weight = max(tie.weight, _weight(count))
            tie.note = _TALLY.sub(_tally_note(count, replies), tie.note, count=1)
            writer.uow.ties.save(tie)
            _note_tie(writer, tally, pair, tie)
            report.updated["ties"] += 1
            continue
        made = writer.uow.ties.add(
            Tie(
                pair[0],
                pair[1],
                TieKind.WORKS_WITH,
                weight=_weight(count),
                confidence=0.6,
                origin=TieOrigin.IMPORTED,
                note=_tally_note(count, replies),
            )
        )
        _note_tie(writer, tally, pair, made)
        writer.write_notes(waiting=_NOTES)
        report.added["ties"] += 1


def _item(message_id: str) -> str:
    """How a message is named as an item of its file (``message <id@host>``): whole, so
    that a record source recognises it; a Message-ID too long for a record source is cut
    and ends with a digest of the whole."""
    item = f"{_MESSAGE}{message_id}>"
    if len(item) <= LONGEST // 2:
        return item
    digest = hashlib.sha1(message_id.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{_MESSAGE}{message_id[:100]}…{digest}>"


def _origins(writer: PeopleWriter, message_ids: list[str]) -> list[str]:
    """The origins of messages of the mail being imported."""
    source = writer.report.source or "mail"
    head = origin_key(source)  # the file's part, made once (a Message-ID has no spaces)
    room = LONGEST - len(head)
    return [
        head + item if len(item) <= room else origin_key(source, item)
        for item in map(_item, dict.fromkeys(message_ids))
    ]


def _note_tie(writer: PeopleWriter, tally: _Tally, pair: tuple[int, int], tie: Tie) -> None:
    """Note, for each person on a tie the tally made or grew (but me), the addresses they
    came by and the messages counted."""
    origins = _origins(writer, tally.ids.get(pair, []))
    for person_id, addresses in tally.came.get(pair, {}).items():
        writer.note("tie", tie, person_id, [*sorted(identifiers_of(addresses)), *origins])


def _tally_note(messages: int, replies: int) -> str:
    return (
        f"E-mail: {messages} message{'s' if messages != 1 else ''}, "
        f"{replies} repl{'y' if replies == 1 else 'ies'} back."
    )


def _reply_patterns(writer: PeopleWriter, books: dict[int, Counter[str]], top: int = 10) -> None:
    names = {p.id: p.name for p in writer.uow.people.list()}
    busiest = sorted(books.items(), key=lambda item: -(item[1]["from_me"] + item[1]["to_me"]))
    writer.report.replies = [
        ReplyPattern(
            person=names.get(person_id, f"#{person_id}"),
            from_me=book["from_me"],
            to_me=book["to_me"],
            my_replies=book["my_replies"],
            their_replies=book["their_replies"],
        )
        for person_id, book in busiest[:top]
    ]
