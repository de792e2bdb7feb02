"""The network as arrays, read once per request for the influence use cases.

:class:`InfluenceNetwork` holds the people, ties and observations read through one unit
of work (:func:`allies.services.influence.loading.load_influence_network`) and turns them
into:

- the *listens-to graph* (:func:`allies.analysis.evidence.listens_to_graph`, fed with the
  records as columns by :func:`evidence_columns`): edge ``i → j`` when ``i`` takes ``j``'s
  lead, weighted by every stated tie and observation, observations fading with the
  half-life;
- the *trust graph*: the same evidence without the mere acquaintance kinds (``works_with``
  and ``knows``), i.e. whom a person trusts, listens to, reports to, defers to or asks for
  advice; a target's confidants are their out-neighbours here;
- the *introduction graph*: the ties that hold on the day, each usable both ways (an
  introduction travels along a relationship whichever way it was recorded), with the
  strongest tie's weight on each pair. Warm paths are strongest paths on it, as on the map.

Everything after loading works on these arrays, not on the store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import cached_property
from typing import Final

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from allies.analysis.evidence import (
    Contribution,
    EvidenceColumns,
    EvidenceWeights,
    Explanation,
    listens_to_graph_from_columns,
)
from allies.analysis.graph import WeightedDigraph
from allies.analysis.influence import in_strength, influence_rank, out_strength
from allies.domain import (
    Campaign,
    CampaignStatus,
    ObservationColumns,
    Person,
    Tie,
    TieColumns,
)
from allies.domain.people_table import PeopleTable
from allies.errors import NextStep, NotFound
from allies.services.influence.cache import GRAPH, Arrays, fingerprint, keep, stamp_key
from allies.services.influence.evidence import (
    among,
    evidence_columns,
    evidence_totals,
    introductions,
    observed_evidence,
    reports_under,
    stated_ties,
    touching,
)
from allies.services.influence.statements import PHRASES, EvidenceItem, describe, statement_of
from allies.services.network.lookup import pick_person
from allies.services.ports import UnitOfWork

__all__ = [
    "ATTENTION",
    "DAMPING",
    "PHRASES",
    "EvidenceItem",
    "InfluenceNetwork",
    "describe",
    "evidence_columns",
    "evidence_totals",
    "introductions",
    "observed_evidence",
    "stated_ties",
    "statement_of",
]

_ID: Final = re.compile(r"^#?(\d+)$")

#: Damping of the influence rank (the chance of following a listens-to edge).
DAMPING = 0.85
#: How weights enter the rank: as shares of attention, not rescaled to sum to 1.
ATTENTION: Final = "keep"


class InfluenceNetwork:
    """One workspace's people and evidence, with the graphs the analyses need.

    Build it with :func:`~allies.services.influence.loading.load_influence_network`; the
    graphs and the rank are computed on first use and kept for the rest of the request.
    Slower analyses (betweenness, communities, the map layout) are kept in the workspace
    between requests, through ``store``.

    Read by :func:`~allies.services.influence.loading.load_influence_network`, the people
    are columns (a
    :class:`~allies.services.ports.network_reads.PeopleTable`: a person object is made only
    for someone looked up) and the network carries its *stamp*
    (:meth:`~allies.services.ports.network_reads.NetworkReadsRepository.stamp`). With a
    stamp, the listens-to graph and the evidence totals are kept in the analysis cache
    under it: while the network is unchanged, a view reads them back and never reads the
    ties and observations, which are then read only when something asks for them
    (:attr:`ties`, :attr:`observations`, :attr:`explanation`).
    """

    def __init__(
        self,
        *,
        people: Mapping[int, Person],
        as_of: date,
        weights: EvidenceWeights,
        ties: TieColumns | None = None,
        observations: ObservationColumns | None = None,
        units: dict[int, str] | None = None,
        campaigns: list[Campaign] | None = None,
        store: UnitOfWork | None = None,
        stamp: str | None = None,
        stored_graph: Arrays | None = None,
    ) -> None:
        self.people = people
        self.as_of = as_of
        self.weights = weights
        self.units: dict[int, str] = units if units is not None else {}
        self.campaigns: list[Campaign] = campaigns if campaigns is not None else []
        #: The unit of work it was read through, for the analyses it keeps between views
        #: (:mod:`allies.services.influence.cache`) and for the ties and observations when
        #: they were not read; None keeps nothing.
        self.store = store
        #: The stamp of the network when it was read (None: analyses are keyed on the
        #: graph itself, see :func:`allies.services.influence.cache.fingerprint`).
        self.stamp = stamp
        self._ties = ties
        self._observations = observations
        self._stored_graph = stored_graph

    def __repr__(self) -> str:
        return f"InfluenceNetwork(people={len(self.people)}, as_of={self.as_of})"

    # -- the records, read when first asked for ---------------------------------------

    def _read_evidence(self) -> None:
        if self._ties is not None and self._observations is not None:
            return
        if self.store is None:
            self._ties, self._observations = TieColumns(), ObservationColumns()
            return
        with self.store as uow:
            stamp = uow.network_reads.stamp()
            ties, observations = uow.ties.columns(), uow.observations.columns()
        if stamp != self.stamp:  # changed since the people were read: keep what fits
            self.stamp = None
            ties, observations = among(self.people, ties, observations)
        self._ties, self._observations = ties, observations

    def around(self, person_id: int) -> InfluenceNetwork:
        """The same people, day and weights with only the records from or to one person.

        Its :attr:`explanation` covers exactly the listens-to edges that touch the person,
        each with the same evidence as in the whole network's, and skips exactly the
        records about the person that the whole network's skips: what explaining one
        person needs, without combining everyone's evidence. The records are taken from
        those already read, else only the person's are read from the store. Its graph
        holds the person's edges only: the rank and the places are the whole network's.
        """
        if self._ties is not None and self._observations is not None:
            ties, observations = touching(person_id, self._ties, self._observations)
        elif self.store is None:
            ties, observations = TieColumns(), ObservationColumns()
        else:
            with self.store as uow:
                ties = uow.ties.columns(involving=person_id)
                observations = uow.observations.columns(involving=person_id)
            # those with someone added since the people were read are left out
            ties, observations = among(self.people, ties, observations)
        return InfluenceNetwork(
            people=self.people,
            ties=ties,
            observations=observations,
            as_of=self.as_of,
            weights=self.weights,
            units=self.units,
            campaigns=self.campaigns,
        )

    @property
    def ties(self) -> TieColumns:
        """Every tie, as columns (read from the store on first use when not given)."""
        self._read_evidence()
        assert self._ties is not None
        return self._ties

    @property
    def observations(self) -> ObservationColumns:
        """Every observation, as columns (read on first use when not given)."""
        self._read_evidence()
        assert self._observations is not None
        return self._observations

    def key(self, analysis: str, **parameters: object) -> str:
        """The key under which ``analysis`` of this network with ``parameters`` is kept:
        on the stamp, the day and the weights when the network has a stamp (nothing is
        read to find it), else on the listens-to graph itself."""
        if self.stamp is not None:
            return stamp_key(
                self.stamp, analysis=analysis, as_of=self.as_of, weights=self.weights, **parameters
            )
        return fingerprint(self.graph, analysis=analysis, **parameters)

    @cached_property
    def ids(self) -> tuple[int, ...]:
        """Everyone's id, in matrix order."""
        if isinstance(self.people, PeopleTable):
            return tuple(self.people.ids)
        return tuple(sorted(self.people))

    @cached_property
    def _evidence(self) -> EvidenceColumns:
        return evidence_columns(self.ties, self.observations)

    @cached_property
    def _listens(self) -> tuple[WeightedDigraph, Explanation]:
        return listens_to_graph_from_columns(
            self._evidence, self.as_of, ids=self.ids, weights=self.weights
        )

    @cached_property
    def _kept_graph(self) -> Arrays:
        """The listens-to graph and the evidence totals as arrays: read back from the
        analysis cache under the stamp, or computed from the records (and kept)."""
        if self._stored_graph is not None and _fits(self._stored_graph, self.ids):
            return self._stored_graph
        graph, explanation = self._listens
        weights = graph.weights.tocsr()
        counts = evidence_totals(explanation, self.ids)
        under = reports_under(self._evidence, self.ids)
        arrays: Arrays = {
            "ids": np.asarray(self.ids, dtype=np.int64),
            "indptr": np.asarray(weights.indptr, dtype=np.int64),
            "indices": np.asarray(weights.indices, dtype=np.int64),
            "data": np.asarray(weights.data, dtype=np.float64),
            "observations": counts[0],
            "ties": counts[1],
            "reports": np.zeros(0, dtype=np.int64) if under is None else under,
        }
        if self.stamp is not None and self.store is not None:
            keep(self.store, GRAPH, self.key(GRAPH), arrays)
        return arrays

    @cached_property
    def graph(self) -> WeightedDigraph:
        """The listens-to graph (``i → j``: ``i`` listens to ``j``)."""
        if "_listens" in self.__dict__:
            return self._listens[0]
        arrays = self._kept_graph
        if "_listens" in self.__dict__:  # computed just now from the records
            return self._listens[0]
        n = len(self.ids)
        matrix = sp.csr_array((arrays["data"], arrays["indices"], arrays["indptr"]), shape=(n, n))
        return WeightedDigraph(matrix, self.ids)

    @property
    def explanation(self) -> Explanation:
        """The evidence behind every listens-to edge (reads the records if not read)."""
        return self._listens[1]

    @cached_property
    def evidence_totals(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """For everyone (indexed like :attr:`ids`), how many observations and how many
        ties count towards their being listened to."""
        arrays = self._kept_graph
        return (
            np.asarray(arrays["observations"], dtype=np.int64),
            np.asarray(arrays["ties"], dtype=np.int64),
        )

    @cached_property
    def reports_under(self) -> npt.NDArray[np.int64] | None:
        """How many people sit under each person in the reporting lines (indexed like
        :attr:`ids`), None when no reporting line is recorded."""
        stored = self._kept_graph.get("reports")
        if stored is None or "_evidence" in self.__dict__:
            return reports_under(self._evidence, self.ids)
        return None if not len(stored) else np.asarray(stored, dtype=np.int64)

    @cached_property
    def rank(self) -> npt.NDArray[np.float64]:
        """Influence rank (PageRank of being listened to), indexed like :attr:`ids`."""
        return influence_rank(self.graph, DAMPING, attention=ATTENTION)

    @cached_property
    def positions(self) -> npt.NDArray[np.int64]:
        """Each person's place in the influence ranking, 1 for the most listened to."""
        order = np.lexsort((np.asarray(self.ids), -self.rank))
        places = np.empty(len(order), dtype=np.int64)
        places[order] = np.arange(1, len(order) + 1)
        return places

    @cached_property
    def in_strength(self) -> npt.NDArray[np.float64]:
        """How much each person is listened to (sum of incoming weights)."""
        return in_strength(self.graph)

    @cached_property
    def attention_divisor(self) -> npt.NDArray[np.float64]:
        """What each person's listens-to weights are divided by in the rank: ``max(1, out)``.

        Weights are shares of attention; someone whose known listening adds up to less
        than 1 spends the rest on no one in particular (see
        :func:`allies.analysis.influence.influence_rank`, ``attention="keep"``).
        """
        return np.maximum(self.out_strength, 1.0)

    @cached_property
    def out_strength(self) -> npt.NDArray[np.float64]:
        """How much each person listens to others (sum of outgoing weights)."""
        return out_strength(self.graph)

    @cached_property
    def _trust(self) -> tuple[WeightedDigraph, Explanation]:
        weights = replace(self.weights, works_with=0.0, knows=0.0)
        return listens_to_graph_from_columns(
            self._evidence, self.as_of, ids=self.ids, weights=weights
        )

    @property
    def trust_graph(self) -> WeightedDigraph:
        """Whom each person trusts or takes the lead of (no mere acquaintance)."""
        return self._trust[0]

    @property
    def trust_explanation(self) -> Explanation:
        """The evidence behind every trust edge."""
        return self._trust[1]

    @cached_property
    def _introductions(
        self,
    ) -> tuple[WeightedDigraph, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        return introductions(self._evidence, self.ids, self.as_of)

    @property
    def introduction_graph(self) -> WeightedDigraph:
        """Current ties, usable both ways, weighted by the strongest tie on each pair."""
        return self._introductions[0]

    def tie_between(self, a: int, b: int) -> Tie | None:
        """The strongest current tie joining two people (either direction), without its
        note."""
        graph, keys, ties = self._introductions
        if a not in graph or b not in graph:
            return None
        key = graph.index_of(a) * max(graph.n, 1) + graph.index_of(b)
        place = int(np.searchsorted(keys, key))
        if place < len(keys) and keys[place] == key:
            return self.ties.tie(int(ties[place]))
        return None

    @cached_property
    def contexts(self) -> dict[int, str]:
        """Where each observation was made, by observation id."""
        seen = self.observations
        pairs = zip(seen.id, seen.context, strict=True)
        return {i: context for i, context in pairs if i is not None and context}

    def index(self, person_id: int) -> int:
        """The matrix index of a person."""
        return self.graph.index_of(person_id)

    @cached_property
    def _columns(self) -> tuple[dict[int, int], Sequence[str], Sequence[str], Sequence[int | None]]:
        """Where each person sits in the columns, and the names, titles and units."""
        table = self.people
        if isinstance(table, PeopleTable):  # read as columns
            columns = table
            return (
                {pid: i for i, pid in enumerate(columns.ids)},
                columns.names,
                columns.titles,
                columns.unit_ids,
            )
        ordered = [table[pid] for pid in self.ids]
        return (
            {pid: i for i, pid in enumerate(self.ids)},
            [p.name for p in ordered],
            [p.title for p in ordered],
            [p.unit_id for p in ordered],
        )

    def name(self, person_id: int) -> str:
        """A person's name (``#id`` if unknown)."""
        at, names, _, _ = self._columns
        i = at.get(person_id)
        return names[i] if i is not None else f"#{person_id}"

    def title(self, person_id: int) -> str:
        """A person's title ("" if unknown or none)."""
        at, _, titles, _ = self._columns
        i = at.get(person_id)
        return titles[i] if i is not None else ""

    def unit_of(self, person_id: int) -> str:
        """The name of a person's unit, or an empty string."""
        at, _, _, units = self._columns
        i = at.get(person_id)
        unit = units[i] if i is not None else None
        return "" if unit is None else self.units.get(unit, "")

    def person(self, reference: str) -> Person:
        """The person a name, e-mail, id or ``me`` names (NotFound, AmbiguousName).

        An id or ``me`` is looked up in the people's columns (only that person is made);
        a name or an e-mail is looked for among everyone.
        """
        ref = reference.strip()
        table = self.people
        if isinstance(table, PeopleTable):
            if (match := _ID.match(ref)) is not None:
                wanted = int(match[1])
                return table[wanted] if wanted in table else pick_person([], ref)
            if ref.casefold() == "me":
                mine = next((pid for pid, me in zip(table.ids, table.me, strict=True) if me), None)
                return pick_person([], ref) if mine is None else table[mine]
        return pick_person(list(table.values()), reference)

    def people_named(self, references: Sequence[str]) -> list[Person]:
        """Several people by reference, each once, in the order given."""
        chosen: dict[int, Person] = {}
        for reference in references:
            if reference.strip():
                found = self.person(reference)
                chosen.setdefault(found.id or 0, found)
        return list(chosen.values())

    def campaign(self, reference: str) -> Campaign:
        """A campaign by id or name; ``active`` is the active campaign deciding soonest.

        Raises
        ------
        allies.errors.NotFound
            No campaign matches (or none is active).
        """
        ref = reference.strip()
        if ref.casefold() == "active":
            active = [c for c in self.campaigns if c.status is CampaignStatus.ACTIVE]
            if not active:
                raise NotFound(
                    "No campaign is active.",
                    hint="Name the deciders, or start a campaign.",
                    next_step=NextStep("add", "campaign"),
                )
            return min(active, key=lambda c: (c.decision_on or date.max, c.id or 0))
        for c in self.campaigns:
            if ref.lstrip("#") == str(c.id) or c.name.casefold() == ref.casefold():
                return c
        partial = [c for c in self.campaigns if ref.casefold() in c.name.casefold()]
        if len(partial) == 1:
            return partial[0]
        raise NotFound(
            f"No campaign called {ref!r}.",
            hint="Known campaigns: " + (", ".join(c.name for c in self.campaigns) or "none"),
        )

    def describe(self, contribution: Contribution) -> EvidenceItem:
        """One contribution as an :class:`EvidenceItem` with names and context."""
        return describe(self, contribution)


def _fits(arrays: Arrays, ids: Sequence[int]) -> bool:
    """Whether stored graph arrays were made for exactly these people."""
    stored_ids = arrays.get("ids")
    return stored_ids is not None and np.array_equal(stored_ids, np.asarray(ids, dtype=np.int64))
