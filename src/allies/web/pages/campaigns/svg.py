"""Geometry of the campaign charts, drawn by the templates as inline SVG.

The page needs no script: each chart is a list of shapes with pixel coordinates and
CSS classes (colours live in ``static/css/campaigns.css``), and every point carries a
``<title>`` that browsers show on hover.

- :func:`power_interest_svg`: the power-interest grid, interest (salience) across and
  power (capability) up, split into four quadrants at 0.5;
- :func:`position_salience_svg`: position on the issue's 0-100 scale across, salience
  up, circles sized by capability, with my desired position and the forecast marked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from allies.services.campaigns.charts import SPLIT, IssueChart, StakeholderPoint

__all__ = [
    "Dot",
    "Line",
    "Svg",
    "Text",
    "place_labels",
    "position_salience_svg",
    "power_interest_svg",
]

#: How many points get a name written next to them (the rest show it on hover).
LABELLED = 8


@dataclass(frozen=True)
class Dot:
    """A stakeholder's circle."""

    x: float
    y: float
    r: float
    css: str
    title: str
    label: str = ""
    #: Where the label's text starts (or ends, with anchor "end"): set by
    #: :func:`place_labels` so that no two labels overlap.
    lx: float = 0.0
    ly: float = 0.0
    anchor: str = "start"


@dataclass(frozen=True)
class Line:
    """A straight line (axis, grid or marker)."""

    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Text:
    """A piece of text."""

    x: float
    y: float
    text: str
    css: str = ""
    anchor: str = "start"
    rotate: int = 0


@dataclass(frozen=True)
class Rect:
    """A filled rectangle (a quadrant)."""

    x: float
    y: float
    width: float
    height: float
    css: str


@dataclass
class Svg:
    """One chart: its size, a description for screen readers, and its shapes."""

    width: int
    height: int
    label: str
    rects: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    #: Every stakeholder by the group the chart puts them in (the full list shown beside
    #: the chart, since names that would overlap are left off it).
    groups: list[tuple[str, list[str]]] = field(default_factory=list)


#: The size of a dot label's letters (px; see ``svg.chart .dot-label`` in campaigns.css).
_LABEL_PX = 10.0


def _box(x: float, y: float, width: float, anchor: str) -> tuple[float, float, float, float]:
    left = x - width if anchor == "end" else x
    return (left, y - _LABEL_PX + 1, left + width, y + 2)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    dots: list[Dot],
    width: float,
    height: float,
    avoid: list[tuple[float, float, float, float]] | None = None,
) -> list[Dot]:
    """The dots with their labels placed right, left, above, below or at a corner of each
    dot, whichever first overlaps no label already placed, no other dot and stays inside
    the chart; a label that fits nowhere is dropped (the name stays in the dot's hover
    title and in the list beside the chart). Dots earlier in the list are placed first;
    ``avoid`` holds boxes (left, top, right, bottom) of other text the labels must not
    cover."""
    placed: list[tuple[float, float, float, float]] = list(avoid or [])
    discs = [(d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r) for d in dots]
    out: list[Dot] = []
    for k, d in enumerate(dots):
        if not d.label:
            out.append(d)
            continue
        w = 0.6 * _LABEL_PX * len(d.label)
        spots = [
            (d.x + d.r + 2, d.y + 3, "start"),
            (d.x - d.r - 2, d.y + 3, "end"),
            (d.x - w / 2, d.y - d.r - 3, "start"),
            (d.x - w / 2, d.y + d.r + _LABEL_PX, "start"),
            (d.x + d.r, d.y + d.r + _LABEL_PX - 2, "start"),
            (d.x - d.r, d.y + d.r + _LABEL_PX - 2, "end"),
            (d.x + d.r, d.y - d.r - 1, "start"),
            (d.x - d.r, d.y - d.r - 1, "end"),
        ]
        chosen = None
        for x, y, anchor in spots:
            box = _box(x, y, w, anchor)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if (
                inside
                and not any(_overlaps(box, p) for p in placed)
                and not any(_overlaps(box, c) for j, c in enumerate(discs) if j != k)
            ):
                chosen = (x, y, anchor, box)
                break
        if chosen is None:
            out.append(Dot(d.x, d.y, d.r, d.css, d.title))
            continue
        placed.append(chosen[3])
        out.append(Dot(d.x, d.y, d.r, d.css, d.title, d.label, chosen[0], chosen[1], chosen[2]))
    return out


def _css(point: StakeholderPoint) -> str:
    classes = ["dot", point.side.replace(" ", "-")]
    if point.is_decider:
        classes.append("decider")
    if point.is_me:
        classes.append("me")
    return " ".join(classes)


def _title(point: StakeholderPoint) -> str:
    role = " (decider)" if point.is_decider else " (me)" if point.is_me else ""
    return (
        f"{point.name}{role}: position {point.position:.0f}, salience {point.interest:.2f}, "
        f"capability {point.power:.2f} ({point.power_source}), {point.side}"
    )


def _short(name: str) -> str:
    parts = name.split()
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0]}."


def power_interest_svg(chart: IssueChart, width: int = 420, height: int = 340) -> Svg:
    """The power-interest grid of an issue's stakeholders."""
    left, right, top, bottom = 44, 12, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(interest: float) -> float:
        return left + plot_w * min(1.0, max(0.0, interest))

    def py(power: float) -> float:
        return top + plot_h * (1.0 - min(1.0, max(0.0, power)))

    svg = Svg(
        width,
        height,
        f"Power-interest grid of {len(chart.points)} stakeholders on {chart.issue}",
    )
    mid_x, mid_y = px(SPLIT), py(SPLIT)
    quads = [
        (mid_x, top, left + plot_w - mid_x, mid_y - top, "manage closely", "quad-manage"),
        (left, top, mid_x - left, mid_y - top, "keep satisfied", "quad-satisfy"),
        (mid_x, mid_y, left + plot_w - mid_x, top + plot_h - mid_y, "keep informed", "quad-inform"),
        (left, mid_y, mid_x - left, top + plot_h - mid_y, "monitor", "quad-monitor"),
    ]
    avoid: list[tuple[float, float, float, float]] = []
    for x, y, w, h, name, css in quads:
        svg.rects.append(Rect(x, y, w, h, css))
        svg.texts.append(Text(x + w / 2, y + 14, name, "quad-label", "middle"))
        half = 0.3 * 11 * len(name)
        avoid.append((x + w / 2 - half, y + 3, x + w / 2 + half, y + 17))
    svg.lines += [
        Line(left, top + plot_h, left + plot_w, top + plot_h, "axis"),
        Line(left, top, left, top + plot_h, "axis"),
    ]
    svg.texts += [
        Text(
            left + plot_w / 2, height - 8, "interest: how much it matters →", "axis-label", "middle"
        ),
        Text(14, top + plot_h / 2, "power: weight they bring →", "axis-label", "middle", -90),
        Text(left, top + plot_h + 14, "0", "tick", "middle"),
        Text(left + plot_w, top + plot_h + 14, "1", "tick", "middle"),
        Text(left - 6, top + plot_h, "0", "tick", "end"),
        Text(left - 6, top + 8, "1", "tick", "end"),
    ]
    for k, point in enumerate(chart.points):
        svg.dots.append(
            Dot(
                px(point.interest),
                py(point.power),
                7.0 if point.is_decider else 5.0,
                _css(point),
                _title(point),
                _short(point.name) if k < LABELLED else "",
            )
        )
    svg.dots = place_labels(svg.dots, width, height, avoid)
    groups: dict[str, list[str]] = {name: [] for *_, name, _ in quads}
    for point in chart.points:
        high_power, high_interest = point.power >= SPLIT, point.interest >= SPLIT
        name = (
            ("manage closely" if high_interest else "keep satisfied")
            if high_power
            else ("keep informed" if high_interest else "monitor")
        )
        groups[name].append(point.name)
    svg.groups = [(name, names) for name, names in groups.items() if names]
    return svg


def position_salience_svg(chart: IssueChart, width: int = 640, height: int = 300) -> Svg:
    """Position across, salience up, circles sized by capability; my position and the
    forecast as vertical lines."""
    left, right, top, bottom = 44, 16, 22, 46
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(position: float) -> float:
        return left + plot_w * min(100.0, max(0.0, position)) / 100.0

    def py(salience: float) -> float:
        return top + plot_h * (1.0 - min(1.0, max(0.0, salience)))

    svg = Svg(
        width,
        height,
        f"Positions and saliences of {len(chart.points)} stakeholders on {chart.issue}",
    )
    svg.lines += [
        Line(left, top + plot_h, left + plot_w, top + plot_h, "axis"),
        Line(left, top, left, top + plot_h, "axis"),
    ]
    for tick in (0, 25, 50, 75, 100):
        svg.lines.append(Line(px(tick), top, px(tick), top + plot_h, "gridline"))
        svg.texts.append(Text(px(tick), top + plot_h + 14, str(tick), "tick", "middle"))
    svg.texts += [
        Text(left, height - 8, f"← {chart.low_label}", "axis-label", "start"),
        Text(left + plot_w, height - 8, f"{chart.high_label} →", "axis-label", "end"),
        Text(14, top + plot_h / 2, "salience →", "axis-label", "middle", -90),
        Text(left - 6, top + plot_h, "0", "tick", "end"),
        Text(left - 6, top + 8, "1", "tick", "end"),
    ]
    svg.lines.append(Line(px(chart.desired), top, px(chart.desired), top + plot_h, "desired"))
    svg.texts.append(
        Text(px(chart.desired), top - 8, f"I want {chart.desired:g}", "desired-label", "middle")
    )
    if chart.forecast is not None:
        x = px(chart.forecast)
        svg.lines.append(Line(x, top, x, top + plot_h, "forecast"))
        svg.texts.append(
            Text(x, top + plot_h - 4, f"forecast {chart.forecast:.0f}", "forecast-label", "middle")
        )
    for k, point in enumerate(chart.points):
        svg.dots.append(
            Dot(
                px(point.position),
                py(point.interest),
                3.0 + 9.0 * math.sqrt(max(0.0, point.power)),
                _css(point),
                _title(point),
                _short(point.name) if k < LABELLED else "",
            )
        )
    svg.dots = place_labels(svg.dots, width, height)
    return svg
