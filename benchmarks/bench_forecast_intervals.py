"""The forecasts' accuracy with intervals and the coverage of their 80 % ranges.

Run from the project root::

    python benchmarks/bench_forecast_intervals.py

It prints the table of ``benchmarks/forecast_deu.py`` for the development half of
DEU III (``tests/data/forecasting/deu3-dev.tsv``) so that ``make bench`` shows each
model's mean absolute error with its bootstrap interval, its difference to the
compromise model, and the share of held-out outcomes inside its 80 % range.
"""

from __future__ import annotations

from forecast_deu import DEFAULT_DATA, table


def main() -> None:
    """Print the section."""
    print("\n".join(table(DEFAULT_DATA)))


if __name__ == "__main__":
    main()
