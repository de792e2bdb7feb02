"""The command reference: every command with its help, as Markdown.

``python -m allies.cli.reference > docs/cli.md`` writes the reference the README links to;
a test checks that every command appears there.
"""

from __future__ import annotations

from collections.abc import Iterator

import typer
from typer._click.core import Command, Context
from typer.core import TyperGroup


def walk(command: Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Command]]:
    """Every visible command and group under ``command``, depth first, with its path of names.

    Hidden commands (such as the ``favor`` spelling of ``favour``) are aliases kept for old
    habits; the reference names each command once, under the name the help shows.
    """
    yield path, command
    if isinstance(command, TyperGroup):
        ctx = Context(command)  # the main group builds its commands when asked for them
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, (*path, name))


def command_tree() -> list[tuple[tuple[str, ...], Command]]:
    """The ``allies`` commands as (path, command) pairs, the root first."""
    from allies.cli.app import app

    return list(walk(typer.main.get_command(app)))


def render_markdown() -> str:
    """The whole reference as Markdown."""
    lines = [
        "# Command reference",
        "",
        "Every `allies` command, as `allies COMMAND --help` shows it.",
        "",
    ]
    tree = command_tree()
    root = tree[0][1]
    for path, command in tree:
        if not path:
            continue
        title = "allies " + " ".join(path)
        lines += [f"## `{title}`", ""]
        parent = Context(root, info_name="allies")
        ctx = Context(command, info_name=" ".join(path), parent=parent)
        usage = command.get_usage(ctx).replace("Usage: ", "")
        lines += ["```", usage, "```", ""]
        if command.help:
            lines += [command.help.strip(), ""]
        options = [p for p in command.get_params(ctx) if p.name != "help"]
        for param in options:
            record = param.get_help_record(ctx)
            if record:
                lines.append(f"- `{record[0]}`: {record[1]}")
        if options:
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown())
