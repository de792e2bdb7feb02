"""Issue 17: pages lead with words, numbers behind "How this is computed"; chart labels
never overlap; keyring backends and tie strengths are said in plain words."""

from __future__ import annotations

import doctest
import itertools

from allies.services.campaigns import stance_words
from allies.services.sync import credentials
from allies.services.sync.credentials import keyring_words
from allies.web.pages.campaigns.svg import _LABEL_PX, Dot, place_labels


def _boxes(dots: list[Dot]) -> list[tuple[float, float, float, float]]:
    out = []
    for d in dots:
        if not d.label:
            continue
        w = 0.6 * _LABEL_PX * len(d.label)
        left = d.lx - w if d.anchor == "end" else d.lx
        out.append((left, d.ly - _LABEL_PX + 1, left + w, d.ly + 2))
    return out


def test_labels_of_crowded_dots_never_overlap_and_stay_inside() -> None:
    dots = [
        Dot(100 + 4 * (k % 5), 100 + 3 * (k // 5), 5.0, "dot", f"P{k}", f"Person {k}.")
        for k in range(15)
    ]
    placed = place_labels(dots, 300, 200)
    boxes = _boxes(placed)
    assert 0 < len(boxes) < len(dots)  # some fit, the colliding ones are dropped
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert all(b[0] >= 0 and b[2] <= 300 and b[1] >= 0 and b[3] <= 200 for b in boxes)
    assert [d.title for d in placed] == [d.title for d in dots]  # every dot keeps its title


def test_a_lone_dot_is_labelled_to_its_right_unless_that_leaves_the_chart() -> None:
    right, edge = place_labels(
        [Dot(50, 50, 5, "dot", "A", "Ana R."), Dot(295, 150, 5, "dot", "B", "Bo C.")], 300, 200
    )
    assert (right.anchor, right.lx) == ("start", 57)
    assert edge.label == "Bo C." and edge.anchor == "end"


def test_stance_numbers_read_as_words() -> None:
    assert stance_words.salience(0.9) == "cares a lot"
    assert stance_words.salience(0.1) == "hardly cares"
    assert stance_words.capability(0.8) == "can block or carry it"
    assert stance_words.confidence(0.65) == "we're fairly sure"
    assert "from 0.75 “cares a lot”" in stance_words.explained()


def test_keyring_backends_are_named_in_plain_words() -> None:
    assert "Keyring" not in keyring_words("PlaintextKeyring")
    assert "not encrypted" in keyring_words("PlaintextKeyring")
    assert "Keychain" in keyring_words("macOS.Keyring")
    failures, tried = doctest.testmod(credentials, verbose=False)[0:2]
    assert failures == 0 and tried > 0
