"""Evidence in words: each tie or observation as a sentence with names, and each
contribution to a listens-to edge as an :class:`EvidenceItem` a page or the API can show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from allies.analysis.evidence import (
    Contribution,
    ObservedEvidence,
    StatedTie,
)

if TYPE_CHECKING:
    from allies.services.influence.graph import InfluenceNetwork


#: How each kind of record reads, "subject <phrase> object".
PHRASES: dict[str, str] = {
    "listens_to": "listens to",
    "trusts": "trusts",
    "reports_to": "reports to",
    "works_with": "works with",
    "knows": "knows",
    "deferred_to": "deferred to",
    "eyes_went_to": "looked to",
    "has_ear_of": "has the ear of",
    "sought_advice_from": "sought advice from",
    "endorsed": "endorsed",
    "opposed": "opposed",
}


@dataclass(frozen=True)
class EvidenceItem:
    """One tie or observation, and how much it counted on one listens-to edge.

    Attributes
    ----------
    record : {"tie", "observation"}
        What kind of record it is; ``record_id`` is its id.
    kind : str
        The tie or observation kind.
    statement : str
        The record as a sentence, e.g. "Ann Lee deferred to Bo Chen (budget round)".
    listener, leader : str
        The edge it bears on: ``listener`` listens to ``leader``.
    on : date or None
        When it was observed (None for a tie).
    age_days : int or None
        Days from the observation to the day of the analysis.
    factor : float
        The evidence weight of its kind.
    strength : float
        The observation's strength, or the tie's ``weight × confidence``.
    decay : float
        ``2^(−age / half-life)`` (1 for a tie).
    weight : float
        What it contributed: ``factor × strength × decay``.
    effect : {"adds", "discounts"}
        Opposition discounts the edge rather than adding to it.
    counted : bool
        False for a tie superseded by a stronger one of the same kind on the same pair.
    """

    record: str
    record_id: int | None
    kind: str
    statement: str
    listener: str
    leader: str
    on: date | None
    age_days: int | None
    factor: float
    strength: float
    decay: float
    weight: float
    effect: str
    counted: bool


def statement_of(network: InfluenceNetwork, record: StatedTie | ObservedEvidence) -> str:
    """A tie or observation as a sentence with names (and where it was seen)."""
    subject, obj = network.name(record.source), network.name(record.target)
    if record.kind == "eyes_went_to":
        return f"when {subject} asked, eyes went to {obj}" + _where(network, record)
    phrase = PHRASES.get(record.kind, record.kind.replace("_", " "))
    return f"{subject} {phrase} {obj}" + _where(network, record)


def _where(network: InfluenceNetwork, record: StatedTie | ObservedEvidence) -> str:
    if isinstance(record, StatedTie):
        return ""
    context = network.contexts.get(record.ref or 0, "")
    return f" ({context})" if context else ""


def describe(network: InfluenceNetwork, c: Contribution) -> EvidenceItem:
    """Turn an analysis :class:`~allies.analysis.evidence.Contribution` into names and dates.

    Parameters
    ----------
    network : InfluenceNetwork
        Where the names and the observations' context come from.
    c : Contribution
        One piece of evidence on one listens-to edge.

    Returns
    -------
    EvidenceItem
    """
    record = c.evidence
    if isinstance(record, StatedTie):
        return EvidenceItem(
            record="tie",
            record_id=record.ref,
            kind=record.kind,
            statement=statement_of(network, record),
            listener=network.name(c.listener),
            leader=network.name(c.leader),
            on=None,
            age_days=None,
            factor=c.factor,
            strength=record.weight * record.confidence,
            decay=c.decay,
            weight=c.weight,
            effect=c.effect,
            counted=c.counted,
        )
    statement = statement_of(network, record)
    return EvidenceItem(
        record="observation",
        record_id=record.ref,
        kind=record.kind,
        statement=statement,
        listener=network.name(c.listener),
        leader=network.name(c.leader),
        on=record.observed_on,
        age_days=c.age_days,
        factor=c.factor,
        strength=record.strength,
        decay=c.decay,
        weight=c.weight,
        effect=c.effect,
        counted=c.counted,
    )
