"""The printable report: where you stand, as one self-contained HTML file.

:func:`render_report` draws a :class:`~allies.services.standing.report.StandingReport` with
the Jinja2 template ``printable/standing.html`` and the same chart macros as the pages.
It calls no service: whoever has the report (``allies report``, the download on the power
base page) hands it over. The style sheets are copied into the file, so it opens anywhere
without the server, and a print style sheet lays it out on A4.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from allies.services.standing.report import StandingReport
from allies.web.charts import composition_bars, history_lines, sphere_orbit, strength_columns
from allies.web.deps import STATIC_DIR, TEMPLATES_DIR

__all__ = ["PRINTABLE_DIR", "render_report"]

#: The report's template and print style sheet (kept apart from the served templates).
PRINTABLE_DIR = Path(__file__).resolve().parent / "printable"


def _environment() -> Environment:
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(PRINTABLE_DIR), FileSystemLoader(TEMPLATES_DIR)]),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(report: StandingReport, *, generated_on: date | None = None) -> str:
    """The report as a complete HTML document (styles included, no scripts, no links out).

    Parameters
    ----------
    report : StandingReport
        The power base, the goal plans and the self-assessments to draw.
    generated_on : date, optional
        The date printed in the footer (today by default).

    Returns
    -------
    str
    """
    pb = report.power_base
    css = "\n".join(
        (STATIC_DIR / "css" / "standing.css").read_text(encoding="utf-8").splitlines()
        + (PRINTABLE_DIR / "printable.css").read_text(encoding="utf-8").splitlines()
    )
    context = {
        "report": report,
        "pb": pb,
        "css": css,
        "generated_on": generated_on or date.today(),
        "level_chart": composition_bars(pb.by_level, "By level"),
        "unit_chart": composition_bars(pb.by_unit, "By unit"),
        "strength_chart": strength_columns(pb.strength.bins, "Strength of your relationships"),
        "sphere_chart": sphere_orbit(pb.sphere, "Your sphere of influence"),
        "history_chart": history_lines(report.assessments, "Your scores over time"),
        "latest": report.assessments[-1] if report.assessments else None,
    }
    return _environment().get_template("standing.html").render(context)
