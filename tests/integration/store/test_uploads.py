"""A previewed upload waits in the database, on both backends: any app instance on the
same database can confirm it, only its uploader in its workspace can, and it expires."""

from __future__ import annotations

import doctest
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from allies.domain.accounts import Actor, Role
from allies.errors import InvalidInput, NotFound
from allies.services.network.people import list_people
from allies.services.transfer import uploads
from allies.services.transfer.importing import ImportOptions
from allies.store import SqlUnitOfWorkFactory, open_store
from allies.store import tables as t
from tests.conftest import FIXTURES

VCARD = (FIXTURES / "contacts" / "iphone-export.vcf").read_bytes()
PREVIEW = ImportOptions(dry_run=True)
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _kept(store: SqlUnitOfWorkFactory) -> list[tuple[str, int, int | None]]:
    with store.engine.connect() as connection:
        c = t.uploads.c
        return [tuple(r) for r in connection.execute(select(c.name, c.size, c.user_id))]


def _use_fresh_temporary_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Stand in for another machine: a temporary folder that holds nothing of ours."""
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def test_a_preview_is_kept_in_the_database_and_confirmed_by_another_instance(
    store: SqlUnitOfWorkFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_fresh_temporary_folder(monkeypatch, tmp_path / "first")
    result = uploads.import_upload(store("w"), "vcard", "my contacts.vcf", VCARD, PREVIEW)
    assert result.report.dry_run and result.token
    assert _kept(store) == [("my_contacts.vcf", len(VCARD), None)]
    assert list_people(store("w")) == []
    assert list((tmp_path / "first").iterdir()) == []  # nothing left on this machine

    _use_fresh_temporary_folder(monkeypatch, tmp_path / "second")
    other = open_store(str(store.engine.url.render_as_string(hide_password=False)))
    try:
        report = uploads.import_kept_upload(other("w"), result.token, "vcard", ImportOptions())
    finally:
        other.dispose()
    assert not report.dry_run and report.source == "my_contacts.vcf"
    assert "Maria Lopez" in {row.name for row in list_people(store("w"))}
    assert _kept(store) == []
    with pytest.raises(NotFound, match="no longer here"):
        uploads.import_kept_upload(store("w"), result.token, "vcard", ImportOptions())


def test_only_the_uploader_in_the_workspace_can_confirm(store: SqlUnitOfWorkFactory) -> None:
    ann = Actor(1, "ann", Role.EDITOR)
    with store.engine.begin() as connection:  # users for the actors' ids
        for user_id, name in ((1, "ann"), (2, "bo")):
            connection.execute(
                t.users.insert().values(
                    id=user_id, username=name, display_name=name, password_hash="x",
                    active=True, created_at=NOW,
                )
            )  # fmt: skip
    token = uploads.import_upload(store("w", actor=ann), "vcard", "a.vcf", VCARD, PREVIEW).token
    assert _kept(store) == [("a.vcf", len(VCARD), 1)]
    for uow in (store("w", actor=Actor(2, "bo", Role.OWNER)), store("w"), store("other", ann)):
        with pytest.raises(NotFound):
            uploads.import_kept_upload(uow, token, "vcard", ImportOptions())
    with pytest.raises(NotFound):
        uploads.import_kept_upload(store("w", ann), "not a token!", "vcard", ImportOptions())
    viewer = store("w", actor=Actor(2, "bo", Role.VIEWER))
    seen = uploads.import_upload(viewer, "vcard", "a.vcf", VCARD, PREVIEW)
    assert seen.report.dry_run and seen.token == ""  # a viewer cannot import it anyway
    done = uploads.import_kept_upload(store("w", ann), token, "vcard", ImportOptions())
    assert not done.dry_run and done.added["people"] == 2


def test_a_preview_expires_and_expired_ones_are_cleaned_up(store: SqlUnitOfWorkFactory) -> None:
    old = uploads.import_upload(store("w"), "vcard", "a.vcf", VCARD, PREVIEW, now=NOW).token
    later = NOW + uploads.KEEP_FOR + timedelta(seconds=1)
    with pytest.raises(NotFound, match="24 hours"):
        uploads.import_kept_upload(store("w"), old, "vcard", ImportOptions(), now=later)
    uploads.import_upload(store("other"), "vcard", "b.vcf", VCARD, PREVIEW, now=later)
    assert [name for name, _, _ in _kept(store)] == ["b.vcf"]


def test_a_failed_confirmation_keeps_the_upload_and_the_api_keeps_nothing(
    store: SqlUnitOfWorkFactory,
) -> None:
    token = uploads.import_upload(store("w"), "vcard", "a.vcf", VCARD, PREVIEW).token
    with pytest.raises(InvalidInput, match="cannot import"):
        uploads.import_kept_upload(store("w"), token, "word", ImportOptions())
    assert len(_kept(store)) == 1
    uploads.import_upload(store("w"), "vcard", "b.vcf", VCARD, PREVIEW, keep=False)
    assert [name for name, _, _ in _kept(store)] == ["a.vcf"]


def test_too_large_a_file_is_refused_naming_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "MAX_UPLOAD", 10)
    with pytest.raises(InvalidInput, match="larger than") as caught:
        uploads.check_size(11)
    assert caught.value.field == "file"


def test_the_examples_in_the_uploads_service_hold() -> None:
    failures, tried = doctest.testmod(uploads)
    assert tried and not failures
