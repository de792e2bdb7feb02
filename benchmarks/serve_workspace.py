"""The workspace of the team server's load benchmark, written in bulk into a new database.

Ten thousand people in a working network's layers (a small inner circle, a key tier, a
network tier, most people in none), two hundred thousand interactions over three years,
thirty thousand ties, favours mostly returned and promises mostly settled, all seeded,
written with PostgreSQL's ``COPY`` (so the load is not in the audit trail) and vacuumed
as autovacuum leaves a live database.
"""

from __future__ import annotations

import json
import os
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import psycopg
from psycopg import sql

SERVER = os.environ.get("ALLIES_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
PEOPLE = 10_000
INTERACTIONS = 200_000
FAVOURS = 5_000
PROMISES = 2_000
#: How many people are in each layer of the network (the rest are in none).
TIERS = {"inner": 15, "key": 150, "network": 500}
FIRST = str.split(
    "Ana Bo Cy Dana Eli Femi Gus Hana Ivo Jun Kai Lea Mo Noor Oli Pia Quin Ravi Sol Tess Uma "
    "Vik Wen Xia Yara Zed Amir Beth Carl Dina Emil Fay Gil Hugo Ines Jack Kim Lars Mia Nils"
)
LAST = str.split(
    "Lopez Chen Diaz Ruiz Smith Jones Brown Garcia Miller Davis Wilson Moore Taylor Thomas "
    "White Harris Martin Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker"
)


# -- a throwaway database ------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = name
    user = info.get("user", "")
    password = f":{info['password']}" if info.get("password") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{auth}{info.get('host', '127.0.0.1')}{port}/{name}"


@contextmanager
def throwaway_database() -> Iterator[str]:
    """A new, empty database on the benchmark's server, dropped afterwards."""
    name = f"allies_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_database(SERVER, name)
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


# -- the workspace -------------------------------------------------------------------------


def _copy(
    connection: psycopg.Connection, table: str, columns: list[str], rows: list[tuple]
) -> None:  # type: ignore[type-arg]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _favours(
    rng: random.Random, workspace_id: int, today: date, layered: list[int]
) -> list[tuple[object, ...]]:
    """Favours exchanged over three years, mostly with people of the layers: one side
    does a favour, and six times in seven the other returns one of the same size."""
    rows: list[tuple[object, ...]] = []
    while len(rows) < FAVOURS:
        person = rng.choice(layered) if rng.random() < 0.8 else rng.randint(2, PEOPLE)
        size = rng.choices(["small", "medium", "large"], [0.7, 0.25, 0.05])[0]
        first = rng.choice(["given", "received"])
        day = today - timedelta(days=rng.randint(30, 1095))
        exchange = [(first, day)]
        if rng.random() < 6 / 7:
            back = "received" if first == "given" else "given"
            exchange.append((back, day + timedelta(days=rng.randint(1, 28))))
        for direction, on in exchange:
            rows.append(
                (len(rows) + 1, workspace_id, person, direction, f"Favour {len(rows)}", on, size)
            )
    return rows[:FAVOURS]


def _promises(
    rng: random.Random, workspace_id: int, today: date, layered: list[int]
) -> list[tuple[object, ...]]:
    """Promises over three years, half mine: those made in the last two months are open
    (some already late); the older ones were kept, kept late or broken."""
    rows: list[tuple[object, ...]] = []
    for i in range(1, PROMISES + 1):
        other = rng.choice(layered) if rng.random() < 0.8 else rng.randint(2, PEOPLE)
        made = today - timedelta(days=int(rng.random() ** 1.5 * 1095))
        due = made + timedelta(days=rng.randint(3, 45))
        if (today - made).days <= 60:
            status, resolved = "open", None
        else:
            status = rng.choices(["kept", "late", "broken"], [0.85, 0.11, 0.04])[0]
            late = rng.randint(1, 20) if status == "late" else -rng.randint(0, 3)
            resolved = due + timedelta(days=late)
        mine = i % 2 == 1
        rows.append(
            (
                i,
                workspace_id,
                1 if mine else other,
                other if mine else 1,
                f"Promise {i}",
                made,
                due,
                status,
                resolved,
                "",
            )
        )
    return rows


def load_workspace(url: str, workspace_id: int, seed: int = 11) -> dict[str, int]:
    """Write the benchmark's network into the workspace with ``COPY``; returns counts."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    today = date.today()
    with psycopg.connect(url) as connection:
        _copy(
            connection,
            "organisations",
            ["id", "workspace_id", "name", "kind", "notes"],
            [(i, workspace_id, f"Organisation {i}", "company", "") for i in range(1, 51)],
        )
        _copy(
            connection,
            "units",
            ["id", "workspace_id", "name", "organisation_id"],
            [(i, workspace_id, f"Unit {i}", 1 + i % 50) for i in range(1, 201)],
        )
        levels = ["above", "peer", "below", "external", None]
        # The layers of a working network: a small inner circle, a wider key tier, a
        # network tier; most people known are in none.
        layered = rng.sample(range(2, PEOPLE + 1), sum(TIERS.values()))
        tier_of: dict[int, str] = {}
        for tier, size in TIERS.items():
            tier_of.update((pid, tier) for pid in layered[:size])
            layered = layered[size:]
        tags = ["board", "finance", "legal", "ally", "press", "regulator", "mentor", "ops"]
        people = []
        for i in range(1, PEOPLE + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            people.append(
                (
                    i,
                    workspace_id,
                    name,
                    rng.choice(["", "Director", "Analyst", "Head of Unit"]),
                    1 + i % 50,
                    1 + i % 200,
                    json.dumps([f"p{i}@example.org"]),
                    "[]",
                    json.dumps(rng.sample(tags, rng.randint(0, 2))),
                    "",
                    "",
                    "",
                    "",
                    "",
                    rng.choice(levels),
                    tier_of.get(i),
                    i == 1,
                    "",
                    now,
                    now,
                    1,
                )
            )
        _copy(
            connection,
            "people",
            [
                "id",
                "workspace_id",
                "name",
                "title",
                "organisation_id",
                "unit_id",
                "emails",
                "phones",
                "tags",
                "interests",
                "agenda",
                "values",
                "offers",
                "trades",
                "level",
                "tier",
                "is_me",
                "notes",
                "created_at",
                "updated_at",
                "version",
            ],
            people,
        )
        kinds = ["one_on_one", "group_meeting", "call", "message", "social"]
        interactions, participants = [], []
        for i in range(1, INTERACTIONS + 1):
            day = today - timedelta(days=int(rng.random() ** 2 * 1095))
            chosen = rng.sample(range(2, PEOPLE + 1), rng.choice((1, 1, 1, 1, 1, 1, 1, 2, 2, 3)))
            kind, mine, tone = rng.choice(kinds), rng.random() < 0.5, rng.randint(-2, 2)
            interactions.append((i, workspace_id, day, kind, mine, None, tone, f"Meeting {i}", ""))
            participants += [
                (i, person, position, day, tone) for position, person in enumerate(chosen)
            ]
        _copy(
            connection,
            "interactions",
            [
                "id",
                "workspace_id",
                "occurred_on",
                "kind",
                "initiated_by_me",
                "initiator_id",
                "tone",
                "summary",
                "notes",
            ],
            interactions,
        )
        _copy(
            connection,
            "interaction_participants",
            ["interaction_id", "person_id", "position", "occurred_on", "tone"],
            participants,
        )
        ties = {}
        while len(ties) < 30_000:
            a, b = rng.randint(1, PEOPLE), rng.randint(1, PEOPLE)
            if a != b and (a, b) not in ties:
                ties[a, b] = (
                    len(ties) + 1,
                    workspace_id,
                    a,
                    b,
                    rng.choice(["listens_to", "trusts", "works_with", "knows"]),
                    round(rng.uniform(0.2, 1), 2),
                    0.8,
                    "stated",
                    None,
                    None,
                    "",
                )
        _copy(
            connection,
            "ties",
            [
                "id",
                "workspace_id",
                "source_id",
                "target_id",
                "kind",
                "weight",
                "confidence",
                "origin",
                "valid_from",
                "valid_to",
                "note",
            ],
            list(ties.values()),
        )
        _copy(
            connection,
            "favours",
            ["id", "workspace_id", "person_id", "direction", "description", "occurred_on", "size"],
            _favours(rng, workspace_id, today, list(tier_of)),
        )
        _copy(
            connection,
            "commitments",  # the promises' table keeps its first name
            [
                "id",
                "workspace_id",
                "promiser_id",
                "promisee_id",
                "description",
                "made_on",
                "due_on",
                "status",
                "resolved_on",
                "note",
            ],
            _promises(rng, workspace_id, today, list(tier_of)),
        )
        _copy(
            connection,
            "cadences",
            [
                "id",
                "workspace_id",
                "ideal_days",
                "max_days",
                "person_id",
                "tag",
                "tier",
                "snoozed_until",
            ],
            [
                (1, workspace_id, 14, 30, None, None, "inner", None),
                (2, workspace_id, 30, 60, None, None, "key", None),
                (3, workspace_id, 90, 180, None, None, "network", None),
            ]
            + [(3 + i, workspace_id, 21, 45, 1 + i * 31, None, None, None) for i in range(1, 301)],
        )
        for table in (
            "organisations",
            "units",
            "people",
            "interactions",
            "ties",
            "favours",
            "commitments",  # the promises' table keeps its first name
            "cadences",
        ):
            connection.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({}, 'id'), (SELECT max(id) FROM {}))"
                ).format(sql.Literal(table), sql.Identifier(table))
            )
        connection.commit()
    with psycopg.connect(url, autocommit=True) as connection:
        # As autovacuum leaves a live database: statistics and visibility maps current.
        connection.execute("VACUUM ANALYZE")
    return {
        "people": PEOPLE,
        "interactions": INTERACTIONS,
        "participants": len(participants),
        "ties": len(ties),
        "favours": FAVOURS,
        "promises": PROMISES,
    }
