"""Score every forecasting model on real EU decisions (DEU format), with intervals.

Run from the project root::

    python benchmarks/forecast_deu.py [FILE.tsv]

The file (default: the development half of DEU III, ``tests/data/forecasting/deu3-dev.tsv``)
is tab-separated: a header row, a row of capabilities in the position columns, then
one row per issue with positions ``p<actor>`` (0-100, blank for none), saliences
``s<actor>`` (0-100), the proposal ``prnr`` and the recorded outcome ``out``. Each
model forecasts every issue with an outcome. For each model the table gives

- the mean absolute error (MAE, 0-100 scale) with its 95 % bootstrap interval,
  resampling whole proposals (their issues are decided together);
- the difference of its MAE to the compromise model's, with the same paired
  bootstrap: an interval that contains 0 means the data do not tell them apart;
- the half-width of its 80 % range (split-conformal quantile of the absolute errors
  on the whole file: the number stored in
  :data:`allies.analysis.forecast.intervals.RANGE_HALF_WIDTHS`) and the share of
  outcomes inside the range when each proposal is left out and its range taken from
  the other proposals' errors alone.

Nothing in the models is fitted to the file; the half-width is fitted inside each
fold. The exchange model takes the issues of one proposal together. The default
forecast is the function ``allies campaign forecast`` uses (without a listens-to
network its Friedkin-Johnsen part is the capability-weighted mean). The last line is
``default: MAE xx.xx, 80 % range covers yy.y % of outcomes``.
"""

from __future__ import annotations

import csv
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from allies.analysis.forecast import (
    compromise,
    default_forecast,
    exchange,
    expected_utility,
    friedkin_johnsen,
    median_voter,
)
from allies.analysis.forecast.intervals import (
    LEVEL,
    bootstrap_by_group,
    conformal_half_width,
    grouped_coverage,
)

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1] / "tests" / "data" / "forecasting" / "deu3-dev.tsv"
)

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Issue:
    """One issue: its proposal, positions, capabilities, saliences (0-1) and outcome."""

    proposal: str
    positions: FloatArray
    capabilities: FloatArray
    saliences: FloatArray
    outcome: float | None


def read_deu(path: Path) -> list[Issue]:
    """The issues of a DEU-format file, in file order."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if row]
    header, capability_row = rows[0], rows[1]
    column = {name: i for i, name in enumerate(header)}
    actors = [h[1:] for h in header if h.startswith("p") and f"s{h[1:]}" in column]
    p_cols = [column[f"p{a}"] for a in actors]
    s_cols = [column[f"s{a}"] for a in actors]
    capabilities = np.array([float(capability_row[i]) for i in p_cols])

    def number(cell: str) -> float:
        return float(cell) if cell.strip() else math.nan

    issues = []
    for row in rows[2:]:
        positions = np.array([number(row[i]) for i in p_cols])
        saliences = np.nan_to_num(np.array([number(row[i]) for i in s_cols]) / 100.0)
        out = number(row[column["out"]])
        issues.append(
            Issue(
                proposal=row[column["prnr"]],
                positions=positions,
                capabilities=capabilities,
                saliences=np.clip(saliences, 0.0, 1.0),
                outcome=None if math.isnan(out) else out,
            )
        )
    return issues


def _network_free(x: FloatArray, c: FloatArray, s: FloatArray) -> float:
    """Friedkin-Johnsen with nobody listening to anyone."""
    nobody = sp.csr_matrix((x.shape[0], x.shape[0]))
    return friedkin_johnsen(nobody, x, saliences=s, capabilities=c).outcome


#: One-issue models: key (as in the app) → (label, forecast of positions, capabilities,
#: saliences).
MODELS: dict[str, tuple[str, Callable[[FloatArray, FloatArray, FloatArray], float]]] = {
    "default": (
        "default (compromise, Friedkin-Johnsen and mean voter averaged)",
        lambda x, c, s: default_forecast(x, c, s).outcome,
    ),
    "compromise": (
        "compromise (capability × salience mean)",
        lambda x, c, s: compromise(x, c, s).outcome,
    ),
    "mean_voter": ("mean voter (unweighted mean)", lambda x, c, s: float(np.nanmean(x))),
    "weighted_median": (
        "weighted median (median voter)",
        lambda x, c, s: median_voter(x, c, s).outcome,
    ),
    "friedkin_johnsen": ("Friedkin-Johnsen (no network: capability-weighted mean)", _network_free),
}

EU_MEDIAN = "expected_utility"
EU_MEAN = "expected_utility_mean"
EU_PER_PAIR = "expected_utility_per_pair"
EXCHANGE = "exchange"

LABELS: dict[str, str] = {
    **{key: label for key, (label, _) in MODELS.items()},
    EU_MEDIAN: "expected utility (Scholz et al. 2011), median after bargaining",
    EU_MEAN: "expected utility (Scholz et al. 2011), mean after bargaining",
    EU_PER_PAIR: "expected utility, per-pair probability variant (not the published model)",
    EXCHANGE: "exchange (Stokman-Van Oosten, issues of a proposal together)",
}

BASELINE = "compromise"


@dataclass(frozen=True)
class Scored:
    """Absolute errors of one model and the proposal of each scored issue."""

    errors: FloatArray
    proposals: list[str]


def score(issues: list[Issue]) -> dict[str, Scored]:
    """Absolute errors of every model on the issues with a recorded outcome.

    Every model scores the same issues in the same order (file order), so errors
    can be compared issue by issue.
    """
    errors: dict[str, list[float]] = {key: [] for key in LABELS}
    proposals: list[str] = []
    exchanged: dict[int, float] = {}
    by_proposal: dict[str, list[int]] = {}
    for k, issue in enumerate(issues):
        by_proposal.setdefault(issue.proposal, []).append(k)
    for members in by_proposal.values():
        chosen = [issues[k] for k in members]
        positions = np.column_stack([i.positions for i in chosen])
        saliences = np.column_stack([i.saliences for i in chosen])
        result = exchange(positions, saliences, chosen[0].capabilities)
        for p, k in enumerate(members):
            exchanged[k] = float(result.outcome[p])
    for k, issue in enumerate(issues):
        if issue.outcome is None:
            continue
        proposals.append(issue.proposal)
        x, c, s = issue.positions, issue.capabilities, issue.saliences
        for key, (_, model) in MODELS.items():
            errors[key].append(abs(model(x, c, s) - issue.outcome))
        bargained = expected_utility(x, c, s)
        errors[EU_MEDIAN].append(abs(bargained.outcome - issue.outcome))
        errors[EU_MEAN].append(abs(bargained.mean - issue.outcome))
        per_pair = expected_utility(x, c, s, probability="per_pair")
        errors[EU_PER_PAIR].append(abs(per_pair.outcome - issue.outcome))
        errors[EXCHANGE].append(abs(exchanged[k] - issue.outcome))
    return {key: Scored(np.array(values), proposals) for key, values in errors.items()}


@dataclass(frozen=True)
class Row:
    """One model's line of the table."""

    key: str
    mae: float
    mae_low: float
    mae_high: float
    diff: float
    diff_low: float
    diff_high: float
    half_width: float
    coverage: float
    issues: int


def rows(scored: dict[str, Scored]) -> list[Row]:
    """The table's rows, best MAE first."""
    base = scored[BASELINE].errors
    out = []
    for key, result in scored.items():
        groups = result.proposals
        mae = bootstrap_by_group(result.errors, groups)
        diff = bootstrap_by_group(result.errors - base, groups)
        held_out = grouped_coverage(result.errors, groups, LEVEL)
        out.append(
            Row(
                key,
                mae.mean,
                mae.low,
                mae.high,
                diff.mean,
                diff.low,
                diff.high,
                conformal_half_width(result.errors, LEVEL),
                held_out.coverage,
                int(result.errors.shape[0]),
            )
        )
    return sorted(out, key=lambda row: row.mae)


def table(path: Path) -> list[str]:
    """The Markdown section for one data file, ending with the default's line."""
    issues = read_deu(path)
    start = time.perf_counter()
    scored = score(issues)
    elapsed = time.perf_counter() - start
    table_rows = rows(scored)
    proposals = len(set(scored[BASELINE].proposals))
    lines = [
        f"## Forecast accuracy on {path.name}",
        "",
        f"Mean absolute error (MAE) on the 0-100 scale against the recorded outcomes "
        f"({len(issues)} issues, {sum(i.outcome is not None for i in issues)} with an "
        f"outcome in {proposals} proposals; every model in {elapsed:.1f} s). Lower is "
        "better. Intervals are 95 % bootstrap intervals resampling proposals; "
        "'vs compromise' is the model's MAE minus the compromise model's (an interval "
        "containing 0: no difference the data can show). 'Half-width' makes the 80 % "
        "range point ± half-width; 'covered' is the share of outcomes inside it with "
        "each proposal left out and its range taken from the other proposals.",
        "",
        "| model | MAE | 95 % interval | vs compromise | 95 % interval | half-width | covered "
        "| issues |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {LABELS[r.key]} | {r.mae:.2f} | [{r.mae_low:.1f}, {r.mae_high:.1f}] "
        f"| {r.diff:+.2f} | [{r.diff_low:+.1f}, {r.diff_high:+.1f}] | {r.half_width:.1f} "
        f"| {100 * r.coverage:.1f} % | {r.issues} |"
        for r in table_rows
    ]
    best = next(r for r in table_rows if r.key == "default")
    lines += [
        "",
        f"default: MAE {best.mae:.2f}, 80 % range covers {100 * best.coverage:.1f} % of outcomes",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the table for the file named in ``argv`` (the DEU III development half)."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_DATA
    if not path.is_file():
        print(f"No data file at {path}.", file=sys.stderr)
        return 1
    print("\n".join(table(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
