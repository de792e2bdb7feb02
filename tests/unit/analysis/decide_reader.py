"""Readers for the collective-decision data sets in ``tests/data/forecasting``.

Test helpers only: they turn the published files into the arrays the forecasting
models take.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Issue:
    """One DEU issue: positions (nan = none), saliences (0-100 scaled to 0-1)."""

    name: str
    positions: NDArray[np.float64]
    capabilities: NDArray[np.float64]
    saliences: NDArray[np.float64]
    outcome: float | None


def read_deu(path: Path) -> tuple[list[str], list[Issue]]:
    """Read ``deu3-*.tsv``: the second row holds capabilities, blank = no position."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    header, capability_row = rows[0], rows[1]
    columns = {name: index for index, name in enumerate(header)}
    actors = [
        name[1:]
        for name in header
        if name.startswith("p") and f"s{name[1:]}" in columns and name != "p"
    ]
    p_cols = [columns[f"p{a}"] for a in actors]
    s_cols = [columns[f"s{a}"] for a in actors]
    capabilities = np.array([float(capability_row[i]) for i in p_cols])
    out_col = columns["out"]

    def number(cell: str) -> float:
        cell = cell.strip()
        return float(cell) if cell else np.nan

    issues = []
    for row in rows[2:]:
        positions = np.array([number(row[i]) for i in p_cols])
        saliences = np.array([number(row[i]) for i in s_cols]) / 100.0
        saliences = np.where(np.isnan(saliences), 0.0, saliences)
        outcome = number(row[out_col])
        issues.append(
            Issue(
                name=row[columns["isnr"]],
                positions=positions,
                capabilities=capabilities,
                saliences=saliences,
                outcome=None if np.isnan(outcome) else outcome,
            )
        )
    return actors, issues


@dataclass(frozen=True)
class DecideInput:
    """A Decide input file: actors, issues with scale ends, and the data."""

    actors: list[str]
    issues: list[str]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    positions: NDArray[np.float64]
    saliences: NDArray[np.float64]
    power: NDArray[np.float64]


def read_decide(path: Path) -> DecideInput:
    """Read a Decide file of quote-delimited, tab-separated ``#A #P #M #D`` rows."""
    with path.open(newline="", encoding="utf-8") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = "\t" if "\t" in sample else ";"
        quote = "'" if "'" in sample else '"'
        rows = [row for row in csv.reader(handle, delimiter=delimiter, quotechar=quote) if row]
    actors = [row[1] for row in rows if row[0] == "#A"]
    issues = [row[1] for row in rows if row[0] == "#P"]
    scale: dict[str, list[float]] = {issue: [] for issue in issues}
    for row in rows:
        if row[0] == "#M":
            scale[row[1]].append(float(row[2]))
    shape = (len(actors), len(issues))
    positions = np.full(shape, np.nan)
    saliences = np.zeros(shape)
    power = np.zeros(shape)
    a_index = {a: i for i, a in enumerate(actors)}
    p_index = {p: i for i, p in enumerate(issues)}
    for row in rows:
        if row[0] == "#D":
            i, p = a_index[row[1]], p_index[row[2]]
            positions[i, p] = float(row[3])
            saliences[i, p] = float(row[4])
            power[i, p] = float(row[5])
    lower = np.array([min(scale[p]) if scale[p] else 0.0 for p in issues])
    upper = np.array([max(scale[p]) if scale[p] else 100.0 for p in issues])
    return DecideInput(actors, issues, lower, upper, positions, saliences, power)
