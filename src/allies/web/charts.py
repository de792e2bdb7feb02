"""Charts as server-drawn SVG: the geometry here, the markup in ``standing/_charts.html``.

No script draws them, so they work under the strict content-security policy, in the
printable report and on paper. Colours come from CSS classes (``seg-strong``,
``level-above`` ...), never inline styles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from allies.services.standing.assessment import AssessmentResult
from allies.services.standing.powerbase import GroupRow, Sphere, StrengthBin

__all__ = [
    "Bar",
    "Bars",
    "Column",
    "Columns",
    "Dot",
    "Line",
    "Lines",
    "Orbit",
    "composition_bars",
    "history_lines",
    "sphere_orbit",
    "strength_columns",
]

BANDS = ("strong", "moderate", "weak", "none")


@dataclass(frozen=True)
class Segment:
    """One coloured piece of a stacked bar."""

    band: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class Bar:
    """One row of a stacked bar chart."""

    label: str
    y: float
    total: int
    segments: list[Segment]


@dataclass(frozen=True)
class Bars:
    """A stacked horizontal bar chart: rows of bands, in a ``width × height`` box."""

    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]
    title: str


def composition_bars(rows: Sequence[GroupRow], title: str, *, top: int = 8) -> Bars:
    """How many strong, moderate, weak and absent ties each group holds, as stacked bars."""
    shown = list(rows)[:top]
    label_width, plot, bar_height, gap = 150, 330, 18, 8
    most = max((r.people for r in shown), default=0) or 1
    bars = []
    for k, row in enumerate(shown):
        x = float(label_width)
        segments = []
        for band in BANDS:
            count = int(getattr(row, band))
            width = plot * count / most
            if count:
                segments.append(Segment(band, round(x, 1), round(width, 1), count))
            x += width
        bars.append(Bar(row.group, k * (bar_height + gap), row.people, segments))
    height = max(len(bars) * (bar_height + gap), bar_height)
    return Bars(label_width + plot + 40, height, label_width, bar_height, bars, title)


@dataclass(frozen=True)
class Column:
    """One column of a histogram."""

    label: str
    x: float
    y: float
    width: float
    height: float
    count: int


@dataclass(frozen=True)
class Columns:
    """A histogram: columns standing on a base line at ``base``."""

    width: int
    height: int
    base: int
    columns: list[Column]
    title: str


def strength_columns(bins: Sequence[StrengthBin], title: str) -> Columns:
    """The strength distribution as columns, weakest on the left."""
    width, plot_height, base, pad = 420, 150, 170, 10
    most = max((b.count for b in bins), default=0) or 1
    step = (width - 2 * pad) / max(len(bins), 1)
    columns = []
    for k, b in enumerate(bins):
        h = plot_height * b.count / most
        columns.append(
            Column(
                f"{b.low:.1f}–{b.high:.1f}",
                round(pad + k * step + 4, 1),
                round(base - h, 1),
                round(step - 8, 1),
                round(h, 1),
                b.count,
            )
        )
    return Columns(width, base + 36, base, columns, title)


@dataclass(frozen=True)
class Dot:
    """A person on the sphere chart: where, how big, coloured by level."""

    id: int
    name: str
    x: float
    y: float
    r: float
    level: str
    share: float
    direct: bool
    anchor: str


@dataclass(frozen=True)
class Orbit:
    """The sphere of influence: me in the centre, people around, the closer the more
    directly they take my lead, the larger the more of my lead reaches them."""

    size: int
    centre: float
    inner: float
    outer: float
    dots: list[Dot]
    title: str


def sphere_orbit(sphere: Sphere, title: str, *, top: int = 12) -> Orbit:
    """The first ``top`` people of the sphere on two rings (direct listeners inside)."""
    size, centre, inner, outer = 460, 230.0, 95.0, 175.0
    people = sphere.people[:top]
    most = max((p.share for p in people), default=0.0) or 1.0
    rings = {True: [p for p in people if p.listens_directly], False: []}
    rings[False] = [p for p in people if not p.listens_directly]
    dots = []
    for direct, members in rings.items():
        radius = inner if direct else outer
        offset = 0.0 if direct else math.pi / max(len(members), 1)
        for k, p in enumerate(members):
            angle = -math.pi / 2 + offset + 2 * math.pi * k / max(len(members), 1)
            x = centre + radius * math.cos(angle)
            y = centre + radius * math.sin(angle)
            anchor = (
                "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
            )
            dots.append(
                Dot(
                    p.id,
                    p.name,
                    round(x, 1),
                    round(y, 1),
                    round(5 + 13 * math.sqrt(p.share / most), 1),
                    p.level,
                    p.share,
                    direct,
                    anchor,
                )
            )
    return Orbit(size, centre, inner, outer, dots, title)


@dataclass(frozen=True)
class Line:
    """One dimension's scores over time as an SVG polyline."""

    key: str
    name: str
    points: str
    last_x: float
    last_y: float
    last: float
    label_y: float


@dataclass(frozen=True)
class Lines:
    """Scores (1-7) of each dimension over the assessments, oldest on the left."""

    width: int
    height: int
    left: int
    top: int
    bottom: int
    dates: list[tuple[float, date]]
    ticks: list[tuple[float, int]]
    lines: list[Line]
    title: str


def _spread_labels(lines: list[Line], gap: float = 13.0) -> list[Line]:
    """Move the end labels apart so that no two overlap (top to bottom)."""
    placed: list[Line] = []
    floor = -math.inf
    for line in sorted(lines, key=lambda x: (x.last_y, x.key)):
        y = max(line.last_y, floor + gap)
        placed.append(replace(line, label_y=round(y, 1)))
        floor = y
    order = {line.key: k for k, line in enumerate(lines)}
    return sorted(placed, key=lambda x: order[x.key])


def history_lines(history: Sequence[AssessmentResult], title: str) -> Lines:
    """Each dimension's score at each assessment, for a line chart."""
    width, left, right, top, bottom = 460, 34, 150, 12, 190
    plot = width - left - right
    n = len(history)

    def x_of(k: int) -> float:
        return left + (plot * k / (n - 1) if n > 1 else plot / 2)

    def y_of(score: float) -> float:
        return bottom - (bottom - top) * (score - 1) / 6

    keys = [(d.key, d.name) for d in history[-1].dimensions] if history else []
    lines = []
    for key, name in keys:
        points = []
        for k, result in enumerate(history):
            found = next((d for d in result.dimensions if d.key == key), None)
            if found is not None:
                points.append((round(x_of(k), 1), round(y_of(found.score), 1), found.score))
        if points:
            lines.append(
                Line(
                    key,
                    name,
                    " ".join(f"{x},{y}" for x, y, _ in points),
                    points[-1][0],
                    points[-1][1],
                    points[-1][2],
                    points[-1][1],
                )
            )
    lines = _spread_labels(lines)
    dates = [(round(x_of(k), 1), r.taken_on) for k, r in enumerate(history)]
    ticks = [(round(y_of(v), 1), v) for v in range(1, 8)]
    return Lines(width, bottom + 30, left, top, bottom, dates, ticks, lines, title)
