"""Sending a digest: by e-mail over SMTP (``smtplib``) and through Apprise.

E-mail: one ``multipart/alternative`` message (plain text and HTML, RFC 2046) to every
recipient, over STARTTLS (RFC 3207), TLS from the start (RFC 8314) or, for a local
relay only, nothing; SMTP AUTH (RFC 4954) when a user is set. Apprise: one notification
to the URL kept in the keyring (ntfy, Matrix, Slack, Teams, Telegram and the rest of
Apprise's channels), in Markdown.

Each returns nothing when the digest went and raises :class:`SendFailed` with a reason
in plain words (never a password or a URL's token) when it did not.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from allies.domain.reminders import ReminderSettings
from allies.services.reminders.digest import Digest

__all__ = ["SMTP_TIMEOUT", "SendFailed", "deliver", "send_apprise", "send_email"]

SMTP_TIMEOUT = 30


class SendFailed(Exception):
    """A digest did not go; the message says why, in plain words, without secrets."""


def email_message(settings: ReminderSettings, digest: Digest) -> EmailMessage:
    """The digest as one e-mail to every recipient."""
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = settings.smtp_from or settings.smtp_user or f"allies@{settings.smtp_host}"
    message["To"] = ", ".join(settings.email_to)
    message["Message-ID"] = make_msgid(domain="allies.invalid")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies
    message.set_content(digest.text())
    message.add_alternative(digest.html(), subtype="html")
    return message


def send_email(settings: ReminderSettings, password: str, digest: Digest) -> None:
    """Send the digest by e-mail.

    Raises
    ------
    SendFailed
        When the server cannot be reached, refuses the login or the message.
    """
    deliver(settings, password, email_message(settings, digest), "the digest")


def deliver(
    settings: ReminderSettings, password: str, message: EmailMessage, what: str = "the message"
) -> None:
    """Send one e-mail through the mail server of ``settings`` (the digest's, or a
    survey's link to one person).

    Raises
    ------
    SendFailed
        When the server cannot be reached, refuses the login or the message.
    """
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    context = ssl.create_default_context()
    try:
        if settings.smtp_security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT, context=context
            )
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=context)
            if settings.smtp_user:
                client.login(settings.smtp_user, password)
            client.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise SendFailed(
            f"The mail server {where} refused the login of {settings.smtp_user!r}."
        ) from None
    except smtplib.SMTPException as error:
        raise SendFailed(f"The mail server {where} refused {what}: {error}.") from None
    except (OSError, ssl.SSLError) as error:
        raise SendFailed(f"The mail server {where} could not be reached: {error}.") from None


def apprise_kind(url: str) -> str:
    """The kind of an Apprise URL (its scheme), safe to show and store.

    >>> apprise_kind("ntfys://token@ntfy.sh/topic")
    'ntfys'
    """
    return url.split("://", 1)[0].lower() if "://" in url else ""


def send_apprise(url: str, digest: Digest) -> None:
    """Send the digest through Apprise.

    Raises
    ------
    SendFailed
        When Apprise does not know the URL or the channel refused the notification.
    """
    import apprise

    kind = apprise_kind(url)
    notifier = apprise.Apprise()
    if not notifier.add(url):
        raise SendFailed(f"Apprise does not understand the {kind or 'given'} URL.")
    with apprise.LogCapture(level=logging.WARNING) as captured:
        sent = notifier.notify(
            title=digest.subject, body=digest.markdown(), body_format=apprise.NotifyFormat.MARKDOWN
        )
    if not sent:
        said = captured.getvalue().strip().splitlines()
        reason = said[-1] if said else "no reason given"
        raise SendFailed(f"The {kind} channel refused the digest ({reason}).")
