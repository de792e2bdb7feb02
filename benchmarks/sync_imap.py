"""The first IMAP sync of a large folder, and a second one with nothing new, against a
plain ``imaplib`` fetch of the same headers from the same server.

Run from the project root::

    python benchmarks/sync_imap.py [--messages 50000]

It starts a real Dovecot on a free port (``tests/servers/dovecot.py``), writes the
generated mailbox (``tests/servers/mailgen.py``: real-world header quirks, replies,
newsletters, broadcasts, unreadable messages) straight into its Maildir, lets Dovecot
index it once (a ``SELECT`` and a ``UID SEARCH``), then measures:

- **imaplib** (the peer): log in, select the folder read-only and ``UID FETCH`` the same
  ``BODY.PEEK[HEADER.FIELDS (FROM TO CC DATE MESSAGE-ID IN-REPLY-TO)]`` in batches of the
  same size, parsing nothing and storing nothing: the least any client must do;
- **allies, first sync**: ``allies.services.sync.run.sync_account`` into a fresh SQLite
  workspace: the same fetch, then the headers parsed by the mail importer, the people,
  monthly touch-points and ties written, one transaction a batch with its resume point;
  the target is at least 2,000 messages a second;
- **allies, nothing new**: the same sync again (one ``SELECT``: UIDNEXT and HIGHESTMODSEQ
  unchanged); the target is under 1 second.

It prints a Markdown section (``## IMAP sync``); ratio = peer time / allies time.
"""

from __future__ import annotations

import argparse
import imaplib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

FIRST_TARGET = 2000.0  # messages a second
AGAIN_TARGET = 1.0  # seconds


def _best(task: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    """Measure and print the section."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=50_000)
    count = parser.parse_args().messages

    from tests.servers.dovecot import PASSWORD, running_dovecot
    from tests.servers.mailgen import ME, mailbox

    from allies.config import Settings, sqlite_url
    from allies.services.network.people import add_person
    from allies.services.sync.accounts import NewAccount, add_account
    from allies.services.sync.imap import BATCH_SIZE, HEADER_FIELDS
    from allies.services.sync.run import sync_account

    with running_dovecot() as dovecot, tempfile.TemporaryDirectory() as folder:
        user = dovecot.new_user()
        dovecot.deliver(user, mailbox(count))

        def imaplib_fetch() -> None:
            client = imaplib.IMAP4("127.0.0.1", dovecot.port)
            client.login(user, PASSWORD)
            client.select("INBOX", readonly=True)
            _, found = client.uid("SEARCH", "UID 1:*")
            uids = found[0].split()
            fields = HEADER_FIELDS.decode()
            for start in range(0, len(uids), BATCH_SIZE):
                chunk = uids[start : start + BATCH_SIZE]
                client.uid("FETCH", f"{int(chunk[0])}:{int(chunk[-1])}", f"({fields})")
            client.logout()

        imaplib_fetch()  # Dovecot indexes the folder and caches the headers once
        peer = _best(imaplib_fetch, 3)

        runs: list[float] = []
        again: list[float] = []
        for attempt in range(2):
            from allies.bootstrap import sync_context

            settings = Settings(
                database_url=sqlite_url(Path(folder) / f"bench-{attempt}.sqlite3"),
                secret_key="the-benchmark-secret-key-0123456789abcdef",
            )
            ctx = sync_context(settings)
            add_person(ctx.factory(), "Ana Ruiz", is_me=True, emails=ME)
            account = NewAccount("bench", "imap", dovecot.url, user, PASSWORD, me=(ME,))
            add_account(ctx, account)
            start = time.perf_counter()
            summary = sync_account(ctx, "bench")
            runs.append(time.perf_counter() - start)
            again.append(_best(lambda ctx=ctx: sync_account(ctx, "bench"), 5))
        first = min(runs)
        nothing = min(again)

    rate = count / first
    peer_rate = count / peer
    print("## IMAP sync\n")
    print(
        f"A folder of {count:,} generated messages in a local Dovecot "
        f"({summary.read:,} readable; batches of {BATCH_SIZE:,}); best of "
        f"{len(runs)} first syncs into fresh SQLite workspaces, best of 5 second syncs.\n"
    )
    print("| what | seconds | messages/s | ratio (peer / allies) |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| imaplib: fetch the same headers only (peer) | {peer:.2f} | {peer_rate:,.0f} | |")
    print(f"| allies: first sync (fetch, parse, store) | {first:.2f} | {rate:,.0f} | "
          f"{peer / first:.2f} |")  # fmt: skip
    print(f"| allies: second sync, nothing new | {nothing:.3f} | | |")
    print()
    print(f"Last summary: {summary.summary()}\n")
    verdict_first = "meets" if rate >= FIRST_TARGET else "MISSES"
    verdict_again = "meets" if nothing < AGAIN_TARGET else "MISSES"
    print(
        f"The first sync {verdict_first} the target of {FIRST_TARGET:,.0f} messages a second; "
        f"the second {verdict_again} the target of under {AGAIN_TARGET:.0f} second.\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
