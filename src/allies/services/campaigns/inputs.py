"""A campaign's stances and network as arrays, read once: what forecasts and plans take.

:func:`campaign_inputs` reads the workspace in one transaction (people, ties,
observations, units, campaigns and stances) and returns a :class:`CampaignInputs`:

- everyone in the workspace in one order (``person_ids``), the listens-to matrix in
  that order (``listens_to[i, j]`` > 0 when ``i`` listens to ``j``), the influence rank
  and the capability derived from it;
- per issue an :class:`IssueInputs` whose arrays are *indexed like the whole network*:
  ``positions[i]`` is person ``person_ids[i]``'s position (``nan`` without a stance),
  so the listens-to matrix applies to them directly; ``stakeholders`` lists the indices
  of the people with a stance, for compact arrays (``issue.positions[issue.stakeholders]``)
  and the matching sub-matrix (:meth:`IssueInputs.listens_among` /
  :meth:`CampaignInputs.listens_among`);
- the deciders and me as indices.

Capability: a stance's stated capability when given, otherwise the person's influence
rank divided by the highest rank in the workspace (so the most listened-to person brings
1.0 and everyone else a share of it; Page et al. 1999).

A stance counts when it was recorded on or before ``as_of``; the latest such stance of a
person on an issue is their current one (on one day, the one stored last).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.domain import Campaign, CampaignIssue, Person, Stance
from allies.domain.people_table import PeopleTable
from allies.services.campaigns.read import CampaignRead, pick_campaign, read_campaign
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import InfluenceNetwork
from allies.services.ports import UnitOfWork

__all__ = [
    "CampaignInputs",
    "CampaignRead",
    "IssueInputs",
    "campaign_inputs",
    "inputs_of",
    "pick_campaign",
    "read_campaign",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class IssueInputs:
    """One issue's current stances as arrays over the whole network.

    Every array has one entry per person, in the order of
    :attr:`CampaignInputs.person_ids`.

    Attributes
    ----------
    issue : CampaignIssue
        The issue (name, labelled ends, desired position).
    positions : ndarray of float
        Position on the 0-100 scale; ``nan`` for someone without a stance.
    saliences : ndarray of float
        Salience in [0, 1]; 0 without a stance.
    capabilities : ndarray of float
        Stated capability, or the derived one (influence rank / highest rank) where
        none is stated or there is no stance.
    capability_stated : ndarray of bool
        Whether the capability was stated in the stance.
    confidences : ndarray of float
        How sure the stance is, in [0, 1]; 0 without a stance.
    recorded_on : tuple of (date or None)
        When the current stance was recorded.
    stakeholders : ndarray of int
        Indices of the people with a stance, ascending.
    """

    issue: CampaignIssue
    positions: FloatArray
    saliences: FloatArray
    capabilities: FloatArray
    capability_stated: BoolArray
    confidences: FloatArray
    recorded_on: tuple[date | None, ...]
    stakeholders: IntArray

    @property
    def id(self) -> int:
        """The issue's id."""
        return self.issue.id or 0

    @property
    def name(self) -> str:
        """The issue's name."""
        return self.issue.name

    @property
    def desired_position(self) -> float:
        """Where I want the decision to land (0-100)."""
        return self.issue.desired_position

    @property
    def has_stance(self) -> BoolArray:
        """Whether each person has a stance on the issue."""
        return ~np.isnan(self.positions)

    @property
    def weights(self) -> FloatArray:
        """Capability × salience (0 without a stance): the compromise model's pull."""
        return np.where(self.has_stance, self.capabilities * self.saliences, 0.0)


@dataclass(frozen=True)
class CampaignInputs:
    """A campaign ready for the analyses: people, network and stances as arrays.

    Attributes
    ----------
    campaign : Campaign
        The campaign as stored.
    as_of : date
        The day the stances and the network were read for.
    person_ids : tuple of int
        Everyone in the workspace, in matrix order (ascending id).
    names : tuple of str
        Their names, in the same order.
    listens_to : scipy.sparse.csr_array, shape (n, n)
        ``[i, j]`` is how much ``i`` listens to ``j`` (0-1), from stated ties and
        observations that fade with age.
    influence : ndarray
        Influence rank (PageRank of being listened to; sums to 1).
    derived_capability : ndarray
        ``influence / influence.max()``: the capability used when a stance states none.
    deciders : ndarray of int
        Indices of the campaign's deciders.
    me : int or None
        My index, when someone is marked as me.
    issues : tuple of IssueInputs
        One per issue, in the campaign's order.
    network : InfluenceNetwork
        The network read (people's records, evidence, confidants, paths), for
        analyses that need more than the arrays.
    """

    campaign: Campaign
    as_of: date
    person_ids: tuple[int, ...]
    names: tuple[str, ...]
    listens_to: sp.csr_array
    influence: FloatArray
    derived_capability: FloatArray
    deciders: IntArray
    me: int | None
    issues: tuple[IssueInputs, ...]
    network: InfluenceNetwork

    @property
    def n(self) -> int:
        """How many people the arrays cover."""
        return len(self.person_ids)

    @property
    def decider_ids(self) -> tuple[int, ...]:
        """The deciders' person ids."""
        return tuple(self.person_ids[i] for i in self.deciders)

    @property
    def is_decider(self) -> BoolArray:
        """Whether each person is a decider."""
        mask = np.zeros(self.n, dtype=bool)
        mask[self.deciders] = True
        return mask

    @property
    def stakeholders(self) -> IntArray:
        """Indices of everyone with a stance on at least one issue, ascending."""
        if not self.issues:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate([i.stakeholders for i in self.issues])).astype(np.int64)

    def index_of(self, person_id: int) -> int:
        """The matrix index of a person (KeyError if unknown)."""
        return self.network.index(person_id)

    def person(self, index: int) -> Person:
        """The person at a matrix index."""
        return self.network.people[self.person_ids[index]]

    def people_at(self, indices: Sequence[int]) -> list[Person]:
        """The people at these matrix indices, in that order (read together when the
        people are columns: the next :meth:`person` of one of them reads nothing)."""
        ids = [self.person_ids[i] for i in indices]
        people = self.network.people
        if isinstance(people, PeopleTable):
            return people.several(ids)
        return [people[pid] for pid in ids]

    def issue(self, name: str = "") -> IssueInputs:
        """The issue called ``name`` (the only one when ``name`` is empty)."""
        wanted = self.campaign.issue_named(name)
        return next(i for i in self.issues if i.issue is wanted)

    def listens_among(self, indices: npt.ArrayLike) -> sp.csr_array:
        """The listens-to matrix restricted to ``indices``, rows and columns in that order."""
        pick = np.asarray(indices, dtype=np.int64)
        return sp.csr_array(self.listens_to[pick][:, pick])

    def positions_matrix(self, indices: npt.ArrayLike | None = None) -> FloatArray:
        """Positions as people × issues (``nan`` without a stance); all people by default."""
        rows = np.arange(self.n) if indices is None else np.asarray(indices, dtype=np.int64)
        if not self.issues:
            return np.zeros((rows.shape[0], 0))
        return np.column_stack([i.positions[rows] for i in self.issues])

    def saliences_matrix(self, indices: npt.ArrayLike | None = None) -> FloatArray:
        """Saliences as people × issues (0 without a stance)."""
        rows = np.arange(self.n) if indices is None else np.asarray(indices, dtype=np.int64)
        if not self.issues:
            return np.zeros((rows.shape[0], 0))
        return np.column_stack([i.saliences[rows] for i in self.issues])

    def capabilities_matrix(self, indices: npt.ArrayLike | None = None) -> FloatArray:
        """Capabilities as people × issues (stated or derived)."""
        rows = np.arange(self.n) if indices is None else np.asarray(indices, dtype=np.int64)
        if not self.issues:
            return np.zeros((rows.shape[0], 0))
        return np.column_stack([i.capabilities[rows] for i in self.issues])


def _issue_inputs(
    issue: CampaignIssue,
    current: dict[int, Stance],
    ids: tuple[int, ...],
    derived: FloatArray,
    speaks_for: Callable[[Stance], frozenset[int]] = lambda s: frozenset({s.person_id}),
) -> IssueInputs:
    n = len(ids)
    positions = np.full(n, np.nan)
    saliences = np.zeros(n)
    capabilities = derived.copy()
    stated = np.zeros(n, dtype=bool)
    confidences = np.zeros(n)
    recorded: list[date | None] = [None] * n
    index = {person_id: i for i, person_id in enumerate(ids)}
    for person_id, stance in current.items():
        i = index.get(person_id)
        if i is None:
            continue
        positions[i] = stance.position
        saliences[i] = stance.salience
        confidences[i] = stance.confidence
        recorded[i] = stance.recorded_on
        if stance.capability is not None:
            capabilities[i] = stance.capability
            stated[i] = True
        elif stance.organisation_id is not None:  # one actor: its strongest member's weight
            voices = [index[p] for p in speaks_for(stance) if p in index]
            capabilities[i] = max(float(derived[j]) for j in voices) if voices else derived[i]
    return IssueInputs(
        issue=issue,
        positions=positions,
        saliences=saliences,
        capabilities=capabilities,
        capability_stated=stated,
        confidences=confidences,
        recorded_on=tuple(recorded),
        stakeholders=np.flatnonzero(~np.isnan(positions)).astype(np.int64),
    )


def inputs_of(read: CampaignRead) -> CampaignInputs:
    """Turn one read of a campaign into arrays (see :class:`CampaignInputs`)."""
    network = read.network
    ids = network.ids
    rank = network.rank if ids else np.zeros(0)
    top = float(rank.max()) if rank.size else 0.0
    derived = rank / top if top > 0 else np.zeros(len(ids))
    issues = tuple(
        _issue_inputs(issue, read.current(issue.id or 0), ids, derived, read.speaks_for)
        for issue in read.campaign.issues
    )
    index = {person_id: i for i, person_id in enumerate(ids)}
    deciders = np.array([index[d] for d in read.campaign.decider_ids if d in index], dtype=np.int64)
    people = network.people
    if isinstance(people, PeopleTable):  # read as columns: no person made
        mine = (pid for pid, me in zip(people.ids, people.me, strict=True) if me)
        names = tuple(people.names)
    else:
        mine = (p.id or 0 for p in people.values() if p.is_me)
        names = tuple(network.name(i) for i in ids)
    me = next((index[pid] for pid in mine), None)
    return CampaignInputs(
        campaign=read.campaign,
        as_of=read.as_of,
        person_ids=ids,
        names=names,
        listens_to=sp.csr_array(network.graph.weights) if ids else sp.csr_array((0, 0)),
        influence=np.asarray(rank, dtype=np.float64),
        derived_capability=np.asarray(derived, dtype=np.float64),
        deciders=deciders,
        me=me,
        issues=issues,
        network=network,
    )


def campaign_inputs(
    uow: UnitOfWork,
    campaign_ref: str,
    lens: Lens = TODAY,
) -> CampaignInputs:
    """Read a campaign once and return its stances and network as arrays.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; entered and left here (nothing is written).
    campaign_ref : str
        The campaign: an id, a name, a unique part of a name, or ``active``.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    CampaignInputs
        See the module docstring for how the arrays are indexed.

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign reference does not name one campaign.

    Examples
    --------
    With ``uow`` a unit of work on the demo workspace::

        inputs = campaign_inputs(uow, "Shared analytics platform")
        scope = inputs.issue("Scope")
        who = scope.stakeholders                    # indices of people with a stance
        x, s, c = scope.positions[who], scope.saliences[who], scope.capabilities[who]
        w = inputs.listens_among(who)               # listens-to among them
        decides = inputs.is_decider[who]
    """
    read = read_campaign(uow, campaign_ref, lens)
    return inputs_of(read)
