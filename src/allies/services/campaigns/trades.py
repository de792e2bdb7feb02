"""Trades: what I could give each stakeholder in return for movement on what I care about.

For a campaign with two or more issues, the Stokman-Van Oosten exchange model
(:mod:`allies.analysis.forecast.pair_trades`) pairs me with each stakeholder who
stands on the other side of the expected outcome of two issues: I give ground on the
issue they care about relatively more than I do, and they move on the issue I care
about relatively more, by the equal-gain rule. My position on each issue is my
desired position; my salience is that of my own stance (0.5 where I have none); my
capability that of my stance, or the one derived from influence.

At one table I hold one position per issue, so the trades offered together (at a group
meeting, and in the one-on-ones before it) are a coherent set (:func:`coherent_trades`):
at most one per person, none moving me on an issue to two different positions, none
asking for a move where I give ground.

With a single issue no trade across issues exists; the report says so and points to
what each stakeholder values, wants or might trade instead (their profile).

References
----------
.. [1] Stokman, F. N. and Van Oosten, R. (1994). "The exchange of voting positions: an
   object-oriented model of policy networks." In Bueno de Mesquita and Stokman (eds.),
   *European Community Decision Making*, Yale University Press, 105-127.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from allies.analysis.forecast.pair_trades import PairExchange, exchanges_with
from allies.domain import Person
from allies.services.campaigns import stance_words
from allies.services.campaigns.inputs import CampaignInputs, campaign_inputs
from allies.services.campaigns.support import ON_BOARD
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = ["PersonTrade", "TradeReport", "campaign_trades", "coherent_trades", "trades_in"]

SINGLE_ISSUE = (
    "This campaign has a single issue, so no trade across issues exists: offer what "
    "each person values instead."
)


@dataclass(frozen=True)
class PersonTrade:
    """The best trade with one stakeholder, or why there is none.

    ``give_*`` is my move on the issue they care about more than I do; ``get_*`` their
    move on the issue I care about more. ``text`` says it in a sentence; ``instead``
    says in a sentence what else to offer, from what their profile says they value, want
    or might trade.
    """

    person_id: int
    name: str
    is_decider: bool
    has_trade: bool
    give_issue: str
    give_from: float | None
    give_to: float | None
    their_salience_give: float | None
    my_salience_give: float | None
    get_issue: str
    get_from: float | None
    get_to: float | None
    their_salience_get: float | None
    my_salience_get: float | None
    gain: float
    text: str
    instead: str

    @property
    def arithmetic(self) -> str:
        """The saliences behind the trade (0-1), for "How this is computed" ("" when
        there is no trade)."""
        if not self.has_trade:
            return ""
        return (
            f"How much each issue matters (salience, 0 to 1): to {self.name}, "
            f"{self.give_issue} {self.their_salience_give:.2f} against "
            f"{self.their_salience_get:.2f} for {self.get_issue}; to you, "
            f"{self.my_salience_give:.2f} against {self.my_salience_get:.2f}. A trade pays "
            "when the ratio of the two differs: each side gives ground where it cares "
            "relatively less."
        )


@dataclass(frozen=True)
class TradeReport:
    """The trades of a campaign, one row per stakeholder, best gain first."""

    campaign_id: int
    campaign: str
    as_of: date
    single_issue: bool
    message: str
    trades: list[PersonTrade]
    method: str

    def for_person(self, person_id: int) -> PersonTrade | None:
        """The row of one person, if they are a stakeholder."""
        return next((t for t in self.trades if t.person_id == person_id), None)


METHOD = (
    "Stokman-Van Oosten exchange model, first round, from my side: pairs on opposite "
    "sides of the expected outcomes (capability × salience weighted means) of two "
    "issues; moves by the equal-gain rule"
)


def instead_of(person: Person) -> str:
    """What to offer a person instead of a move on the issues, in one sentence, from
    what their profile says they value, might trade, are interested in or push for.

    Examples
    --------
    >>> print(instead_of(Person(name="Dee", values="candour", trades="her team's time.")))
    They value candour and might trade her team's time.
    >>> print(instead_of(Person(name="Cy", values="loyalty", trades="Would trade a quick read")))
    They value loyalty and might trade a quick read.
    >>> print(instead_of(Person(name="Bo")))
    Nothing recorded about what they value: ask someone they trust.
    """

    def said(text: str | None) -> str:
        words = (text or "").strip().rstrip(".;")
        for lead in ("would trade ", "might trade ", "would ", "they value "):
            if words.casefold().startswith(lead):
                words = words[len(lead) :]
        return words

    clauses = [
        f"{verb} {said(text)}"
        for verb, text in (
            ("they value", person.values),
            ("might trade", person.trades),
            ("are interested in", person.interests),
            ("are pushing for", person.agenda),
        )
        if said(text)
    ]
    if not clauses:
        return "Nothing recorded about what they value: ask someone they trust."
    if len(clauses) > 1:
        clauses = [", ".join(clauses[:-1]) + " and " + clauses[-1]]
    sentence = clauses[0]
    if not sentence.startswith("they value"):
        sentence = "they " + sentence
    return f"{sentence[0].upper()}{sentence[1:]}."


def _my_arrays(inputs: CampaignInputs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    issues = inputs.issues
    desired = np.array([i.desired_position for i in issues], dtype=np.float64)
    if inputs.me is None:
        return desired, np.full(len(issues), 0.5), np.ones(len(issues))
    me = inputs.me
    salience = np.array(
        [i.saliences[me] if i.has_stance[me] else 0.5 for i in issues], dtype=np.float64
    )
    capability = np.array([i.capabilities[me] for i in issues], dtype=np.float64)
    return desired, salience, np.maximum(capability, 1e-6)


def trades_in(inputs: CampaignInputs) -> TradeReport:
    """:func:`campaign_trades` on a campaign already read."""
    issues = inputs.issues
    people = [int(i) for i in inputs.stakeholders if i != inputs.me]
    inputs.people_at(people)  # every row says what else they value: read them at once
    decider = inputs.is_decider

    def report(single: bool, message: str, rows: list[PersonTrade]) -> TradeReport:
        return TradeReport(
            campaign_id=inputs.campaign.id or 0,
            campaign=inputs.campaign.name,
            as_of=inputs.as_of,
            single_issue=single,
            message=message,
            trades=rows,
            method=METHOD,
        )

    if len(issues) < 2:
        return report(
            True, SINGLE_ISSUE, [_none(inputs, i, bool(decider[i]), SINGLE_ISSUE) for i in people]
        )
    x = inputs.positions_matrix(people)
    s = inputs.saliences_matrix(people)
    c = inputs.capabilities_matrix(people)
    desired, my_s, my_c = _my_arrays(inputs)
    x = np.vstack([desired[None, :], x])
    s = np.vstack([my_s[None, :], s])
    c = np.vstack([my_c[None, :], c])
    best: dict[int, PairExchange] = {}
    for found in exchanges_with(x, s, c, 0):
        if found.valid and found.partner not in best:
            best[found.partner] = found
    rows = []
    for row, i in enumerate(people, start=1):
        if row in best:
            rows.append(_trade(inputs, i, best[row], s[0], s[row], bool(decider[i])))
        else:
            rows.append(_none(inputs, i, bool(decider[i]), _no_trade(x[0], x[row], s[row])))
    rows.sort(key=lambda r: (not r.has_trade, -r.gain, not r.is_decider, r.name))
    found_any = any(r.has_trade for r in rows)
    message = "" if found_any else "No stakeholder stands where a trade across issues helps."
    return report(False, message, rows)


def _trade(
    inputs: CampaignInputs,
    i: int,
    e: PairExchange,
    mine: np.ndarray,
    theirs: np.ndarray,
    is_decider: bool,
) -> PersonTrade:
    give, get = inputs.issues[e.give_issue], inputs.issues[e.get_issue]
    name = inputs.names[i]
    they = stance_words.salience(float(theirs[e.give_issue]))
    yours = stance_words.salience(float(mine[e.give_issue]))
    you = yours.replace("cares", "care", 1)
    both = f" ({name} {they} about {give.name}; you {you})" if they != yours else ""
    text = (
        f"Give ground on {give.name} (from {e.give_from:.0f} to {e.give_to:.0f}) for "
        f"{name}'s move on {get.name} (from {e.get_from:.0f} to {e.get_to:.0f}): "
        f"next to {get.name}, {give.name} matters more to them than to you{both}."
    )
    return PersonTrade(
        person_id=inputs.person_ids[i],
        name=name,
        is_decider=is_decider,
        has_trade=True,
        give_issue=give.name,
        give_from=e.give_from,
        give_to=e.give_to,
        their_salience_give=float(theirs[e.give_issue]),
        my_salience_give=float(mine[e.give_issue]),
        get_issue=get.name,
        get_from=e.get_from,
        get_to=e.get_to,
        their_salience_get=float(theirs[e.get_issue]),
        my_salience_get=float(mine[e.get_issue]),
        gain=e.gain,
        text=text,
        instead=instead_of(inputs.person(i)),
    )


def _none(inputs: CampaignInputs, i: int, is_decider: bool, reason: str) -> PersonTrade:
    return PersonTrade(
        person_id=inputs.person_ids[i],
        name=inputs.names[i],
        is_decider=is_decider,
        has_trade=False,
        give_issue="",
        give_from=None,
        give_to=None,
        their_salience_give=None,
        my_salience_give=None,
        get_issue="",
        get_from=None,
        get_to=None,
        their_salience_get=None,
        my_salience_get=None,
        gain=0.0,
        text=reason,
        instead=instead_of(inputs.person(i)),
    )


def _no_trade(mine: np.ndarray, theirs: np.ndarray, their_s: np.ndarray) -> str:
    stated = ~np.isnan(theirs)
    if stated.sum() < 2:
        return "No trade across issues: they have a stance on only one issue."
    if np.all(np.abs(theirs[stated] - mine[stated]) <= ON_BOARD):
        return "No trade needed: they are on board on every issue."
    return (
        "No trade across issues: they stand on your side of the expected outcome on one "
        "issue, or care about the issues in the same proportion as you."
    )


def campaign_trades(
    uow: UnitOfWork,
    campaign: str,
    *,
    lens: Lens = TODAY,
) -> TradeReport:
    """For each stakeholder, the issue where I can give ground that they care about more
    than I do, in return for movement on the issue I care about.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; nothing is written.
    campaign : str
        An id, a name, a unique part of a name, or ``active``.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    TradeReport
        One row per stakeholder (me excepted), those with a trade first, best gain first.
    """
    inputs = campaign_inputs(uow, campaign, lens)
    return trades_in(inputs)


def coherent_trades(trades: Sequence[PersonTrade]) -> list[PersonTrade]:
    """At most one trade per person, best gain first, that can all be honoured at once.

    In one room I hold one position per issue: a trade is left out when it would move
    me on an issue another chosen trade already moved me on to a different position, or
    asks someone to move on an issue I give ground on (or give ground where I ask).
    """
    chosen: list[PersonTrade] = []
    conceded: dict[str, float | None] = {}
    asked: set[str] = set()
    seen: set[int] = set()
    for t in sorted(trades, key=lambda x: -x.gain):
        if not t.has_trade or t.person_id in seen:
            continue
        if t.give_issue in asked or t.get_issue in conceded:
            continue
        if t.give_issue in conceded and conceded[t.give_issue] != t.give_to:
            continue
        chosen.append(t)
        seen.add(t.person_id)
        conceded[t.give_issue] = t.give_to
        asked.add(t.get_issue)
    return chosen
