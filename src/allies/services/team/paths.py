"""Who on our team has the best path to someone: each member's strongest warm path, best
first.

Each member is a person of the network (:mod:`allies.services.team.members`), so each has
warm paths of their own: along the same ties, but with the first hop weighed by the health
of *their* relationship (:func:`allies.services.influence.paths.warm_path_in`, Dijkstra on
``−log`` of the hops). The member whose strongest path is strongest is the one to ask
(the idea of Affinity's "who on our team knows them best", with the arithmetic shown).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from allies.domain.accounts import Actor
from allies.services.context import TODAY, Lens
from allies.services.influence.loading import load_influence_network
from allies.services.influence.paths import PATH_METHOD, PathOption, relationship_warmth
from allies.services.influence.paths import warm_path_in as _warm_path_in
from allies.services.ports import UnitOfWorkFactory

__all__ = ["MemberPath", "TeamPaths", "team_paths"]


@dataclass(frozen=True)
class MemberPath:
    """One member's strongest path to the target.

    Attributes
    ----------
    position : int
        1 for the member best placed; members without a path come last.
    username, display_name : str
        The member.
    person_id, person : int or None, str
        The person who is the member (``None``: they have not said, so no path).
    strength : float
        The strength of their strongest path (0 when there is none).
    path : PathOption or None
        That path, hop by hop.
    note : str
        Why there is no path, when there is none.
    """

    position: int
    username: str
    display_name: str
    person_id: int | None
    person: str
    strength: float
    path: PathOption | None
    note: str


@dataclass(frozen=True)
class TeamPaths:
    """Every member's strongest path to ``target``, best first."""

    target: str
    target_id: int
    as_of: date
    members: list[MemberPath]
    method: str
    message: str

    @property
    def best(self) -> MemberPath | None:
        """The member best placed, when anyone has a path."""
        first = self.members[0] if self.members else None
        return first if first is not None and first.path is not None else None


def team_paths(
    factory: UnitOfWorkFactory,
    workspace: str | None,
    target: str,
    *,
    actor: Actor | None = None,
    lens: Lens = TODAY,
) -> TeamPaths:
    """Each member's strongest warm path to ``target``, best first.

    Parameters
    ----------
    factory : UnitOfWorkFactory
        Opens the workspace, once as ``actor`` and once as each member.
    workspace : str or None
        The workspace (``None``: the default one).
    target : str
        Whom to reach (name, e-mail or id).
    actor : Actor, optional
        Who asks (``None``: the local user); any member may ask.
    lens : Lens
        The day evidence is weighed on and how fast observations fade.

    Returns
    -------
    TeamPaths

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the target cannot be found.
    """
    uow = factory(workspace, actor)
    network = load_influence_network(uow, lens)
    end = network.person(target)
    with uow:
        members = uow.team.members()
    rows: list[tuple[float, str, MemberPath]] = []
    for member in members:
        if member.person_id is None or member.person_id not in network.people:
            row = MemberPath(
                0,
                member.username,
                member.display_name,
                None,
                "",
                0.0,
                None,
                "has not said who they are in this network yet",
            )
            rows.append((-1.0, member.username, row))
            continue
        person = network.people[member.person_id]
        if member.person_id == end.id:
            row = MemberPath(
                0,
                member.username,
                member.display_name,
                member.person_id,
                person.name,
                1.0,
                None,
                "is this person",
            )
            rows.append((2.0, member.username, row))
            continue
        warmth = relationship_warmth(factory(workspace, member.actor), lens)
        found = _warm_path_in(
            network, f"#{end.id}", alternatives=0, source=f"#{member.person_id}", warmth=warmth
        )
        best = found.paths[0] if found.paths else None
        strength = best.strength if best else 0.0
        note = "" if best else "no chain of current ties joins them"
        row = MemberPath(
            0,
            member.username,
            member.display_name,
            member.person_id,
            person.name,
            strength,
            best,
            note,
        )
        rows.append((strength, member.username, row))
    rows.sort(key=lambda r: (-r[0], r[1]))
    ranked = [replace(row, position=i) for i, (_, _, row) in enumerate(rows, start=1)]
    message = ""
    if not members:
        message = "Nobody belongs to this workspace yet."
    elif not any(m.path for m in ranked):
        message = f"Nobody on the team has a chain of current ties to {end.name} yet."
    return TeamPaths(end.name, end.id or 0, network.as_of, ranked, PATH_METHOD, message)
