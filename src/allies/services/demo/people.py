"""The cast of the demo network: organisations, units, people, ties and observations.

The roster (:mod:`allies.services.demo.roster`) fixes the shape of the organisation; the
names, contact details, texts, tie weights and the dates of observations are drawn from the
caller's :class:`random.Random`.

References between objects are *local keys*: a person's ``organisation_id`` is the index of
the organisation in :attr:`Cast.organisations`, a tie's ``source_id`` the index of the
person in :attr:`Cast.people`, and so on (see :mod:`allies.services.demo.network`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from allies.domain import (
    Observation,
    ObservationKind,
    Organisation,
    Person,
    Tie,
    TieKind,
    TieOrigin,
    Tier,
    Unit,
)
from allies.services.demo.roster import (
    CONTEXTS,
    INFLUENCE,
    ORGANISATIONS,
    RIVALS,
    ROSTER,
    UNIT_FAMILY,
    UNITS,
    Role,
)
from allies.services.demo.text import ascii_slug, compose_texts, draw_name


@dataclass
class Cast:
    """The people and places of the demo, with the roster key of every person."""

    rng: random.Random
    today: date
    organisations: list[Organisation] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    org_index: dict[str, int] = field(default_factory=dict)
    unit_index: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        """The local key (index) of the person holding roster seat ``key``."""
        return self.index[key]

    @property
    def me(self) -> int:
        """My local key."""
        return self.index["me"]

    def name(self, key: str) -> str:
        """The name of the person holding roster seat ``key``."""
        return self.people[self.index[key]].name

    def keys_where(self, *, internal: bool | None = None, tier: Tier | None = None) -> list[str]:
        """Roster keys of everyone but me, optionally only internal/external or one tier."""
        found = []
        for role in self.roles:
            if role.key == "me":
                continue
            if internal is not None and (role.org == "home") != internal:
                continue
            if tier is not None and role.tier is not tier:
                continue
            found.append(role.key)
        return found


def build_cast(rng: random.Random, today: date) -> Cast:
    """Organisations, units and people, with local keys for every reference."""
    cast = Cast(rng=rng, today=today)
    domains: dict[str, str] = {}
    for key, name, kind, domain, notes in ORGANISATIONS:
        cast.org_index[key] = len(cast.organisations)
        cast.organisations.append(Organisation(name=name, kind=kind, notes=notes))
        domains[key] = domain
    for key, name, parent in UNITS:
        cast.unit_index[key] = len(cast.units)
        parent_key = None if parent is None else cast.unit_index[parent]
        cast.units.append(
            Unit(name=name, organisation_id=cast.org_index["home"], parent_id=parent_key)
        )
    taken: set[tuple[str, str]] = set()
    for role in ROSTER:
        cast.index[role.key] = len(cast.people)
        cast.roles.append(role)
        cast.people.append(_person(rng, role, cast, domains[role.org], taken))
    return cast


def _person(
    rng: random.Random, role: Role, cast: Cast, domain: str, taken: set[tuple[str, str]]
) -> Person:
    given, family = draw_name(rng, taken)
    family_slug = ascii_slug(family)
    emails = [f"{ascii_slug(given)}.{family_slug}@{domain}"]
    if rng.random() < 0.12:
        emails.append(f"{ascii_slug(given)[0]}{family_slug}@mailbox.example")
    phones = []
    if role.key == "me" or rng.random() < 0.25:
        phones.append(f"+44 7700 900{rng.randrange(1000):03d}")
    unit_family = "ext" if role.unit is None else UNIT_FAMILY.get(role.unit, role.unit)
    texts = compose_texts(rng, unit_family)
    if role.key == "me":
        texts["agenda"] = (
            "Get the shared analytics platform approved; "
            "be ready for a director role within the year"
        )
    return Person(
        name=f"{given} {family}",
        title=role.title,
        organisation_id=cast.org_index[role.org],
        unit_id=None if role.unit is None else cast.unit_index[role.unit],
        emails=emails,
        phones=phones,
        tags=list(role.tags),
        level=role.level,
        tier=role.tier,
        is_me=role.key == "me",
        notes=role.note,
        **texts,
    )


def _w(rng: random.Random, base: float, spread: float = 0.1) -> float:
    """``base`` jittered by ``spread`` and kept inside 0.05-1."""
    return round(min(1.0, max(0.05, base + rng.uniform(-spread, spread))), 2)


class _TieSet:
    """Ties being built, at most one per (source, target, kind)."""

    def __init__(self) -> None:
        self.ties: list[Tie] = []
        self._seen: set[tuple[int, int, TieKind]] = set()

    def add(
        self,
        a: int,
        b: int,
        kind: TieKind,
        weight: float,
        origin: TieOrigin,
        confidence: float = 0.9,
        note: str = "",
    ) -> None:
        """Add the tie unless it links someone to themselves or is already there."""
        if a == b or (a, b, kind) in self._seen:
            return
        self._seen.add((a, b, kind))
        self.ties.append(
            Tie(a, b, kind, weight=weight, confidence=confidence, origin=origin, note=note)
        )


def build_ties(cast: Cast) -> list[Tie]:
    """The chart, who listens to and trusts whom, who works with and knows whom."""
    rng, ties = cast.rng, _TieSet()
    for role in cast.roles:
        if role.manager is None:
            continue
        me, boss = cast[role.key], cast[role.manager]
        ties.add(me, boss, TieKind.REPORTS_TO, 1.0, TieOrigin.IMPORTED, 1.0)
        if role.key == "me" or rng.random() < 0.7:
            ties.add(me, boss, TieKind.LISTENS_TO, _w(rng, 0.6, 0.15), TieOrigin.STATED)
    for listener, leader, weight in INFLUENCE:
        origin = rng.choice((TieOrigin.STATED, TieOrigin.OBSERVED, TieOrigin.INFERRED))
        ties.add(
            cast[listener],
            cast[leader],
            TieKind.LISTENS_TO,
            _w(rng, weight),
            origin,
            round(rng.uniform(0.6, 0.95), 2),
        )
    # A few cross-unit advice ties, drawn towards people with clout.
    keys = [role.key for role in cast.roles if role.org == "home"]
    clout = [role.clout for role in cast.roles if role.org == "home"]
    for _ in range(14):
        listener = rng.choice(keys)
        leader = rng.choices(keys, weights=clout)[0]
        if cast.roles[cast[listener]].unit != cast.roles[cast[leader]].unit:
            ties.add(
                cast[listener],
                cast[leader],
                TieKind.LISTENS_TO,
                _w(rng, 0.35, 0.15),
                TieOrigin.INFERRED,
                0.5,
                "asks for advice across units",
            )
    _trust_ties(cast, ties)
    _work_ties(cast, ties)
    return ties.ties


def _trust_ties(cast: Cast, ties: _TieSet) -> None:
    rng = cast.rng
    pairs = [
        ("ceo", "ea"),
        ("ea", "ceo"),
        ("ceo", "cfo"),
        ("coo", "ops_analyst"),
        ("cfo", "fin_analyst"),
        ("gc", "contracts"),
        ("cio", "data_eng"),
        ("pb_md", "pb_ops"),
        ("chair", "ned"),
        ("cpo", "data_lead"),
        ("chro", "hrbp"),
    ]
    for key in [*cast.keys_where(tier=Tier.INNER), "advisor", "ned"]:
        pairs.append(("me", key))
        if rng.random() < 0.8:
            pairs.append((key, "me"))
    for key in cast.keys_where(tier=Tier.KEY):
        if rng.random() < 0.3:
            pairs.append(("me", key))
    for a, b in pairs:
        ties.add(
            cast[a],
            cast[b],
            TieKind.TRUSTS,
            _w(rng, 0.7, 0.2),
            TieOrigin.STATED,
            round(rng.uniform(0.7, 1.0), 2),
        )


def _work_ties(cast: Cast, ties: _TieSet) -> None:
    rng = cast.rng
    by_unit: dict[str, list[int]] = {}
    for role in cast.roles:
        by_unit.setdefault(role.unit or role.org, []).append(cast[role.key])
    for members in by_unit.values():
        for person in members:
            for other in rng.sample(members, min(2, len(members))):
                ties.add(person, other, TieKind.WORKS_WITH, _w(rng, 0.6, 0.2), TieOrigin.STATED)
    cross = [
        ("me", "logistics"),
        ("me", "warehousing"),
        ("me", "data_lead"),
        ("me", "hrbp"),
        ("me", "pb_ops"),
        ("me", "fpa"),
        ("fulfil_data", "scientist"),
        ("data_lead", "architect"),
        ("sales_key", "service"),
        ("pb_data", "data_lead"),
        ("improve", "site_north"),
        ("contracts", "sales_key"),
    ]
    for a, b in cross:
        ties.add(cast[a], cast[b], TieKind.WORKS_WITH, _w(rng, 0.6, 0.2), TieOrigin.STATED)
        ties.add(cast[b], cast[a], TieKind.WORKS_WITH, _w(rng, 0.6, 0.2), TieOrigin.STATED)
    everyone = list(range(len(cast.people)))
    for key in cast.keys_where():
        if key not in {"pb_planner", "nim_ae", "consultant"} or rng.random() < 0.5:
            ties.add(cast.me, cast[key], TieKind.KNOWS, _w(rng, 0.5, 0.3), TieOrigin.STATED)
    for _ in range(40):
        one, other = rng.sample(everyone, 2)
        ties.add(one, other, TieKind.KNOWS, _w(rng, 0.35, 0.2), TieOrigin.IMPORTED, 0.6)


def build_observations(cast: Cast) -> list[Observation]:
    """Dated signs of the influence in :data:`INFLUENCE`, plus a few of open opposition."""
    rng, today, found = cast.rng, cast.today, []
    pairs = [(a, b) for a, b, weight in INFLUENCE if weight >= 0.5]
    kinds = (
        ObservationKind.DEFERRED_TO,
        ObservationKind.EYES_WENT_TO,
        ObservationKind.SOUGHT_ADVICE_FROM,
        ObservationKind.ENDORSED,
        ObservationKind.HAS_EAR_OF,
    )
    for _ in range(64):
        listener, leader = rng.choice(pairs)
        kind = rng.choices(kinds, weights=(4, 3, 3, 2, 2))[0]
        subject, obj = (
            (leader, listener) if kind is ObservationKind.HAS_EAR_OF else (listener, leader)
        )
        found.append(
            Observation(
                cast[subject],
                cast[obj],
                kind,
                _past_day(rng, today),
                strength=round(rng.uniform(0.4, 1.0), 2),
                context=rng.choice(CONTEXTS),
            )
        )
    for subject, obj in RIVALS:
        for _ in range(rng.randint(1, 2)):
            found.append(
                Observation(
                    cast[subject],
                    cast[obj],
                    ObservationKind.OPPOSED,
                    _past_day(rng, today),
                    strength=round(rng.uniform(0.5, 0.9), 2),
                    context=rng.choice(CONTEXTS),
                )
            )
    found.sort(key=lambda o: o.observed_on)
    return found


def _past_day(rng: random.Random, today: date, days: int = 540) -> date:
    """A day in the last ``days`` days, leaning towards recent ones."""
    back = int(days * rng.random() ** 1.4)
    return today - timedelta(days=back)
