"""Plain-language findings about the shape of my network, each with its people and what
to do (the findings about my habits are in :mod:`allies.services.standing.habits`).

Every finding is a sentence a coach would say ("No ally above you in Finance"), the numbers
behind it, the people it rests on and the next moves. They are produced by simple, stated
rules on the parts of the report:

- *risks*: someone an open goal, campaign or alliance needs is weakly tied to me; I have no
  ally above me at all;
- *gaps*: no ally above me in a unit that holds someone I need (or, failing that, in the
  units whose leaders are most listened to); no ally among peers or outside my
  organisation; most of my strongest ties in my own team; my lead travelling mostly
  downwards; a closed network (high constraint, Burt 1992);
- *strengths*: open brokerage, a wide sphere of influence.
"""

from __future__ import annotations

from collections import defaultdict

from allies.analysis.powerbase import STRONG, top_k
from allies.services.standing.offers import what_to_offer
from allies.services.standing.parts import (
    Brokerage,
    GroupRow,
    PersonRef,
    Sphere,
    strength_ref,
)
from allies.services.standing.risks import Dependency, Need, approach_to
from allies.services.standing.shapes import Finding
from allies.services.standing.snapshot import NO_UNIT, Standing

__all__ = ["KINDS", "Finding", "network_findings", "number_word"]

#: The kinds of finding, in the order they are shown.
KINDS: tuple[str, ...] = ("risk", "gap", "strength")

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(count: int) -> str:
    """A small count as a word (``3`` → ``three``)."""
    return _NUMBERS[count] if 0 <= count < len(_NUMBERS) else str(count)


def _ref(standing: Standing, pid: int, note: str = "") -> PersonRef:
    return PersonRef(pid, standing.network.name(pid), note)


def _strength(standing: Standing, pid: int) -> PersonRef:
    """Someone named with my relationship with them in words, the strength as detail."""
    return strength_ref(
        pid, standing.network.name(pid), standing.strength_of(pid), standing.band_of(pid)
    )


def _dependency_findings(standing: Standing, deps: list[Dependency]) -> list[Finding]:
    out: list[Finding] = []
    grouped: dict[str, list[Dependency]] = defaultdict(list)
    for d in deps:
        if d.importance >= 0.9:
            kind = "risk" if d.risk == "high" else "gap"
            grade = "weak" if d.risk == "high" else "only moderate"
            offer = what_to_offer(standing.me, standing.network.people[d.id])
            people = [strength_ref(d.id, d.name, d.strength, d.band)]
            if d.introducer_id is not None:
                people.append(PersonRef(d.introducer_id, d.introducer or "", "can introduce you"))
            out.append(
                Finding(
                    kind,
                    f"{d.name} {_role_phrase(d.needed_by[0])}, and your relationship is {grade}",
                    "Needed by: "
                    + "; ".join(d.needed_by)
                    + f". Relationship strength {d.strength:.2f} on a scale of 0 to 1.",
                    people,
                    [d.action, offer.suggestion],
                )
            )
        elif d.risk == "high":
            grouped[d.needed_by[0].split(":")[0]].append(d)
    for source, group in grouped.items():
        names = ", ".join(d.name for d in group[:5]) + (" …" if len(group) > 5 else "")
        role = "partner" if source.startswith("alliance") else "stakeholder"
        title = (
            f"{group[0].name}, a {role} in your {source}, is weakly tied to you"
            if len(group) == 1
            else f"{number_word(len(group)).capitalize()} {role}s of your {source} are weakly "
            f"tied to you: {names}"
        )
        out.append(
            Finding(
                "risk",
                title,
                "Your relationship with them is weak (below 0.35 in strength)."
                if len(group) == 1
                else "Your relationship with each of them is weak (below 0.35 in strength).",
                [strength_ref(d.id, d.name, d.strength, d.band) for d in group],
                [d.action for d in group[:3]],
            )
        )
    return out


def _role_phrase(label: str) -> str:
    """ "goal 'X': decides 'Y'" → "decides 'Y' for your goal"."""
    source, _, role = label.partition(": ")
    return f"{role} for your {source.split(' ', 1)[0]}"


def _above_findings(
    standing: Standing, by_level: list[GroupRow], needs: dict[int, list[Need]]
) -> list[Finding]:
    above_row = next((r for r in by_level if r.group == "above"), None)
    if above_row is None or above_row.people == 0:
        return []
    above = [pid for pid in standing.others() if standing.level_of(pid) == "above"]
    rank = standing.network.positions
    if above_row.strong == 0:
        reachable = standing.paths.strength
        best = max(
            above,
            key=lambda p: (
                round(float(reachable[standing.network.index(p)]), 6),
                -rank[standing.network.index(p)],
                -p,
            ),
        )
        way = approach_to(standing, best)
        return [
            Finding(
                "risk",
                "You have no ally above you",
                f"None of the {above_row.people} people above you has a strong relationship "
                f"with you (≥ {STRONG}); decisions about you are taken there.",
                [_strength(standing, p) for p in above],
                [way.sentence],
            )
        ]
    by_unit: dict[str, list[int]] = defaultdict(list)
    for pid in above:
        by_unit[standing.unit_of(pid)].append(pid)
    gaps = []
    for unit, members in by_unit.items():
        if unit == NO_UNIT or any(standing.strength_of(p) >= STRONG for p in members):
            continue
        needed = [p for p in members if p in needs]
        top = min(rank[standing.network.index(p)] for p in members)
        gaps.append((not needed, top, unit, members, needed))
    gaps.sort(key=lambda g: (g[0], g[1], g[2]))
    out = []
    for _, _, unit, members, needed in gaps[:3]:
        target = (needed or sorted(members, key=lambda p: rank[standing.network.index(p)]))[0]
        way = approach_to(standing, target)
        why = (
            f"{standing.network.name(target)} is needed: "
            + "; ".join(n.label for n in needs[target])
            if needed
            else f"{standing.network.name(target)} ranks {rank[standing.network.index(target)]} "
            "for influence"
        )
        out.append(
            Finding(
                "gap",
                f"No ally above you in {unit}",
                f"Nobody above you in {unit} has a strong relationship with you; {why}.",
                [_strength(standing, p) for p in members],
                [
                    way.sentence,
                    what_to_offer(standing.me, standing.network.people[target]).suggestion,
                ],
            )
        )
    rest = gaps[3:]
    if rest:
        first = min(rest[0][3], key=lambda p: (rank[standing.network.index(p)], p))
        out.append(
            Finding(
                "gap",
                "No ally above you in " + ", ".join(g[2] for g in rest) + " either",
                "The units are listed by how much their senior people are listened to.",
                [_strength(standing, p) for g in rest for p in g[3]],
                [approach_to(standing, first).sentence],
            )
        )
    return out


def _level_findings(standing: Standing, by_level: list[GroupRow]) -> list[Finding]:
    out = []
    rows = {r.group: r for r in by_level}
    peer = rows.get("peer")
    if peer is not None and peer.people and peer.strong == 0:
        candidates = [p for p in standing.others() if standing.level_of(p) == "peer"]
        best = max(candidates, key=lambda p: (standing.strength_of(p), -p))
        out.append(
            Finding(
                "gap",
                "No ally among your peers",
                f"None of your {peer.people} peers has a strong relationship with you; peers "
                "carry your work sideways and speak for you when you are not in the room.",
                [_strength(standing, best)],
                [approach_to(standing, best).sentence],
            )
        )
    own_org = standing.me.organisation_id
    outside = [
        p
        for p in standing.others()
        if standing.level_of(p) == "external"
        or (
            own_org is not None
            and standing.network.people[p].organisation_id not in (None, own_org)
        )
    ]
    home = standing.organisation_of(standing.me_id)
    if not outside:
        out.append(
            Finding(
                "gap",
                f"Your recorded network stops at the door of {home}",
                "Nobody from outside your organisation is recorded; outside ties bring news "
                "of opportunities before they are announced.",
                [],
                [
                    "Add the partners, customers and former colleagues you could call, "
                    "at the level 'external'."
                ],
            )
        )
    elif not any(standing.strength_of(p) >= STRONG for p in outside):
        best = max(outside, key=lambda p: (standing.strength_of(p), -p))
        out.append(
            Finding(
                "gap",
                f"No ally outside {home}",
                f"You know {len(outside)} people outside, none of them well.",
                [_strength(standing, best)],
                [approach_to(standing, best).sentence],
            )
        )
    return out


def _concentration(standing: Standing, needs: dict[int, list[Need]]) -> list[Finding]:
    ids = standing.ids
    top = [ids[int(k)] for k in top_k(standing.strength, 5)]
    my_unit = standing.unit_of(standing.me_id)
    if len(top) < 3 or my_unit == "(no unit)":
        return []
    inside = [p for p in top if standing.unit_of(p) == my_unit]
    if len(inside) < 3:
        return []
    below = all(standing.level_of(p) == "below" for p in inside)
    count = "All five" if len(inside) == len(top) == 5 else number_word(len(inside)).capitalize()
    title = (
        f"{count} of your {number_word(len(top))} strongest ties are in your own team ({my_unit})"
        if count != "All five"
        else f"All five of your strongest ties are in your own team ({my_unit})"
    )
    if below:
        title += ", all of them people who report to you" if len(inside) > 1 else ""
    outside = [
        p
        for p in standing.others()
        if standing.unit_of(p) != my_unit and standing.band_of(p) in ("moderate", "weak")
    ]
    rank = standing.network.positions
    outside.sort(
        key=lambda p: (
            standing.band_of(p) != "moderate",
            p not in needs,
            rank[standing.network.index(p)],
            p,
        )
    )
    actions = []
    people = [_strength(standing, p) for p in inside]
    if outside:
        pick = outside[0]
        sentence = approach_to(standing, pick).sentence
        actions.append(
            f"Turn one tie outside {my_unit} into an ally: {sentence[:1].lower()}{sentence[1:]}"
        )
        people.append(_ref(standing, pick, "a tie worth strengthening"))
    return [
        Finding(
            "gap",
            title,
            "A team is where your power is exercised, not where it is built: decisions about "
            "your work are made by people outside it.",
            people,
            actions,
        )
    ]


def _sphere_findings(standing: Standing, sphere: Sphere) -> list[Finding]:
    out = []
    below = sphere.by_level.get("below", 0.0)
    above = sphere.by_level.get("above", 0.0)
    if below >= 0.5:
        uppers = [r for r in sphere.people if r.level == "above"]
        allies_above = [
            p
            for p in standing.others()
            if standing.level_of(p) == "above" and standing.strength_of(p) >= STRONG
        ]
        out.append(
            Finding(
                "gap",
                f"Your lead travels mostly downwards: {below:.0%} of your sphere of influence "
                f"is people below you, {above:.0%} people above",
                "Who ends up following when your lead is passed on from person to person.",
                [
                    PersonRef(r.id, r.name, f"{r.share:.1%} of your sphere")
                    for r in sphere.people[:3]
                ]
                + [PersonRef(r.id, r.name, "above you, takes your lead") for r in uppers[:2]],
                [
                    "Give the allies above you ("
                    + ", ".join(standing.network.name(p) for p in allies_above[:3])
                    + ") results they can repeat to their peers."
                    if allies_above
                    else "Share your results with one person above you each month."
                ],
            )
        )
    if sphere.listeners >= 5:
        out.append(
            Finding(
                "strength",
                f"{sphere.listeners} people take your lead directly",
                f"Your sphere of influence is spread over about {sphere.effective_people:g} "
                "people (its Hill number).",
                [PersonRef(r.id, r.name, f"{r.share:.1%}") for r in sphere.people[:5]],
                [],
            )
        )
    return out


def _brokerage_findings(standing: Standing, brokerage: Brokerage) -> list[Finding]:
    if brokerage.constraint is None:
        return [
            Finding(
                "gap",
                "You have no ties recorded",
                "Without ties there is no power base to measure.",
                [],
                ["Record whom you know, starting with the people you work with most."],
            )
        ]
    if brokerage.constraint >= 0.5 or (brokerage.freer_than < 0.25 and brokerage.contacts > 1):
        return [
            Finding(
                "gap",
                "Your contacts all know each other",
                f"You hear little that your circle does not already know: your "
                f"{brokerage.contacts} contacts count as {brokerage.effective_size:.1f} "
                f"independent ones, and only {brokerage.freer_than:.0%} of people are more "
                "hemmed in than you.",
                brokerage.closing,
                ["Build one tie into a group none of your contacts belongs to."],
            )
        ]
    if brokerage.freer_than >= 0.75 and brokerage.contacts >= 5:
        return [
            Finding(
                "strength",
                "You bridge groups that are not otherwise tied",
                f"You are freer than {brokerage.freer_than:.0%} of your network: your "
                f"{brokerage.contacts} contacts count as {brokerage.effective_size:.1f} "
                "independent ones.",
                [],
                ["Use it: pass on what one group knows to another, and introduce people."],
            )
        ]
    return []


def network_findings(
    standing: Standing,
    *,
    by_level: list[GroupRow],
    sphere: Sphere,
    brokerage: Brokerage,
    dependencies: list[Dependency],
    needs: dict[int, list[Need]],
) -> list[Finding]:
    """The findings about the shape of my network, in the order of the module doc."""
    return [
        *_dependency_findings(standing, dependencies),
        *_above_findings(standing, by_level, needs),
        *_concentration(standing, needs),
        *_level_findings(standing, by_level),
        *_sphere_findings(standing, sphere),
        *_brokerage_findings(standing, brokerage),
    ]
