"""Word lists for the demo network: names by region and the fragments people's texts are
composed from.

Everything here is data plus a few pure helpers that draw from it with a caller's
:class:`random.Random`, so the demo stays deterministic for a seed.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from typing import TypedDict

#: Given names and family names that sit together, by region; a person's name is drawn
#: from one region so that it reads plausibly.
NAME_POOLS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("Astrid", "Freja", "Lars", "Mikkel", "Ingrid", "Sindre", "Elin", "Oskar", "Sigrid"),
        ("Lindqvist", "Halvorsen", "Nyberg", "Dahl", "Sandvik", "Bergström", "Eriksen", "Holm"),
    ),
    (
        ("Fiona", "Callum", "Niamh", "Oliver", "Harriet", "Declan", "Imogen", "Rhys", "Bethan"),
        ("Whitaker", "Gallagher", "Pryce", "Ashworth", "McAllister", "Doyle", "Cartwright"),
    ),
    (
        ("Chiamaka", "Kwame", "Adaeze", "Tunde", "Efua", "Kofi", "Amara", "Sekou", "Yaw"),
        ("Okonkwo", "Mensah", "Adeyemi", "Boateng", "Diallo", "Nwosu", "Asante", "Eze"),
    ),
    (
        ("Priya", "Arjun", "Meera", "Rohan", "Ananya", "Vikram", "Kavya", "Sanjay", "Nikhil"),
        ("Raghunathan", "Iyer", "Kapoor", "Menon", "Banerjee", "Desai", "Pillai", "Rao"),
    ),
    (
        ("Farah", "Imran", "Ayesha", "Bilal", "Sana", "Hamza"),
        ("Siddiqui", "Chaudhry", "Qureshi", "Malik", "Hussain", "Sheikh"),
    ),
    (
        ("Aiko", "Kenji", "Haruto", "Yuki", "Sakura", "Ren"),
        ("Tanaka", "Nakamura", "Watanabe", "Sato", "Kobayashi", "Ishikawa"),
    ),
    (
        ("Mei", "Wei", "Lin", "Jiahui", "Hao", "Xiaoling"),
        ("Chen", "Zhou", "Liu", "Wang", "Huang", "Zhang"),
    ),
    (
        ("Soo-jin", "Min-ho", "Ji-woo", "Hyun", "Seo-yeon"),
        ("Park", "Kim", "Lee", "Choi", "Jung"),
    ),
    (
        ("Lucía", "Mateo", "Valentina", "Diego", "Camila", "Joaquín", "Inés", "Rafael"),
        ("Álvarez", "Castillo", "Moreno", "Ortega", "Vargas", "Herrera", "Navarro", "Ruiz"),
    ),
    (
        ("Camille", "Théo", "Élodie", "Julien", "Margaux", "Étienne", "Solène"),
        ("Lefèvre", "Moreau", "Dubois", "Girard", "Marchand", "Rousseau", "Fontaine"),
    ),
    (
        ("Johanna", "Matthias", "Katrin", "Lukas", "Anke", "Florian"),
        ("Brandt", "Vogel", "Hoffmann", "Krüger", "Schreiber", "Albrecht"),
    ),
    (
        ("Jeroen", "Sanne", "Pieter", "Femke", "Bram", "Lotte"),
        ("van Dijk", "de Jong", "Visser", "Bakker", "Mulder", "Smit"),
    ),
    (
        ("Ivana", "Marko", "Petra", "Luka", "Nikola", "Mirela"),
        ("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Petrović"),
    ),
    (
        ("Layla", "Omar", "Yasmin", "Karim", "Nour", "Tariq", "Rania", "Samir"),
        ("Haddad", "Nasser", "Khalil", "Saleh", "Mansour", "Farouk", "Aziz"),
    ),
    (
        ("Elif", "Emre", "Zeynep", "Can", "Deniz", "Burak"),
        ("Yılmaz", "Demir", "Aydın", "Kaya", "Şahin", "Öztürk"),
    ),
    (
        ("João", "Beatriz", "Rafaela", "Thiago", "Mariana", "Gustavo"),
        ("Silva", "Costa", "Pereira", "Almeida", "Ferreira", "Carvalho"),
    ),
    (
        ("Giulia", "Marco", "Chiara", "Lorenzo", "Francesca", "Matteo"),
        ("Rossi", "Bianchi", "Conti", "Ricci", "De Luca", "Gallo"),
    ),
)

_ASCII_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d"})


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters of ``text`` (accents folded), for e-mail local parts."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_ASCII_FOLD))
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def draw_name(rng: random.Random, taken: set[tuple[str, str]]) -> tuple[str, str]:
    """A ``(given, family)`` name from one region, not already in ``taken`` (updated)."""
    while True:
        given_names, family_names = rng.choice(NAME_POOLS)
        given, family = rng.choice(given_names), rng.choice(family_names)
        # No two people share a given or a family name: look-ups by either stay unambiguous.
        if all(given != g and family != f for g, f in taken):
            taken.add((given, family))
            return given, family


def pick(rng: random.Random, items: Sequence[str], k: int = 1) -> list[str]:
    """``k`` distinct items of ``items`` in a random order."""
    return rng.sample(list(items), min(k, len(items)))


def join_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


#: Work interests by unit key.
WORK_INTERESTS: dict[str, tuple[str, ...]] = {
    "exec": (
        "long-range strategy",
        "investor relations",
        "board governance",
        "acquisitions in adjacent markets",
        "company culture",
    ),
    "fin": (
        "cost-to-serve modelling",
        "working capital",
        "capital allocation",
        "audit readiness",
        "supplier payment terms",
        "forecast accuracy",
    ),
    "ops": (
        "warehouse automation",
        "route optimisation",
        "peak-season planning",
        "lean process design",
        "safety culture",
        "carrier performance",
    ),
    "sales": (
        "key-account growth",
        "pricing discipline",
        "customer retention",
        "new verticals",
        "tender wins",
        "contract renewals",
    ),
    "product": (
        "shipment tracking",
        "customer-facing dashboards",
        "experimentation",
        "user research",
        "data products",
        "machine learning in planning",
    ),
    "legal": (
        "data-protection law",
        "contract standardisation",
        "competition rules",
        "dispute avoidance",
        "supplier liability",
    ),
    "people": (
        "leadership development",
        "succession planning",
        "hybrid work",
        "engagement surveys",
        "graduate programmes",
    ),
    "it": (
        "cloud migration",
        "cyber security",
        "data engineering",
        "legacy retirement",
        "integration platforms",
        "service reliability",
    ),
    "ext": (
        "industry benchmarks",
        "cross-company data sharing",
        "sustainability reporting",
        "last-mile delivery",
        "research partnerships",
        "regional growth",
    ),
}

HOBBIES: tuple[str, ...] = (
    "trail running",
    "sailing",
    "jazz piano",
    "amateur astronomy",
    "cycling",
    "chess",
    "baking sourdough",
    "birdwatching",
    "rowing",
    "football coaching",
    "choir singing",
    "woodworking",
    "crime novels",
    "climbing",
    "gardening",
    "photography",
    "tennis",
    "cooking for large groups",
    "open-water swimming",
    "board games",
)

#: What people in each unit are trying to achieve ("agenda").
AGENDAS: dict[str, tuple[str, ...]] = {
    "exec": (
        "hit the three-year growth plan",
        "prepare the group for a listing",
        "make the executive team work as one team",
        "renew the board's confidence",
    ),
    "fin": (
        "take 4% out of overhead this year",
        "close the books in five days",
        "move budgeting to rolling forecasts",
        "get a clean audit with no findings",
    ),
    "ops": (
        "cut failed deliveries by a fifth",
        "open the new northern hub on time",
        "reduce overtime in peak season",
        "win the safety award back",
    ),
    "sales": (
        "grow the top twenty accounts",
        "enter the healthcare logistics market",
        "stop discounting to win renewals",
        "land two international tenders",
    ),
    "product": (
        "launch live tracking for every parcel",
        "build a data product customers pay for",
        "move the roadmap to quarterly outcomes",
        "retire the old customer portal",
    ),
    "legal": (
        "standardise customer contracts",
        "get ahead of new data rules",
        "cut outside-counsel spend",
        "close the open disputes this year",
    ),
    "people": (
        "build a bench for every senior role",
        "lift engagement in operations",
        "make promotions more transparent",
        "fill the data roles faster",
    ),
    "it": (
        "retire the legacy warehouse system",
        "move the data centre to the cloud",
        "pass the security certification",
        "stop shadow IT in the units",
    ),
    "ext": (
        "prove the value of sharing delivery data",
        "grow the partnership into new regions",
        "publish a benchmark with industry partners",
        "win a long-term contract",
    ),
}

PERSONAL_AGENDAS: tuple[str, ...] = (
    "be seen as ready for the next role",
    "get a seat on the steering group",
    "protect the team's budget",
    "build a reputation outside the unit",
    "keep the team together through the restructuring",
    "be known for delivery, not slides",
    "mentor the next generation of leads",
    "lead a cross-company project",
)

VALUES: tuple[str, ...] = (
    "straight talking",
    "being asked early",
    "credit shared publicly",
    "data over opinion",
    "reliability",
    "loyalty to the team",
    "being kept in the loop",
    "candour in private",
    "preparation",
    "humour under pressure",
    "fairness",
    "speed of decision",
    "customer focus",
    "no surprises in meetings",
    "recognition",
    "autonomy",
)

OFFERS: dict[str, tuple[str, ...]] = {
    "exec": (
        "sponsorship at the executive committee",
        "air time with the board",
        "a word with the investors",
        "cover for a risky pilot",
    ),
    "fin": (
        "a quick read on the business case",
        "early sight of the budget round",
        "help with the cost model",
        "a contact in the auditors' team",
    ),
    "ops": (
        "site visits for your team",
        "operational data nobody else has",
        "people for a pilot",
        "a reality check on timelines",
    ),
    "sales": (
        "introductions to key customers",
        "customer quotes for a business case",
        "market intelligence",
        "a slot in the account reviews",
    ),
    "product": (
        "a place on the roadmap",
        "user-research time",
        "prototype help",
        "dashboards for your reviews",
    ),
    "legal": (
        "a fast first opinion",
        "template clauses",
        "a view on regulatory risk",
        "help with a tricky supplier",
    ),
    "people": (
        "a candidate pipeline",
        "coaching budget",
        "a read on the succession plans",
        "help with a difficult team situation",
    ),
    "it": (
        "engineering time",
        "early access to the new platform",
        "a fix fast-tracked",
        "architecture advice",
    ),
    "ext": (
        "benchmark data from other companies",
        "an outside view",
        "introductions in the sector",
        "joint funding for a pilot",
        "speaking slots at industry events",
    ),
}

WANTS: tuple[str, ...] = (
    "visible credit in the quarterly review",
    "help with a stalled project",
    "support for a headcount request",
    "an introduction to the CEO's office",
    "data from the fulfilment sites",
    "a sponsor for a promotion case",
    "a say in how the platform is built",
    "an ally at the budget round",
    "relief from a reporting burden",
    "time with the customer teams",
    "a seat in the steering group",
    "faster answers from operations",
)


class PersonTexts(TypedDict):
    """The free-text fields of a person."""

    interests: str
    agenda: str
    values: str
    offers: str
    trades: str


def compose_texts(rng: random.Random, unit: str) -> PersonTexts:
    """Interests, agenda, values, offers and trades for someone in ``unit``."""
    interests = join_list(pick(rng, WORK_INTERESTS[unit], 2))
    hobby = rng.choice(HOBBIES)
    agenda = rng.choice(AGENDAS[unit])
    if rng.random() < 0.6:
        agenda = f"{agenda}; personally, {rng.choice(PERSONAL_AGENDAS)}"
    values = join_list(pick(rng, VALUES, rng.choice((2, 2, 3))))
    offers = join_list(pick(rng, OFFERS[unit], 2))
    give = rng.choice(OFFERS[unit])
    want = rng.choice(WANTS)
    return {
        "interests": f"{interests}; outside work, {hobby}",
        "agenda": agenda[0].upper() + agenda[1:],
        "values": values[0].upper() + values[1:],
        "offers": offers[0].upper() + offers[1:],
        "trades": f"Would trade {give} for {want}",
    }


#: What favours were about, by direction seen from me.
FAVOURS_GIVEN: tuple[str, ...] = (
    "lent two planners for their stock count",
    "reviewed their business case overnight",
    "shared the fulfilment cost data they needed",
    "covered their slot at the ops review",
    "introduced them to a customer's supply-chain head",
    "backed their proposal at the QBR",
    "gave their graduate a rotation in fulfilment",
    "sent a reference for their promotion panel",
    "ran a site tour for their visitors",
    "fixed a weekend delivery failure for their account",
)
FAVOURS_RECEIVED: tuple[str, ...] = (
    "got me a slot on the executive agenda",
    "fast-tracked a contract review",
    "shared the draft budget assumptions early",
    "lent an engineer for the tracking fix",
    "warned me before the restructuring news",
    "introduced me to the partner's data team",
    "spoke up for my team at the board pre-meeting",
    "found budget for the pilot sensors",
    "gave honest feedback on my presentation",
    "covered for me during a site emergency",
)

#: What promises were about.
PROMISES_MINE: tuple[str, ...] = (
    "send the fulfilment cost breakdown",
    "share the pilot results",
    "review their draft policy",
    "introduce them to the Portbridge team",
    "put their analyst on the platform working group",
    "send site-visit dates",
    "give feedback on their team structure",
    "raise their point at the ops review",
    "send the peak-season staffing plan",
    "get them read access to the delivery data",
)
PROMISES_THEIRS: tuple[str, ...] = (
    "send the legal view on data-sharing clauses",
    "confirm the budget line for sensors",
    "share the carrier performance figures",
    "check whether the CEO can join the review",
    "send the revised transport plan",
    "review the platform requirements",
    "introduce me to their head of data",
    "return the signed pilot agreement",
    "share the customer survey results",
    "put the platform on the architecture board agenda",
)

__all__ = [
    "AGENDAS",
    "FAVOURS_GIVEN",
    "FAVOURS_RECEIVED",
    "HOBBIES",
    "NAME_POOLS",
    "OFFERS",
    "PROMISES_MINE",
    "PROMISES_THEIRS",
    "VALUES",
    "WANTS",
    "WORK_INTERESTS",
    "PersonTexts",
    "ascii_slug",
    "compose_texts",
    "draw_name",
    "join_list",
    "pick",
]
