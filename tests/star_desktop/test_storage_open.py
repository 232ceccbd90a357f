"""Opening a database: WAL, migrations, newer and unusable files refused untouched, first run."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlite_utils import Database

from star_desktop.storage import (
    SCHEMA_VERSION,
    CorruptDatabaseError,
    DiskFullError,
    ForeignDatabaseError,
    LocationError,
    NewerSchemaError,
    ReadOnlyError,
    SaveError,
    Store,
    list_backups,
)
from star_desktop.storage import db as db_module
from star_desktop.storage.schema import MIGRATION_NAMES, migrations


def test_new_database_uses_wal_and_foreign_keys(tmp_path):
    with Store(tmp_path / "new.db") as store:
        assert store.created
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.upgraded == list(MIGRATION_NAMES)


def test_reopening_applies_nothing(tmp_path):
    Store(tmp_path / "a.db").close()
    with Store(tmp_path / "a.db") as store:
        assert (store.created, store.upgraded) == (False, [])


def make_first_schema_database(path):
    """A database as the first schema (0001 only) wrote it, with a draft in it."""
    db = Database(path)
    migrations.apply(db, stop_before=MIGRATION_NAMES[1])
    db.execute(
        "INSERT INTO drafts (title, text, created, updated) "
        "VALUES ('Highways news', 'The framework was awarded.', '2017-05-02', '2017-05-02')"
    )
    db.close()


def test_first_schema_database_upgrades_on_open_with_a_backup(tmp_path):
    path = tmp_path / "old.db"
    make_first_schema_database(path)
    with Store(path) as store:
        assert store.upgraded == list(MIGRATION_NAMES[1:])
        assert not store.created
        assert [d.title for d in store.list_drafts(search="awarded")] == ["Highways news"]
    (backup,) = list_backups(path)
    assert "before-upgrade" in backup.name
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer STAR Desktop") as caught:
        Store(path)
    assert (caught.value.found, caught.value.supported) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)
    assert path.read_bytes() == before


def test_unknown_migration_name_counts_as_newer(tmp_path):
    path = tmp_path / "newer.db"
    Store(path).close()
    db = Database(path)
    db.table("_sqlite_migrations").insert(
        {"migration_set": "star-desktop", "name": "9999_future", "applied_at": "2030"}
    )
    db.close()
    with pytest.raises(NewerSchemaError, match="9999_future"):
        Store(path)


@pytest.mark.parametrize(
    "content",
    [
        b"This is a letter, not a database.\n" * 10,
        b"SQLite format 3\x00" + bytes(50),
        b"\x00" * 4096,
    ],
    ids=["text", "short-header", "zeros"],
)
def test_a_file_that_is_not_sqlite_is_refused_byte_for_byte_untouched(tmp_path, content):
    path = tmp_path / "star.db"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError, match="left untouched") as error:
        Store.open(path)
    assert "star-desktop" not in str(error.value)  # each surface adds its own way out
    assert path.read_bytes() == content
    # Nothing beside it but the lock that serialises opening (see storage.file_lock).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["star.db", "star.db.lock"]


def test_a_damaged_database_is_refused_byte_for_byte_untouched(tmp_path):
    path = tmp_path / "star.db"
    with Store(path) as store:
        store.create_draft("Title", "text")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, after the header
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        Store.open(path)
    assert path.read_bytes() == bytes(data)


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ForeignDatabaseError, match="another program"):
        Store(path)
    assert path.read_bytes() == before


def test_an_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with Store(path) as store:
        assert store.created


def test_a_data_folder_under_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(LocationError, match="Cannot create the data folder"):
        Store(blocker / "star.db")


def test_first_run_fills_twelve_example_months_and_example_drafts(tmp_path):
    with Store.open(tmp_path / "star.db", today=dt.date(2027, 1, 20)) as store:
        months = store.months()
        assert [m.month for m in months][0::11] == ["2026-04", "2027-03"]
        assert len(months) == 12
        assert all(m.example and m.targets for m in months)
        themes = " ".join(m.theme for m in months)
        for theme in ("The Chest", "Social value", "Meet the Buyer", "SMEs", "VCSEs"):
            assert theme in themes
        drafts = store.list_drafts()
        assert drafts
        assert all(d.example and d.title.startswith("Example:") for d in drafts)
        assert store.list_drafts(month="2027-01") == drafts
    with Store.open(tmp_path / "star.db") as again:  # only the first run
        assert len(again.list_drafts()) == len(drafts)


def test_no_sample_leaves_the_calendar_empty(tmp_path):
    with Store.open(tmp_path / "star.db", sample=False) as store:
        assert (store.months(), store.list_drafts()) == ([], [])


def test_backup_on_start_keeps_the_last_five(tmp_path):
    path = tmp_path / "star.db"
    Store.open(path, backup_on_start=True).close()  # a new database: nothing to back up
    assert list_backups(path) == []
    for _ in range(7):
        Store.open(path, backup_on_start=True).close()
    backups = list_backups(path)
    assert len(backups) == 5
    assert all(
        sqlite3.connect(b).execute("SELECT count(*) FROM drafts").fetchone()[0] for b in backups
    )


def test_the_workflow_upgrade_keeps_drafts_their_revisions_and_search(tmp_path):
    path = tmp_path / "v2.db"
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before=MIGRATION_NAMES[2])
    db.execute(
        "INSERT INTO drafts (title, text, status, created, updated) "
        "VALUES ('Highways news', 'The framework was awarded.', 'rejected', '2017-05-02', "
        "'2017-05-02')"
    )
    db.execute(
        "INSERT INTO revisions (draft_id, version, saved, full, body) "
        "VALUES (1, 1, '2017-05-02', 1, 'The framework was awarded.')"
    )
    db.close()
    with Store(path) as store:
        assert store.upgraded == list(MIGRATION_NAMES[2:])
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        draft = store.get(1)
        assert (draft.title, draft.status) == ("Highways news", "rejected")
        assert [r.text for r in store.revisions(1)] == ["The framework was awarded."]
        assert [d.id for d in store.list_drafts(search="awarded")] == [1]
        moved = store.set_status(1, "changes_requested", version=1, action="test")
        assert moved.status == "changes_requested"
        store.delete_draft(1)
        assert store.create_draft("Next").id == 2  # a deleted draft's id is never reused
        assert store.revisions(1) == []  # its revisions went with it


def test_the_workflow_upgrade_is_safe_to_run_again(tmp_path):
    from star_desktop.storage.schema import workflow

    with Store(tmp_path / "a.db") as store:
        store.create_draft("Kept", "text")
        workflow(store.db)  # as after a crash between the step and its record
        assert store.get(1).title == "Kept"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("code", "message", "kind"),
    [
        (sqlite3.SQLITE_READONLY, "attempt to write a readonly database", ReadOnlyError),
        (sqlite3.SQLITE_IOERR, "disk I/O error", SaveError),
        (sqlite3.SQLITE_FULL, "database or disk is full", DiskFullError),
    ],
)
def test_a_sound_file_that_cannot_be_written_is_not_called_damaged(
    tmp_path, monkeypatch, code, message, kind
):
    path = tmp_path / "star.db"
    Store.open(path, sample=False).close()

    def refuse(*args, **kwargs):
        error = sqlite3.OperationalError(message)
        error.sqlite_errorcode = code
        raise error

    monkeypatch.setattr(db_module, "connect", refuse)
    with pytest.raises(kind) as error:
        db_module.inspect(path)
    assert not isinstance(error.value, CorruptDatabaseError)
    assert "is damaged" not in str(error.value)


def test_eight_programs_opening_a_new_database_at_once_all_succeed(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "star.db"
    code = "import sys; from star_desktop.storage import Store\nStore.open(sys.argv[1]).close()\n"
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE, text=True)
        for _ in range(8)
    ]
    errors = [child.communicate(timeout=120)[1] for child in children]
    assert [child.returncode for child in children] == [0] * 8, errors
    with Store.open(path) as store:
        assert store.count_drafts() == 3  # the sample calendar, filled once
