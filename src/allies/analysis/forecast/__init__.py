"""Forecasts of a campaign issue's outcome from stances and the network.

One model per module: :mod:`.compromise` (weighted mean), :mod:`.median`
(weighted median voter), :mod:`.friedkin_johnsen` (opinion dynamics over the
listens-to network), :mod:`.expected_utility` (Bueno de Mesquita's model as
specified by Scholz, Calbert and Smith 2011) and :mod:`.exchange` (the
Stokman-Van Oosten exchange model for several issues); :mod:`.default` averages
the compromise, Friedkin-Johnsen and mean-voter models into the default forecast;
:mod:`.intervals` gives each forecast its 80 % range from errors on real decisions.
"""

from allies.analysis.forecast.compromise import CompromiseForecast, compromise
from allies.analysis.forecast.default import DEFAULT_MEMBERS, DefaultForecast, default_forecast
from allies.analysis.forecast.exchange import (
    Candidate,
    Concession,
    ExchangeForecast,
    ExchangeRound,
    Trade,
    candidate_exchanges,
    exchange,
)
from allies.analysis.forecast.expected_utility import (
    Accepted,
    ExpectedUtilityForecast,
    ExpectedUtilityRound,
    OfferKind,
    Probability,
    expected_utility,
)
from allies.analysis.forecast.friedkin_johnsen import (
    FriedkinJohnsenForecast,
    friedkin_johnsen,
    row_stochastic,
)
from allies.analysis.forecast.intervals import (
    RANGE_HALF_WIDTHS,
    ForecastRange,
    forecast_range,
)
from allies.analysis.forecast.median import MedianForecast, median_voter, weighted_median

__all__ = [
    "DEFAULT_MEMBERS",
    "RANGE_HALF_WIDTHS",
    "Accepted",
    "Candidate",
    "CompromiseForecast",
    "Concession",
    "DefaultForecast",
    "ExchangeForecast",
    "ExchangeRound",
    "ExpectedUtilityForecast",
    "ExpectedUtilityRound",
    "ForecastRange",
    "FriedkinJohnsenForecast",
    "MedianForecast",
    "OfferKind",
    "Probability",
    "Trade",
    "candidate_exchanges",
    "compromise",
    "default_forecast",
    "exchange",
    "expected_utility",
    "forecast_range",
    "friedkin_johnsen",
    "median_voter",
    "row_stochastic",
    "weighted_median",
]
