"""Team mode in the browser and over the API: logins, sessions, CSRF, roles, workspaces,
private notes, tokens, the audit trail and the security headers."""

from __future__ import annotations

import gc
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from allies.services.team import accounts
from allies.store import make_engine
from allies.store import tables as t
from allies.store.engine import POOL_SIZE
from tests.faces.web.team_setup import (
    BASE,
    CSRF,
    PASSWORD,
    SECRET_NOTE,
    SESSION,
    Team,
    csrf_of,
    login,
    unsafe_headers,
)

pytestmark = pytest.mark.postgres


def test_nothing_but_the_login_page_without_a_session(team: Team) -> None:
    client = team.client()
    page = client.get("/people?q=a")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fpeople%3Fq%3Da"
    api = client.get("/api/v1/people")
    assert api.status_code == 401
    assert api.headers["www-authenticate"].startswith("Bearer")
    assert api.json()["detail"].startswith("Log in")
    assert client.post("/api/v1/people", json={"name": "X"}).status_code == 401
    htmx = client.get("/people/1", headers={"HX-Request": "true"})
    assert htmx.headers["hx-redirect"] == "/login"
    assert client.get("/login").status_code == 200
    assert client.get("/static/css/app.css").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    forged = client.get("/people", cookies={SESSION: "forged.value"})
    assert forged.status_code == 303


def test_logging_in_and_out(team: Team) -> None:
    client = team.client()
    form = client.get("/login?next=/people")
    assert 'name="next" value="/people"' in form.text
    token = csrf_of(form.text)
    done = client.post(
        "/login",
        data={"username": "bo", "password": PASSWORD, "csrf_token": token, "next": "/people"},
    )
    assert done.status_code == 303 and done.headers["location"] == "/people"
    cookies = done.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(SESSION))
    assert all(flag in session for flag in ("Secure", "HttpOnly", "SameSite=lax", "Path=/"))
    csrf = next(c for c in cookies if c.startswith(CSRF))
    assert "HttpOnly" not in csrf and "SameSite=strict" in csrf
    page = client.get("/people")
    assert page.status_code == 200 and "Log out" in page.text and ">alpha<" in page.text
    assert client.post("/logout", data={"csrf_token": csrf_of(page.text)}).status_code == 303
    assert client.get("/people").status_code == 303
    assert team.client().get("/people", cookies={SESSION: done.cookies[SESSION]}).status_code == 303


def test_the_login_form_needs_its_token_and_a_local_next(team: Team) -> None:
    client = team.client()
    client.get("/login")
    refused = client.post("/login", data={"username": "bo", "password": PASSWORD})
    assert refused.status_code == 403 and "expired" in refused.text
    token = csrf_of(client.get("/login").text)
    done = client.post(
        "/login",
        data={"username": "bo", "password": PASSWORD, "csrf_token": token,
              "next": "//evil.example/"},
    )  # fmt: skip
    assert done.headers["location"] == "/"


def test_wrong_passwords_lock_the_account(team: Team) -> None:
    accounts.add_user(team.factory, "locked", PASSWORD)
    accounts.grant(team.factory, "beta", "locked", "viewer")
    client = team.client()
    for _ in range(accounts.LOCK_AFTER):
        token = csrf_of(client.get("/login").text)
        wrong = client.post(
            "/login", data={"username": "locked", "password": "wrong password", "csrf_token": token}
        )
        assert wrong.status_code == 401 and "Wrong username or password" in wrong.text
    token = csrf_of(client.get("/login").text)
    locked = client.post(
        "/login", data={"username": "locked", "password": PASSWORD, "csrf_token": token}
    )
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 60
    assert "locked" in locked.text
    assert SESSION not in client.cookies


def test_every_form_carries_the_token_and_posts_need_it(team: Team) -> None:
    client = team.client("bo")
    page = client.get("/people/new")
    token = csrf_of(page.text)
    field = r'<form[^>]*method="post"[^>]*>\s*<input type="hidden" name="csrf_token"'
    forms = re.findall(field, page.text)
    assert forms, "the POST form has no CSRF field right after its tag"
    assert client.cookies.get(CSRF) == token
    person = f"/people/{team.person}"
    assert client.post(f"{person}/edit", data={"title": "X"}).status_code == 403
    wrong = client.post(f"{person}/edit", data={"title": "X", "csrf_token": "0" * 64})
    assert wrong.status_code == 403
    note = client.post(
        f"/notes/about/{team.person}", data={"body": "Met at the fair", "csrf_token": token}
    )
    assert note.status_code == 303
    assert "Met at the fair" in client.get(f"{person}/notes").text
    # a script with the session sends the header instead
    assert client.post("/api/v1/people", json={"name": "No Header"}).status_code == 403
    made = client.post(
        "/api/v1/people", json={"name": "Via Header"}, headers=unsafe_headers(client)
    )
    assert made.status_code == 201
    bad = client.post("/api/v1/people", json={"name": "Bad"}, headers={"X-CSRF-Token": "nope"})
    assert bad.status_code == 403


def test_a_viewer_reads_but_cannot_write(team: Team) -> None:
    client = team.client("cy")
    page = client.get(f"/people/{team.person}")
    assert page.status_code == 200
    token = csrf_of(page.text)
    refused = client.post(f"/people/{team.person}/edit", data={"title": "X", "csrf_token": token})
    assert refused.status_code == 403 and "viewer" in refused.text
    api = client.patch(
        f"/api/v1/people/{team.person}", json={"title": "X"}, headers=unsafe_headers(client)
    )
    assert api.status_code == 403 and "viewer" in api.json()["detail"]
    by_token = team.client().delete(
        f"/api/v1/people/{team.person}", headers={"Authorization": f"Bearer {team.tokens['cy']}"}
    )
    assert by_token.status_code == 403
    assert client.get("/api/v1/people").json()["total"] > 10


def test_a_viewers_agenda_stores_the_campaign_plans_of_the_day(team: Team) -> None:
    client = team.client("cy")
    week = client.get("/week")
    assert week.status_code == 200
    engine = make_engine(team.settings.database_url)
    try:
        with engine.connect() as connection:
            stored = connection.scalar(select(func.count()).select_from(t.campaign_plan_days))
            campaigns = connection.scalar(
                select(func.count())
                .select_from(t.campaigns)
                .where(t.campaigns.c.status == "active")
            )
    finally:
        engine.dispose()
    assert campaigns and stored == campaigns
    assert client.get("/week").text == week.text
    first = client.get("/api/v1/today")
    assert first.status_code == 200 and client.get("/api/v1/today").json() == first.json()


def test_a_user_sees_only_their_workspaces(team: Team) -> None:
    client = team.client("dee")
    listed = client.get("/api/v1/people").json()
    assert [p["name"] for p in listed["items"]] == ["Zed Betaperson"]
    assert client.get(f"/api/v1/people/{team.person}").status_code == 404
    assert client.get(f"/people/{team.person}").status_code == 404
    page = client.get("/people")
    assert not any(name in page.text for name in team.alpha_names)
    token = csrf_of(page.text)
    switch = client.post("/workspaces/select", data={"workspace": "alpha", "csrf_token": token})
    assert switch.status_code == 404
    assert client.get("/api/v1/me").json() == {
        "team": True,
        "username": "dee",
        "workspace": "beta",
        "role": "owner",
        "workspaces": {"beta": "owner"},
    }


def test_switching_between_ones_workspaces(team: Team) -> None:
    client = team.client("eve")
    page = client.get("/workspaces")
    assert ">alpha</button>" in page.text and ">beta</button>" in page.text
    token = csrf_of(page.text)
    me = client.get("/api/v1/me").json()
    other = "beta" if me["workspace"] == "alpha" else "alpha"
    done = client.post("/workspaces/select", data={"workspace": other, "csrf_token": token})
    assert done.status_code == 303
    assert client.get("/api/v1/me").json()["workspace"] == other
    client.post("/workspaces/select", data={"workspace": "beta", "csrf_token": token})
    assert client.get("/api/v1/me").json()["role"] == "editor"
    made = client.post("/api/v1/people", json={"name": "Eve Made"}, headers=unsafe_headers(client))
    assert made.status_code == 201
    client.post("/workspaces/select", data={"workspace": "alpha", "csrf_token": token})
    assert (
        client.post(
            "/api/v1/people", json={"name": "Eve Again"}, headers=unsafe_headers(client)
        ).status_code
        == 403
    )


def test_private_notes_stay_with_their_author(team: Team) -> None:
    author, other = team.client("bo"), team.client("ann")
    about = f"/api/v1/people/{team.person}/notes"
    assert SECRET_NOTE in [n["body"] for n in author.get(about).json()]
    assert SECRET_NOTE not in other.get(about).text
    assert SECRET_NOTE not in other.get(f"/people/{team.person}/notes").text
    assert other.get("/api/v1/notes", params={"q": "regulator"}).json() == []
    assert [n["id"] for n in author.get("/api/v1/notes", params={"q": "regulator"}).json()] == [
        team.private_note
    ]
    export = other.get(f"/api/v1/people/{team.person}/export").json()
    assert SECRET_NOTE not in str(export) and export["private_notes_withheld"] >= 1
    assert SECRET_NOTE not in other.get("/api/v1/audit").text
    assert SECRET_NOTE not in other.get("/api/v1/exports/backup").text
    hidden = other.patch(
        f"/api/v1/notes/{team.private_note}", json={"body": "x"}, headers=unsafe_headers(other)
    )
    assert hidden.status_code == 404
    gone = other.delete(f"/api/v1/notes/{team.private_note}", headers=unsafe_headers(other))
    assert gone.status_code == 404


def test_api_tokens_act_in_their_workspace_until_revoked(team: Team) -> None:
    secret, token = accounts.create_token(team.factory, "bo", "alpha", "temporary")
    client = team.client()
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/people", headers=auth).json()["total"] > 10
    made = client.post("/api/v1/people", json={"name": "Token Person"}, headers=auth)
    assert made.status_code == 201  # no CSRF token needed without a cookie
    beta = client.get(f"/api/v1/people/{team.person}", headers={
        "Authorization": f"Bearer {team.tokens['dee']}"})  # fmt: skip
    assert beta.status_code == 404
    accounts.revoke_token(team.factory, token.id or 0)
    assert client.get("/api/v1/people", headers=auth).status_code == 401
    nonsense = {"Authorization": "Bearer nonsense"}
    assert client.get("/api/v1/people", headers=nonsense).status_code == 401


def test_changes_are_audited_with_their_author_and_owners_export(team: Team) -> None:
    bo = team.client("bo")
    changed = bo.patch(
        f"/api/v1/people/{team.person}",
        json={"agenda": "Win the budget round"},
        headers=unsafe_headers(bo),
    )
    assert changed.status_code == 200
    history = bo.get(f"/api/v1/people/{team.person}/history").json()
    assert history[0]["actor"] == "bo" and history[0]["action"] == "update"
    assert {"field": "agenda", "before": history[0]["changes"][0]["before"],
            "after": "Win the budget round"} in history[0]["changes"]  # fmt: skip
    page = bo.get(f"/people/{team.person}/history")
    assert "Win the budget round" in page.text
    assert bo.get("/api/v1/audit").status_code == 403
    assert bo.get("/audit").status_code == 403
    ann = team.client("ann")
    trail = ann.get("/api/v1/audit").json()
    assert any(e["actor"] == "bo" and e["entity"] == "person" for e in trail["entries"])
    csv = ann.get("/audit/export.csv")
    assert csv.status_code == 200 and csv.text.startswith("id,at,actor")
    assert "attachment" in csv.headers["content-disposition"]


def test_a_stale_edit_through_the_api_is_a_412(team: Team) -> None:
    client = team.client("bo")
    seen = client.get(f"/api/v1/people/{team.person}")
    etag = seen.headers["etag"]
    first = client.patch(
        f"/api/v1/people/{team.person}",
        json={"title": "First"},
        headers={**unsafe_headers(client), "If-Match": etag},
    )
    assert first.status_code == 200 and first.headers["etag"] != etag
    stale = client.patch(
        f"/api/v1/people/{team.person}",
        json={"title": "Second"},
        headers={**unsafe_headers(client), "If-Match": etag},
    )
    assert stale.status_code == 412 and "changed by someone else" in stale.json()["detail"]


def test_security_headers(team: Team) -> None:
    client = team.client("bo")
    for path in ("/login", "/people", "/api/v1/people"):
        response = (team.client() if path == "/login" else client).get(path)
        headers = response.headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    private = client.get("/people").headers
    assert private["cache-control"] == "no-store"
    assert private["strict-transport-security"] == "max-age=31536000"


def test_only_an_owner_erases(team: Team) -> None:
    bo, ann = team.client("bo"), team.client("ann")
    made = ann.post("/api/v1/people", json={"name": "To Be Erased"}, headers=unsafe_headers(ann))
    person = made.json()["id"]
    refused = bo.post(f"/api/v1/people/{person}/erase", headers=unsafe_headers(bo))
    assert refused.status_code == 403
    done = ann.post(f"/api/v1/people/{person}/erase", headers=unsafe_headers(ann))
    assert done.status_code == 200 and done.json()["name"] == "To Be Erased"
    assert ann.get(f"/api/v1/people/{person}").status_code == 404
    assert "To Be Erased" not in ann.get("/api/v1/audit").text


def test_a_user_without_a_workspace_is_sent_to_choose(team: Team) -> None:
    accounts.add_user(team.factory, "newcomer", PASSWORD)
    client = team.client()
    login(client, "newcomer")
    assert client.get("/people").headers["location"] == "/workspaces"
    assert "belong to no workspace" in client.get("/workspaces").text
    assert client.get("/api/v1/people").status_code == 403


def test_a_team_process_starts_with_its_connections_open(team: Team) -> None:
    engine = getattr(team.factory, "engine")  # noqa: B009
    engine.dispose()  # as a new process would find it: no connection yet
    with TestClient(team.app, base_url=BASE) as client:  # start-up runs
        assert engine.pool.checkedin() >= POOL_SIZE
        assert gc.get_freeze_count() > 0  # what start-up made is out of the collector's way
        assert client.get("/login").status_code == 200
