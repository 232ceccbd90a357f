"""A sound database that cannot be written opens read-only: it reads, and every change is refused.

Most tests make the folder (or the file) read-only for real: ``chmod`` for a user, and
for root (whom ``chmod`` does not stop) the immutable attribute, ``chattr +i``, which
stops root too. Where neither works they are skipped; the tests at the end pretend
through ``os.access`` alone and run everywhere.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from star_desktop.storage import (
    SCHEMA_VERSION,
    LocationError,
    ReadOnlyError,
    SaveError,
    Status,
    Store,
    list_backups,
)
from star_desktop.storage import db as db_module
from star_desktop.storage.schema import MIGRATION_NAMES, migrations
from tests.star_desktop.cli_run import run


@pytest.fixture
def freeze():
    """``freeze(*paths)`` makes files and folders read-only for real, undone after the test."""
    undo: list[tuple[Path, int]] = []
    immutable: list[Path] = []

    def make_read_only(*paths: Path) -> None:
        for path in paths:
            undo.append((path, path.stat().st_mode))
            path.chmod(path.stat().st_mode & ~0o222)
        if any(os.access(path, os.W_OK) for path in paths) and shutil.which("chattr"):
            # root: chmod does not stop us, the immutable attribute does
            command = ["chattr", "+i", *map(str, paths)]
            if subprocess.run(command, capture_output=True, check=False).returncode == 0:
                immutable.extend(paths)
        if any(os.access(path, os.W_OK) for path in paths):
            pytest.skip("cannot make a folder read-only here (neither chmod nor chattr +i)")

    yield make_read_only
    if immutable:
        subprocess.run(["chattr", "-i", *map(str, immutable)], check=True)
    for path, mode in reversed(undo):
        path.chmod(mode)


@pytest.fixture
def path(tmp_path):
    """A sound database with one draft saved twice, closed as the app closes it."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "star.db"
    with Store.open(path, sample=False) as store:
        draft = store.create_draft("Highways news", "The framework was awarded.", platforms=["x"])
        store.save_text(draft.id, "The framework was awarded today.", version=1)
        store.set_month("2027-03", "Meet the Buyer")
    assert sorted(p.name for p in folder.iterdir()) == ["star.db", "star.db.lock"]
    return path


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# A folder (or file) read-only for real


@pytest.mark.parametrize("lock_file", ["left by an earlier run", "never made"])
def test_a_database_in_a_read_only_folder_opens_read_only_and_reads(path, freeze, lock_file):
    if lock_file == "never made":
        Path(f"{path}.lock").unlink()
    before = contents(path.parent)
    freeze(path.parent)
    with Store.open(path, backup_on_start=True) as store:
        assert store.read_only
        assert store.read_only_reason == f"its folder {path.parent} cannot be written"
        assert store.get(1).text == "The framework was awarded today."
        assert [d.title for d in store.list_drafts(search="awarded")] == ["Highways news"]
        assert store.revisions(1)[0].text == "The framework was awarded."
        assert store.months()[0].theme == "Meet the Buyer"
    assert contents(path.parent) == before  # no backup, no -wal or -shm, nothing changed


def test_every_change_to_a_read_only_database_says_so_and_writes_nothing(path, freeze):
    before = contents(path.parent)
    freeze(path.parent)
    with Store.open(path) as store:
        with pytest.raises(ReadOnlyError) as refused:
            store.save_text(1, "Changed", version=2)
        assert isinstance(refused.value, SaveError)  # the window keeps the text, as for a full disk
        assert str(refused.value) == (
            f"Cannot save: {path} is open read-only (its folder {path.parent} cannot be "
            "written); nothing was written. The file itself is not damaged."
        )
        assert refused.value.path == path
        assert store.get(1).version == 2
    assert contents(path.parent) == before


def test_a_read_only_file_in_a_writable_folder_opens_read_only(path, freeze):
    freeze(path)
    with Store.open(path) as store:
        assert (store.read_only, store.read_only_reason) == (True, "the file cannot be written")
        assert store.count_drafts() == 1
        with pytest.raises(ReadOnlyError, match="the file cannot be written"):
            store.create_draft("New")


def test_a_read_only_database_that_needs_upgrading_is_refused_untouched(tmp_path, freeze):
    folder = tmp_path / "old"
    folder.mkdir()
    path = folder / "star.db"
    old = Database(path)
    migrations.apply(old, stop_before=MIGRATION_NAMES[1])
    old.close()
    before = contents(folder)
    freeze(folder)
    with pytest.raises(ReadOnlyError) as refused:
        Store.open(path)
    assert str(refused.value) == (
        f"{path} needs updating for this version of STAR Desktop (schema 1 to "
        f"{SCHEMA_VERSION}), but it is read-only (its folder {folder} cannot be written). "
        "It has been left untouched."
    )
    assert contents(folder) == before
    assert not list_backups(path)


def test_no_database_in_a_read_only_folder_is_a_location_error(tmp_path, freeze):
    freeze(tmp_path)
    with pytest.raises(LocationError):
        Store.open(tmp_path / "star.db")


def _crash_with_changes_in_the_wal(path: Path) -> None:
    """Save a draft and die before SQLite merges the WAL into the file."""
    code = (
        "import os, sys\nfrom star_desktop.storage import Store\n"
        "store = Store.open(sys.argv[1], sample=False)\n"
        "store.db.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "store.create_draft('Saved just before the crash')\nos._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


def test_changes_waiting_in_the_wal_are_read_in_a_read_only_folder(path, freeze):
    _crash_with_changes_in_the_wal(path)
    freeze(path.parent)
    with Store.open(path) as store:
        assert store.read_only
        assert [d.title for d in store.list_drafts()][-1] == "Saved just before the crash"


def test_changes_in_the_wal_without_its_shm_are_refused_not_missed(path, freeze):
    # SQLite needs the -shm to read the -wal; reading the file alone ("immutable") would
    # show the database without the last draft, as if it had never been saved.
    _crash_with_changes_in_the_wal(path)
    Path(f"{path}-shm").unlink()
    before = contents(path.parent)
    freeze(path.parent)
    with pytest.raises(ReadOnlyError, match=r"changes not yet merged .* wait in star\.db-wal"):
        Store.open(path)
    assert contents(path.parent) == before


# The command line on a read-only folder


@pytest.mark.parametrize(
    "command",
    [
        ["drafts", "list"],
        ["drafts", "list", "--search", "awarded"],
        ["drafts", "show", "1"],
        ["profile"],
        ["db", "check"],
        ["audit", "verify"],
    ],
)
def test_reading_commands_work_on_a_read_only_database(path, freeze, command):
    freeze(path.parent)
    status, out, err = run(["--db", str(path), *command])
    assert (status, err) == (0, "")
    assert out


def test_a_backup_to_another_folder_works_from_a_read_only_database(path, freeze, tmp_path):
    freeze(path.parent)
    target = tmp_path / "copy.db"
    assert run(["--db", str(path), "db", "backup", "--out", str(target)])[0] == 0
    with Store(target) as copy:
        assert (copy.read_only, copy.get(1).title) == (False, "Highways news")


@pytest.mark.parametrize(
    "command",
    [
        ["drafts", "new", "--title", "New"],
        ["drafts", "set", "1", "--title", "Changed"],
        ["drafts", "archive", "1"],
        ["drafts", "delete", "1", "--yes"],
        ["drafts", "attach", "1", "IMAGE", "--alt", "A buyer"],
        ["profile", "--name", "Sam"],
    ],
)
def test_writing_commands_exit_2_with_one_line_naming_the_folder(path, freeze, command, tmp_path):
    image = tmp_path / "photo.png"
    from PIL import Image

    Image.new("RGB", (4, 4)).save(image)
    command = [str(image) if word == "IMAGE" else word for word in command]
    before = contents(path.parent)
    freeze(path.parent)
    status, _, err = run(["--db", str(path), *command])
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("star-desktop: Cannot ")
    assert f"{path} is open read-only (its folder {path.parent} cannot be written)" in err
    assert "copy it to a folder you can write and give the copy with --db" in err
    assert "Traceback" not in err
    assert contents(path.parent) == before
    assert not (path.parent / "images").exists()


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["db", "fresh"], "Cannot start a fresh database: {path}: "),
        (["db", "restore", "BACKUP"], "Cannot write the backup in {folder}/backups: "),
    ],
)
def test_replacing_a_database_in_a_read_only_folder_exits_2_untouched(
    path, freeze, tmp_path, command, message
):
    backup = tmp_path / "backup.db"
    assert run(["--db", str(path), "db", "backup", "--out", str(backup)])[0] == 0
    command = [str(backup) if word == "BACKUP" else word for word in command]
    before = contents(path.parent)
    freeze(path.parent)
    status, _, err = run(["--db", str(path), *command])
    assert status == 2
    assert err.startswith("star-desktop: " + message.format(path=path, folder=path.parent))
    assert err.count("\n") == 1
    assert contents(path.parent) == before


# Pretending through os.access (runs anywhere, root or not)


@pytest.fixture
def folder_looks_read_only(path, monkeypatch):
    real = os.access

    def access(where, mode, **kwargs):
        if mode & os.W_OK and Path(where) == path.parent:
            return False
        return real(where, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return path


def test_a_folder_the_system_calls_read_only_gives_a_read_only_store(folder_looks_read_only):
    with Store.open(folder_looks_read_only) as store:
        assert store.read_only
        assert store.get(1).title == "Highways news"


def test_a_read_only_store_tries_no_sql_at_all_for_a_change(folder_looks_read_only):
    with Store.open(folder_looks_read_only) as store:
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        changes = [
            lambda: store.create_draft("New"),
            lambda: store.save_text(1, "Changed", version=2),
            lambda: store.update(1, title="Changed"),
            lambda: store.set_status(1, Status.ARCHIVED, version=2, action="archive"),
            lambda: store.delete_draft(1),
            lambda: store.record("export", 1, "Sam", "pack"),
            lambda: store.set_person("Sam"),
            lambda: store.set_setting("author", "Sam"),
            lambda: store.set_month("2027-04", "Tenders"),
            lambda: store.add_override(1, "jargon.govuk", "deliverables", "quoted", "Sam"),
            lambda: store.add_approval(1, "approve", "Lee", "0" * 64),
            lambda: store.remove_image(1),
        ]
        for change in changes:
            with pytest.raises(ReadOnlyError):
                change()
        assert statements == []


def test_read_only_can_be_asked_for_on_a_writable_database(path):
    with Store(path, read_only=True) as store:
        assert store.read_only_reason == "it was opened for reading only"
        with pytest.raises(ReadOnlyError):
            store.create_draft("New")
        # SQLite refuses too (mode=ro), should a change go round `write`.
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM drafts")
    with Store(path) as store:
        assert (store.read_only, store.count_drafts()) == (False, 1)


def test_a_writable_database_is_not_read_only(path):
    with Store.open(path) as store:
        assert (store.read_only, store.read_only_reason) == (False, None)
        store.create_draft("New")


def test_immutable_reading_is_never_used_while_the_folder_can_be_written(path, monkeypatch):
    opened: list[str] = []
    real = sqlite3.connect

    def connect(database, *args, **kwargs):
        opened.append(str(database))
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    with contextlib.closing(db_module.connect(path, readonly=True)) as conn:
        assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    assert [uri.endswith("?mode=ro") for uri in opened] == [True]


def test_an_open_database_can_be_used_read_only_too():
    # For the window's tests: a store in memory made, filled, then used read-only.
    db = Database(memory=True)
    Store(db).create_draft("Highways news")
    store = Store(db, read_only=True)
    assert (store.read_only, store.get(1).title) == (True, "Highways news")
    with pytest.raises(ReadOnlyError, match="it was opened for reading only"):
        store.update(1, title="Changed")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM drafts")  # query_only, should a change go round `write`


def test_attaching_an_image_to_a_read_only_database_copies_nothing(path, tmp_path, policy):
    from PIL import Image

    from star_desktop.drafts import DraftsService
    from star_desktop.storage import ReadOnlyError

    with Store(path) as store:
        draft = DraftsService(store, policy).create("Event", "Join us.")
    picture = tmp_path / "venue.png"
    Image.new("RGB", (40, 30), "navy").save(picture)
    with Store(path, read_only=True) as store:
        service = DraftsService(store, policy)
        assert not service.can_edit(store.get(draft.id))
        with pytest.raises(ReadOnlyError):
            service.attach(draft.id, picture, "The venue")
        images = service.images_dir
    assert not images.exists() or not any(images.iterdir())  # no copy left behind


def test_a_pack_is_not_written_when_its_export_cannot_be_recorded(path, tmp_path, policy):
    from star_desktop.drafts import DraftsService
    from star_desktop.packs.export import export_pack
    from star_desktop.packs.keys import installation_key
    from star_desktop.storage import ReadOnlyError

    out = tmp_path / "march.starpack"
    with Store(path, read_only=True) as store:
        service = DraftsService(store, policy)
        with pytest.raises(ReadOnlyError, match="export a pack"):
            export_pack(service, installation_key(), out, [store.get(1)])
    assert not out.exists()
