"""Score every forecasting model on real EU decisions (DEU format) and print a table.

Run from the project root::

    python benchmarks/forecast_deu.py [DATA.tsv]

The file (default: the development half of DEU III,
``../shared/data/forecasting/deu3-dev.tsv``) is tab-separated: a header row, a row of
capabilities in the position columns, then one row per issue with positions
``p<actor>`` (0-100, blank for none), saliences ``s<actor>`` (0-100), the proposal
``prnr`` and the recorded outcome ``out``. Each model forecasts every issue with an
outcome; the score is the mean absolute error on the 0-100 scale. The exchange model
takes the issues of one proposal together. The default forecast is the function the
``allies campaign forecast`` command uses (without a listens-to network, its
Friedkin-Johnsen part is the capability-weighted mean).
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

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "forecasting" / "deu3-dev.tsv"
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


#: One-issue models: name → forecast of (positions, capabilities, saliences).
MODELS: dict[str, Callable[[FloatArray, FloatArray, FloatArray], float]] = {
    "default (compromise, Friedkin-Johnsen and mean voter averaged)": lambda x, c, s: (
        default_forecast(x, c, s).outcome
    ),
    "compromise (capability × salience mean)": lambda x, c, s: compromise(x, c, s).outcome,
    "mean voter (unweighted mean)": lambda x, c, s: float(np.nanmean(x)),
    "weighted median (median voter)": lambda x, c, s: median_voter(x, c, s).outcome,
    "Friedkin-Johnsen (no network: capability-weighted mean)": _network_free,
}

EU_MEDIAN = "expected utility (Scholz et al. 2011), median after bargaining"
EU_MEAN = "expected utility (Scholz et al. 2011), mean after bargaining"

EXCHANGE = "exchange (Stokman-Van Oosten, issues of a proposal together)"


def score(issues: list[Issue]) -> dict[str, list[float]]:
    """Absolute errors of every model on the issues with a recorded outcome."""
    errors: dict[str, list[float]] = {name: [] for name in [*MODELS, EU_MEDIAN, EU_MEAN]}
    for issue in issues:
        if issue.outcome is None:
            continue
        x, c, s = issue.positions, issue.capabilities, issue.saliences
        for name, model in MODELS.items():
            errors[name].append(abs(model(x, c, s) - issue.outcome))
        bargained = expected_utility(x, c, s)
        errors[EU_MEDIAN].append(abs(bargained.outcome - issue.outcome))
        errors[EU_MEAN].append(abs(bargained.mean - issue.outcome))
    errors[EXCHANGE] = []
    proposals: dict[str, list[Issue]] = {}
    for issue in issues:
        proposals.setdefault(issue.proposal, []).append(issue)
    for members in proposals.values():
        positions = np.column_stack([i.positions for i in members])
        saliences = np.column_stack([i.saliences for i in members])
        result = exchange(positions, saliences, members[0].capabilities)
        for k, issue in enumerate(members):
            if issue.outcome is not None:
                errors[EXCHANGE].append(abs(float(result.outcome[k]) - issue.outcome))
    return errors


def table(path: Path) -> list[str]:
    """The Markdown section for one data file."""
    issues = read_deu(path)
    start = time.perf_counter()
    errors = score(issues)
    elapsed = time.perf_counter() - start
    rows = sorted(errors.items(), key=lambda item: float(np.mean(item[1])))
    lines = [
        f"## Forecast accuracy on {path.name}",
        "",
        f"Mean absolute error on the 0-100 scale against the recorded outcomes "
        f"({len(issues)} issues, {sum(i.outcome is not None for i in issues)} with an "
        f"outcome; every model in {elapsed:.1f} s). Lower is better.",
        "",
        "| model | MAE | issues |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {name} | {np.mean(values):.2f} | {len(values)} |" for name, values in rows]
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
