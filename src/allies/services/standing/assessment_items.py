"""The political-skill questionnaire: four dimensions, eighteen items, a 7-point scale.

The four dimensions are those of the political-skill framework of Ferris et al. (2005):
networking ability, interpersonal influence, social astuteness and apparent sincerity.
The items are this project's own: each describes something a person does (or notices) at
work, so that an answer can be checked against what happened last month. They are not the
items of the published Political Skill Inventory.

References
----------
.. [1] Ferris, G. R., Treadway, D. C., Kolodinsky, R. W., Hochwarter, W. A., Kacmar,
   C. J., Douglas, C. and Frink, D. D. (2005). "Development and validation of the
   political skill inventory". *Journal of Management* 31(1):126-152.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DIMENSIONS", "INSTRUMENT", "ITEMS", "SCALE", "Dimension", "Item"]

#: The name the answers are stored under.
INSTRUMENT = "political-skill"

#: What each point of the scale means.
SCALE: dict[int, str] = {
    1: "strongly disagree",
    2: "disagree",
    3: "somewhat disagree",
    4: "neither agree nor disagree",
    5: "somewhat agree",
    6: "agree",
    7: "strongly agree",
}


@dataclass(frozen=True)
class Item:
    """One statement to rate; ``key`` is ``<dimension>.<name>``."""

    key: str
    text: str

    @property
    def dimension(self) -> str:
        """The dimension the item belongs to."""
        return self.key.split(".", 1)[0]


@dataclass(frozen=True)
class Dimension:
    """One dimension: what it is, what a low, middling or high score means, what to do."""

    key: str
    name: str
    about: str
    low: str
    middle: str
    high: str
    practice: tuple[str, ...]
    use: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        key="networking",
        name="Networking ability",
        about="Building and using a wide web of working relationships, inside and outside "
        "your organisation, before you need them.",
        low="You rely on the people you already work with; when help is needed elsewhere "
        "you start from cold.",
        middle="You have useful contacts but build them as needs arise rather than ahead of them.",
        high="You keep relationships across units and organisations warm, and can call on "
        "them when something stalls.",
        practice=(
            "Book one conversation a week with someone outside your team, with no request "
            "attached.",
            "List the units your work depends on and name one person in each; fill the gaps first.",
            "After each meeting with a new contact, note what they care about on their record.",
        ),
        use="Introduce two people who should know each other each month; brokers are remembered.",
    ),
    Dimension(
        key="influence",
        name="Interpersonal influence",
        about="Adapting how you come across so that people are at ease and open to your ideas.",
        low="People may understand your case but do not warm to it; conversations stay formal.",
        middle="You connect well with people like you and less with those whose style differs.",
        high="People relax and listen when you talk, including those who disagree with you.",
        practice=(
            "Before a one-on-one, write down one thing you want to learn about the other "
            "person, and ask it.",
            "Rehearse your main proposal in two sentences for someone outside your field.",
            "Pick the colleague you find hardest and schedule a short, informal check-in.",
        ),
        use="Take on the conversations others avoid: the sceptic, the new partner, the "
        "tense hand-over.",
    ),
    Dimension(
        key="astuteness",
        name="Social astuteness",
        about="Reading people and situations: what others want, what they protect and how "
        "your words will land.",
        low="You tend to be surprised by objections and by who sides with whom.",
        middle="You read individuals well but sometimes miss the politics of a group.",
        high="You can predict how a meeting will go and who will move it, and you prepare "
        "accordingly.",
        practice=(
            "Before a meeting, write each participant's likely position; compare it with "
            "what happened.",
            "Record what you see in the room: who defers to whom, where eyes go.",
            "Ask a trusted colleague after a meeting what they noticed that you did not.",
        ),
        use="Brief your allies before group meetings on who wants what; it makes you "
        "indispensable.",
    ),
    Dimension(
        key="sincerity",
        name="Apparent sincerity",
        about="Being seen as honest and without hidden motives, so that influence is not "
        "mistaken for manipulation.",
        low="People may suspect an agenda behind your requests, which makes them guarded.",
        middle="You are trusted by those who know you well; others wait to see.",
        high="People take your word at face value and assume good intent.",
        practice=(
            "State what you gain when you ask for support, before anyone has to wonder.",
            "Keep every small promise, and say early when you cannot.",
            "Follow up on something that matters to a colleague when you need nothing from them.",
        ),
        use="Lend your credibility: vouch for people and ideas you believe in.",
    ),
)

#: The items in the order they are asked: the dimensions take turns, so that one's
#: answers do not colour the next.
ITEMS: tuple[Item, ...] = (
    Item(
        "networking.time_spent_building_contacts",
        "Most months I set aside time to meet people beyond my own team, even when "
        "nothing is at stake.",
    ),
    Item(
        "influence.builds_rapport_easily",
        "In a first conversation with someone new, I usually find common ground within "
        "a few minutes.",
    ),
    Item(
        "astuteness.reads_motives",
        "Before a meeting I could write down what each key participant wants to get out of it.",
    ),
    Item(
        "sincerity.comes_across_as_genuine",
        "Colleagues would say that what I show in meetings matches what I actually think.",
    ),
    Item(
        "networking.knows_people_who_matter",
        "When a decision that affects my work is coming, I personally know at least one "
        "of the people who will make it.",
    ),
    Item(
        "influence.puts_people_at_ease",
        "People who arrive tense or guarded tend to relax when we talk one to one.",
    ),
    Item(
        "astuteness.senses_hidden_agendas",
        "I notice when what someone argues for differs from what they are really protecting.",
    ),
    Item(
        "sincerity.means_what_is_said",
        "When I ask someone for support, I am open about what I stand to gain from it.",
    ),
    Item(
        "networking.uses_contacts_to_get_things_done",
        "When a piece of work stalls, I can name someone who would help me unblock it "
        "within a day.",
    ),
    Item(
        "influence.communicates_easily",
        "I can explain a complicated proposal so that someone from another field could "
        "repeat it back.",
    ),
    Item(
        "astuteness.manages_impression",
        "Before I send an important message, I think about how it will land with each "
        "person who reads it.",
    ),
    Item(
        "sincerity.shows_real_interest",
        "I follow up on what matters to other people even when I need nothing from them.",
    ),
    Item(
        "networking.ties_outside_the_organisation",
        "I have contacts in other organisations (partners, customers, peers elsewhere) "
        "I could call this week.",
    ),
    Item(
        "influence.gets_along_with_most",
        "I keep a good working relationship even with colleagues whose style I find difficult.",
    ),
    Item(
        "astuteness.says_the_right_thing",
        "In a tense meeting I find words that move things forward without anyone losing face.",
    ),
    Item(
        "networking.relationships_with_influencers",
        "The people others turn to for advice know me and would take my call.",
    ),
    Item(
        "astuteness.reads_faces",
        "I pick up changes in someone's expression, tone or posture and adjust what I am saying.",
    ),
    Item(
        "networking.contacts_in_other_units",
        "I have a working relationship with someone in most of the units my work depends on.",
    ),
)
