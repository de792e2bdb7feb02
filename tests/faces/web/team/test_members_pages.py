"""Members as people on the team server: saying who you are, your own perspective, the team's
best path to someone, a campaign's coverage, meetings given to members and the owner's
team agenda, in the pages and over the API."""

from __future__ import annotations

import pytest

from tests.faces.web.team_setup import Team, csrf_of, unsafe_headers

pytestmark = pytest.mark.postgres


def _ids(team: Team) -> dict[str, int]:
    with team.factory("alpha") as uow:
        people = {p.name: p.id or 0 for p in uow.people.list()}
        me = uow.people.me()
        campaign = uow.campaigns.list()[0]
        assert me is not None
        others = [pid for name, pid in sorted(people.items()) if pid != me.id]
        return {
            "me": me.id or 0,
            "bo": others[0],
            "target": others[5],
            "campaign": campaign.id or 0,
        }


def test_a_member_says_who_they_are_and_then_sees_their_own_ledger(team: Team) -> None:
    ids = _ids(team)
    ann, bo = team.client("ann"), team.client("bo")
    page = bo.get("/team")
    assert page.status_code == 200 and "Say who you are first" in page.text
    saved = bo.post("/team/me", data={"person": f"#{ids['bo']}", "csrf_token": csrf_of(page.text)})
    assert saved.status_code == 303 and saved.headers["location"] == "/team?saved=me"
    assert 'You are <a href="/people/' in bo.get("/team").text
    answer = ann.put("/api/v1/team/me", json={"person_id": ids["me"]}, headers=unsafe_headers(ann))
    assert answer.status_code == 200, answer.text
    members = {m["username"]: m["person_id"] for m in ann.get("/api/v1/team/members").json()}
    assert members["ann"] == ids["me"] and members["bo"] == ids["bo"]
    # The demo's favours were the workspace's own "me"'s: Ann's now, none of them Bo's.
    assert ann.get("/api/v1/favours").json()["total"] > 0
    assert bo.get("/api/v1/favours").json()["total"] == 0
    taken = bo.put("/api/v1/team/me", json={"person_id": ids["me"]}, headers=unsafe_headers(bo))
    assert taken.status_code == 409 and "already ann" in taken.text


def test_the_team_path_and_the_person_page_section(team: Team) -> None:
    ids = _ids(team)
    ann = team.client("ann")
    found = ann.get(f"/api/v1/people/{ids['target']}/team-paths").json()
    ranked = [m["position"] for m in found["members"]]
    assert ranked == list(range(1, len(ranked) + 1))
    strengths = [m["strength"] for m in found["members"]]
    assert strengths == sorted(strengths, reverse=True)
    assert f'hx-get="/people/{ids["target"]}/team"' in ann.get(f"/people/{ids['target']}").text
    section = ann.get(f"/people/{ids['target']}/team", headers={"HX-Request": "true"})
    assert section.status_code == 200 and "Who on the team is closest" in section.text
    assert "How this is computed" in section.text


def test_coverage_owners_and_assigned_meetings(team: Team) -> None:
    ids = _ids(team)
    ann, bo, cy = team.client("ann"), team.client("bo"), team.client("cy")
    campaign = ids["campaign"]
    coverage = ann.get(f"/api/v1/campaigns/{campaign}/coverage").json()
    assert coverage["rows"] and all(
        r["gap"] == "" or r["owner"] is None or "record" in r["gap"] or "cold" in r["gap"]
        for r in coverage["rows"]
    )
    decider = next(r for r in coverage["rows"] if r["role"] == "decider")
    owned = bo.put(
        f"/api/v1/people/{decider['person_id']}/owner",
        json={"username": "bo"},
        headers=unsafe_headers(bo),
    )
    assert owned.json() == {"person": decider["person"], "owner": "bo"}
    again = ann.get(f"/api/v1/campaigns/{campaign}/coverage").json()
    row = next(r for r in again["rows"] if r["person_id"] == decider["person_id"])
    assert row["owner"] == "bo"
    given = ann.put(
        f"/api/v1/campaigns/{campaign}/assignments/{decider['person_id']}",
        json={"username": "bo"},
        headers=unsafe_headers(ann),
    )
    assert given.status_code == 200 and given.json()["username"] == "bo"
    listed = bo.get(f"/api/v1/campaigns/{campaign}/assignments").json()
    assert [(a["person_id"], a["username"]) for a in listed] == [(decider["person_id"], "bo")]
    refused = cy.put(
        f"/api/v1/people/{decider['person_id']}/owner",
        json={"username": "cy"},
        headers=unsafe_headers(cy),
    )
    assert refused.status_code == 403
    page = ann.get(f"/campaigns/{campaign}")
    assert f'hx-get="/campaigns/{campaign}/coverage"' in page.text
    section = ann.get(f"/campaigns/{campaign}/coverage", headers={"HX-Request": "true"})
    assert "Who covers this campaign" in section.text and "How this is computed" in section.text


def test_the_team_agenda_is_the_owners(team: Team) -> None:
    ann, bo = team.client("ann"), team.client("bo")
    agendas = ann.get("/api/v1/team/agenda")
    assert agendas.status_code == 200
    assert {a["username"] for a in agendas.json()} <= {"ann", "bo", "cy", "eve"}
    assert bo.get("/api/v1/team/agenda").status_code == 403
    page = ann.get("/team").text
    assert "What the team has on today" in page
    assert "What the team has on today" not in bo.get("/team").text


def test_the_consultation_log_over_the_api_and_as_a_spreadsheet(team: Team) -> None:
    ids = _ids(team)
    bo, cy = team.client("bo"), team.client("cy")
    with team.factory("alpha") as uow:
        names = uow.people.names([ids["target"]])
    body = {"people": [f"#{ids['target']}"], "issues_raised": "the cost", "follow_ups": "a note"}
    path = f"/api/v1/campaigns/{ids['campaign']}/consultations"
    logged = bo.post(path, json=body, headers=unsafe_headers(bo))
    assert logged.status_code == 201, logged.text
    assert logged.json()["people"] == [names[ids["target"]]]
    assert cy.post(path, json=body, headers=unsafe_headers(cy)).status_code == 403
    listed = cy.get(path).json()
    assert [(r["issues_raised"], r["follow_ups"]) for r in listed] == [("the cost", "a note")]
    sheet = cy.get(f"/campaigns/{ids['campaign']}/consultations.csv")
    assert sheet.headers["content-type"].startswith("text/csv")
    assert sheet.text.splitlines()[1].endswith(",the cost,a note")


def test_a_survey_respondent_needs_no_account_and_sees_only_their_form(team: Team) -> None:
    with team.factory("alpha") as uow:
        names = [p.name for p in uow.people.list() if not p.is_me][:4]
    bo = team.client("bo")
    sent = bo.post(
        "/api/v1/surveys",
        json={"title": "Depot", "people": names, "days": 5},
        headers=unsafe_headers(bo),
    )
    assert sent.status_code == 201, sent.text
    paths = {link["person"]: link["path"] for link in sent.json()["links"]}
    stranger = team.client()  # no session at all
    form = stranger.get(paths[names[0]])
    assert form.status_code == 200
    assert all(name in form.text for name in names[1:]) and names[0] in form.text
    assert not [n for n in team.alpha_names if n in form.text and n not in names]
    assert 'href="/people' not in form.text and "/today" not in form.text
    assert stranger.get("/people").status_code == 303  # nothing else without logging in
    answered = stranger.post(paths[names[0]], data={"advice": ["1"]})
    assert answered.status_code == 200 and "Thank you" in answered.text
    again = stranger.post(paths[names[0]], data={"advice": ["1"]})
    assert again.status_code == 410 and "has been used" in again.text
    survey_id = sent.json()["survey"]["id"]
    status = bo.get(f"/api/v1/surveys/{survey_id}").json()
    assert [i["status"] for i in status["invites"]].count("answered") == 1
