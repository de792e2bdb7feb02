"""The matcher merges only as a careful person would: properties and named cases."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from allies.domain import Person
from allies.services.network.matching import Matcher, doubts, name_similarity, normalise_name

_WORD = st.text(string.ascii_lowercase, min_size=2, max_size=8)
_NAME = st.lists(_WORD, min_size=1, max_size=4).map(
    lambda words: " ".join(w.title() for w in words)
)
_LOCAL = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)


@settings(max_examples=300, deadline=None)
@given(name=_NAME, other=_NAME, a=_LOCAL, b=_LOCAL, threshold=st.floats(0, 100))
def test_two_records_with_conflicting_emails_never_merge(
    name: str, other: str, a: str, b: str, threshold: float
) -> None:
    stored = Person(name, emails=[f"{a}@one.test"], id=1)
    matcher = Matcher([stored], threshold=threshold)
    for incoming in (name, other):
        match = matcher.match(incoming, [f"{b}@two.test"])
        assert match.person is None


@settings(max_examples=200, deadline=None)
@given(name=_NAME, a=_LOCAL, b=_LOCAL)
def test_records_of_one_file_with_different_addresses_stay_apart(name: str, a: str, b: str) -> None:
    matcher = Matcher()
    first = Person(name, emails=[f"{a}@one.test"], id=1)
    matcher.add(first, fresh=True)
    assert matcher.match(name, [f"{b}@two.test"]).person is None
    assert matcher.match(name).person is None  # no identifier agrees: not merged in a file


@settings(max_examples=200, deadline=None)
@given(name=_NAME, phone=st.text(string.digits, min_size=9, max_size=12))
def test_conflicting_phones_block_a_name_match(name: str, phone: str) -> None:
    other = str((int(phone[-9:]) + 1) % 10**9).zfill(9)
    matcher = Matcher([Person(name, phones=[phone], id=1)], threshold=0)
    assert matcher.match(name, phones=[other]).person is None
    assert matcher.match(name, phones=[phone]).person is not None


@settings(max_examples=200, deadline=None)
@given(name=_NAME)
def test_the_same_name_with_nothing_against_it_merges(name: str) -> None:
    match = Matcher([Person(name, id=1)]).match(name)
    assert match.person is not None and match.evidence.startswith("same name")


def test_john_smith_junior_is_not_john_smith_even_at_threshold_100() -> None:
    matcher = Matcher([Person("John Smith", emails=["john@acme.test"], id=1)], threshold=100)
    match = matcher.match("John Smith Jr.", ["johnjr@other.test"])
    assert match.person is None
    assert [p.id for p, _ in match.near] == [1]
    assert match.why_not[id(match.near[0][0])] == "e-mails differ"
    no_mail = matcher.match("John Smith Jr.")
    assert no_mail.person is None and "suffixes" in next(iter(no_mail.why_not.values()))


def test_middle_names_and_initials_make_a_possible_duplicate() -> None:
    matcher = Matcher([Person("Maria Lopez", id=1)], threshold=80)
    for name in ("Maria J. Lopez", "Maria Jose Lopez", "M. Lopez"):
        match = matcher.match(name)
        assert match.person is None, name
        assert match.near and match.near[0][0].id == 1, name
    assert doubts("Lopez, Maria", "Maria Lopez") == ""
    assert doubts("John Smith II", "John Smith III") != ""


def test_the_whole_name_is_compared() -> None:
    assert name_similarity(normalise_name("Lawyer L01 Partner"), "lawyer l02 partner") == 0
    people = [Person(f"Lawyer L{n:02d} Partner", id=n) for n in range(1, 72)]
    matcher = Matcher(people, threshold=50)
    assert matcher.match("Lawyer L05 Partner").person is people[4]
    assert matcher.match("Lawyer L72 Partner").person is None


def test_differing_profiles_keep_two_connections_apart() -> None:
    stored = Person("Omar Haddad", notes="LinkedIn: https://www.linkedin.com/in/omarhaddad", id=1)
    matcher = Matcher([stored])
    other = matcher.match("Omar Haddad", notes="LinkedIn: https://www.linkedin.com/in/omar-h-2")
    assert other.person is None and next(iter(other.why_not.values())) == "profiles differ"
    same = matcher.match("Omar Haddad", notes="LinkedIn: http://linkedin.com/in/omarhaddad/")
    assert same.person is stored and "linkedin.com/in/omarhaddad" in same.evidence


def test_a_phone_shared_within_a_file_merges_the_rows() -> None:
    matcher = Matcher()
    first = Person("Ann Lee", phones=["+44 20 7946 0958"], id=1)
    matcher.add(first, fresh=True)
    match = matcher.match("Ann Lee", phones=["020 7946 0958"])
    assert match.person is first and match.how == "phone"
    assert matcher.match("Ann Lee", phones=["020 7946 0000"]).person is None
    assert matcher.match("Ann Lee", phones=["020 7946 0958"], same_file=False).person is None
