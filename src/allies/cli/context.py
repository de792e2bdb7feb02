"""What every command needs: the settings in force and a way to open a unit of work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from allies.config import Settings, load_settings

if TYPE_CHECKING:  # the store and the services load when a command first opens a unit of work
    from allies.services.context import Lens
    from allies.services.ports import UnitOfWork, UnitOfWorkFactory


@dataclass
class CliState:
    """Global options, turned into settings on first use."""

    overrides: dict[str, Any] = field(default_factory=dict)
    #: ``--as``: the member of the workspace the commands work as (``None``: the local user).
    member: str | None = None
    _settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The settings, built on first use."""
        if self._settings is None:
            self._settings = load_settings(self.overrides)
        return self._settings

    def factory(self) -> UnitOfWorkFactory:
        """The unit-of-work factory for the chosen database (migrated on first use); its
        commits that change records are noted (:mod:`allies.background.changes`), so the
        background work is asked for once the command has succeeded."""
        from allies.background.changes import watch
        from allies.bootstrap import unit_of_work_factory

        factory = unit_of_work_factory(self.settings)
        watch(getattr(factory, "engine", None))
        return factory

    def uow(self) -> UnitOfWork:
        """A unit of work on the chosen workspace (as the member of ``--as``, when given)."""
        factory = self.factory()
        if self.member is None:
            return factory(self.settings.workspace)
        from allies.services.team.members import member_actor

        actor = member_actor(factory, self.settings.workspace, self.member)
        return factory(self.settings.workspace, actor)

    def lens(self, as_of: date | None = None) -> Lens:
        """The analyses' lens: the configured half-life, on ``as_of`` (today when omitted)."""
        return self.settings.lens.on(as_of)


def state(ctx: typer.Context) -> CliState:
    """The :class:`CliState` of the running command."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj
