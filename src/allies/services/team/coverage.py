"""A campaign's coverage: for each decider and stakeholder, which member owns the
relationship, how warm it is, and where the gaps are.

Stakeholder tools give every stakeholder a relationship owner; here the owner is a member
of the team (:func:`allies.services.team.members.set_owner`), and how warm the
relationship is comes from the owner's own records: the health of *their* relationship
with the person (recency, frequency, favours, promises and tone:
:func:`allies.services.keep.health.health_shares`). A person is a **gap** when no member
owns the relationship, or the owner's relationship is cold or unknown; the member with
the warmest relationship is named as the one who could take it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from allies.domain.accounts import Actor, TeamMember
from allies.services.campaigns.read import pick_campaign
from allies.services.context import TODAY, Lens
from allies.services.influence.paths import relationship_warmth
from allies.services.ports import UnitOfWorkFactory

__all__ = ["COLD", "WARM", "CampaignCoverage", "CoverageRow", "campaign_coverage", "warmth_word"]

WARM = 0.6
"""A relationship at least this healthy (0-1) is warm."""
COLD = 0.4
"""A relationship less healthy than this (0-1) is cold: a gap even when someone owns it."""

COVERAGE_METHOD = (
    "warmth = the health (0-1) of the member's own relationship with the person, from the "
    "records that member keeps (recency, frequency, favours, promises, tone); warm from "
    f"{WARM:.1f}, cold below {COLD:.1f}, unknown without enough records. A person is a gap "
    "when nobody owns the relationship, or the owner's is cold or unknown."
)


def warmth_word(share: float | None) -> str:
    """``warm``, ``fair``, ``cold`` or ``unknown`` for a health share (0-1) or ``None``.

    Examples
    --------
    >>> warmth_word(0.7), warmth_word(0.5), warmth_word(0.1), warmth_word(None)
    ('warm', 'fair', 'cold', 'unknown')
    """
    if share is None:
        return "unknown"
    return "warm" if share >= WARM else "fair" if share >= COLD else "cold"


@dataclass(frozen=True)
class CoverageRow:
    """One decider or stakeholder of the campaign and the team's relationship with them.

    Attributes
    ----------
    person_id, person : int, str
        Who.
    role : str
        ``decider`` or ``stakeholder`` (someone with a stance on an issue).
    owner : str or None
        The member who owns the relationship (username).
    warmth : float or None
        The health (0-1) of the owner's relationship; ``None`` when unknown or unowned.
    best : str or None
        The member with the warmest relationship with them.
    best_warmth : float or None
        How warm that is.
    gap : str
        Why this person is a gap (``""`` when covered).
    """

    person_id: int
    person: str
    role: str
    owner: str | None
    warmth: float | None
    best: str | None
    best_warmth: float | None
    gap: str

    @property
    def warmth_word(self) -> str:
        """The owner's relationship in a word."""
        return warmth_word(self.warmth)


@dataclass(frozen=True)
class CampaignCoverage:
    """The coverage of one campaign: its people, gaps first."""

    campaign: str
    campaign_id: int
    as_of: date
    rows: list[CoverageRow]
    method: str

    @property
    def gaps(self) -> list[CoverageRow]:
        """The people nobody on the team covers well."""
        return [r for r in self.rows if r.gap]


def _gap(owner: TeamMember | None, share: float | None, name: str) -> str:
    if owner is None:
        return "nobody on the team owns this relationship"
    if share is None:
        return f"{owner.username} has no recent record with {name}"
    if share < COLD:
        return f"{owner.username}'s relationship is cold ({share:.2f})"
    return ""


def _best(
    pid: int, members: list[TeamMember], warmth: Mapping[int, Mapping[int, float]]
) -> tuple[str | None, float | None]:
    known = sorted(
        (-warmth[m.user_id][pid], m.username) for m in members if pid in warmth[m.user_id]
    )
    if not known:
        return None, None
    return known[0][1], -known[0][0]


def campaign_coverage(
    factory: UnitOfWorkFactory,
    workspace: str | None,
    campaign: str,
    *,
    actor: Actor | None = None,
    lens: Lens = TODAY,
) -> CampaignCoverage:
    """For each decider and stakeholder of ``campaign``: its owner on the team, how warm
    the owner's relationship is, the member best placed, and the gaps (gaps first).

    Parameters
    ----------
    factory : UnitOfWorkFactory
        Opens the workspace, as ``actor`` and as each member.
    workspace : str or None
        The workspace (``None``: the default one).
    campaign : str
        The campaign: id, name, part of a name or ``active``.
    actor : Actor, optional
        Who asks (``None``: the local user).
    lens : Lens
        The day the relationships are weighed on.

    Returns
    -------
    CampaignCoverage

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign cannot be found.
    """
    with factory(workspace, actor) as uow:
        chosen = pick_campaign(uow.campaigns.list(), campaign)
        stakeholders = {
            s.person_id
            for issue in chosen.issues
            for s in uow.stances.current_for_issue(issue.id or 0)
        }
        roles = {pid: "decider" for pid in chosen.decider_ids}
        for pid in sorted(stakeholders - set(roles)):
            roles[pid] = "stakeholder"
        names = uow.people.names(roles)
        team = uow.team.members()
        owners = uow.team.owners()
    members = [m for m in team if m.person_id is not None]
    by_user = {m.user_id: m for m in team}
    warmth = {
        m.user_id: relationship_warmth(factory(workspace, m.actor), lens).health for m in members
    }
    themselves = {m.person_id: m for m in members}
    rows = []
    for pid, role in roles.items():
        if pid in themselves:  # a member of the team: they cover themselves
            name, member = names.get(pid, f"#{pid}"), themselves[pid]
            rows.append(
                CoverageRow(pid, name, role, member.username, 1.0, member.username, 1.0, "")
            )
            continue
        owner = by_user.get(owners.get(pid, -1))
        share = warmth.get(owner.user_id, {}).get(pid) if owner is not None else None
        best, best_share = _best(pid, members, warmth)
        name = names.get(pid, f"#{pid}")
        rows.append(
            CoverageRow(
                pid,
                name,
                role,
                owner.username if owner else None,
                share,
                best,
                best_share,
                _gap(owner, share, name),
            )
        )
    rows.sort(key=lambda r: (not r.gap, r.role != "decider", r.person.casefold()))
    return CampaignCoverage(chosen.name, chosen.id or 0, lens.day, rows, COVERAGE_METHOD)
