"""How the command line words an error's next step: as the command to type.

Errors carry a :class:`allies.errors.NextStep` (an action on a kind of record); only here
does it become command text, so the web and the API never show a command. A step with
no command here (reload, log in) adds nothing: the error's plain hint says it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from allies.errors import Action, NextStep, OptionValue

__all__ = ["COMMANDS", "command_for", "next_step_line"]

#: The command for each ``(action, kind)``. ``{name}`` takes the step's option of that
#: name (or stands as ``NAME`` when the step has none); the step's other options follow
#: as ``--option value`` (``--option`` alone for ``True``).
COMMANDS: Mapping[tuple[Action, str], str] = {
    ("list", "person"): "allies person list",
    ("list", "organisation"): "allies org list",
    ("list", "unit"): "allies org list",
    ("list", "tie"): "allies tie list",
    ("list", "favour"): "allies favour list",
    ("list", "promise"): "allies promise list",
    ("list", "cadence"): "allies cadence list",
    ("list", "campaign"): "allies campaign list",
    ("list", "issue"): "allies campaign list",
    ("list", "stance"): "allies stance list",
    ("list", "alliance"): "allies alliance list",
    ("list", "goal"): "allies goal list",
    ("list", "assessment"): "allies assess history",
    ("list", "note"): "allies note list {person}",
    ("list", "workspace"): "allies workspace list",
    ("list", "user"): "allies user list",
    ("list", "token"): "allies token list",
    ("show", "person"): "allies person show {person}",
    ("show", "campaign"): "allies campaign show {campaign}",
    ("show", "alliance"): "allies alliance show {alliance}",
    ("show", "goal"): "allies goal show {goal}",
    ("add", "person"): "allies person add {name}",
    ("add", "organisation"): "allies org add {name}",
    ("add", "unit"): "allies org unit add {name}",
    ("add", "tie"): "allies tie add {source} {tie} {target}",
    ("add", "promise"): "allies promise add {what}",
    ("add", "cadence"): "allies cadence set {person}",
    ("add", "campaign"): "allies campaign new {name}",
    ("add", "alliance"): "allies alliance new {name}",
    ("add", "goal"): "allies goal new {title}",
    ("add", "workspace"): "allies workspace add {name}",
    ("add", "user"): "allies user add {username}",
    ("edit", "person"): "allies person edit {person}",
    ("edit", "campaign"): "allies campaign edit {campaign}",
    ("merge", "person"): "allies person merge {keep} {person}",
    ("reassign", "person"): "allies person rm {person} --reassign-to {to}",
    ("delete-related", "person"): "allies person rm {person} --delete-related",
    ("restore-elsewhere", "backup"): "allies -w {workspace} import backup {file}",
    ("take", "assessment"): "allies assess",
    ("take", "program"): "allies program --day {day}",
    ("export", "backup"): "allies export backup {file}",
    ("grant", "workspace"): "allies workspace grant {workspace} {username} --role {role}",
    ("replace", "demo"): "allies demo --into {workspace} --replace",
}

#: How the sentence that carries the command starts, by action.
_LEAD: Mapping[Action, str] = {
    "list": "List them with",
    "show": "See them with",
    "add": "Add one with",
    "edit": "Change it with",
    "merge": "Merge them with",
    "reassign": "Move what refers to it with",
    "delete-related": "Delete it with what refers to it with",
    "restore-elsewhere": "Restore it elsewhere with",
    "take": "Start with",
    "export": "Export one with",
    "grant": "Grant a role with",
    "replace": "Rebuild it with",
}


def _word(value: OptionValue) -> str:
    """One value as the shell reads it: quoted when it holds a space."""
    text = str(value)
    return f'"{text}"' if (not text or " " in text) else text


def command_for(step: NextStep) -> str | None:
    """The command line that takes ``step``, or ``None`` when no command does.

    Parameters
    ----------
    step
        The next step an error names.

    Returns
    -------
    str or None
        For example ``allies favour list`` for ``NextStep("list", "favour")``.
    """
    if step.kind is None:
        return None
    template = COMMANDS.get((step.action, step.kind))
    if template is None:
        return None
    named = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    values = {
        field: _word(step.options[field]) if field in step.options else field.upper()
        for field in named
    }
    parts = [template.format_map(values)]
    for option, value in step.options.items():
        if option in named or value is False:
            continue
        flag = "--" + option.replace("_", "-")
        parts.append(flag if value is True else f"{flag} {_word(value)}")
    return " ".join(parts)


#: Steps taken with an option of the command just run rather than with another command.
_OPTION_SENTENCES: Mapping[tuple[Action, str], str] = {
    ("map-columns", "contacts"): "Say which is which with `--map 'name=Full Name,email=E-mail'`.",
    ("skip-bad", "records"): "Import without --strict to skip the bad records.",
}


def next_step_line(step: NextStep | None) -> str | None:
    """The sentence the command line prints for ``step``: its command in backticks."""
    if step is None:
        return None
    if step.kind is not None and (step.action, step.kind) in _OPTION_SENTENCES:
        return _OPTION_SENTENCES[(step.action, step.kind)]
    command = command_for(step)
    if command is None:
        return None
    return f"{_LEAD.get(step.action, 'Next:')} `{command}`."
