"""A second CalDAV sync with nothing new, of a calendar of 5,000 events, against a plain
``caldav`` client asking the same server the same question.

Run from the project root::

    python benchmarks/sync_dav.py [--events 5000]

It starts a real Radicale on a free port (``tests/servers/radicale.py``), writes the
events straight into its storage folder (seeded: single meetings over the last year with
twenty people), then:

- **first sync** (informative; after a first listing lets Radicale read and cache the
  files, which takes it a while and is not ours to time):
  ``allies.services.sync.calendar.sync_calendars`` into a fresh SQLite workspace, every
  event fetched and turned into interactions;
- **allies, nothing new**: the same sync again, which asks the server what changed since
  its sync-token (RFC 6578), finds nothing and stores nothing; the target is under 1 s;
- **caldav REPORT**: the ``caldav`` library's ``get_objects_by_sync_token`` with the same
  token, the least a client must do to learn that nothing changed (the peer);
- **caldav full REPORT**: ``Calendar.search(event=True)``, what a client without
  sync-tokens does (every event fetched and parsed).

It prints a Markdown section (``## CalDAV sync``); ratio = peer time / allies time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

TODAY = date(2026, 6, 15)
TARGET = 1.0


def _best(task: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    """Measure and print the section."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    count = parser.parse_args().events

    import caldav
    from tests.integration.services.sync.dav_setup import ME, big_calendar
    from tests.servers.radicale import running_radicale

    from allies.domain.sync import AccountKind, SyncAccount
    from allies.services.network.people import add_person
    from allies.services.sync.calendar import sync_calendars
    from allies.services.sync.credentials import Credentials
    from allies.services.sync.dav import dav_run
    from allies.services.sync.dav_client import DavSession
    from allies.store import open_store

    with tempfile.TemporaryDirectory(prefix="bench-dav-") as folder, running_radicale() as server:
        url = server.make_collection("big", "calendar")
        storage = server.root / "collections" / "collection-root" / server.user / "big"
        for name, data in big_calendar(count, TODAY):
            (storage / name).write_bytes(data)
        store = open_store(f"sqlite:///{folder}/bench.db")
        add_person(store(), "Ana Ruiz", is_me=True, emails=ME)
        account = SyncAccount("bench", AccountKind.CALDAV, url, server.user)
        login = Credentials(server.user, server.password)

        def sync() -> object:
            return sync_calendars(dav_run(store, account, login, today=TODAY))

        start = time.perf_counter()  # Radicale reads and caches the files it was given
        warm_up = DavSession("warm-up", url, server.user, server.password, timeout=3600)
        warm_up.changes(url, None, None)
        warm = time.perf_counter() - start
        start = time.perf_counter()
        first = sync()
        first_time = time.perf_counter() - start
        again = _best(sync)
        with store() as uow:
            token = uow.dav_state.collection("bench", url, "calendar").sync_token
            meetings = uow.interactions.count()
        client = caldav.DAVClient(url=url, username=server.user, password=server.password)
        calendar = client.calendar(url=url)
        peer = _best(lambda: list(calendar.get_objects_by_sync_token(sync_token=token)))
        full = _best(lambda: list(calendar.search(event=True)), repeats=2)
        store.dispose()
    verdict = "meets" if again < TARGET else "misses"
    print("## CalDAV sync (5,000-event calendar, nothing new)\n")
    print(
        f"A Radicale calendar of {count:,} events (Radicale took {warm:.0f} s to read the "
        f"files it was given, before any timing); the first sync brought in {meetings:,} "
        f"interactions in {first_time:.1f} s ({first.summary()}).\n"  # type: ignore[attr-defined]
    )
    print("| task | seconds | ratio (peer / allies) |")
    print("| --- | ---: | ---: |")
    print(f"| allies second sync, nothing new | {again:.3f} | 1.0 |")
    print(f"| caldav sync-token REPORT, same token | {peer:.3f} | {peer / again:.2f} |")
    print(f"| caldav full REPORT (every event) | {full:.3f} | {full / again:.2f} |")
    print(f"\nTarget: a second sync under {TARGET:.0f} s; this run {verdict} it.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
