"""What the morning digest says: the day's agenda, most important first, each line with
its reason and two signed links (done, snooze to tomorrow).

The same digest is written three ways: plain text and HTML for e-mail (one
``multipart/alternative`` message, RFC 2046), Markdown for Apprise's channels.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from allies.services.agenda.today import AgendaItem, agenda
from allies.services.ports import UnitOfWork
from allies.services.reminders.links import SignedLine, sign_link

__all__ = ["Digest", "DigestLine", "build_digest"]

#: At most this many lines go in one digest; the rest are counted.
MAX_LINES = 30


@dataclass(frozen=True)
class DigestLine:
    """One line: the agenda item and its two links (empty when it cannot be handled)."""

    item: AgendaItem
    done_url: str = ""
    snooze_url: str = ""

    @property
    def title(self) -> str:
        """Who and what, in one phrase."""
        item = self.item
        return f"{item.who}: {item.what}" if item.who else item.what


@dataclass(frozen=True)
class Digest:
    """A day's digest of one workspace."""

    workspace: str
    day: date
    lines: list[DigestLine]
    more: int = 0
    today_url: str = ""

    @property
    def subject(self) -> str:
        """The subject of the e-mail, the title of a notification."""
        count = len(self.lines) + self.more
        things = "1 thing" if count == 1 else f"{count} things"
        return f"allies: {things} for {self.day:%a %d %b}" + (
            f" ({self.workspace})" if self.workspace != "default" else ""
        )

    def text(self) -> str:
        """The plain-text body."""
        out = [f"Your agenda for {self.day:%A %d %B %Y}, most important first.", ""]
        for number, line in enumerate(self.lines, 1):
            out.append(f"{number}. {line.title}")
            out.append(f"   Why: {line.item.why}")
            if line.done_url:
                out.append(f"   Done: {line.done_url}")
                out.append(f"   Snooze to tomorrow: {line.snooze_url}")
            out.append("")
        if self.more:
            out.append(f"... and {self.more} more on the Today page.")
        if self.today_url:
            out.append(f"Today: {self.today_url}")
        return "\n".join(out).rstrip() + "\n"

    def html(self) -> str:
        """The HTML body (no script, no remote image)."""
        e = html.escape
        items = []
        for line in self.lines:
            links = (
                f' <a href="{e(line.done_url)}">Done</a> · '
                f'<a href="{e(line.snooze_url)}">Snooze to tomorrow</a>'
                if line.done_url
                else ""
            )
            items.append(
                f"<li><strong>{e(line.title)}</strong><br>"
                f"<small>{e(line.item.why)}</small><br>{links}</li>"
            )
        more = f"<p>… and {self.more} more on the Today page.</p>" if self.more else ""
        today = f'<p><a href="{e(self.today_url)}">Open Today</a></p>' if self.today_url else ""
        return (
            f"<html><body><p>Your agenda for {self.day:%A %d %B %Y}, most important "
            f"first.</p><ol>{''.join(items)}</ol>{more}{today}</body></html>"
        )

    def markdown(self) -> str:
        """The Markdown body, for Apprise's channels."""
        out = []
        for number, line in enumerate(self.lines, 1):
            links = (
                f" — [done]({line.done_url}) · [snooze]({line.snooze_url})" if line.done_url else ""
            )
            out.append(f"{number}. **{line.title}** ({line.item.why}){links}")
        if self.more:
            out.append(f"… and {self.more} more on the Today page.")
        return "\n".join(out)


def build_digest(uow: UnitOfWork, day: date, *, link_key: str, link_base: str) -> Digest:
    """The digest of ``day``: the agenda's lines not handled yet (as the unit of work's
    actor sees them), with links signed for them."""
    items = agenda(uow, today=day).items
    base = link_base.rstrip("/")
    member = uow.actor.username if uow.actor is not None else ""
    lines: list[DigestLine] = []
    for item in items[:MAX_LINES]:
        if not item.key:
            lines.append(DigestLine(item))
            continue
        done = sign_link(link_key, SignedLine(uow.workspace, item.key, "done", member))
        snooze = sign_link(link_key, SignedLine(uow.workspace, item.key, "snooze", member))
        lines.append(
            DigestLine(item, f"{base}/reminders/act/{done}", f"{base}/reminders/act/{snooze}")
        )
    return Digest(uow.workspace, day, lines, max(0, len(items) - MAX_LINES), f"{base}/today")
