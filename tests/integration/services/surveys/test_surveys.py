"""Network surveys: personal links that work once and until the survey closes, answers
that become stated ties with the respondent as their source and move the influence rank,
a form showing only the survey's people, and answers withdrawn; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from allies.errors import InvalidInput
from allies.services.influence.ranking import influencers
from allies.services.ports import UnitOfWorkFactory
from allies.services.surveys.answer import open_form, submit_answers, withdraw_answers
from allies.services.surveys.manage import create_survey, survey_status

DAY = date(2026, 12, 7)
PEOPLE = ["Bo Chen", "Cy Park", "Dee Moss", "Eve Ng", "Fay Wu"]


def _token(path: str) -> str:
    return path.rsplit("/", 1)[1]


def _top(office: UnitOfWorkFactory) -> str:
    from allies.services.context import Lens

    return influencers(office(), top=1, lens=Lens(as_of=DAY)).influencers[0].name


def test_answers_become_ties_and_move_the_influence_rank(office: UnitOfWorkFactory) -> None:
    status, links = create_survey(
        office(), "Who moves the depot project", PEOPLE, days=10, today=DAY
    )
    assert set(status.waiting) == set(PEOPLE)
    tokens = {link.person: _token(link.path) for link in links}
    form = open_form(office, tokens["Bo Chen"], today=DAY)
    assert form.respondent == "Bo Chen"
    assert [name for _, name in form.roster] == ["Cy Park", "Dee Moss", "Eve Ng", "Fay Wu"]
    assert "Zed Outsider" not in {name for _, name in form.roster}
    assert [q.key for q in form.questions] == ["advice", "trust", "lead"]
    eve = next(pid for pid, name in form.roster if name == "Eve Ng")
    for person in ("Bo Chen", "Cy Park", "Dee Moss", "Fay Wu"):
        roster = dict((n, i) for i, n in open_form(office, tokens[person], today=DAY).roster)
        done = submit_answers(
            office,
            tokens[person],
            {"advice": [roster["Eve Ng"]], "lead": [roster["Eve Ng"]]},
            today=DAY,
        )
        assert done.ties == 1  # advice and lead are one "listens to", the stronger weight
    with office() as uow:
        stated = [t for t in uow.ties.list() if t.target_id == eve]
    assert len(stated) == 4 and {t.weight for t in stated} == {0.9}
    assert all(t.note == "Survey: Who moves the depot project" for t in stated)
    assert _top(office) == "Eve Ng"
    status = survey_status(office(), status.id)
    assert status.answered == 4 and status.waiting == ["Eve Ng"]


def test_a_link_works_once_and_until_the_survey_closes(office: UnitOfWorkFactory) -> None:
    _, links = create_survey(office(), "Advice", PEOPLE, questions=["advice"], days=3, today=DAY)
    first, second = _token(links[0].path), _token(links[1].path)
    submit_answers(office, first, {"advice": []}, today=DAY)
    with pytest.raises(InvalidInput, match="has been used"):
        open_form(office, first, today=DAY)
    with pytest.raises(InvalidInput, match="has been used"):
        submit_answers(office, first, {"advice": []}, today=DAY)
    with pytest.raises(InvalidInput, match="closed on"):
        open_form(office, second, today=DAY + timedelta(days=4))
    with pytest.raises(InvalidInput, match="not valid"):
        open_form(office, second[:-3] + "abc", today=DAY)
    with pytest.raises(InvalidInput, match="not valid"):
        open_form(office, "garbage", today=DAY)


def test_a_respondent_withdraws_their_answers(office: UnitOfWorkFactory) -> None:
    status, links = create_survey(office(), "Trust", PEOPLE, questions=["trust"], today=DAY)
    token = _token(links[0].path)
    roster = [pid for pid, _ in open_form(office, token, today=DAY).roster]
    done = submit_answers(office, token, {"trust": roster[:2]}, today=DAY)
    with office() as uow:
        assert len(uow.ties.list()) == 2
    assert withdraw_answers(office, _token(done.withdraw_path), today=DAY) == 2
    with office() as uow:
        assert uow.ties.list() == []
    with pytest.raises(InvalidInput, match="withdrawn"):
        withdraw_answers(office, _token(done.withdraw_path), today=DAY)
    assert survey_status(office(), status.id).invites[0].status == "withdrawn"
