"""`star-desktop db`: check, backup, restore and fresh; unusable files refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from star_desktop.storage import Store, list_backups
from tests.star_desktop.cli_run import run


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "star.db"
    assert run(["--db", str(path), "--no-sample", "drafts", "new", "--title", "Kept"])[0] == 0
    return path


def test_check_exits_0_for_a_sound_database(path):
    status, out, _ = run(["--db", str(path), "db", "check"])
    assert status == 0
    assert "sound" in out
    assert "1 drafts" in out


def test_check_exits_1_for_a_damaged_database_and_leaves_it(path):
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 2000] = b"\x00\xff" * 1000  # damage a page after the schema
    path.write_bytes(bytes(data))
    status, out, _ = run(["--db", str(path), "db", "check"])
    assert status == 1
    assert out
    assert path.read_bytes() == bytes(data)


def test_check_exits_1_for_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "star.db"
    path.write_text("not a database")
    assert run(["--db", str(path), "db", "check"])[0] == 1
    assert path.read_text() == "not a database"


@pytest.mark.parametrize(
    "content", [b"PK\x03\x04 a zip file" * 20, b"\x00" * 8192], ids=["zip", "zeros"]
)
def test_commands_refuse_an_unusable_file_with_exit_2_and_leave_it(tmp_path, content):
    path = tmp_path / "star.db"
    path.write_bytes(content)
    status, out, err = run(["--db", str(path), "drafts", "list"])
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "left untouched" in err
    assert "db restore --latest" in err
    assert "db fresh" in err
    assert path.read_bytes() == content


def test_backup_into_the_backups_folder_keeps_five(path):
    for _ in range(6):
        assert run(["--db", str(path), "db", "backup"])[0] == 0
    assert len(list_backups(path)) == 5


def test_backup_out_and_restore_round_trip(path, tmp_path):
    copy = tmp_path / "copy.db"
    assert run(["--db", str(path), "db", "backup", "--out", str(copy)])[0] == 0
    assert run(["--db", str(path), "drafts", "new", "--title", "After backup"])[0] == 0
    status, out, _ = run(["--db", str(path), "db", "restore", str(copy)])
    assert status == 0
    assert "previous database is kept" in out
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT title FROM drafts")] == ["Kept"]
    conn.close()
    assert run(["--db", str(path), "db", "backup", "--out", str(copy)])[0] == 2  # no overwrite


def test_restore_refuses_a_file_that_is_not_a_star_database(path, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for source in (other, tmp_path / "missing.db"):
        status, _, err = run(["--db", str(path), "db", "restore", str(source)])
        assert status == 2
        assert "not a sound STAR Desktop database" in err
    assert path.read_bytes() == before


def test_corrupt_database_recovers_from_the_latest_backup(path):
    assert run(["--db", str(path), "db", "backup"])[0] == 0
    path.write_bytes(b"garbage" * 100)
    assert run(["--db", str(path), "drafts", "list"])[0] == 2
    status, out, _ = run(["--db", str(path), "db", "restore", "--latest"])
    assert status == 0
    aside = out.split("kept as ")[1].strip()
    assert Path(aside).read_bytes() == b"garbage" * 100  # set aside byte for byte
    status, out, _ = run(["--db", str(path), "drafts", "list"])
    assert status == 0
    assert "Kept" in out


def test_fresh_sets_the_unusable_file_aside(path):
    path.write_bytes(b"garbage" * 100)
    status, out, _ = run(["--db", str(path), "--no-sample", "db", "fresh"])
    assert status == 0
    aside = out.split("aside as ")[1].strip()
    assert Path(aside).read_bytes() == b"garbage" * 100
    status, out, _ = run(["--db", str(path), "drafts", "list"])
    assert (status, out) == (0, "0 drafts\n")


def test_newer_database_exits_2_and_is_left_untouched(path):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    status, _, err = run(["--db", str(path), "drafts", "list"])
    assert status == 2
    assert "newer STAR Desktop" in err
    assert path.read_bytes() == before


def test_db_commands_on_a_missing_database_exit_2(tmp_path):
    path = tmp_path / "none.db"
    assert run(["--db", str(path), "db", "backup"])[0] == 2
    assert run(["--db", str(path), "db", "restore", "--latest"])[0] == 2
    assert run(["--db", str(path), "db", "check"])[0] == 1
    assert not path.exists()


def test_a_backup_cut_short_is_never_taken_for_a_backup_and_is_cleared(tmp_path):
    from star_desktop.storage import backup

    database = tmp_path / "star.db"
    Store.open(database, sample=False).close()
    folder = backup.backup_dir(database)
    folder.mkdir(parents=True)
    cut = folder / "star-20261201-000000-000000-auto.db.partial"
    cut.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)  # the PC went off mid-copy
    (folder / (cut.name + "-journal")).write_bytes(b"\x00" * 10)
    assert backup.list_backups(database) == []
    made = backup.make_backup(database)
    assert sorted(p.name for p in folder.iterdir()) == [made.name]


def test_restore_gives_up_with_a_message_while_another_program_writes(tmp_path, monkeypatch):
    import sqlite3

    from star_desktop.storage import BusyError, backup

    database = tmp_path / "star.db"
    Store.open(database, sample=False).close()
    copy = backup.make_backup(database)
    monkeypatch.setattr(backup, "RESTORE_WAIT_SECONDS", 0.2)
    writer = sqlite3.connect(str(database))
    writer.execute("BEGIN IMMEDIATE")  # another program is in the middle of a write
    try:
        with pytest.raises(BusyError, match="being written by another program"):
            backup.restore(database, copy)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
