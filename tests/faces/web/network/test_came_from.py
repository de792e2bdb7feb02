"""The person page says where a person's records came from: the file and the items in
it, and after a split, the restored person's page lists what went back with them
(issue 20)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from allies.bootstrap import unit_of_work_factory
from allies.config import Settings
from allies.services.network.people import add_person
from allies.services.transfer.importing import ImportOptions, import_file
from tests.conftest import FIXTURES


def test_the_person_page_lists_where_their_records_came_from(
    client: TestClient, settings: Settings
) -> None:
    factory = unit_of_work_factory(settings)
    add_person(factory(settings.workspace), "Dana Ruiz", is_me=True, emails="dana@acme.test")
    teacher = add_person(factory(settings.workspace), "Omar Haddad", title="Teacher")
    page = client.get(f"/people/{teacher.id}").text
    assert 'id="came-from"' not in page  # typed in by hand: nothing to say

    options = ImportOptions(label="Connections.csv")
    import_file(
        factory(settings.workspace), "linkedin", FIXTURES / "contacts" / "Connections.csv", options
    )
    page = client.get(f"/people/{teacher.id}").text
    section = page[page.index('id="came-from"') :]
    assert "Where this came from" in section and "Connections.csv" in section
    assert "line 7 https://www.linkedin.com/in/omarhaddad" in section
    assert "their details, 1 organisation, 1 role change, 1 tie" in section

    done = client.post(f"/people/{teacher.id}/split", data={})
    assert done.status_code == 303
    restored = int(re.findall(r"split=(\d+)", done.headers["location"])[0])
    assert 'id="came-from"' not in client.get(f"/people/{teacher.id}").text
    back = client.get(f"/people/{restored}").text
    assert 'id="came-from"' in back and "line 7 https://www.linkedin.com/in/omarhaddad" in back
