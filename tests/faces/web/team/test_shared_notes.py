"""A shared note speaks for its author: only they may change or delete it; an owner may
erase it, and the audit trail says who did."""

from __future__ import annotations

import pytest

from tests.faces.web.team_setup import Team, unsafe_headers

pytestmark = pytest.mark.postgres


def test_only_its_author_changes_a_shared_note_and_an_owner_erases_it(team: Team) -> None:
    owner, editor = team.client("ann"), team.client("bo")
    about = f"/api/v1/people/{team.person}/notes"
    made = owner.post(about, json={"body": "Backs the plan"}, headers=unsafe_headers(owner))
    assert made.status_code == 201, made.text
    anns = made.json()["id"]
    bos = editor.post(about, json={"body": "Owes me a call"}, headers=unsafe_headers(editor))
    bos_id = bos.json()["id"]

    rewrite = editor.patch(
        f"/api/v1/notes/{anns}", json={"body": "Opposes the plan"}, headers=unsafe_headers(editor)
    )
    assert rewrite.status_code == 403
    assert "Only the author" in rewrite.json()["detail"]
    assert editor.delete(f"/api/v1/notes/{anns}", headers=unsafe_headers(editor)).status_code == 403
    assert (
        owner.patch(
            f"/api/v1/notes/{bos_id}", json={"body": "Owes nobody"}, headers=unsafe_headers(owner)
        ).status_code
        == 403
    )
    bodies = {n["id"]: n["body"] for n in editor.get(about).json()}
    assert bodies[anns] == "Backs the plan" and bodies[bos_id] == "Owes me a call"

    page = editor.get(f"/people/{team.person}/notes").text
    assert f"/notes/{bos_id}/delete" in page and f"/notes/{anns}/delete" not in page
    assert f"/notes/{anns}/delete" in owner.get(f"/people/{team.person}/notes").text

    mine = editor.patch(
        f"/api/v1/notes/{bos_id}", json={"body": "Called back"}, headers=unsafe_headers(editor)
    )
    assert mine.status_code == 200 and mine.json()["body"] == "Called back"
    assert owner.delete(f"/api/v1/notes/{bos_id}", headers=unsafe_headers(owner)).status_code == 204
    trail = owner.get("/api/v1/audit").json()
    entries = trail["entries"] if isinstance(trail, dict) else trail
    erased = [e for e in entries if e.get("entity") == "note" and e.get("action") == "delete"]
    assert [(e.get("entity_id"), e.get("actor")) for e in erased][-1] == (bos_id, "ann")
