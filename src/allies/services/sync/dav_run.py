"""What one CalDAV or CardDAV sync works with, and the plan of what to fetch.

:func:`plan_work` asks the server what changed in one collection since the resume point
kept for it, and compares the etags with those seen before: an object is fetched only
when it is new or its etag changed; an object the server no longer has is *gone*; an
event with occurrences still to come whose day has arrived is read again from what was
kept of it. :meth:`Work.batches` cuts that into batches, the last one carrying the
collection's new resume point.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from allies.domain.accounts import Actor
from allies.domain.dav import DavObject
from allies.domain.sync import SyncAccount
from allies.services.ports import UnitOfWorkFactory
from allies.services.sync.dav_client import DavSession
from allies.services.transfer.import_report import Progress

__all__ = ["DavRun", "Work", "plan_work"]


@dataclass
class DavRun:
    """One sync of one account: its session, where records go, and how to report.

    Attributes
    ----------
    factory, workspace, actor
        The store, the workspace (None: the default one) and who acts (None: the local
        user).
    account : SyncAccount
        The account (its name keys the sync state).
    session : DavSession
        The login to its server.
    today : date
        The day the sync runs (meetings up to it are brought in).
    me : tuple of str
        My addresses besides those on my record (the login, when it is one, and the
        account's ``me`` option).
    progress : callable
        ``progress(stage, done, total)``.
    batch_size : int
        Objects per transaction.
    """

    factory: UnitOfWorkFactory
    workspace: str | None
    actor: Actor | None
    account: SyncAccount
    session: DavSession
    today: date
    me: tuple[str, ...]
    progress: Progress
    batch_size: int = 100


@dataclass
class Work:
    """What to do in one collection.

    ``hrefs`` are the objects to handle, in order; ``fetch`` those among them to fetch;
    ``gone`` those the server no longer has; ``seen`` what was kept of every object seen
    before; ``token`` and ``ctag`` the resume point to keep once all is done, and
    ``moved`` whether it differs from the one kept.
    """

    url: str
    collection_id: int
    hrefs: list[str] = field(default_factory=list)
    fetch: set[str] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)
    seen: dict[str, DavObject] = field(default_factory=dict)
    token: str | None = None
    ctag: str | None = None
    moved: bool = False

    def batches(self, size: int) -> Iterator[tuple[list[str], bool]]:
        """``(hrefs, last)`` for each batch; one empty last batch when only the resume
        point moved, none when nothing did."""
        if not self.hrefs:
            if self.moved:
                yield [], True
            return
        step = max(1, size)
        for start in range(0, len(self.hrefs), step):
            yield self.hrefs[start : start + step], start + step >= len(self.hrefs)


def plan_work(run: DavRun, url: str, kind: str) -> Work:
    """Ask the server what changed in the collection at ``url`` and plan the batches."""
    with run.factory(run.workspace, run.actor) as uow:
        state = uow.dav_state.collection(run.account.name, url, kind)
        seen = uow.dav_state.objects(state.id or 0, with_data=False)
        uow.commit()
    changes = run.session.changes(url, state.sync_token, state.ctag)
    work = Work(url, state.id or 0, seen=seen, token=changes.token, ctag=changes.ctag)
    work.moved = (changes.token, changes.ctag) != (state.sync_token, state.ctag)
    gone = {h for h in changes.deleted if h in seen}
    if changes.full:
        gone |= set(seen) - set(changes.changed)
    work.fetch = {
        href
        for href, etag in changes.changed.items()
        if href not in seen or not etag or seen[href].etag != etag
    }
    again = {
        href
        for href, item in seen.items()
        if item.revisit_on is not None and item.revisit_on <= run.today and href not in gone
    }
    work.gone = gone
    work.hrefs = sorted(work.fetch) + sorted(gone) + sorted(again - work.fetch)
    wanted = (again - work.fetch) | (work.fetch & set(seen))  # to read again, or compare
    if wanted:
        with run.factory(run.workspace, run.actor) as uow:
            for href, data in uow.dav_state.data_of(work.collection_id, wanted).items():
                seen[href].data = data
    return work
