"""The small network most web tests start from: me, three colleagues, a record of each kind.

Built through the services, as a user would, in the workspace of the test's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.keep.log import log_interaction, make_promise, record_favour, set_cadence
from allies.services.network.people import add_person
from allies.services.network.structure import add_tie, observe
from allies.services.ports import UnitOfWork

__all__ = ["Network", "build_network"]


@dataclass
class Network:
    """The ids of the small network every test can start from."""

    me: int
    ann: int
    bo: int
    cy: int
    tie: int
    observation: int
    interaction: int
    favour: int
    promise: int
    cadence: int
    acme: int
    legal: int


def build_network(settings: Settings) -> Network:
    """Me, Ann (Legal), Bo and Cy (Finance), with one record of every kind; their ids."""
    factory = unit_of_work_factory(settings)
    today = date.today()

    def uow() -> UnitOfWork:
        return factory(settings.workspace)

    me = add_person(uow(), "Me Myself", is_me=True)
    ann = add_person(
        uow(),
        "Ann Lee",
        organisation="Acme",
        unit="Legal",
        tags="legal, ally",
        level="peer",
        emails="ann@acme.test",
        interests="Contract law",
        agenda="Win the audit",
    )
    bo = add_person(uow(), "Bo Chen", organisation="Acme", unit="Finance", level="above")
    cy = add_person(uow(), "Cy Diaz", organisation="Acme", unit="Finance", level="below")
    tie = add_tie(uow(), "Ann Lee", "listens_to", "Bo Chen", weight=0.8)
    add_tie(uow(), "me", "knows", "Ann Lee", weight=0.9)
    seen = observe(uow(), "Cy Diaz", "deferred_to", "Bo Chen", on=today - timedelta(days=3))
    meeting = log_interaction(
        uow(), ["Ann Lee"], on=today - timedelta(days=1), tone=1, summary="Audit plan"
    )
    favour = record_favour(uow(), "Ann Lee", "given", "Reviewed her memo", size="medium")
    promise = make_promise(uow(), "Send the draft", to="Ann Lee", due=today + timedelta(days=3))
    cadence = set_cadence(uow(), ideal_days=14, person="Ann Lee")
    return Network(
        me=me.id or 0,
        ann=ann.id or 0,
        bo=bo.id or 0,
        cy=cy.id or 0,
        tie=tie.id or 0,
        observation=seen.id or 0,
        interaction=meeting.id or 0,
        favour=favour.id or 0,
        promise=promise.id or 0,
        cadence=cadence.id or 0,
        acme=ann.organisation_id or 0,
        legal=ann.unit_id or 0,
    )
