"""A changed title or organisation is kept as history and said on the agenda, louder for
a campaign's decider; a re-import of the same export changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from allies.services.agenda.today import agenda
from allies.services.campaigns.editing import create_campaign
from allies.services.network.people import add_person
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import SqlUnitOfWorkFactory

DAY = date(2026, 6, 15)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _linkedin(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows))
    return path


def _import(factory: SqlUnitOfWorkFactory, path: Path, day: date = DAY) -> object:
    return import_file(factory(), "linkedin", path, ImportOptions(today=day))


def test_a_re_imported_linkedin_export_notices_a_new_role_and_keeps_the_old(
    factory: SqlUnitOfWorkFactory, tmp_path: Path
) -> None:
    first = _linkedin(tmp_path, "a.csv", [
        "Lia,Mora,,lia@example.org,Ministry A,Deputy Director,01 Jan 2024",
        "Bo,Chen,,bo@example.org,Acme,Analyst,01 Jan 2024",
    ])  # fmt: skip
    _import(factory, first)
    assert _import(factory, first).updated["role changes"] == 0  # nothing changed
    later = _linkedin(tmp_path, "b.csv", [
        "Lia,Mora,,lia@example.org,Ministry B,Director General,01 Jan 2024",
        "Bo,Chen,,bo@example.org,Acme,Analyst,01 Jan 2024",
    ])  # fmt: skip
    report = import_file(factory(), "linkedin", later)
    assert report.updated["role changes"] == 1
    assert any("Lia Mora is now Director General at Ministry B" in n for n in report.notes)
    with factory() as uow:
        lia = uow.people.by_email("lia@example.org")
        assert lia is not None and lia.title == "Director General"
        organisation = uow.organisations.get(lia.organisation_id or 0)
        (change,) = uow.role_changes.for_person(lia.id or 0)
    assert organisation.name == "Ministry B"
    assert (change.old_title, change.old_organisation, change.source) == (
        "Deputy Director",
        "Ministry A",
        "LinkedIn import",
    )
    line = next(i for i in agenda(factory(), today=change.changed_on).items if i.who == "Lia Mora")
    assert line.section == "celebrate"
    assert line.what == "is now Director General at Ministry B: congratulate Lia"
    assert "Was Deputy Director at Ministry A" in line.why


def test_a_deciders_new_role_comes_first_and_says_the_plan_rests_on_the_old_one(
    factory: SqlUnitOfWorkFactory, tmp_path: Path
) -> None:
    add_person(factory(), "Lia Mora", emails="lia@example.org", title="Deputy Director",
               organisation="Ministry A")  # fmt: skip
    add_person(factory(), "Bo Chen", emails="bo@example.org", title="Analyst")
    create_campaign(factory(), "Budget 2027", deciders=["Lia Mora"])
    _import(factory, _linkedin(tmp_path, "a.csv", [
        "Lia,Mora,,lia@example.org,Ministry B,Director General,01 Jan 2024",
        "Bo,Chen,,bo@example.org,,Senior Analyst,01 Jan 2024",
    ]))  # fmt: skip
    with factory() as uow:
        changed_on = uow.role_changes.list()[0].changed_on
    items = agenda(factory(), today=changed_on).items
    assert items[0].who == "Lia Mora" and items[0].section == "campaign"
    assert "Budget 2027" in items[0].why and "Deputy Director at Ministry A" in items[0].why
    bo = next(i for i in items if i.who == "Bo Chen")
    assert bo.section == "celebrate" and bo.rank > items[0].rank
    later = agenda(factory(), today=changed_on + timedelta(days=30)).items
    assert not any(i.who in {"Lia Mora", "Bo Chen"} and "is now" in i.what for i in later)


def test_a_birthday_on_the_card_is_a_line_on_the_day(
    factory: SqlUnitOfWorkFactory, tmp_path: Path
) -> None:
    card = tmp_path / "lia.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lia Mora\r\nEMAIL:lia@example.org\r\n"
        "BDAY:1980-06-15\r\nANNIVERSARY:--06-17\r\nEND:VCARD\r\n"
    )
    import_file(factory(), "vcard", card)
    week = agenda(factory(), today=DAY, days=7).items
    lines = [(i.on, i.what) for i in week if i.who == "Lia Mora"]
    assert (DAY, "wish Lia a happy birthday (46th)") in lines
    assert (DAY + timedelta(days=2), "mark Lia's anniversary") in lines
