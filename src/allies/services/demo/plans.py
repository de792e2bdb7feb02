"""The demo's plans: a campaign with stances, an alliance, a goal and a self-assessment.

Person references are local keys into the cast's people; a stance's ``issue_id`` is the
position of its issue among all campaigns' issues taken in order (see
:mod:`allies.services.demo.network`).
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.domain import (
    Agreement,
    Alliance,
    AllianceConflict,
    AlliancePartner,
    AllianceStatus,
    Assessment,
    Campaign,
    CampaignIssue,
    ConflictStatus,
    Goal,
    GoalNeed,
    Milestone,
    NeedKind,
    Responsibility,
    Stance,
)
from allies.services.demo.people import Cast

#: Days from ``today`` to the campaign's decision.
DECISION_IN_DAYS = 61

# fmt: off
#: Current positions on the platform's scope (issue 0; I want 85): supporters sit within
#: ten points of me, opponents forty or more away, the undecided in between.
SCOPE: dict[str, float] = {
    "me": 85, "data_lead": 92, "ops_analyst": 82, "fulfil_data": 88, "improve": 80, "coo": 78,
    "cpo": 80, "pb_ops": 84,
    "cco": 20, "controller": 25, "security": 32, "logistics": 30, "cio": 40,
    "ceo": 55, "cfo": 52, "gc": 58, "ea": 62, "fin_analyst": 50, "architect": 63,
    "chro": 56, "sales_key": 50, "warehousing": 65, "data_eng": 60,
}

#: Current positions on funding (issue 1; I want 70).
FUNDING: dict[str, float] = {
    "me": 70, "cfo": 30, "controller": 20, "fpa": 35, "fin_analyst": 38, "coo": 62, "ceo": 50,
    "cio": 76, "data_lead": 80, "cco": 42, "cpo": 66,
}

# fmt: on

DECIDERS: tuple[str, ...] = ("ceo", "cfo", "coo", "cio")

NOTES: tuple[str, ...] = (
    "said so in the quarterly review",
    "after our one-on-one",
    "heard through a colleague",
    "in the platform working group",
    "over coffee",
    "in a message to the steering group",
)


def build_campaign(cast: Cast) -> Campaign:
    """The campaign for a shared analytics platform, decided by four executives."""
    return Campaign(
        name="Shared analytics platform",
        issues=[
            CampaignIssue(
                "Scope",
                low_label="each unit keeps its own tools",
                high_label="one platform for every unit",
                desired_position=85,
                description="How far the shared platform replaces the units' own reporting.",
            ),
            CampaignIssue(
                "Funding",
                low_label="charged back to units by use",
                high_label="funded centrally",
                desired_position=70,
                description="Who pays for the platform in its first three years.",
            ),
        ],
        decider_ids=[cast[key] for key in DECIDERS],
        decision_on=cast.today + timedelta(days=DECISION_IN_DAYS),
        description=(
            "Replace the separate reporting tools of Operations, Finance and Sales "
            "with one analytics platform, starting with fulfilment and finance data."
        ),
    )


def build_stances(cast: Cast) -> list[Stance]:
    """One to three dated stances per stakeholder and issue, the latest being current."""
    rng, today = cast.rng, cast.today
    found: list[Stance] = []
    for issue, positions in enumerate((SCOPE, FUNDING)):
        for key, current in positions.items():
            decider = key in DECIDERS
            salience = round(rng.uniform(0.6, 0.95) if decider else rng.uniform(0.3, 0.8), 2)
            capability = round(rng.uniform(0.8, 0.95), 2) if decider else None
            history = rng.choice((1, 2, 2, 3))
            days_back = sorted(rng.sample(range(30, 220), history - 1), reverse=True)
            for back in days_back:
                earlier = min(100.0, max(0.0, current + rng.uniform(-18, 18)))
                found.append(
                    Stance(
                        cast[key],
                        issue,
                        round(earlier),
                        salience,
                        capability,
                        confidence=round(rng.uniform(0.4, 0.7), 2),
                        recorded_on=today - timedelta(days=back),
                        note=rng.choice(NOTES),
                    )
                )
            found.append(
                Stance(
                    cast[key],
                    issue,
                    round(current + rng.uniform(-3, 3)),
                    salience,
                    capability,
                    confidence=round(rng.uniform(0.6, 0.9), 2),
                    recorded_on=today - timedelta(days=rng.randint(1, 28)),
                    note=rng.choice(NOTES),
                )
            )
    found.sort(key=lambda s: s.recorded_on)
    return found


def build_alliance(cast: Cast) -> Alliance:
    """An active alliance with the partner carrier, with every part filled in."""
    today = cast.today

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    return Alliance(
        name="Last-mile data alliance",
        purpose=(
            "Pool delivery-outcome data with Portbridge Carriers to cut failed "
            "deliveries in the northern region"
        ),
        status=AllianceStatus.ACTIVE,
        started_on=ago(300),
        partners=[
            AlliancePartner(
                organisation_id=cast.org_index["home"], role="fulfilment sites and delivery data"
            ),
            AlliancePartner(
                organisation_id=cast.org_index["portbridge"],
                role="carrier network and driver scans",
            ),
            AlliancePartner(person_id=cast.me, role="lead for Harbourline"),
            AlliancePartner(person_id=cast["pb_ops"], role="lead for Portbridge"),
            AlliancePartner(person_id=cast["pb_data"], role="data owner at Portbridge"),
            AlliancePartner(person_id=cast["fulfil_data"], role="analyst"),
        ],
        common_goals=[
            "Cut failed first-time deliveries in the northern region by 15%",
            "One weekly view of delivery exceptions that both companies trust",
            "A tested case for taking the pilot to a second region",
        ],
        agreement=Agreement(
            agreed=(
                "Both sides share daily delivery outcomes for the northern region at "
                "postcode level; each keeps its own customer records."
            ),
            written=(
                "Memorandum signed by both operations heads, with a data-sharing annex "
                "reviewed by both legal teams."
            ),
            checked=(
                "Monthly check-in on the joint dashboard; a quarterly review with both "
                "managing directors."
            ),
            divided=(
                "Harbourline hosts the data and builds the dashboard; Portbridge cleans "
                "driver scans and runs the route trials; results are presented jointly."
            ),
        ),
        responsibilities=[
            Responsibility("Nightly export of delivery scans", cast["pb_data"], ago(240), ago(236)),
            Responsibility("Joint exceptions dashboard", cast["fulfil_data"], ago(180), ago(188)),
            Responsibility("Route trial in two postcodes", cast["pb_ops"], ago(-20)),
            Responsibility("Refresh the data-sharing annex", cast["contracts"], ago(-10)),
            Responsibility("Business case for a second region", cast.me, ago(-45)),
        ],
        milestones=[
            Milestone("Memorandum signed", ago(290), ago(292), ago(285)),
            Milestone("First shared dashboard live", ago(180), ago(175), ago(168)),
            Milestone("Failed deliveries down 10% in the pilot area", ago(30), ago(12)),
            Milestone("Second region agreed", ago(-90)),
        ],
        conflicts=[
            AllianceConflict(
                "Who owns the customer contact data",
                ago(40),
                ConflictStatus.OPEN,
                notes="Portbridge wants the phone numbers for driver calls; our Legal says no.",
            ),
            AllianceConflict(
                "Who pays for the pilot sensors",
                ago(210),
                ConflictStatus.RESOLVED,
                ago(190),
                notes="Split 60/40 after the first managing directors' review.",
            ),
        ],
        checkin_ideal_days=30,
        checkin_max_days=45,
    )


def build_goal(cast: Cast) -> Goal:
    """My goal of a director role, with the decisions and resources it needs."""
    return Goal(
        title="Director of Operations Excellence within a year",
        description=(
            "Lead the group-wide operations programme: the analytics platform, the "
            "northern hub and the partner network."
        ),
        target_on=cast.today + timedelta(days=365),
        needs=[
            GoalNeed("Approve the new director role", NeedKind.DECISION, cast["ceo"]),
            GoalNeed("Sponsor my case at the executive committee", NeedKind.DECISION, cast["coo"]),
            GoalNeed("Put me on the succession slate", NeedKind.DECISION, cast["chro"]),
            GoalNeed("Fund the role and a small programme team", NeedKind.RESOURCE, cast["cfo"]),
            GoalNeed("A deputy ready to run fulfilment", NeedKind.RESOURCE, cast["lead_north"]),
            GoalNeed("A word from the board's operations expert", NeedKind.RESOURCE, cast["ned"]),
        ],
    )


#: A political-skill self-assessment: item → score (1-7), in four groups.
ASSESSMENT_ITEMS: dict[str, tuple[int, int]] = {
    "networking.time_spent_building_contacts": (3, 4),
    "networking.knows_people_who_matter": (3, 5),
    "networking.uses_contacts_to_get_things_done": (4, 5),
    "networking.ties_outside_the_organisation": (3, 4),
    "networking.relationships_with_influencers": (3, 4),
    "networking.contacts_in_other_units": (4, 5),
    "influence.builds_rapport_easily": (5, 6),
    "influence.puts_people_at_ease": (5, 6),
    "influence.communicates_easily": (5, 6),
    "influence.gets_along_with_most": (5, 7),
    "astuteness.reads_motives": (4, 5),
    "astuteness.senses_hidden_agendas": (3, 5),
    "astuteness.manages_impression": (4, 5),
    "astuteness.says_the_right_thing": (4, 6),
    "astuteness.reads_faces": (5, 6),
    "sincerity.comes_across_as_genuine": (6, 7),
    "sincerity.means_what_is_said": (6, 7),
    "sincerity.shows_real_interest": (5, 7),
}


def build_assessment(cast: Cast) -> Assessment:
    """A self-assessment taken six weeks ago: sincere and likeable, a thin network."""
    rng = cast.rng
    answers = {item: rng.randint(low, high) for item, (low, high) in ASSESSMENT_ITEMS.items()}
    return Assessment(cast.today - timedelta(days=42), answers)
