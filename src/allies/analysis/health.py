"""Relationship health: a 0-100 score with its parts, its trend, and cooling.

The score is a weighted mean of five parts, each between 0 and 1, so every point of it can
be traced to evidence. A part is only counted when there is evidence for it; the weights of
the parts that are counted are rescaled to sum to one, and a relationship with no evidence
at all has no score (``None``, "not enough evidence"), rather than a score made of priors:

* **recency** -- ``2 ** (-gap / max_gap)``: the relationship loses half its recency each
  time the longest acceptable gap (the person's cadence) passes without contact. Seen
  today it is 1; at the maximum gap it is 0.5.
* **frequency** -- the decay-weighted count of interactions, ``sum(2 ** (-age / H))``
  with a half-life ``H`` (90 days by default), divided by the count someone met exactly
  every ideal gap would have, ``1 / (1 - 2 ** (-ideal_gap / H))``, and capped at 1.
* **reciprocity** -- the share of favour value that flowed from me, smoothed by a prior of
  ``a`` units each way, ``(given + a) / (given + received + 2a)``; doubled and capped at 1,
  so giving at least as much as I take scores 1 and taking more lowers it.
* **reliability** -- promises kept on time, both mine to them and theirs to me, as the mean
  of a Beta posterior: with a Beta(alpha, beta) prior and ``s`` credits in ``n`` promises
  the estimate is ``(alpha + s) / (alpha + beta + n)``. A promise kept counts 1, kept late
  0.5, broken 0, and one still open past its due date 0; released promises do not count.
  With the default Beta(2, 1) prior, no promises read as 67 % and two kept as 80 %.
* **tone** -- how interactions went (-2..+2), decay-weighted like frequency and shrunk
  towards neutral by a prior weight of ``k`` interactions, rescaled to 0-1.

What counts as evidence for a part:

* recency and frequency -- anything at all recorded about the relationship by that day
  (an interaction, a favour or a promise): once the relationship is on record, no logged
  contact *is* a fact about it and reads as 0. With nothing recorded they are unknown.
* tone -- at least one interaction.
* reciprocity -- at least one favour, either way. No favours is not a balance.
* reliability -- at least one promise that counts (settled, or open past its due day).
  The Beta prior still shrinks what is known, but never stands alone.

So a stranger has no score, and someone seen often but with no favours or promises is
scored on recency, frequency and tone alone.

Time is measured in whole days (``date.toordinal()``); every function takes the day it is
computed *as of* and ignores evidence after it, so the same evidence gives the score at
any past day, which is what :func:`trend` does.

The exponential form of decay is a modelling choice, not an empirical law: Burt [1]_
shows that relationships weaken when contact lapses and that new ties decay fastest, and
Marsden and Campbell [2]_ find that closeness, more than frequency of contact, indicates
the strength of a tie, which is why frequency is one part among five rather than the
score. Granovetter [3]_ describes tie strength as a combination of time, emotional
intensity, intimacy and reciprocal services, the ingredients the parts approximate. The
reliability estimate is the standard conjugate Beta-Binomial posterior mean [4]_.

References
----------
.. [1] Burt, R. S. (2000). "Decay functions." *Social Networks* 22(1), 1-28.
.. [2] Marsden, P. V. and Campbell, K. E. (1984). "Measuring tie strength." *Social
   Forces* 63(2), 482-501.
.. [3] Granovetter, M. S. (1973). "The strength of weak ties." *American Journal of
   Sociology* 78(6), 1360-1380.
.. [4] Gelman, A. et al. (2013). *Bayesian Data Analysis*, 3rd ed., ch. 2 (the binomial
   model with a conjugate beta prior). CRC Press.

Examples
--------
>>> ev = Evidence.build(interaction_days=[100, 130], tones=[1, 2])
>>> score = health_at(ev, 130, ideal_gap=30, max_gap=60)
>>> round(score.score, 1), [p.name for p in score.parts if p.known]
(73.3, ['recency', 'frequency', 'tone'])
>>> health_at(Evidence.build(), 130, ideal_gap=30, max_gap=60).score is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields

import numpy as np
import numpy.typing as npt

from allies.analysis.health_parts import (
    Evidence,
    FloatArray,
    PromiseTally,
    beta_mean,
    decay,
    frequency,
    promise_tally,
    recency,
    reciprocity,
    tone,
)

__all__ = [
    "NOT_ENOUGH_EVIDENCE",
    "PART_NAMES",
    "Cooling",
    "Evidence",
    "HealthParams",
    "HealthPart",
    "HealthScore",
    "HealthWeights",
    "PromiseTally",
    "beta_mean",
    "cooling",
    "decay",
    "evidence_of",
    "frequency",
    "health_at",
    "promise_tally",
    "recency",
    "reciprocity",
    "tone",
    "trend",
]


PART_NAMES: tuple[str, ...] = ("recency", "frequency", "reciprocity", "reliability", "tone")
#: What a part or a score without evidence is shown as.
NOT_ENOUGH_EVIDENCE = "not enough evidence"


@dataclass(frozen=True)
class HealthWeights:
    """How much each part counts in the score (normalised to sum to one).

    Attributes
    ----------
    recency : float
        Weight of how recently we were in touch (0.30).
    frequency : float
        Weight of how often we have been in touch lately (0.20).
    reciprocity : float
        Weight of the favours balance (0.15).
    reliability : float
        Weight of promises kept on time, both ways (0.20).
    tone : float
        Weight of how our interactions went (0.15).
    """

    recency: float = 0.30
    frequency: float = 0.20
    reciprocity: float = 0.15
    reliability: float = 0.20
    tone: float = 0.15

    def normalised(self) -> dict[str, float]:
        """The weights by part name, scaled to sum to one.

        Raises
        ------
        ValueError
            When a weight is negative or all are zero.
        """
        raw = {f.name: float(getattr(self, f.name)) for f in fields(self)}
        if any(w < 0 or w != w for w in raw.values()):
            raise ValueError("health weights must be non-negative numbers")
        total = sum(raw.values())
        if total <= 0:
            raise ValueError("at least one health weight must be positive")
        return {name: w / total for name, w in raw.items()}

    def among(self, known: dict[str, bool]) -> dict[str, float]:
        """The weights of the parts with evidence (``known``), scaled to sum to one; 0
        for the others, and 0 for all when no part with evidence has any weight."""
        raw = self.normalised()
        total = sum(w for name, w in raw.items() if known[name])
        if total <= 0:
            return dict.fromkeys(raw, 0.0)
        return {name: (w / total if known[name] else 0.0) for name, w in raw.items()}


@dataclass(frozen=True)
class HealthParams:
    """The constants of the score, each with its default and what it means.

    Attributes
    ----------
    frequency_half_life : float
        Days after which an interaction counts half in frequency and tone (90).
    reliability_prior : tuple of float
        ``(alpha, beta)`` of the Beta prior on keeping promises: Beta(2, 1) is a prior
        mean of 2/3 worth three promises.
    late_credit : float
        What a promise kept late counts for, between broken (0) and kept (1): 0.5.
    tone_prior_weight : float
        How many neutral interactions the tone mean is shrunk towards (2).
    reciprocity_prior_units : float
        Favour units assumed each way before any are recorded (3, one medium favour).
    weights : HealthWeights
        The parts' weights.
    """

    frequency_half_life: float = 90.0
    reliability_prior: tuple[float, float] = (2.0, 1.0)
    late_credit: float = 0.5
    tone_prior_weight: float = 2.0
    reciprocity_prior_units: float = 3.0
    weights: HealthWeights = field(default_factory=HealthWeights)


@dataclass(frozen=True)
class HealthPart:
    """One part of the score: its value (0-1, ``None`` without evidence), its weight
    among the parts with evidence (0 without), points and the reason in words."""

    name: str
    value: float | None
    weight: float
    detail: str

    @property
    def known(self) -> bool:
        """Whether there is evidence for this part, so that it counts."""
        return self.value is not None

    @property
    def points(self) -> float:
        """What the part adds to the 0-100 score (0 without evidence)."""
        return 0.0 if self.value is None else 100.0 * self.weight * self.value


@dataclass(frozen=True)
class HealthScore:
    """The score as of a day (``None``: not enough evidence), with its parts and the
    last contact's gap."""

    as_of: int
    score: float | None
    parts: tuple[HealthPart, ...]
    gap: int | None

    def part(self, name: str) -> HealthPart:
        """The part called ``name``."""
        return next(p for p in self.parts if p.name == name)


_MISSING = {
    "recency": "nothing recorded about this relationship",
    "frequency": "nothing recorded about this relationship",
    "reciprocity": "no favours either way",
    "reliability": "no promises settled or due",
    "tone": "no interactions",
}


def evidence_of(evidence: Evidence, as_of: int, *, promise_trials: int) -> dict[str, bool]:
    """Which parts have evidence as of a day (see the module notes for the rules).

    Parameters
    ----------
    evidence : Evidence
        The relationship's evidence.
    as_of : int
        The day; later evidence is ignored.
    promise_trials : int
        How many promises count towards reliability that day.

    Examples
    --------
    >>> evidence_of(Evidence.build(favour_days=[5], favour_values=[3]), 10, promise_trials=0)
    {'recency': True, 'frequency': True, 'reciprocity': True, 'reliability': False, 'tone': False}
    """
    met = bool((evidence.interaction_days <= as_of).any())
    favoured = bool((evidence.favour_days <= as_of).any())
    promised = bool((evidence.promise_made <= as_of).any())
    recorded = met or favoured or promised
    return {
        "recency": recorded,
        "frequency": recorded,
        "reciprocity": favoured,
        "reliability": promise_trials > 0,
        "tone": met,
    }


def health_at(
    evidence: Evidence,
    as_of: int,
    *,
    ideal_gap: float,
    max_gap: float,
    params: HealthParams | None = None,
) -> HealthScore:
    """The relationship's health as of a day, from the evidence up to that day.

    Parameters
    ----------
    evidence : Evidence
        Interactions, favours and promises of the relationship.
    as_of : int
        The day (``date.toordinal()``); later evidence is ignored.
    ideal_gap, max_gap : float
        The check-in cadence in days: the ideal sets what full frequency means, the
        maximum is recency's half-life.
    params : HealthParams, optional
        Weights, priors and half-lives (the defaults when omitted).

    Returns
    -------
    HealthScore
        The 0-100 score (``None`` with no evidence at all) and its five parts, each
        explained; parts without evidence have no value and no weight.
    """
    p = params or HealthParams()
    seen = evidence.interaction_days <= as_of
    ages = as_of - evidence.interaction_days[seen]
    last = evidence.last_contact(as_of)
    gap = None if last is None else as_of - last

    rec = recency(gap, max_gap)
    rec_text = (
        "no interaction logged yet"
        if gap is None
        else f"last contact {gap} days ago; half-life {max_gap:g} days (the maximum gap)"
    )
    freq, count = frequency(ages, ideal_gap, p.frequency_half_life)
    freq_text = (
        f"{int(seen.sum())} interactions, {count:.1f} after decay "
        f"(half-life {p.frequency_half_life:g} days); every {ideal_gap:g} days would give "
        f"{1.0 / (1.0 - 2.0 ** (-ideal_gap / p.frequency_half_life)):.1f}"
    )
    favours = evidence.favour_values[evidence.favour_days <= as_of]
    given, received = float(favours[favours > 0].sum()), abs(float(favours[favours < 0].sum()))
    recip = reciprocity(given, received, p.reciprocity_prior_units)
    recip_text = f"favours given {given:g}, received {received:g} (small 1, medium 3, large 9)" + (
        f"; {received - given:g} more taken than given" if received > given else ""
    )
    both = promise_tally(evidence, as_of)
    known = evidence_of(evidence, as_of, promise_trials=both.trials)
    rel = beta_mean(both.credit, both.trials, p.reliability_prior)
    mine, theirs = promise_tally(evidence, as_of, True), promise_tally(evidence, as_of, False)
    alpha, beta = p.reliability_prior
    rel_text = (
        f"mine {mine.kept} kept, {mine.late} late, {mine.broken + mine.overdue} broken or "
        f"overdue; theirs {theirs.kept} kept, {theirs.late} late, "
        f"{theirs.broken + theirs.overdue} broken or overdue; prior Beta({alpha:g}, {beta:g})"
    )
    tone_weights = decay(ages, p.frequency_half_life)
    tone_value = tone(evidence.tones[seen], tone_weights, p.tone_prior_weight)
    tone_text = (
        "no interactions; neutral"
        if not seen.any()
        else f"mean tone {float(evidence.tones[seen].mean()):+.1f} of ±2 over "
        f"{int(seen.sum())} interactions, recent ones weighing more"
    )
    values = {
        "recency": (rec, rec_text),
        "frequency": (freq, freq_text),
        "reciprocity": (recip, recip_text),
        "reliability": (rel, rel_text),
        "tone": (tone_value, tone_text),
    }
    weights = p.weights.among(known)
    parts = tuple(
        HealthPart(name, value, weights[name], text)
        if known[name]
        else HealthPart(name, None, 0.0, f"{NOT_ENOUGH_EVIDENCE}: {_MISSING[name]}")
        for name, (value, text) in values.items()
    )
    counted = any(w > 0 for w in weights.values())
    score = float(sum(part.points for part in parts)) if counted else None
    return HealthScore(as_of=as_of, score=score, parts=parts, gap=gap)


def trend(
    evidence: Evidence,
    days: Sequence[int],
    *,
    ideal_gap: float,
    max_gap: float,
    params: HealthParams | None = None,
) -> FloatArray:
    """The score at each of ``days`` (for example today and 30, 60, 90 days before);
    ``nan`` on a day with not enough evidence.

    Examples
    --------
    >>> ev = Evidence.build(interaction_days=[0, 30, 60])
    >>> trend(ev, [-1, 60, 120], ideal_gap=30, max_gap=60).round(1).tolist()
    [nan, 73.1, 44.3]
    """
    found = (
        health_at(evidence, day, ideal_gap=ideal_gap, max_gap=max_gap, params=params).score
        for day in days
    )
    return np.array([np.nan if s is None else s for s in found], dtype=np.float64)


@dataclass(frozen=True)
class Cooling:
    """Whether a relationship is cooling, and why (empty reasons when it is not)."""

    cooling: bool
    reasons: tuple[str, ...]
    drop: float


def cooling(
    scores: npt.ArrayLike,
    window_days: int,
    *,
    gap: int | None,
    max_gap: float,
    drop_threshold: float = 15.0,
) -> Cooling:
    """Say whether a relationship is cooling.

    It is cooling when its score fell by at least ``drop_threshold`` points from the
    highest score in the window to now, or when the last contact is further back than the
    maximum gap. A relationship with no contact at all has never been warm and is not
    reported as cooling; days without a score (``nan``) are left out.

    Parameters
    ----------
    scores : array_like
        Scores over the window, oldest first, the last one today's.
    window_days : int
        How many days the scores span (for the message).
    gap : int or None
        Days since the last contact.
    max_gap : float
        The longest acceptable gap.
    drop_threshold : float
        The fall in points that counts as fast.

    Examples
    --------
    >>> cooling([70, 60, 48], 60, gap=40, max_gap=60).reasons
    ('score fell 22 points in 60 days',)
    """
    s = np.atleast_1d(np.asarray(scores, dtype=np.float64))
    if gap is None or s.size == 0:
        return Cooling(False, (), 0.0)
    known = s[~np.isnan(s)]
    drop = float(known.max() - s[-1]) if known.size and not np.isnan(s[-1]) else 0.0
    reasons: list[str] = []
    if drop >= drop_threshold:
        reasons.append(f"score fell {drop:.0f} points in {window_days} days")
    if gap > max_gap:
        reasons.append(f"no contact for {gap} days, past the maximum gap of {max_gap:g}")
    return Cooling(bool(reasons), tuple(reasons), drop)
