"""Plain-language findings about my habits: keeping my word, giving back, keeping
relationships warm, and what my self-assessment says to practise.

- *risks*: a promise of mine is overdue; a relationship I rely on (an ally, or someone my
  goals, campaigns or alliances need) is cooling;
- *gaps*: a weak record of keeping promises (below 75 %); favours owed; the weakest
  dimension of my latest self-assessment (Ferris et al. 2005), or none taken yet;
- *strengths*: a good record of keeping promises.
"""

from __future__ import annotations

from allies.analysis.powerbase import STRONG
from allies.services.standing.assessment import AssessmentResult
from allies.services.standing.findings import Finding, number_word
from allies.services.standing.parts import Ledger, PersonRef
from allies.services.standing.risks import Need
from allies.services.standing.snapshot import Standing

__all__ = ["assessment_findings", "cooling_findings", "ledger_findings"]


def _ref_note(standing: Standing, pid: int, note: str) -> PersonRef:
    return PersonRef(pid, standing.network.name(pid), note)


def ledger_findings(
    standing: Standing, ledger: Ledger, needs: dict[int, list[Need]]
) -> list[Finding]:
    """Overdue promises, my record of keeping them, and favours I owe."""
    out = []
    if ledger.overdue:
        out.append(
            Finding(
                "risk",
                f"{number_word(len(ledger.overdue)).capitalize()} of your promises "
                f"{'is' if len(ledger.overdue) == 1 else 'are'} overdue",
                "; ".join(ledger.overdue) + ". You are as good as your word.",
                [],
                ["Keep it today, or say when you will."],
            )
        )
    if ledger.kept + ledger.late + ledger.broken and ledger.my_reliability < 75:
        out.append(
            Finding(
                "gap",
                f"Your record of keeping promises is {ledger.my_reliability}%",
                f"{ledger.kept} kept, {ledger.late} late, {ledger.broken} broken (a short "
                "record counts for less than a long one).",
                [],
                ["Promise less and keep all of it; release promises you cannot keep."],
            )
        )
    elif ledger.kept >= 3 and ledger.my_reliability >= 85:
        out.append(
            Finding(
                "strength",
                f"You keep your word: {ledger.my_reliability}% of promises kept",
                f"{ledger.kept} kept, {ledger.late} late, {ledger.broken} broken.",
            )
        )
    if ledger.owe:
        needed = [r for r in ledger.owe if r.id in needs]
        out.append(
            Finding(
                "gap",
                "You have taken more than you have given from "
                + ", ".join(r.name for r in ledger.owe[:3]),
                f"Favours given {ledger.given_units} units, received {ledger.received_units}"
                + (f"; {', '.join(r.name for r in needed)} you also need" if needed else "")
                + ".",
                ledger.owe,
                [
                    f"Do something for {r.name}: {r.note.split('; ', 1)[-1]}."
                    for r in ledger.owe[:2]
                ],
            )
        )
    return out


def cooling_findings(standing: Standing, needs: dict[int, list[Need]]) -> list[Finding]:
    """Relationships with allies or needed people whose health is falling."""
    cooling = [
        pid
        for pid, report in standing.health.items()
        if report.cooling and (pid in needs or standing.strength_of(pid) >= STRONG)
    ]
    if not cooling:
        return []
    cooling.sort(key=lambda p: (p not in needs, -standing.strength_of(p)))
    return [
        Finding(
            "risk",
            "Cooling: " + ", ".join(standing.network.name(p) for p in cooling[:3]),
            "Relationships you rely on are losing warmth: "
            + "; ".join(
                f"{standing.network.name(p)}: " + ", ".join(standing.health[p].cooling_reasons)
                for p in cooling[:3]
            ),
            [_ref_note(standing, p, f"health {standing.health[p].score}") for p in cooling],
            [f"Check in with {standing.network.name(cooling[0])} this week."],
        )
    ]


def assessment_findings(result: AssessmentResult | None) -> list[Finding]:
    """What to practise, from the weakest dimension of the latest self-assessment."""
    if result is None:
        return [
            Finding(
                "gap",
                "You have not assessed your political skill yet",
                "Four dimensions: networking, interpersonal influence, social astuteness, "
                "apparent sincerity (Ferris et al. 2005).",
                [],
                ["Take the self-assessment questionnaire (about five minutes)."],
            )
        ]
    weakest = min(result.dimensions, key=lambda d: (d.score, d.key))
    if weakest.band in ("strength", "signature strength"):
        return []
    return [
        Finding(
            "gap",
            f"Your self-assessment puts {weakest.name.lower()} lowest "
            f"({weakest.score:g} of 7, {weakest.band})",
            f"{weakest.meaning} Assessed {result.taken_on.isoformat()}.",
            [],
            weakest.practice[:2],
        )
    ]
