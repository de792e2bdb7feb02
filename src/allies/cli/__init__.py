"""The command-line face of ``allies`` (Typer + Rich).

:mod:`~allies.cli.app` wires every command into ``allies``; the feature packages
(:mod:`~allies.cli.network`, :mod:`~allies.cli.keep`, :mod:`~allies.cli.campaigns`,
:mod:`~allies.cli.alliances`, :mod:`~allies.cli.standing`, :mod:`~allies.cli.transfer`,
:mod:`~allies.cli.team`) and the single-module features (:mod:`~allies.cli.influence`,
:mod:`~allies.cli.agenda`, :mod:`~allies.cli.demo`) hold the commands; :mod:`~allies.cli.context`
and :mod:`~allies.cli.output` are what they share; :mod:`~allies.cli.serve` starts the web
face and :mod:`~allies.cli.reference` writes docs/cli.md.

May use: the services, :mod:`allies.bootstrap` and :mod:`allies.config` (to open the database),
:mod:`allies.errors` and the domain's vocabularies. Only :mod:`~allies.cli.serve` (to start
it) and ``allies report`` (for its printable page) reach into the web face. Never the store.
"""
