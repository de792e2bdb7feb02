"""Every main view on a workspace holding years of history (issue 22), with its target.

Builds, seeded and in bulk through the project's own store (SQLite, then PostgreSQL), the
workspace the issue measures: 20,000 people in an organisation of units, 100,000 stated ties, 20,000
observations and 300,000 interactions over three years (one to four people each, and "me"
in two of three, as once mail and calendars flow in: about 850,000 participant rows), and
one active campaign with five deciders. Then it times each
view as the web app answers it (in-process ASGI client, one request at a time) and the
analyses behind it through the services, each the first time (``first``: nothing cached;
the first view of the day) and then the median of a few more (``again``):

- pages: home, People, a person's page, my own page and its API (me in 200,000
  interactions), Today, Influence, the map and its data, Health, the campaign's plan;
- services: influence ranking, brokers (betweenness), communities, the map layout;
- the command line, each view a whole process (``allies --help``, ``person list``,
  ``influencers``, ``powerbase``, ``campaign plan``, ``today``; ``influencers``, ``powerbase``
  and ``today`` also right after a change), the first run and the
  median of a few more;
- peers: igraph and networkit on the same listens-to graph (betweenness sampled with the
  same number of pivots, Louvain), with ratio = peer time / allies time.

The pages and the command line are timed on both stores; the services and the peers on
SQLite. PostgreSQL is the server at ``ALLIES_SCALE_POSTGRES`` (default
``postgresql://postgres@127.0.0.1:5432/test``), in a database ``allies_scale`` made for the
run and dropped after it; ``ALLIES_SCALE_STORES=sqlite`` times SQLite only.

Run it from the project root (``ALLIES_SCALE=0.1`` for a tenth of the size)::

    python benchmarks/scale.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

import influence_org
from influence_org import WORKSPACE, make_organisation, write_store
from scale_views import POLL_EVERY, TARGET, command_line, met, pages, present, progress, timed

from allies.domain import Campaign, CampaignIssue, Stance
from allies.store import open_store
from allies.store import tables as t

SCALE = float(os.environ.get("ALLIES_SCALE", "1"))
PEOPLE = int(20_000 * SCALE)
TIES = int(100_000 * SCALE)
OBSERVATIONS = int(20_000 * SCALE)
INTERACTIONS = int(300_000 * SCALE)
#: The PostgreSQL server, and the database made for the run (and dropped after it).
POSTGRES = os.environ.get("ALLIES_SCALE_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
SCALE_DATABASE = "allies_scale"
STORES = tuple(
    x.strip() for x in os.environ.get("ALLIES_SCALE_STORES", "sqlite,postgresql").split(",")
)
KINDS = ("one_on_one", "group_meeting", "call", "message", "social", "introduction")
#: "Me" (the last person) takes part in every interaction but each ``ME_SKIPS``-th, as
#: once mail and calendars flow in: about 200,000 of the 300,000.
ME_SKIPS = 3


def _chunks(rows: Iterator[dict[str, Any]], size: int = 50_000) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def add_interactions(engine: Any, person_ids: np.ndarray, today: date, seed: int = 22) -> int:
    """Write ``INTERACTIONS`` interactions over three years before ``today``; return the
    number of participant rows.

    The others are drawn from ``seed``; "me" (the last of ``person_ids``) is added after
    them to all but every :data:`ME_SKIPS`-th interaction, without a draw, so the others'
    rows stay those of the seed.
    """
    rng = np.random.default_rng(seed)
    n = len(person_ids)
    # Most contact goes to a few people: a heavy-tailed choice of participants.
    appeal = 1.0 + rng.pareto(1.5, n)
    appeal /= appeal.sum()
    days_ago = np.sort(rng.integers(0, 3 * 365, INTERACTIONS))[::-1]
    kinds = rng.integers(0, len(KINDS), INTERACTIONS)
    tones = rng.integers(-1, 3, INTERACTIONS).clip(-1, 1)
    sizes = rng.choice([1, 1, 1, 2, 2, 3, 4], INTERACTIONS)
    chosen = rng.choice(n, int(sizes.sum()), p=appeal)
    with engine.begin() as conn:
        workspace = conn.scalar(select(t.workspaces.c.id).where(t.workspaces.c.name == WORKSPACE))
        first = (
            conn.scalar(select(t.interactions.c.id).order_by(t.interactions.c.id.desc())) or 0
        ) + 1
        rows = (
            {
                "id": first + i,
                "workspace_id": workspace,
                "occurred_on": today - timedelta(days=int(days_ago[i])),
                "kind": KINDS[int(kinds[i])],
                "initiated_by_me": bool(i % 2),
                "initiator_id": None,
                "tone": int(tones[i]),
                "summary": f"Talk {i}",
                "notes": "",
            }
            for i in range(INTERACTIONS)
        )
        for chunk in _chunks(rows):
            conn.execute(insert(t.interactions), chunk)
        if conn.dialect.name == "postgresql":  # the ids were given: the next one follows them
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence('interactions', 'id'), :last)"),
                {"last": first + INTERACTIONS - 1},
            )
        starts = np.concatenate(([0], np.cumsum(sizes)))

        def participants() -> Iterator[dict[str, Any]]:
            for i in range(INTERACTIONS):
                seen: set[int] = set()
                day = today - timedelta(days=int(days_ago[i]))
                for place, who in enumerate(chosen[starts[i] : starts[i + 1]].tolist()):
                    if who in seen:
                        continue
                    seen.add(who)
                    yield {
                        "interaction_id": first + i,
                        "person_id": int(person_ids[who]),
                        "position": place,
                        "occurred_on": day,
                        "tone": int(tones[i]),
                    }
                if i % ME_SKIPS and n - 1 not in seen:
                    yield {
                        "interaction_id": first + i,
                        "person_id": int(person_ids[n - 1]),
                        "position": int(sizes[i]),
                        "occurred_on": day,
                        "tone": int(tones[i]),
                    }

        count = 0
        for chunk in _chunks(participants()):
            conn.execute(insert(t.interaction_participants), chunk)
            count += len(chunk)
    return count


def add_campaign(factory: Any, person_ids: np.ndarray, today: date) -> int:
    """One active campaign with five senior deciders and a few hundred stances."""
    rng = np.random.default_rng(5)
    deciders = [int(x) for x in person_ids[:5]]
    with factory(WORKSPACE) as uow:
        campaign = uow.campaigns.add(
            Campaign(
                name="Budget",
                issues=[CampaignIssue(name="Budget", desired_position=100.0)],
                decider_ids=deciders,
                decision_on=today + timedelta(days=60),
            )
        )
        issue = campaign.issues[0].id or 0
        for who in rng.choice(person_ids, min(300, len(person_ids)), replace=False).tolist():
            uow.stances.add(
                Stance(
                    person_id=int(who),
                    issue_id=issue,
                    position=float(rng.integers(0, 101)),
                    recorded_on=today - timedelta(days=int(rng.integers(0, 200))),
                )
            )
        uow.commit()
        return campaign.id or 0


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh database ``allies_scale`` on the PostgreSQL server, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(POSTGRES)
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    drop = f"DROP DATABASE IF EXISTS {SCALE_DATABASE} WITH (FORCE)"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(drop)  # type: ignore[arg-type]
        conn.execute(f"CREATE DATABASE {SCALE_DATABASE}")  # type: ignore[arg-type]
    try:
        yield server.set(database=SCALE_DATABASE).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(drop)  # type: ignore[arg-type]


def build(url: str, folder: Path, today: date) -> dict[str, Any]:
    """Build the workspace in the store at ``url`` (``None`` path for SQLite in
    ``folder``); returns the factory, ids, campaign, participant rows and seconds."""
    started = time.perf_counter()
    org = make_organisation(n=PEOPLE, n_ties=TIES, n_observations=OBSERVATIONS, seed=22)
    chosen = influence_org.open_store
    if not url.startswith("sqlite"):  # the same bulk writer, pointed at the server
        influence_org.open_store = lambda _url, **kw: open_store(url, **kw)  # type: ignore[assignment]
    try:
        factory, person_ids = write_store(org, folder)
    finally:
        influence_org.open_store = chosen
    participants = add_interactions(factory.engine, person_ids, today)
    campaign = add_campaign(factory, person_ids, today)
    return {
        "factory": factory,
        "ids": person_ids,
        "campaign": campaign,
        "participants": participants,
        "built": time.perf_counter() - started,
    }


#: How often the benchmark looks again for a part worked out in the background (seconds),
#: and for how long at most.
def main() -> None:
    """Print the ``## Scale: years of history`` section."""
    today = date.today()
    out: list[str] = []
    service_rows: list[str] = []
    peer_rows: list[str] = []
    built: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for store in STORES:
            if store == "sqlite":
                context: Any = _nothing(f"sqlite:///{Path(folder) / 'allies.db'}")
            elif store == "postgresql":
                context = postgres_database()
            else:
                raise SystemExit(f"ALLIES_SCALE_STORES: unknown store {store!r}")
            with context as url:
                progress(f"building on {store}")
                made = build(url, Path(folder), today)
                built[store] = made
                url = str(made["factory"].engine.url.render_as_string(hide_password=False))
                progress(f"built on {store} in {made['built']:.1f} s")
                ids = made["ids"]
                person = int(ids[len(ids) // 3])
                page_rows = pages(url, person, made["campaign"])
                cli_rows = command_line(url)
                if store == "sqlite":
                    service_rows, peer_rows = services(made["factory"])
                made["factory"].engine.dispose()
            out.append(f"### {'SQLite' if store == 'sqlite' else 'PostgreSQL'}\n")
            out.append(
                f"Built in {made['built']:.0f} s. Pages through the web app in-process (one "
                "request at a time), no scheduler: the background work runs in threads of "
                "the process. The first rows are, once the server has answered one request "
                "(`/people`), the first view of a page whose slow part "
                "is worked out in the background, with what it shows and how long after it "
                "the full answer is there (its fragment asked for every "
                f"{POLL_EVERY:g} s); then every page once that is kept: *first* the first "
                "view, *again* the median of up to three more; seconds.\n"
            )
            out.append("| view | first | again | answer | target | met |")
            out.append("| --- | ---: | ---: | ---: | ---: | --- |")
            out.extend(page_rows)
            out.append("")
            out.append(
                "The command line, each view a whole process (bytecode compiled); *first* "
                "the first run, *again* the median of three more; seconds. For the views "
                "whose slow part the background works out (a detached run of allies, asked "
                "for by the view or by the change before it), the first row is the first run "
                "with nothing kept at all, the second the first run right after a change "
                "made on the command line (its background run asked for, and beginning a "
                "second after the change); each says what it shows and how long after it "
                "the current answer was kept.\n"
            )
            out.append("| command | first | again | target | met |")
            out.append("| --- | ---: | ---: | ---: | --- |")
            out.extend(cli_rows)
            out.append("")
    participants = next(iter(built.values()))["participants"] if built else 0
    print(f"## Scale: years of history ({PEOPLE:,} people)\n")
    print(
        f"A seeded workspace of {PEOPLE:,} people, {TIES:,} ties, {OBSERVATIONS:,} observations "
        f"and {INTERACTIONS:,} interactions ({participants:,} participant rows) over three years "
        "and one campaign, built in bulk through the project's own store on "
        + " and ".join("SQLite" if s == "sqlite" else "PostgreSQL" for s in STORES)
        + ".\n"
    )
    print("\n".join(out))
    if service_rows:
        print("| analysis (service, SQLite) | first | again | target | met |")
        print("| --- | ---: | ---: | ---: | --- |")
        print("\n".join(service_rows))
        print()
        print(
            "The same listens-to graph in the peers (one thread; ratio = peer time / allies "
            "time, above 1 means allies is faster):\n"
        )
        print("| analysis | allies | igraph | networkit | ratio igraph | ratio networkit |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        print("\n".join(peer_rows))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nRun {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores; load average "
        f"at the end {load} (1, 5, 15 minutes): on a shared machine the times scale with it.\n"
    )


@contextmanager
def _nothing(value: str) -> Iterator[str]:
    yield value


def services(factory: Any) -> tuple[list[str], list[str]]:
    """Time the analyses through the services, and the peers on the same graph."""
    import igraph as ig
    import networkit as nk

    from allies.analysis.brokers import betweenness
    from allies.analysis.communities import louvain
    from allies.services.influence import groups, ranking
    from allies.services.influence.layout import map_layout
    from allies.services.influence.loading import load_influence_network

    nk.setNumberOfThreads(1)
    rows: list[str] = []

    def uow() -> Any:
        return factory(WORKSPACE)

    for label, run in [
        ("load the network (people, ties, observations)", lambda: load_influence_network(uow())),
        ("influence ranking (top 15)", lambda: ranking.influencers(uow(), top=15)),
        ("brokers (betweenness, cached)", lambda: groups.brokers(uow(), top=10)),
        ("communities (cached)", lambda: groups.communities(uow())),
        ("map layout (cached)", lambda: map_layout(uow())),
    ]:
        progress(f"timing {label}")
        first, again = timed(run)
        worst = max(first, again)
        rows.append(f"| {label} | {present(first)} | {present(again)} | {TARGET} | {met(worst)} |")
        progress(rows[-1])

    network = load_influence_network(uow())
    graph = network.graph
    undirected = graph.symmetrized("sum").weights.tocoo()
    upper = undirected.row < undirected.col
    edges = list(zip(undirected.row[upper].tolist(), undirected.col[upper].tolist(), strict=True))
    weights = undirected.data[upper].tolist()
    g = ig.Graph(n=graph.n, edges=edges)
    g.es["weight"] = weights
    rows_, cols_ = np.asarray(edges, dtype=np.uint64).reshape(-1, 2).T
    nkg = nk.Graph(graph.n, weighted=True)
    nkg.addEdges((np.asarray(weights, dtype=np.float64), (rows_, cols_)))

    def plm() -> Any:
        algorithm = nk.community.PLM(nkg, refine=False)
        algorithm.run()
        return algorithm.getPartition()

    peers: list[str] = []
    progress("timing communities against the peers")
    ours = min(timed(lambda: louvain(graph, seed=0))[0] for _ in range(2))
    theirs_ig = min(timed(lambda: g.community_multilevel(weights="weight"))[0] for _ in range(2))
    theirs_nk = min(timed(plm)[0] for _ in range(2))
    peers.append(
        f"| communities (Louvain; PLM) | {ours:.3f} | {theirs_ig:.3f} | {theirs_nk:.3f} "
        f"| {theirs_ig / ours:.2f} | {theirs_nk / ours:.2f} |"
    )
    progress("timing betweenness against the peers")
    pivots = 500
    ours = timed(lambda: betweenness(graph, directed=False, lengths="neglog", k=pivots, seed=0), 0)[
        0
    ]
    lengths = (-np.log(np.clip(np.asarray(weights), 1e-12, None))).clip(1e-9, None).tolist()
    nkl = nk.Graph(graph.n, weighted=True)
    nkl.addEdges((np.asarray(lengths, dtype=np.float64), (rows_, cols_)))
    start = time.perf_counter()
    nk.centrality.EstimateBetweenness(nkl, pivots, normalized=True, parallel=False).run()
    theirs_nk = time.perf_counter() - start
    peers.append(
        f"| betweenness, {pivots} pivots (igraph: none sampled) | {ours:.3f} | — "
        f"| {theirs_nk:.3f} | — | {theirs_nk / ours:.2f} |"
    )
    return rows, peers


if __name__ == "__main__":
    main()
