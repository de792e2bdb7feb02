"""The approach plan: whom to win first so that support for a campaign cascades.

From the campaign's current stances and the listens-to network
(:func:`allies.services.campaigns.inputs.campaign_inputs`), the stances become a
diffusion model (:mod:`allies.services.campaigns.plan_model`: thresholds from each stance's
distance to my position, decision power with deciders weighing more, supporters on
board from the start) and influence maximisation picks the people to win, in order
(:func:`allies.analysis.cascade.select`): exact greedy with lazy evaluation (CELF,
Leskovec et al. 2007) on networks of up to a few thousand people, and IMM on fresh
reverse-reachable sets (Tang, Shi and Xiao 2015, with Chen's 2018 correction) with a
:math:`1 - 1/e - \\varepsilon` guarantee on larger ones. Each step reports the expected
gain in support (decision power on board) and whom it sways, by name; with IMM these come
from the same RR sets that chose the people, with the support's standard error
(``support_error``).

**Re-planning.** The plan reads what has been logged: someone I met one-on-one (or by
call) within ``recent_days`` is *done* and not proposed again (the tone of that
meeting says whether to follow up). Someone whose current stance lies within the
tolerance of my position is on board and starts the cascade. So logging a meeting
(``allies log``) or a changed stance (``allies stance set``) changes the next plan.

References
----------
.. [1] Kempe, D., Kleinberg, J. and Tardos, É. (2003). "Maximizing the spread of
   influence through a social network." *KDD 2003*, 137-146.
.. [2] Leskovec, J., Krause, A., Guestrin, C., Faloutsos, C., VanBriesen, J. and
   Glance, N. (2007). "Cost-effective outbreak detection in networks." *KDD 2007*.
.. [3] Tang, Y., Shi, Y. and Xiao, X. (2015). "Influence maximization in near-linear
   time: a martingale approach." *SIGMOD 2015*, 1539-1554.
.. [4] Chen, W. (2018). "An issue in the martingale analysis of the influence
   maximization algorithm IMM." *CSoNet 2018*, LNCS 11280, 286-297.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

import numpy as np
import scipy.sparse as sp

from allies.analysis.cascade import CELF_LIMIT, SeedPlan, select
from allies.domain import Interaction, InteractionKind
from allies.errors import InvalidInput
from allies.services.campaigns.inputs import CampaignInputs, campaign_inputs
from allies.services.campaigns.plan_model import (
    DECIDER_WEIGHT,
    REACH,
    TOLERANCE,
    PlanModel,
    build_plan_model,
    with_conviction,
)
from allies.services.campaigns.plan_results import (
    Approached,
    ApproachPlan,
    ApproachStep,
    OnBoard,
    Swayed,
)
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = [
    "APPROACH_KINDS",
    "ApproachPlan",
    "ApproachStep",
    "Approached",
    "OnBoard",
    "PlanOptions",
    "Swayed",
    "approach_plan",
    "approach_plan_in",
    "met_recently",
    "plan_model_of",
    "run_selection",
]

#: The interactions that count as having approached someone.
APPROACH_KINDS = frozenset({InteractionKind.ONE_ON_ONE, InteractionKind.CALL})

Model = Literal["lt", "ic"]
Method = Literal["auto", "celf", "greedy", "imm"]


@dataclass(frozen=True)
class PlanOptions:
    """How to plan: the size, the model and the mapping from stances.

    ``k`` people to win; ``model`` linear threshold (``lt``) or independent cascade
    (``ic``); ``method`` as in :func:`allies.analysis.cascade.select`; ``epsilon`` the
    accuracy of IMM; ``recent_days`` how far back a meeting counts as done;
    ``tolerance``, ``reach`` and ``decider_weight`` as in
    :mod:`allies.services.campaigns.plan_model`; ``seed`` makes the plan reproducible.
    """

    k: int = 5
    model: Model = "lt"
    method: Method = "auto"
    epsilon: float = 0.1
    simulations: int | None = None
    recent_days: int = 14
    tolerance: float = TOLERANCE
    reach: float = REACH
    decider_weight: float = DECIDER_WEIGHT
    seed: int = 0

    def check(self) -> None:
        """Refuse settings that make no plan."""
        if self.k < 1:
            raise InvalidInput("Plan at least one approach (k must be 1 or more).", field="k")
        if self.model not in ("lt", "ic"):
            raise InvalidInput("The model is 'lt' or 'ic'.", field="model")
        if not 0 < self.epsilon < 0.6:
            raise InvalidInput("epsilon must lie between 0 and 0.6.", field="epsilon")
        if self.recent_days < 0:
            raise InvalidInput("recent_days cannot be negative.", field="recent_days")
        if not 0 <= self.seed < 2**32:
            raise InvalidInput(
                f"The seed must be between 0 and {2**32 - 1}; got {self.seed}.", field="seed"
            )
        if not 0 <= self.tolerance < self.reach:
            raise InvalidInput("The tolerance must lie below the reach.", field="tolerance")


MAPPING = (
    "distance = salience-weighted mean |position − my position|; on board from the start: "
    "me and anyone within {tol:g} points; threshold parameter t = clip((distance − {tol:g}) / "
    "({reach:g} − {tol:g}), 0, 1), 1 without a stance (t is the chance a person needs a "
    "uniform random share of the voices she listens to, otherwise one trusted voice is "
    "enough); decision power = capability × {dw:g} for deciders, × 1 for others, 0 without "
    "a stance"
)


def met_recently(
    interactions: Sequence[Interaction], as_of: date, days: int
) -> dict[int, Interaction]:
    """The latest one-on-one, call or social meeting with each person in the window."""
    since = as_of - timedelta(days=days)
    latest: dict[int, Interaction] = {}
    for item in sorted(interactions, key=lambda i: (i.occurred_on, i.id or 0)):
        if item.kind not in APPROACH_KINDS or not since <= item.occurred_on <= as_of:
            continue
        for pid in item.participant_ids:
            latest[pid] = item
    return latest


def _model(inputs: CampaignInputs, options: PlanOptions) -> PlanModel:
    desired = np.array([i.desired_position for i in inputs.issues], dtype=np.float64)
    return build_plan_model(
        inputs.positions_matrix(),
        inputs.saliences_matrix(),
        inputs.capabilities_matrix(),
        desired,
        deciders=inputs.deciders,
        me=inputs.me,
        derived_capability=inputs.derived_capability,
        tolerance=options.tolerance,
        reach=options.reach,
        decider_weight=options.decider_weight,
    )


def _simulations(n: int, ties: int, options: PlanOptions) -> int | None:
    if options.simulations is not None:
        return options.simulations
    if n <= CELF_LIMIT:
        return None
    # Large networks go to IMM, which reports from its own RR sets; should a greedy method
    # be asked for, keep its worlds to a few million entries.
    return int(np.clip(4_000_000 // max(n + ties, 1), 20, 200))


def plan_model_of(inputs: CampaignInputs, options: PlanOptions) -> tuple[PlanModel, np.ndarray]:
    """The diffusion model of a campaign and who is on board from the start."""
    model = _model(inputs, options)
    return model, model.on_board.copy()


def run_selection(
    listens_to: sp.csr_array,
    model: PlanModel,
    options: PlanOptions,
    candidates: np.ndarray,
    on_board: np.ndarray,
) -> SeedPlan:
    """Choose the people to win on the listens-to graph with conviction built in.

    The result's indices refer to the network (the extra voice of the linear
    threshold model is dropped from ``activation``).
    """
    matrix = with_conviction(listens_to, model.conviction, options.model)
    n = model.values.size
    extra = matrix.shape[0] - n
    plan = select(
        matrix,
        options.k,
        method=options.method,
        model=options.model,
        thresholds=np.concatenate((model.thresholds, np.ones(extra))),
        values=np.concatenate((model.values, np.zeros(extra))),
        candidates=candidates,
        active=np.flatnonzero(on_board),
        simulations=_simulations(n, matrix.nnz, options),
        epsilon=options.epsilon,
        seed=options.seed,
        sways=12,
    )
    return replace(plan, activation=plan.activation[:n])


def approach_plan_in(
    inputs: CampaignInputs,
    interactions: Sequence[Interaction] = (),
    options: PlanOptions | None = None,
) -> ApproachPlan:
    """:func:`approach_plan` on a campaign already read (and its interactions)."""
    options = options or PlanOptions()
    options.check()
    model, on_board = plan_model_of(inputs, options)
    n = inputs.n
    decider = inputs.is_decider
    approached: list[Approached] = []
    excluded = np.zeros(n, dtype=bool)
    for pid, meeting in met_recently(interactions, inputs.as_of, options.recent_days).items():
        if pid not in inputs.network.people or inputs.me == inputs.index_of(pid):
            continue
        i = inputs.index_of(pid)
        excluded[i] = True
        approached.append(
            Approached(
                person_id=pid,
                name=inputs.names[i],
                met_on=meeting.occurred_on,
                tone=meeting.tone,
                on_board=bool(on_board[i]),
                why=_approached_why(bool(model.on_board[i]), meeting.tone),
            )
        )
    approached.sort(key=lambda a: (a.met_on, a.name))
    candidates = np.flatnonzero(~on_board & ~excluded)
    if inputs.me is not None:
        candidates = candidates[candidates != inputs.me]
    total = model.total_value
    message = ""
    if total <= 0:
        message = (
            "Nobody with a stance carries decision power yet: record where people stand "
            "and who decides."
        )
    plan = run_selection(inputs.listens_to, model, options, candidates, on_board)
    steps = _steps(inputs, model, plan, total)
    if not steps and not message:
        message = "Everyone who could be approached is already on board or was met recently."

    def share(value: float) -> float:
        return value / total if total > 0 else 0.0

    return ApproachPlan(
        campaign_id=inputs.campaign.id or 0,
        campaign=inputs.campaign.name,
        as_of=inputs.as_of,
        decision_on=inputs.campaign.decision_on,
        model=plan.model,
        method=plan.method,
        epsilon=plan.epsilon,
        guarantee=plan.guarantee,
        simulations=plan.simulations,
        rr_sets=plan.rr_sets,
        total_power=total,
        base_support=plan.base_spread,
        base_share=share(plan.base_spread),
        support=plan.spread,
        share=share(plan.spread),
        on_board=_on_board(inputs, model, on_board, decider),
        approached=approached,
        steps=steps,
        mapping=MAPPING.format(
            tol=options.tolerance, reach=options.reach, dw=options.decider_weight
        ),
        message=message,
        activation={
            inputs.person_ids[i]: float(plan.activation[i])
            for i in np.flatnonzero(model.values > 0)
        },
        support_error=plan.spread_error,
    )


def _approached_why(supporter: bool, tone: int) -> str:
    if supporter:
        return f"met (tone {tone:+d}); their stance now lies within reach of yours"
    if tone >= 1:
        return f"met (tone {tone:+d}); record where they stand now"
    return f"met (tone {tone:+d}); follow up through someone they trust"


def _on_board(
    inputs: CampaignInputs, model: PlanModel, on_board: np.ndarray, decider: np.ndarray
) -> list[OnBoard]:
    rows = []
    for i in np.flatnonzero(on_board):
        if inputs.me is not None and i == inputs.me:
            why = "you"
        else:
            why = f"stands {model.distance[i]:.0f} points from your position"
        rows.append(OnBoard(inputs.person_ids[i], inputs.names[i], bool(decider[i]), why))
    return sorted(rows, key=lambda r: (r.why != "you", not r.is_decider, r.name))


def _steps(
    inputs: CampaignInputs, model: PlanModel, plan: SeedPlan, total: float
) -> list[ApproachStep]:
    decider = inputs.is_decider
    listens = inputs.listens_to.tocsc()
    steps = []
    for number, step in enumerate(plan.steps, start=1):
        i = step.node
        heard = listens.indices[listens.indptr[i] : listens.indptr[i + 1]]
        heard_by = sorted(inputs.names[j] for j in heard if decider[j])
        valued = [s for s in step.sways if model.values[s.node] > 0] or list(step.sways)
        sways = [
            Swayed(
                inputs.person_ids[s.node],
                inputs.names[s.node],
                s.probability,
                s.increase,
                bool(decider[s.node]),
            )
            for s in valued[:5]
        ]
        distance = None if np.isnan(model.distance[i]) else float(model.distance[i])
        steps.append(
            ApproachStep(
                number=number,
                person_id=inputs.person_ids[i],
                name=inputs.names[i],
                title=inputs.person(i).title,
                is_decider=bool(decider[i]),
                distance=distance,
                gain=step.gain,
                gain_share=step.gain / total if total > 0 else 0.0,
                support=step.spread,
                support_share=step.spread / total if total > 0 else 0.0,
                sways=sways,
                heard_by=heard_by,
                why=_why(bool(decider[i]), heard_by, distance, sways),
            )
        )
    return steps


def _why(is_decider: bool, heard_by: list[str], distance: float | None, sways: list[Swayed]) -> str:
    parts = []
    if is_decider:
        parts.append("a decider")
    if heard_by:
        parts.append("listened to by " + ", ".join(heard_by))
    if distance is not None:
        parts.append(f"{distance:.0f} points from your position")
    else:
        parts.append("no stance recorded")
    if sways:
        parts.append("brings along " + ", ".join(s.name for s in sways[:3]))
    return "; ".join(parts)


def approach_plan(
    uow: UnitOfWork,
    campaign: str,
    options: PlanOptions | None = None,
    *,
    lens: Lens = TODAY,
) -> ApproachPlan:
    """Whom to win first for a campaign, in order, with the expected support.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; nothing is written.
    campaign : str
        An id, a name, a unique part of a name, or ``active``.
    options : PlanOptions, optional
        The size, model and mapping (defaults: 5 people, linear threshold).
    lens : Lens
        The day evidence is weighed on (today by default) and how fast observations
        fade.

    Returns
    -------
    ApproachPlan
    """
    inputs = campaign_inputs(uow, campaign, lens)
    since = inputs.as_of - timedelta(days=(options or PlanOptions()).recent_days)
    with uow:  # only the window met_recently looks at, not years of history
        interactions = uow.interactions.in_window(since, inputs.as_of)
    return approach_plan_in(inputs, interactions, options)
