"""The fixed shape of the demo organisation: its organisations, units and roster of seats.

Each seat (:class:`Role`) says who reports to whom, where the seat sits relative to me and
how much weight its holder quietly carries (``clout``); :data:`INFLUENCE` lists who takes
whose lead beyond the chart and :data:`RIVALS` who pushes against whom. The people filling
the seats are drawn in :mod:`allies.services.demo.people`.
"""

from __future__ import annotations

from dataclasses import dataclass

from allies.domain import Level, Tier

ABOVE, PEER, BELOW, EXTERNAL = Level.ABOVE, Level.PEER, Level.BELOW, Level.EXTERNAL
INNER, KEY, NETWORK = Tier.INNER, Tier.KEY, Tier.NETWORK

#: The organisations: key, name, kind, e-mail domain, notes.
ORGANISATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "home",
        "Harbourline Group",
        "employer",
        "harbourline.example",
        "Freight and fulfilment group, about 4,000 staff across nine sites.",
    ),
    (
        "portbridge",
        "Portbridge Carriers",
        "partner",
        "portbridge.example",
        "Regional carrier; partner in the last-mile data alliance.",
    ),
    (
        "eastbrook",
        "Eastbrook University Business School",
        "academic",
        "eastbrook.example",
        "Runs the supply-chain executive programme.",
    ),
    (
        "fernhill",
        "Fernhill Advisory",
        "consultancy",
        "fernhill.example",
        "Small operations consultancy founded by a former COO.",
    ),
    ("celadon", "Celadon Retail", "customer", "celadon.example", "Top-five customer by revenue."),
    (
        "nimbus",
        "Nimbus Data Cloud",
        "vendor",
        "nimbus.example",
        "Shortlisted vendor for the shared analytics platform.",
    ),
)

#: The units of the home organisation: key, name, parent unit key.
UNITS: tuple[tuple[str, str, str | None], ...] = (
    ("exec", "Executive Office", None),
    ("fin", "Finance", None),
    ("ops", "Operations", None),
    ("fulfil", "Fulfilment", "ops"),
    ("sales", "Sales", None),
    ("product", "Product", None),
    ("data", "Data & Analytics", "product"),
    ("legal", "Legal", None),
    ("people", "People", None),
    ("it", "IT", None),
)

#: The part of the home organisation whose word lists a unit draws from.
UNIT_FAMILY: dict[str, str] = {"fulfil": "ops", "data": "product"}


@dataclass(frozen=True)
class Role:
    """One seat in the roster and the hidden weight its holder carries (``clout``)."""

    key: str
    title: str
    org: str
    unit: str | None
    manager: str | None
    level: Level | None
    tier: Tier | None
    tags: tuple[str, ...] = ()
    clout: float = 0.3
    note: str = ""


def _r(
    key: str,
    title: str,
    unit: str | None,
    manager: str | None,
    level: Level | None,
    tier: Tier | None,
    tags: str = "",
    clout: float = 0.3,
    org: str = "home",
) -> Role:
    return Role(
        key, title, org, unit, manager, level, tier, tuple(tags.split()), clout, NOTES.get(key, "")
    )


def _x(key: str, org: str, title: str, tier: Tier, tags: str, clout: float) -> Role:
    """A seat in an outside organisation."""
    return _r(key, title, None, None, EXTERNAL, tier, tags, clout, org)


#: What I have noted about a few people.
NOTES: dict[str, str] = {
    "ned": "Former operations director; offered to mentor me after the strategy day.",
    "ea": "Controls the CEO's diary and is the first person the CEO asks about anyone.",
    "fin_analyst": "Twenty-two years in finance here; every budget number passes this desk.",
    "ops_analyst": "Eighteen years in planning; when a forecast is questioned, eyes turn here.",
    "contracts": "Knows every customer contract by heart; Legal rarely signs without this view.",
    "data_eng": "Built most of the data pipelines; architects ask here before deciding.",
    "pb_ops": "My counterpart in the last-mile data alliance.",
    "advisor": "Ran operations at a competitor for a decade; a sounding board for hard calls.",
}

# fmt: off
ROSTER: tuple[Role, ...] = (
    _r("chair", "Chair of the Board", "exec", None, ABOVE, NETWORK, "board", 0.8),
    _r("ned", "Non-Executive Director", "exec", "chair", ABOVE, KEY, "board mentor", 0.5),
    _r("ceo", "Chief Executive Officer", "exec", "chair", ABOVE, KEY, "executive decider", 1.0),
    _r("ea", "Executive Assistant to the CEO", "exec", "ceo", BELOW, KEY, "gatekeeper", 0.75),
    _r("cos", "Chief of Staff", "exec", "ceo", PEER, NETWORK, "strategy", 0.45),
    _r("cfo", "Chief Financial Officer", "fin", "ceo", ABOVE, KEY, "finance decider", 0.85),
    _r("controller", "Group Financial Controller", "fin", "cfo", PEER, NETWORK, "finance", 0.4),
    _r("fpa", "Head of FP&A", "fin", "cfo", PEER, KEY, "finance", 0.4),
    _r("fin_analyst", "Financial Analyst", "fin", "fpa", BELOW, KEY, "finance veteran", 0.6),
    _r("fin_junior", "Financial Analyst", "fin", "fpa", BELOW, NETWORK, "finance", 0.15),
    _r("procurement", "Procurement Manager", "fin", "controller", BELOW, NETWORK, "finance", 0.25),
    _r("coo", "Chief Operating Officer", "ops", "ceo", ABOVE, INNER, "executive decider", 0.8),
    _r("me", "Head of Fulfilment Operations", "fulfil", "coo", None, None, "operations", 0.45),
    _r("logistics", "Head of Logistics Planning", "ops", "coo", PEER, KEY, "operations", 0.4),
    _r("warehousing", "Head of Warehousing", "ops", "coo", PEER, KEY, "operations", 0.4),
    _r("service", "Head of Customer Service", "ops", "coo", PEER, NETWORK, "operations", 0.35),
    _r("ops_analyst", "Operations Analyst", "ops", "logistics", BELOW, INNER,
       "operations veteran champion", 0.7),
    _r("lead_north", "Fulfilment Team Lead, North", "fulfil", "me", BELOW, INNER, "operations"),
    _r("lead_south", "Fulfilment Team Lead, South", "fulfil", "me", BELOW, INNER, "operations"),
    _r("planner", "Fulfilment Planner", "fulfil", "me", BELOW, KEY, "operations", 0.2),
    _r("improve", "Process Improvement Lead", "fulfil", "me", BELOW, KEY, "champion", 0.3),
    _r("coordinator", "Operations Coordinator", "fulfil", "me", BELOW, NETWORK, "operations", 0.1),
    _r("fulfil_data", "Data Analyst, Fulfilment", "fulfil", "me", BELOW, KEY, "data", 0.2),
    _r("transport1", "Transport Planner", "ops", "logistics", BELOW, NETWORK, "operations", 0.1),
    _r("transport2", "Transport Planner", "ops", "logistics", BELOW, NETWORK, "operations", 0.1),
    _r("site_mid", "Site Manager, Midlands Hub", "ops", "warehousing", BELOW, NETWORK, "sites"),
    _r("site_north", "Site Manager, Northern Hub", "ops", "warehousing", BELOW, KEY, "sites"),
    _r("safety", "Health and Safety Officer", "ops", "warehousing", BELOW, NETWORK, "safety", 0.15),
    _r("service_lead", "Customer Service Team Lead", "ops", "service", BELOW, NETWORK, "", 0.1),
    _r("cco", "Chief Commercial Officer", "sales", "ceo", ABOVE, KEY, "executive sales", 0.7),
    _r("sales_key", "Sales Director, Key Accounts", "sales", "cco", PEER, KEY, "sales", 0.4),
    _r("sales_intl", "Sales Director, International", "sales", "cco", PEER, NETWORK, "sales", 0.35),
    _r("am1", "Account Manager", "sales", "sales_key", BELOW, NETWORK, "sales", 0.1),
    _r("am2", "Account Manager", "sales", "sales_key", BELOW, NETWORK, "sales", 0.1),
    _r("am3", "Account Manager", "sales", "sales_intl", BELOW, NETWORK, "sales", 0.1),
    _r("sales_ops", "Sales Operations Analyst", "sales", "cco", BELOW, NETWORK, "sales data", 0.2),
    _r("cpo", "Chief Product Officer", "product", "ceo", ABOVE, KEY, "executive product", 0.6),
    _r("head_product", "Head of Product, Tracking", "product", "cpo", PEER, KEY, "product", 0.35),
    _r("data_lead", "Head of Data & Analytics", "data", "cpo", PEER, INNER, "data champion", 0.5),
    _r("pm1", "Product Manager", "product", "head_product", BELOW, NETWORK, "product", 0.15),
    _r("pm2", "Product Manager", "product", "head_product", BELOW, NETWORK, "product", 0.15),
    _r("ux", "User Researcher", "product", "head_product", BELOW, NETWORK, "product", 0.1),
    _r("scientist", "Data Scientist", "data", "data_lead", BELOW, NETWORK, "data", 0.2),
    _r("gc", "General Counsel", "legal", "ceo", ABOVE, KEY, "executive legal", 0.55),
    _r("counsel", "Senior Legal Counsel", "legal", "gc", PEER, NETWORK, "legal", 0.3),
    _r("contracts", "Contracts Manager", "legal", "gc", BELOW, KEY, "legal veteran", 0.5),
    _r("paralegal", "Paralegal", "legal", "counsel", BELOW, NETWORK, "legal", 0.05),
    _r("chro", "Chief People Officer", "people", "ceo", ABOVE, KEY, "executive people", 0.55),
    _r("hrbp", "HR Business Partner, Operations", "people", "chro", PEER, KEY, "people", 0.3),
    _r("learning", "Learning and Development Lead", "people", "chro", BELOW, NETWORK,
       "people mentor", 0.15),
    _r("talent", "Talent Acquisition Partner", "people", "chro", BELOW, NETWORK, "people", 0.1),
    _r("cio", "Chief Information Officer", "it", "ceo", ABOVE, KEY, "executive it decider", 0.65),
    _r("infra", "Head of Infrastructure", "it", "cio", PEER, NETWORK, "it", 0.3),
    _r("security", "Information Security Manager", "it", "cio", PEER, NETWORK, "it", 0.35),
    _r("architect", "Enterprise Architect", "it", "cio", PEER, KEY, "it", 0.35),
    _r("data_eng", "Data Engineer", "it", "infra", BELOW, KEY, "it data veteran", 0.6),
    _r("service_desk", "Service Desk Lead", "it", "infra", BELOW, NETWORK, "it", 0.1),
    _x("pb_md", "portbridge", "Managing Director", KEY, "partner", 0.6),
    _x("pb_ops", "portbridge", "Head of Operations", INNER, "partner champion", 0.5),
    _x("pb_data", "portbridge", "Data Partnerships Manager", KEY, "partner data", 0.3),
    _x("pb_commercial", "portbridge", "Commercial Manager", NETWORK, "partner", 0.25),
    _x("pb_planner", "portbridge", "Network Planner", NETWORK, "partner", 0.1),
    _x("professor", "eastbrook", "Professor of Supply Chain Management", KEY, "mentor", 0.4),
    _x("fellow", "eastbrook", "Research Fellow", NETWORK, "academic", 0.15),
    _x("advisor", "fernhill", "Partner", KEY, "mentor", 0.45),
    _x("consultant", "fernhill", "Senior Consultant", NETWORK, "", 0.15),
    _x("cel_supply", "celadon", "Head of Supply Chain", KEY, "customer", 0.4),
    _x("cel_buyer", "celadon", "Logistics Buyer", NETWORK, "customer", 0.15),
    _x("nim_ae", "nimbus", "Account Executive", NETWORK, "vendor", 0.1),
    _x("nim_arch", "nimbus", "Solutions Architect", NETWORK, "vendor", 0.15),
)

#: Who takes whose lead beyond the chart: (listener, leader, typical weight).
INFLUENCE: tuple[tuple[str, str, float], ...] = (
    ("ceo", "ea", 0.7), ("ceo", "cfo", 0.8), ("ceo", "chair", 0.7), ("ceo", "ned", 0.4),
    ("cfo", "fin_analyst", 0.7), ("controller", "fin_analyst", 0.6), ("coo", "fin_analyst", 0.4),
    ("coo", "ops_analyst", 0.7), ("me", "ops_analyst", 0.6), ("warehousing", "ops_analyst", 0.6),
    ("service", "ops_analyst", 0.5), ("sales_key", "ops_analyst", 0.5),
    ("improve", "ops_analyst", 0.6),
    ("coo", "cfo", 0.6), ("cio", "cfo", 0.5), ("cco", "cfo", 0.5),
    ("cio", "data_eng", 0.6), ("architect", "data_eng", 0.7), ("data_lead", "data_eng", 0.6),
    ("scientist", "data_eng", 0.5), ("fulfil_data", "data_eng", 0.4),
    ("gc", "contracts", 0.6), ("counsel", "contracts", 0.6), ("procurement", "contracts", 0.5),
    ("cco", "contracts", 0.4),
    ("chro", "ea", 0.5), ("cos", "ea", 0.6), ("cpo", "data_lead", 0.6),
    ("head_product", "data_lead", 0.5), ("hrbp", "me", 0.5), ("pm2", "me", 0.3),
    ("ned", "chair", 0.6),
    ("pb_md", "pb_ops", 0.7), ("pb_data", "pb_ops", 0.6), ("pb_ops", "me", 0.4),
    ("pb_commercial", "pb_md", 0.6), ("fellow", "professor", 0.8), ("me", "advisor", 0.5),
    ("cel_buyer", "cel_supply", 0.7), ("cel_supply", "sales_key", 0.4),
    ("nim_ae", "nim_arch", 0.4),
)
# fmt: on

#: Pairs who push against each other in the room: (subject opposed object).
RIVALS: tuple[tuple[str, str], ...] = (
    ("cco", "cio"),
    ("controller", "data_lead"),
    ("security", "data_lead"),
    ("logistics", "me"),
    ("cio", "cpo"),
)

#: Where influence was seen.
CONTEXTS: tuple[str, ...] = (
    "executive committee",
    "monthly operations review",
    "budget round",
    "quarterly business review",
    "platform steering group",
    "architecture board",
    "peak-season planning day",
    "corridor after the town hall",
    "contract review",
    "strategy off-site",
)
