"""What each form asks for: its fields, in order, with labels and help in plain English.

One template (``_form.html``) draws any of these, so every form looks and behaves alike:
labels on every field, the first field focused, Enter submits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DATE_HINT = "today, yesterday, 3 days ago, 2026-03-31"
#: The hint of a day still to come (a promise's due date).
DUE_HINT = "Optional. tomorrow, next friday, in 2 weeks, end of January, 2026-03-31"


@dataclass(frozen=True)
class Field:
    """One form field.

    ``kind`` is ``text``, ``textarea``, ``select``, ``number``, ``checkbox``, ``date``
    (free text read by :func:`allies.services.dates.parse_date`), ``person`` (a name with
    suggestions) or ``people`` (several names separated by commas).
    ``choices`` names a list of :data:`allies.web.choices.ALL`.
    """

    name: str
    label: str
    kind: str = "text"
    choices: str | None = None
    blank: str | None = None  # the label of an empty first option of a select
    help: str = ""
    required: bool = False
    default: str = ""
    step: str = ""
    minimum: str = ""
    maximum: str = ""
    suggestions: str | None = None  # id of a datalist for a plain text field
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Form:
    """A whole form: a name (to tell forms apart on one page), fields and a button."""

    name: str
    fields: tuple[Field, ...]
    submit: str = "Save"

    def defaults(self) -> dict[str, str]:
        """Each field's starting value."""
        return {f.name: f.default for f in self.fields if f.default}


def labels_of(form: Form) -> dict[str, str]:
    """What ``form`` calls each of its fields (for messages in the form's own words)."""
    return {f.name: f.label for f in form.fields}


ON = Field("on", "When", "date", default="today", help=DATE_HINT)

MEETING = Form(
    "meeting",
    (
        Field(
            "people",
            "Who did you meet?",
            "people",
            required=True,
            help="One name or several, separated by commas.",
        ),
        Field("summary", "What happened, in a line"),
        Field(
            "kind",
            "Kind",
            "select",
            "interaction_kinds",
            blank="auto: one-on-one, or group for several",
        ),
        ON,
        Field("tone", "How did it go?", "select", "tones", default="0"),
        Field("initiated_by", "Who reached out?", "select", "initiators"),
        Field("notes", "Notes", "textarea"),
    ),
    "Log meeting",
)

OBSERVATION = Form(
    "observation",
    (
        Field("subject", "Who", "person", required=True),
        Field("kind", "… did what", "select", "observation_kinds", required=True),
        Field("object", "… to whom", "person", required=True),
        ON,
        Field("context", "Where (a meeting, a thread)"),
        Field(
            "strength",
            "How clear was it? (0-1)",
            "number",
            default="1",
            step="0.1",
            minimum="0",
            maximum="1",
        ),
        Field("note", "Note", "textarea"),
    ),
    "Record observation",
)

FAVOUR = Form(
    "favour",
    (
        Field("person", "With whom", "person", required=True),
        Field("direction", "Which way", "select", "favour_directions", default="given"),
        Field("description", "What was it?", required=True),
        Field("size", "How big", "select", "favour_sizes", default="small"),
        ON,
    ),
    "Record favour",
)

PROMISE = Form(
    "promise",
    (
        Field("by", "Who promised", "person", default="me", help="“me” for a promise of yours."),
        Field("to", "To whom", "person", required=True, help="“me” for a promise to you."),
        Field("description", "What was promised", required=True),
        Field("due", "By when", "date", help=DUE_HINT),
        Field("made_on", "Promised on", "date", default="today"),
    ),
    "Record promise",
)

PROMISE_WITH = Form(
    "promise",
    (
        Field("direction", "Who promised", "select", "promise_directions", default="mine"),
        Field("description", "What was promised", required=True),
        Field("due", "By when", "date", help=DUE_HINT),
        Field("made_on", "Promised on", "date", default="today"),
    ),
    "Record promise",
)

TIE = Form(
    "tie",
    (
        Field("source", "Who", "person", required=True),
        Field("kind", "… how", "select", "tie_kinds", required=True),
        Field("target", "… whom", "person", required=True),
        Field(
            "weight",
            "Strength (0-1)",
            "number",
            default="0.5",
            step="0.1",
            minimum="0",
            maximum="1",
        ),
        Field(
            "confidence",
            "How sure are you? (0-1)",
            "number",
            default="1",
            step="0.1",
            minimum="0",
            maximum="1",
        ),
        Field("origin", "Where it came from", "select", "tie_origins", default="stated"),
        Field("valid_from", "Holds from", "date", help="Optional."),
        Field("valid_to", "Holds until", "date", help="Optional."),
        Field("note", "Note"),
    ),
    "Add tie",
)

CADENCE = Form(
    "cadence",
    (
        Field("person", "For a person", "person", help="Or leave empty and give a tag or tier."),
        Field("tag", "… or everyone tagged", suggestions="tag-list"),
        Field("tier", "… or a tier", "select", "tiers", blank="—"),
        Field("ideal_days", "Ideally every … days", "number", required=True, minimum="1", step="1"),
        Field(
            "max_days",
            "At most every … days",
            "number",
            minimum="1",
            step="1",
            help="Twice the ideal when left empty.",
        ),
    ),
    "Set cadence",
)

PERSON = Form(
    "person",
    (
        Field("name", "Name", required=True),
        Field("title", "Title"),
        Field(
            "organisation",
            "Organisation",
            suggestions="organisation-list",
            help="A new one is created when needed.",
        ),
        Field("unit", "Unit", suggestions="unit-list"),
        Field("emails", "E-mails", help="Separate several with commas."),
        Field("phones", "Phones", help="Separate several with commas."),
        Field("tags", "Tags", suggestions="tag-list", help="Separate several with commas."),
        Field("level", "Level relative to me", "select", "levels", blank="—"),
        Field("tier", "Tier", "select", "tiers", blank="—"),
        Field("interests", "Interests", "textarea", help="What they care about."),
        Field("agenda", "Agenda", "textarea", help="What they are trying to achieve."),
        Field("values", "What they value", "textarea"),
        Field("offers", "What they could offer", "textarea"),
        Field("trades", "What they might trade", "textarea"),
        Field("notes", "Notes", "textarea"),
        Field("is_me", "This is me", "checkbox"),
    ),
    "Save person",
)

ORGANISATION = Form(
    "organisation",
    (
        Field("name", "Name", required=True),
        Field("kind", "Kind", help="For example: my employer, partner, regulator."),
        Field("notes", "Notes", "textarea"),
    ),
    "Save organisation",
)

UNIT = Form(
    "unit",
    (
        Field("name", "Unit name", required=True),
        Field("organisation", "Organisation", suggestions="organisation-list"),
        Field("parent", "Inside the unit", suggestions="unit-list", help="Optional."),
    ),
    "Save unit",
)

INTERACTION_EDIT = Form(
    "interaction",
    (
        Field("people", "Who", "people", required=True),
        Field("summary", "Summary"),
        Field("kind", "Kind", "select", "interaction_kinds"),
        Field("on", "When", "date", help=DATE_HINT),
        Field("tone", "How did it go?", "select", "tones"),
        Field("initiated_by", "Who reached out?", "select", "initiators"),
        Field("notes", "Notes", "textarea"),
    ),
)

PROMISE_EDIT = Form(
    "promise",
    (
        Field("by", "Who promised", "person", required=True),
        Field("to", "To whom", "person", required=True),
        Field("description", "What was promised", required=True),
        Field("due", "By when", "date", help="Leave empty for no due date."),
        Field("made_on", "Promised on", "date"),
        Field("note", "Note", "textarea"),
    ),
)

CADENCE_EDIT = Form(
    "cadence",
    (
        Field("ideal_days", "Ideally every … days", "number", required=True, minimum="1"),
        Field("max_days", "At most every … days", "number", required=True, minimum="1"),
        Field("snoozed_until", "Snoozed until", "date", help="Leave empty to end a snooze."),
    ),
)

PERSON_NEW = Form(
    "person",
    (
        *PERSON.fields,
        Field(
            "allow_duplicate",
            "Someone else has this name, and this is a different person: add anyway",
            "checkbox",
        ),
    ),
    "Add person",
)
