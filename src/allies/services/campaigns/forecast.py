"""Forecast a campaign: every model side by side per issue, and the default forecast.

For each issue of a campaign, from the current stances (position, salience,
capability stated or derived from influence) and the listens-to network:

- **compromise**: the capability × salience weighted mean (Achen 2006);
- **weighted median**: the median voter (Black 1948; Bueno de Mesquita 1994);
- **Friedkin-Johnsen**: opinions settle over the listens-to network, each person held
  to her first view by her salience, outcome weighted by capability (Friedkin and
  Johnsen 1990); opinions pass through people who have taken no stance;
- **expected utility**: Bueno de Mesquita's bargaining model as specified by Scholz,
  Calbert and Smith (2011), :data:`EU_VARIANT`;
- **exchange**: with two or more issues, the Stokman-Van Oosten exchange of voting
  positions (Stokman and Van Oosten 1994), which also yields the trades;
- the **default** forecast (:func:`allies.analysis.forecast.default.default_forecast`):
  the equal-weight average of the compromise, Friedkin-Johnsen and mean-voter models.
  On 180 real EU decisions (DEU III development half) it misses by 19.6 points on
  average [17.1, 21.9], the compromise model by 20.5: a difference within noise, so
  it is the default because it is no worse and leans less on rough capability
  estimates, not because it is shown to be more accurate.

Every forecast comes with its 80 % range (:mod:`allies.analysis.forecast.intervals`:
the spread of that model's errors on those decisions, checked on proposals left out)
and says how far it lands from my desired position; the default says whose stated
positions carry it.

References
----------
.. [1] Achen, C. H. (2006). "Evaluating political decision-making models." In
   Thomson et al. (eds.), *The European Union Decides*, Cambridge University Press.
.. [2] Friedkin, N. E. and Johnsen, E. C. (1990). "Social influence and opinions."
   *Journal of Mathematical Sociology* 15(3-4), 193-206.
.. [3] Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). "Unravelling Bueno de
   Mesquita's group decision model." *Journal of Theoretical Politics* 23(4), 510-531.
.. [4] Stokman, F. N. and Van Oosten, R. (1994). "The exchange of voting positions."
   In Bueno de Mesquita and Stokman (eds.), *European Community Decision Making*, Yale
   University Press, 105-127.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from allies.analysis.forecast import (
    compromise,
    default_forecast,
    exchange,
    expected_utility,
    friedkin_johnsen,
    median_voter,
)
from allies.analysis.forecast.exchange import ExchangeForecast
from allies.analysis.forecast.intervals import LEVEL, forecast_range
from allies.services.campaigns.inputs import CampaignInputs, IssueInputs, campaign_inputs
from allies.services.campaigns.support import side_of
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = [
    "DEFAULT_METHOD",
    "EU_VARIANT",
    "MODEL_LABELS",
    "RANGE_NOTE",
    "CampaignForecast",
    "Driver",
    "ExchangeRun",
    "IssueForecast",
    "ModelForecast",
    "forecast_campaign",
    "forecast_inputs",
    "run_exchange",
]

#: The models in the order they are shown, with their labels.
MODEL_LABELS: dict[str, str] = {
    "default": "default (average of compromise, Friedkin-Johnsen and mean voter)",
    "compromise": "compromise (capability × salience mean)",
    "weighted_median": "weighted median (median voter)",
    "friedkin_johnsen": "Friedkin-Johnsen on the listens-to network",
    "expected_utility": "expected utility (Scholz, Calbert & Smith 2011)",
    "exchange": "exchange (Stokman-Van Oosten)",
    "mean_voter": "mean voter (every position counts equally)",
}

#: The variant of the expected-utility model used.
EU_VARIANT = (
    "Scholz, Calbert & Smith (2011) as published: P(i beats j) = positive votes for i over "
    "the votes cast in all contests (risk-neutral votes); Q = 1, T = 1; risk exponents "
    "from the threat each actor faces; an actor gives in to a lost conflict before it "
    "compromises (by the fraction |EU_ij| / EU_ji of the distance) and compromises before "
    "it capitulates; up to 10 rounds; forecast = weighted median of the final positions. "
    "On their EC car-emission example every round's mean is within 0.07 of theirs"
)

#: How the default forecast is made.
DEFAULT_METHOD = (
    "equal-weight average of the compromise model, the Friedkin-Johnsen consensus on the "
    "listens-to network and the mean voter; on 180 EU decisions it missed by 19.6 points "
    "on average (95 % interval 17.1-21.9), the compromise model by 20.5: no difference "
    "the data can show"
)

#: What the ranges mean.
RANGE_NOTE = (
    f"each range holds the outcome about {LEVEL:.0%} of the time: it is the spread of that "
    "model's errors on 180 real EU decisions, checked on proposals left out "
    "(benchmarks/forecast_deu.py)"
)

#: How many people to list as carrying the default forecast.
DRIVERS = 5


@dataclass(frozen=True)
class ModelForecast:
    """One model's forecast of one issue.

    ``to_desired`` is ``outcome − desired``: negative when the forecast falls short of
    my position towards the low end. ``outcome`` is ``None`` when the model does not
    apply (``note`` says why). ``low`` and ``high`` are its 80 % range.
    """

    model: str
    label: str
    outcome: float | None
    to_desired: float | None
    note: str = ""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Driver:
    """Someone whose stated position carries the default forecast.

    ``share`` is their weight in the forecast (shares sum to one over the
    stakeholders); ``pull`` is ``share × (position − forecast)``, how far they drag it
    up or down.
    """

    person_id: int
    name: str
    position: float
    share: float
    pull: float
    is_decider: bool


@dataclass(frozen=True)
class IssueForecast:
    """Every model's forecast of one issue, the default first.

    ``low`` and ``high`` are the default's 80 % range (the summary says it in words,
    "likely between 55 and 80"); ``sureness`` says what it rests on ("8 in 10 past EU
    decisions ended within 29 points of this kind of forecast").
    """

    issue_id: int
    issue: str
    low_label: str
    high_label: str
    desired: float
    stakeholders: int
    default: float | None
    to_desired: float | None
    side: str
    summary: str
    models: list[ModelForecast]
    drivers: list[Driver] = field(default_factory=list)
    low: float | None = None
    high: float | None = None
    sureness: str = ""

    def model(self, key: str) -> ModelForecast:
        """The forecast of one model, by key (``compromise``, ``default`` ...)."""
        return next(m for m in self.models if m.model == key)


@dataclass(frozen=True)
class CampaignForecast:
    """A campaign's forecasts, issue by issue."""

    campaign_id: int
    campaign: str
    as_of: date
    decision_on: date | None
    issues: list[IssueForecast]
    trades: int
    method: str = DEFAULT_METHOD
    eu_variant: str = EU_VARIANT
    range_note: str = RANGE_NOTE


def _model(key: str, outcome: float | None, desired: float, note: str = "") -> ModelForecast:
    span = None if outcome is None else forecast_range(outcome, key)
    return ModelForecast(
        model=key,
        label=MODEL_LABELS[key],
        outcome=outcome,
        to_desired=None if outcome is None else outcome - desired,
        note=note,
        low=None if span is None else span.low,
        high=None if span is None else span.high,
    )


def _summary(issue: IssueInputs, outcome: float) -> str:
    desired = issue.desired_position
    gap = outcome - desired
    likely = forecast_range(outcome).words.capitalize()
    if abs(gap) < 0.5:
        return f"Forecast {outcome:.0f}: where I want it ({desired:g}). {likely}."
    end = issue.issue.high_label if gap > 0 else issue.issue.low_label
    towards = f"towards '{end}'" if end not in ("0", "100") else "higher" if gap > 0 else "lower"
    return (
        f"Forecast {outcome:.0f}, {abs(gap):.0f} points from my {desired:g}, {towards}. {likely}."
    )


def _issue_forecast(
    inputs: CampaignInputs, issue: IssueInputs, exchanged: dict[int, float], note: str
) -> IssueForecast:
    who = issue.stakeholders
    desired = issue.desired_position
    if who.shape[0] == 0:
        empty = [_model(key, None, desired, "no stances yet") for key in MODEL_LABELS]
        return IssueForecast(
            issue.id,
            issue.name,
            issue.issue.low_label,
            issue.issue.high_label,
            desired,
            0,
            default=None,
            to_desired=None,
            side="",
            summary="No stances recorded yet: nothing to forecast.",
            models=empty,
        )
    x, s, c = issue.positions[who], issue.saliences[who], issue.capabilities[who]
    counted = np.where(issue.has_stance, issue.capabilities, 0.0)
    best = default_forecast(issue.positions, issue.capabilities, issue.saliences, inputs.listens_to)
    network = friedkin_johnsen(
        inputs.listens_to,
        issue.positions,
        saliences=issue.saliences,
        capabilities=counted if counted.sum() > 0 else issue.has_stance.astype(np.float64),
    )
    bargained = expected_utility(x, c, s)
    models = [
        _model("default", best.outcome, desired),
        _model("compromise", compromise(x, c, s).outcome, desired),
        _model("weighted_median", median_voter(x, c, s).outcome, desired),
        _model("friedkin_johnsen", network.outcome, desired),
        _model(
            "expected_utility",
            bargained.outcome,
            desired,
            f"{len(bargained.rounds)} rounds" + ("" if bargained.converged else ", still moving"),
        ),
        _model("exchange", exchanged.get(issue.id), desired, note),
        _model("mean_voter", best.members["mean_voter"], desired),
    ]
    order = np.argsort(-best.weights[who], kind="stable")[:DRIVERS]
    drivers = [
        Driver(
            person_id=inputs.person_ids[who[k]],
            name=inputs.names[who[k]],
            position=float(x[k]),
            share=float(best.weights[who[k]]),
            pull=float(best.weights[who[k]] * (x[k] - best.outcome)),
            is_decider=bool(inputs.is_decider[who[k]]),
        )
        for k in order
    ]
    span = forecast_range(best.outcome)
    return IssueForecast(
        issue.id,
        issue.name,
        issue.issue.low_label,
        issue.issue.high_label,
        desired,
        int(who.shape[0]),
        default=best.outcome,
        to_desired=best.outcome - desired,
        side=side_of(best.outcome, desired),
        summary=_summary(issue, best.outcome),
        models=models,
        drivers=drivers,
        low=span.low,
        high=span.high,
        sureness=span.basis,
    )


@dataclass(frozen=True)
class ExchangeRun:
    """The exchange model run on a campaign's issues with stances.

    ``issues`` are the issues taken (those with at least one stance), in the order of
    the model's columns; ``people`` are the network indices (into
    :attr:`CampaignInputs.person_ids`) of the model's actors, so actor ``k`` of a trade
    is person ``inputs.person_ids[people[k]]`` and issue ``p`` is ``issues[p]``.
    """

    issues: tuple[IssueInputs, ...]
    people: npt.NDArray[np.int64]
    result: ExchangeForecast

    def outcome_of(self, issue_id: int) -> float | None:
        """The exchange model's forecast of an issue (None if it took no part)."""
        for k, issue in enumerate(self.issues):
            if issue.id == issue_id:
                return float(self.result.outcome[k])
        return None


def run_exchange(inputs: CampaignInputs) -> ExchangeRun | None:
    """Run the Stokman-Van Oosten exchange model when two or more issues have stances.

    Actors are everyone with a stance on at least one of those issues; capabilities are
    per issue (stated or derived), positions ``nan`` where someone has no stance.
    """
    issues = tuple(i for i in inputs.issues if i.stakeholders.shape[0] > 0)
    if len(issues) < 2:
        return None
    who = np.unique(np.concatenate([i.stakeholders for i in issues])).astype(np.int64)
    positions = np.column_stack([i.positions[who] for i in issues])
    saliences = np.column_stack([i.saliences[who] for i in issues])
    power = np.column_stack([i.capabilities[who] for i in issues])
    return ExchangeRun(issues, who, exchange(positions, saliences, power))


def _exchange(inputs: CampaignInputs) -> tuple[dict[int, float], ExchangeRun | None, str]:
    """Exchange-model outcomes by issue id, the run, and a note for the table."""
    run = run_exchange(inputs)
    if run is None:
        reason = "needs two issues with stances" if len(inputs.issues) > 1 else "one issue"
        return {}, None, reason
    outcomes = {i.id: float(run.result.outcome[k]) for k, i in enumerate(run.issues)}
    return outcomes, run, f"{len(run.result.trades)} exchanges"


def forecast_inputs(inputs: CampaignInputs) -> CampaignForecast:
    """Forecast every issue of a campaign already read as arrays."""
    exchanged, result, note = _exchange(inputs)
    return CampaignForecast(
        campaign_id=inputs.campaign.id or 0,
        campaign=inputs.campaign.name,
        as_of=inputs.as_of,
        decision_on=inputs.campaign.decision_on,
        issues=[_issue_forecast(inputs, issue, exchanged, note) for issue in inputs.issues],
        trades=0 if result is None else len(result.result.trades),
    )


def forecast_campaign(
    uow: UnitOfWork,
    campaign: str,
    *,
    lens: Lens = TODAY,
) -> CampaignForecast:
    """Forecast each issue of a campaign with every model, the default first.

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
    CampaignForecast
    """
    return forecast_inputs(campaign_inputs(uow, campaign, lens))
