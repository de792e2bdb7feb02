"""Why a person stands where they do in the influence ranking.

The influence rank of ``j`` is the PageRank equation [1]_ ``r_j = base_j + Σ_i s_ij``
with ``s_ij = d × r_i × w_ij / out_i``: a base every person gets from the random jump
(and from people who listen to no one), plus a share from each person who listens to
``j``. Each weight ``w_ij`` in turn comes from the ties and observations that say ``i``
listens to ``j``, every observation fading with its age. :func:`why` lays all of this out
for one person: their place, each listener's share, and each record with its date, age,
decay and what it counted.

References
----------
.. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The PageRank citation
   ranking: bringing order to the web". Stanford InfoLab technical report 1999-66.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from allies.analysis.evidence import StatedTie, explain_person
from allies.services.context import TODAY, Lens
from allies.services.influence.graph import (
    ATTENTION,
    DAMPING,
    EvidenceItem,
    InfluenceNetwork,
    statement_of,
)
from allies.services.influence.loading import load_influence_network
from allies.services.ports import UnitOfWork

__all__ = ["Followed", "PersonWhy", "WhyListener", "why", "why_in"]


@dataclass(frozen=True)
class WhyListener:
    """Someone who listens to the person, how much, and on what evidence.

    Attributes
    ----------
    weight : float
        Weight of "listener listens to the person", ``support × discount``.
    support : float
        ``1 − Π(1 − a_k)`` over the evidence that adds.
    discount : float
        ``Π(1 − a_o)`` over the oppositions.
    share : float
        The part of the person's influence rank flowing in along this edge,
        ``d × rank[listener] × weight / max(1, out_strength[listener])``.
    share_of_rank : float
        ``share`` as a fraction of the person's rank.
    evidence : list of EvidenceItem
        The ties and observations behind the weight, strongest first.
    """

    id: int
    name: str
    title: str
    weight: float
    support: float
    discount: float
    share: float
    share_of_rank: float
    evidence: list[EvidenceItem]


@dataclass(frozen=True)
class Followed:
    """Someone the person listens to, with the weight."""

    id: int
    name: str
    weight: float


@dataclass(frozen=True)
class PersonWhy:
    """The evidence that puts a person where they are, and the arithmetic.

    Attributes
    ----------
    position : int
        Place by influence rank (1 = most listened to) among ``people``.
    influence : float
        Influence rank; ``influence = base + Σ listeners' shares``.
    base : float
        The part that comes from the random jump rather than from any listener.
    listeners : list of WhyListener
        Largest share first.
    listens_to : list of Followed
        Whom the person listens to (strongest first).
    evidence : list of EvidenceItem
        Every record behind the listeners' weights, strongest first.
    skipped : list of str
        Records about the person that did not count on the day, and why.
    formula : str
        The influence as the sum of its parts, with numbers.
    summary : list of str
        The same in a few sentences.
    """

    id: int
    name: str
    title: str
    unit: str
    as_of: date
    half_life_days: float
    damping: float
    position: int
    people: int
    influence: float
    in_strength: float
    out_strength: float
    base: float
    listeners: list[WhyListener]
    listens_to: list[Followed]
    evidence: list[EvidenceItem]
    skipped: list[str]
    formula: str
    summary: list[str]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _summary(why: PersonWhy) -> list[str]:
    lines = [
        f"{why.name} ranks {_ordinal(why.position)} of {why.people} by influence "
        f"({why.influence:.4f})."
    ]
    if not why.listeners:
        lines.append(
            "Nobody is recorded as listening to them; their score is the base every person gets."
        )
        return lines
    top = why.listeners[:3]
    parts = ", ".join(f"{x.name} ({x.share_of_rank:.0%})" for x in top)
    lines.append(
        f"{len(why.listeners)} people listen to them; most of the score comes from {parts}."
    )
    observations = [e for e in why.evidence if e.record == "observation" and e.counted]
    ties = [e for e in why.evidence if e.record == "tie" and e.counted]
    text = f"Evidence: {len(ties)} tie{'s' * (len(ties) != 1)}"
    text += f" and {len(observations)} observation{'s' * (len(observations) != 1)}"
    ages = [e.age_days for e in observations if e.age_days is not None]
    if ages:
        text += f", the newest {min(ages)} days old, the oldest {max(ages)}"
    lines.append(text + f" (observations halve every {why.half_life_days:g} days).")
    return lines


def _skipped(network: InfluenceNetwork, person_id: int) -> list[str]:
    notes: list[str] = []
    for item in network.explanation.skipped:
        record = item.evidence
        if person_id in (record.source, record.target):
            kind = "tie" if isinstance(record, StatedTie) else "observation"
            notes.append(f"{statement_of(network, record)} ({kind}): {item.reason}")
    return notes


def why(
    uow: UnitOfWork,
    person: str,
    *,
    lens: Lens = TODAY,
) -> PersonWhy:
    """Explain one person's influence: their rank, the listeners and the evidence.

    Parameters
    ----------
    uow : UnitOfWork
        The workspace to read.
    person : str
        Name, e-mail, id or ``me``.
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    PersonWhy

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        If the person cannot be found.
    """
    network = load_influence_network(uow, lens)
    return why_in(network, person)


def why_in(network: InfluenceNetwork, person: str) -> PersonWhy:
    """:func:`why` on a network already loaded.

    The evidence is combined for the person's own edges only
    (:meth:`~allies.services.influence.graph.InfluenceNetwork.around`); the rank, the
    places and the weights are the whole network's.
    """
    found = network.person(person)
    pid = found.id or 0
    index = network.index(pid)
    local = network.around(pid)
    explained = explain_person(
        network.graph,
        local.explanation,
        pid,
        rank=network.rank,
        damping=DAMPING,
        attention=ATTENTION,
    )
    influence = float(network.rank[index])
    listeners: list[WhyListener] = []
    for x in explained.listeners:
        if x.weight <= 0:
            continue
        edge = local.explanation.edge(x.listener, pid)
        share = x.rank_share or 0.0
        listeners.append(
            WhyListener(
                id=x.listener,
                name=network.name(x.listener),
                title=network.title(x.listener),
                weight=x.weight,
                support=edge.support if edge else x.weight,
                discount=edge.discount if edge else 1.0,
                share=share,
                share_of_rank=share / influence if influence > 0 else 0.0,
                evidence=[local.describe(c) for c in x.contributions],
            )
        )
    row = network.graph.weights[[index]].tocoo()
    follows = sorted(
        (
            Followed(network.ids[j], network.name(network.ids[j]), float(w))
            for j, w in zip(row.col.tolist(), row.data.tolist(), strict=True)
        ),
        key=lambda f: (-f.weight, f.name),
    )
    base = explained.base_share or 0.0
    parts = [f"{base:.4f} (base)"] + [f"{x.share:.4f} ({x.name})" for x in listeners[:6]]
    if len(listeners) > 6:
        rest = sum(x.share for x in listeners[6:])
        parts.append(f"{rest:.4f} ({len(listeners) - 6} others)")
    result = PersonWhy(
        id=pid,
        name=found.name,
        title=found.title,
        unit=network.unit_of(pid),
        as_of=network.as_of,
        half_life_days=network.weights.half_life_days,
        damping=DAMPING,
        position=int(network.positions[index]),
        people=network.graph.n,
        influence=influence,
        in_strength=explained.in_strength,
        out_strength=float(network.out_strength[index]),
        base=base,
        listeners=listeners,
        listens_to=follows,
        evidence=[local.describe(c) for c in explained.contributions],
        skipped=_skipped(local, pid),
        formula=f"influence {influence:.4f} = " + " + ".join(parts),
        summary=[],
    )
    return replace(result, summary=_summary(result))
