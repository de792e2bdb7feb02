"""Mail headers from real mbox files and .eml messages, including broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from allies.errors import ImportFormatError
from allies.interchange.mail import MailMessage, read_eml, read_mbox
from allies.interchange.records import RecordProblem
from tests.unit.interchange.samples import sample_files


def messages(items: list[MailMessage | RecordProblem]) -> list[MailMessage]:
    return [i for i in items if isinstance(i, MailMessage)]


@pytest.mark.parametrize("path", sample_files("mail", ".mbox", ".eml"), ids=lambda p: p.name)
def test_every_real_sample_is_read_without_a_crash(path: Path) -> None:
    data = path.read_bytes()
    items = list(read_mbox(data, path=path.name)) if path.suffix == ".mbox" else [read_eml(data)]
    for item in items:
        if isinstance(item, MailMessage):
            assert item.sender is not None and "@" in item.sender.email
            assert item.sent.tzinfo is not None


def test_mbox_separators_of_netscape_and_gmail(samples: Path) -> None:
    netscape = (samples / "mail" / "jstedfast-MimeKit__content-length.mbox").read_bytes()
    items = list(read_mbox(netscape))
    assert len(items) == 29 and len(messages(items)) == 28
    (bang_path,) = [i for i in items if isinstance(i, RecordProblem)]
    assert (bang_path.line, bang_path.record) == (11518, 7)  # From: develop!nextmime@ebony@...
    takeout = (samples / "mail" / "jstedfast-MimeKit__issue1189.mbox").read_bytes()
    found = messages(list(read_mbox(takeout)))
    assert len(found) == 4 and found[0].sender and found[0].sender.name == "Sender"


def test_an_unquoted_from_in_a_body_does_not_start_a_message(samples: Path) -> None:
    data = (samples / "mail" / "python-cpython__mailbox_01.mbox").read_bytes()
    items = list(read_mbox(data, path="m.mbox"))
    assert len(items) == 1  # "From time to time" stays in the body
    assert isinstance(items[0], RecordProblem) and "sender" in items[0].reason


def test_quirky_headers(samples: Path) -> None:
    folder = samples / "mail"
    odd = read_eml((folder / "mikel-mail__raw_email_with_at_display_name.eml").read_bytes())
    assert isinstance(odd, MailMessage)
    assert [a.email for a in odd.to] == ["smith@gmail.com", "raasdnil@gmail.com", "tom@gmail.com"]
    broken = read_eml((folder / "mikel-mail__new_line_in_to_header.eml").read_bytes())
    assert isinstance(broken, MailMessage) and len(broken.to) >= 4
    encoded = read_eml((folder / "mikel-mail__bad_subject.eml").read_bytes())
    assert isinstance(encoded, MailMessage) and encoded.sender
    assert encoded.sender.name == "MySurvey.com & Carol Adams"
    reply = read_eml((folder / "mikel-mail__raw_email_reply.eml").read_bytes())
    assert isinstance(reply, MailMessage) and reply.in_reply_to


def test_thunderbird_inbox(fixtures: Path) -> None:
    items = list(read_mbox((fixtures / "mail" / "thunderbird-inbox.mbox").read_bytes(), path="t"))
    found = messages(items)
    assert len(found) == 6
    assert [str(p) for p in items if isinstance(p, RecordProblem)] == [
        "t, line 77 (record 6): no From, To or Date header; skipped"
    ]
    first, reply = found[0], found[1]
    assert first.cc[0].name == "Maria Lopez"  # "Lopez, Maria" in reading order
    assert reply.in_reply_to == first.message_id
    assert found[3].sender and found[3].sender.name == "Jürgen Müller"  # an encoded word


def test_eml_from_apple_mail_and_outlook(fixtures: Path) -> None:
    apple, outlook = (
        read_eml(p.read_bytes(), path=p.name) for p in sorted((fixtures / "mail" / "eml").iterdir())
    )
    assert isinstance(apple, MailMessage) and isinstance(outlook, MailMessage)
    assert apple.cc[0].email == "bo.chen@acme.example"
    assert outlook.message_id.startswith("AM4PR01MB1444")  # folded onto the next line
    assert outlook.in_reply_to == apple.message_id


def test_a_message_without_an_id_gets_a_stable_one() -> None:
    data = b"From: a@x.org\nTo: b@y.org\nDate: Mon, 1 Jan 2024 09:00:00 +0000\n\nHi\n"
    first, second = read_eml(data), read_eml(data)
    assert isinstance(first, MailMessage) and isinstance(second, MailMessage)
    assert first.message_id == second.message_id and first.message_id.endswith("@no-message-id")


def test_not_an_mbox() -> None:
    with pytest.raises(ImportFormatError, match="not an mbox"):
        list(read_mbox(b"Hello there\nFrom me\n", path="x"))
