"""The next steps towards my open goals, kept for the day (issue 22).

Planning a goal reads the whole network and walks the influence map
(:mod:`allies.services.standing.goal_plan`): a second and more on a large workspace, and
the agenda shows the steps on every view of Today. They change only when the records they
are made of change, or the day does, so they are kept in the workspace's analysis cache
(:class:`allies.services.ports.AnalysisCacheRepository`) under the key of the power base
of the records as they are on that day (:func:`allies.services.standing.kept.power_base_key`:
the network's and the health's stamps and a digest of goals, campaigns, stances,
alliances and the rest that a goal's plan reads), with a kind and a format of their own.
The first view of the day works them out; the later ones read them back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from allies.domain import GoalStatus
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork
from allies.services.standing.goal_steps import NextStep

__all__ = ["GOAL_STEPS", "decode_steps", "encode_steps", "kept_next_steps", "steps_key"]

#: The kind of analysis the steps are kept as.
GOAL_STEPS = "goal-steps"
#: Changes whenever the steps' fields or how they are worked out change.
FORMAT = 1

_FIELDS = len(NextStep.__dataclass_fields__)


def steps_key(uow: UnitOfWork, lens: Lens) -> str:
    """The key of the steps of the records as they are, on the lens's day (``uow``
    already entered)."""
    from allies.services.standing.kept import power_base_key

    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((GOAL_STEPS, FORMAT)).encode())
    digest.update(power_base_key(uow, lens).encode())
    return digest.hexdigest()


def encode_steps(steps: Sequence[NextStep]) -> bytes:
    """The steps as the JSON kept in the analysis cache (each a list of its fields)."""
    rows = [[s.goal_id, s.goal, s.kind, s.who, s.person_id, s.what, s.why] for s in steps]
    return json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode()


def decode_steps(payload: bytes | None) -> list[NextStep] | None:
    """The steps kept as ``payload``, or None when there are none kept or they cannot be
    read (then they are worked out again)."""
    if payload is None:
        return None
    try:
        rows = json.loads(payload)
        if not isinstance(rows, list) or any(
            not isinstance(r, list) or len(r) != _FIELDS for r in rows
        ):
            return None
        return [NextStep(*row) for row in rows]
    except (ValueError, TypeError):
        return None


def kept_next_steps(uow: UnitOfWork, lens: Lens = TODAY) -> list[NextStep]:
    """The next steps towards my open goals on the lens's day
    (:func:`allies.services.standing.goal_plan.next_steps`): read back when kept for the
    records as they are and the day, else worked out now and kept. Empty when no goal is
    open or nobody is me."""
    with uow:
        if not any(g.status is GoalStatus.OPEN for g in uow.goals.list()):
            return []
        if uow.people.me() is None:
            return []
        lens.checked()
        key = steps_key(uow, lens)
        found = decode_steps(uow.analysis_cache.get(GOAL_STEPS, key))
    if found is not None:
        return found
    from allies.services.standing.goal_plan import next_steps_in
    from allies.services.standing.snapshot import load_standing

    steps = next_steps_in(load_standing(uow, lens))
    with uow:
        if uow.analysis_cache.put(GOAL_STEPS, key, encode_steps(steps)):
            uow.commit()
    return steps
