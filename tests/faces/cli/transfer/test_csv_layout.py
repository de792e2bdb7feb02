"""The import summary names the CSV layout it recognised (issue 20), so a user sees how
their file was read: a Thunderbird or Outlook export by its own columns, any other CSV
by the columns matched to each field."""

from __future__ import annotations

from tests.conftest import FIXTURES
from tests.faces.cli.invoke import Invoke

CONTACTS = FIXTURES / "contacts"


def test_the_summary_names_the_layout(allies: Invoke) -> None:
    thunderbird = allies("import", "csv", str(CONTACTS / "thunderbird-addressbook.csv")).stdout
    assert "Read as a Thunderbird export (its own columns)." in thunderbird
    outlook = allies("import", "csv", str(CONTACTS / "outlook-contacts.csv"), "--dry-run").stdout
    assert "Read as an Outlook export (its own columns)." in outlook
    mapped = allies(
        "import",
        "csv",
        str(CONTACTS / "crm-export.csv"),
        "--map",
        "name=Full Name,email=E-mail,organisation=Company",
        "--dry-run",
    ).stdout
    assert "Read as a plain CSV, by column: name = 'Full Name'; email = 'E-mail'" in " ".join(
        mapped.split()
    )
