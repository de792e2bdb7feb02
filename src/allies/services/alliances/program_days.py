"""The five days of the programme: each day's theme, questions and what it stores.

:mod:`allies.services.alliances.program` runs them; the web wizard and ``allies program`` ask the
questions listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["DAYS", "ProgramDay", "Prompt"]


@dataclass(frozen=True)
class Prompt:
    """One question of a day: the answer's key, the question and how to read the answer."""

    key: str
    question: str
    required: bool = False
    many: bool = False  # a comma-separated list
    default: str = ""
    #: How a face reads the typed answer: as text, a date, or a whole number of days.
    kind: Literal["text", "date", "days"] = "text"


@dataclass(frozen=True)
class ProgramDay:
    """A day of the programme: its theme, why it matters, its questions and what it stores."""

    number: int
    title: str
    intro: str
    prompts: tuple[Prompt, ...]
    records: str

    @property
    def kinds(self) -> dict[str, Literal["date", "days"]]:
        """The answers a face reads as something other than text, by key."""
        return {p.key: p.kind for p in self.prompts if p.kind != "text"}


DAYS: tuple[ProgramDay, ...] = (
    ProgramDay(
        1,
        "The cause",
        "Choose the one cause, project or programme where working with others would move "
        "you furthest, say why it matters now, and note what helps and what hinders you "
        "when you team up.",
        (
            Prompt("cause", "Which cause, project or programme matters most to you now?", True),
            Prompt("why", "What would real progress on it change?"),
            Prompt("helps", "What helps you line up with others?"),
            Prompt("hinders", "What holds you back?"),
            Prompt(
                "by", "By when do you want to see movement? (a date, or leave empty)", kind="date"
            ),
        ),
        "a goal",
    ),
    ProgramDay(
        2,
        "Who is good at it",
        "List the people and organisations you respect for being very good at something "
        "the cause needs. They become the first partners of an alliance around it.",
        (
            Prompt("people", "Which people? (comma-separated)", many=True),
            Prompt("organisations", "Which organisations? (comma-separated)", many=True),
            Prompt("strengths", "What are they good at that you need?"),
            Prompt("name", "A name for the alliance (empty: the cause's name)"),
        ),
        "a forming alliance with its partners; new people tagged prospect; needs of the goal",
    ),
    ProgramDay(
        3,
        "The agreement",
        "Work out what the alliance needs to hold: what is agreed, where it is written "
        "down, how it is checked, how work and credit are divided, and what makes it "
        "worth it for each side.",
        (
            Prompt("agreed", "What needs to be agreed?"),
            Prompt("written", "What will be written down, and where?"),
            Prompt("checked", "How will you check up on it?"),
            Prompt("divided", "How are the work and the credit divided?"),
            Prompt("win", "What makes it a win for each side?"),
        ),
        "the alliance's agreement and purpose",
    ),
    ProgramDay(
        4,
        "Make it real",
        "Commit to the alliance: the benefit it must return, the first piece of work and "
        "who does it, a first milestone to celebrate, and how often you will check in.",
        (
            Prompt("benefit", "What significant benefit must it return?", True),
            Prompt("duty", "What is the first piece of work?"),
            Prompt("duty_who", "Who does it? (empty: you)"),
            Prompt("duty_due", "By when? (a date, or leave empty)", kind="date"),
            Prompt("milestone", "Which first milestone will you celebrate?"),
            Prompt("milestone_due", "When do you expect it? (a date, or leave empty)", kind="date"),
            Prompt(
                "every",
                "Check in with the partners every how many days?",
                default="30",
                kind="days",
            ),
        ),
        "a common goal, a duty, a milestone, the check-in cadence; the alliance made active",
    ),
    ProgramDay(
        5,
        "Your team",
        "Think about who you need beside you on this and ask them. Record whom you will "
        "ask; a yes and a no both tell you something.",
        (
            Prompt("team", "Whom will you ask to join your team? (comma-separated)", True, True),
            Prompt("ask_by", "By when will you ask them?", default="in 7 days", kind="date"),
        ),
        "team tags, key tier for those without one, and a promise to ask each of them",
    ),
)
