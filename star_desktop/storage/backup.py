# SPDX-License-Identifier: MIT
"""Backups with SQLite's backup API, the last five kept; restore, set aside and check."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from star_desktop.paths import backup_dir
from star_desktop.storage.db import connect, inspect, looks_like_sqlite, read_header
from star_desktop.storage.errors import (
    BusyError,
    CorruptDatabaseError,
    ForeignDatabaseError,
    LocationError,
    StorageError,
    UnusableDatabaseError,
    translate,
)
from star_desktop.storage.schema import APPLICATION_ID

KEEP = 5
SIDE_FILES = ("-wal", "-shm")


#: The ending of a backup being written (renamed to ``.db`` when it is whole).
PARTIAL = ".partial"
#: How long ``db restore`` waits for another program's write to finish.
RESTORE_WAIT_SECONDS = 10.0


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")


def list_backups(database: Path, folder: Path | None = None) -> list[Path]:
    """The automatic backups of ``database``, oldest first."""
    folder = folder or backup_dir(database)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*.db"))


def latest_backup(database: Path, folder: Path | None = None) -> Path | None:
    """The newest automatic backup of ``database`` that is a sound STAR database, or None."""
    for candidate in reversed(list_backups(database, folder)):
        if not check(candidate):
            return candidate
    return None


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database into ``target`` with SQLite's backup API (consistent, WAL-safe)."""
    destination = sqlite3.connect(str(target))
    try:
        source.backup(destination)
    finally:
        destination.close()


def make_backup(
    database: Path,
    *,
    source: sqlite3.Connection | None = None,
    folder: Path | None = None,
    keep: int = KEEP,
    label: str = "auto",
) -> Path:
    """Back up ``database`` into its backup folder and keep only the newest ``keep``.

    Args:
        database: The database file.
        source: An open connection to it (default: open one for the copy).
        folder: Where backups go (default ``backups`` beside the database).
        keep: How many automatic backups to keep.
        label: Part of the file name, such as ``auto`` or ``before-upgrade``.

    Returns:
        The new backup file.
    """
    folder = folder or backup_dir(database)
    target = folder / f"{database.stem}-{_stamp()}-{label}.db"
    # Written under another name and renamed when whole: a backup cut short (the PC
    # switched off) leaves a ".partial" file that is never taken for a backup, and
    # that the next backup clears away with its journal.
    partial = target.with_name(target.name + PARTIAL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(f"{database.stem}-*{PARTIAL}*"):
            stale.unlink(missing_ok=True)
        own = source is None
        conn = connect(database, readonly=True) if source is None else source
        try:
            copy_database(conn, partial)
        finally:
            if own:
                conn.close()
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LocationError(
            f"Cannot write the backup in {folder}: {exc.strerror}.", folder
        ) from None
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise translate(exc, database, "back up") from None
    for old in list_backups(database, folder)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def check(path: Path) -> list[str]:
    """What is wrong with the STAR database at ``path``; an empty list when it is sound.

    Reads only (``mode=ro``): runs ``PRAGMA integrity_check`` and ``foreign_key_check``.
    """
    if not path.is_file():
        return [f"{path}: no such file"]
    try:
        inspect(path)
        if not looks_like_sqlite(read_header(path)):
            return [f"{path}: empty file, not a STAR database"]
        conn = connect(path, readonly=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return [f"{path}: not a STAR Desktop database"]
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            problems = [] if problems == ["ok"] else problems
            problems += [
                f"row {row[1]} of {row[0]} refers to a missing {row[2]}"
                for row in conn.execute("PRAGMA foreign_key_check")
            ]
        finally:
            conn.close()
    except UnusableDatabaseError as exc:
        return [str(exc)]
    except StorageError as exc:
        return [str(exc)]
    except sqlite3.DatabaseError as exc:
        return [f"{path}: {exc}"]
    return [f"{path}: {problem}" for problem in problems]


def set_aside(database: Path) -> Path | None:
    """Rename ``database`` and its WAL files aside, byte for byte; returns the new name."""
    if not database.exists():
        return None
    aside = database.with_name(f"{database.name}.unusable-{_stamp()}")
    for suffix in ("", *SIDE_FILES):
        part = Path(str(database) + suffix)
        if part.exists():
            os.replace(part, Path(str(aside) + suffix))
    return aside


def restore(database: Path, source: Path) -> Path | None:
    """Replace ``database`` with the STAR database ``source`` (``db restore``).

    A sound current database is backed up first; an unusable one is set aside
    untouched. Returns that backup or set-aside file.

    Raises:
        ForeignDatabaseError: ``source`` is not a sound STAR database (nothing changes).
    """
    problems = check(source)
    if problems:
        raise ForeignDatabaseError(
            f"{source} is not a sound STAR Desktop database; nothing was restored ({problems[0]})",
            source,
        )
    if source.resolve() == database.resolve():
        raise CorruptDatabaseError(f"{source} is the database itself; nothing was restored.")
    kept: Path | None = None
    if database.exists():
        kept = make_backup(database, label="before-restore") if not check(database) else None
        kept = kept or set_aside(database)
    database.parent.mkdir(parents=True, exist_ok=True)
    _wait_for_writers(database)
    conn = connect(source, readonly=True)
    try:
        copy_database(conn, database)
    except sqlite3.Error as exc:  # a read-only file, a full disk: the kept copy stands
        note = f" The database as it was is kept as {kept}." if kept else ""
        raise StorageError(f"{translate(exc, database, 'restore')}{note}", database) from None
    finally:
        conn.close()
    return kept


def _wait_for_writers(database: Path) -> None:
    """Wait (a little) until no other program is writing ``database``, else refuse.

    SQLite's backup into a file another connection is writing retries for ever; the
    restore checks first that it can take the write lock within `RESTORE_WAIT_SECONDS`.
    """
    if not database.exists():
        return
    conn = sqlite3.connect(str(database), timeout=RESTORE_WAIT_SECONDS)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise BusyError(
            f"{database} is being written by another program (STAR Desktop open?); nothing "
            f"was restored: close it and try again ({exc}).",
            database,
        ) from None
    finally:
        conn.close()
