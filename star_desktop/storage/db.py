# SPDX-License-Identifier: MIT
"""Open a database file safely: refuse what is not ours untouched, then WAL and foreign keys."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from star_desktop.storage.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    LocationError,
    NewerSchemaError,
    ReadOnlyError,
    StorageError,
    translate,
)
from star_desktop.storage.schema import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
#: What a damaged file's message says; each surface adds its own way out (the command
#: line its commands, the window its buttons).
RECOVERY = "It has been left untouched."


def read_header(path: Path) -> bytes:
    """The first 100 bytes of ``path`` (fewer for a short file), read without locking."""
    with path.open("rb") as handle:
        return handle.read(100)


def looks_like_sqlite(header: bytes) -> bool:
    """Whether a file header is an SQLite 3 header."""
    return len(header) == 100 and header.startswith(SQLITE_MAGIC)


def header_application_id(header: bytes) -> int:
    """The application id stored at offset 68 of an SQLite header."""
    return int.from_bytes(header[68:72], "big")


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with a busy timeout; ``readonly`` opens with ``mode=ro``.

    Reading a WAL database needs its ``-shm`` file, which SQLite makes beside it when it
    is missing: in a folder that cannot be written, ``mode=ro`` fails ("unable to open
    database file"). Then, if no changes wait in a ``-wal`` file, the file is read as
    ``immutable``: nothing can write it either (a writer would need to make the
    ``-wal``), so SQLite may read it without locks and see all of it.

    Raises:
        ReadOnlyError: Changes wait in the ``-wal`` file of a database whose folder
            cannot be written: reading the file alone would miss them.
        sqlite3.Error: As `sqlite3.connect` and a first read.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    if not readonly:
        return sqlite3.connect(str(path), timeout=timeout)
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the WAL too
    except sqlite3.Error as exc:
        conn.close()
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code != sqlite3.SQLITE_CANTOPEN or folder_writable(path) or not path.is_file():
            raise
        if waiting_changes(path):
            raise ReadOnlyError(
                f"Cannot open {path}: its folder cannot be written, and changes not yet "
                f"merged into the file wait in {path.name}-wal beside it, which SQLite "
                "cannot read without writing there. Both files have been left untouched.",
                path,
            ) from None
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=timeout)
    return conn


def folder_writable(path: Path) -> bool:
    """Whether this program may make files in the folder of ``path``.

    ``os.access`` sees a read-only disk and an immutable folder as well as the
    permissions, for root too.
    """
    return os.access(path.parent, os.W_OK)


def waiting_changes(path: Path) -> bool:
    """Whether the ``-wal`` file beside the database ``path`` holds anything."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def unwritable(path: Path) -> str | None:
    """Why this program cannot change the database file ``path``; None when it can.

    The folder counts as much as the file: SQLite keeps a WAL database's ``-wal`` and
    ``-shm`` files beside it, and the lock file and backups live there too. None too
    when there is no file yet.
    """
    if not path.is_file():
        return None
    if not folder_writable(path):
        return f"its folder {path.parent} cannot be written"
    if not os.access(path, os.W_OK):
        return "the file cannot be written"
    return None


def inspect(path: Path) -> tuple[int, int]:
    """Check that the file at ``path`` is a usable STAR database, reading only.

    Returns:
        ``(schema_version, tables)``: the recorded schema version and the number of
        tables (both 0 for a missing or empty file, which is fine to create).

    Raises:
        CorruptDatabaseError: Not SQLite, or damaged where we read.
        ForeignDatabaseError: A sound SQLite file of another program.
        NewerSchemaError: Written by a newer STAR Desktop.
    """
    if not path.exists():
        return 0, 0
    if path.is_dir():
        raise CorruptDatabaseError(f"{path} is a folder, not a database file.", path)
    try:
        header = read_header(path)
    except OSError as exc:
        raise LocationError(f"Cannot read {path}: {exc.strerror}.", path) from None
    if not header:
        return 0, 0
    if not looks_like_sqlite(header):
        raise CorruptDatabaseError(f"{path} is not a SQLite database. {RECOVERY}", path)
    try:
        conn = connect(path, readonly=True)
        try:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise CorruptDatabaseError(f"{path} is damaged ({exc}). {RECOVERY}", path) from None
        # Read-only, full, locked or unreadable: the file may well be sound, so never
        # call it damaged (that advice would have the author discard a good file).
        raise translate(exc, path, "open") from None
    if tables and app_id != APPLICATION_ID:
        raise ForeignDatabaseError(
            f"{path} is a SQLite database of another program, not STAR Desktop's; "
            "it has been left untouched. Choose another file with --db.",
            path,
        )
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was saved by a newer STAR Desktop (schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}). It has been left untouched: install the "
            "newer STAR Desktop to open it.",
            path,
            version,
            SCHEMA_VERSION,
        )
    return int(version), int(tables)


def open_database(path: Path) -> Database:
    """Open (creating if need be) the STAR database at ``path``, with WAL and foreign keys.

    Nothing is written to a file that fails `inspect`. Migrations are not run here.

    Raises:
        UnusableDatabaseError: As `inspect`.
        LocationError: The folder cannot be created or the file cannot be opened.
        ReadOnlyError: The folder or file is read-only.
    """
    inspect(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LocationError(
            f"Cannot create the data folder {path.parent}: {exc.strerror or exc}.", path
        ) from None
    try:
        conn = connect(path)
    except sqlite3.Error as exc:
        raise LocationError(f"Cannot open {path}: {exc}.", path) from None
    db = Database(conn)
    try:
        configure(db)
    except sqlite3.Error as exc:
        conn.close()
        error = translate(exc, path, "open")
        if type(error) is StorageError:
            raise LocationError(f"Cannot open {path}: {exc}.", path) from None
        raise error from None
    return db


def open_read_only(path: Path) -> Database:
    """Open the STAR database at ``path`` for reading only: nothing is ever written to it.

    SQLite refuses every change on this connection (``mode=ro``).

    Raises:
        UnusableDatabaseError: As `inspect`.
        LocationError: There is no database at ``path``, and none can be made there.
        ReadOnlyError: Changes wait in a ``-wal`` file that cannot be read (see `connect`).
    """
    if not inspect(path)[1]:
        raise LocationError(
            f"There is no STAR database at {path} yet, and none can be made there: its "
            "folder, the file or the disk cannot be written.",
            path,
        )
    try:
        conn = connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise translate(exc, path, "open") from None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return Database(conn)


def configure(db: Database) -> None:
    """WAL journal, foreign keys on, ``synchronous=NORMAL`` and a busy timeout.

    With WAL, ``NORMAL`` keeps every committed transaction across a killed process
    (only a power cut can lose the last commits, never corrupt the file).
    """
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise sqlite3.OperationalError(f"cannot use WAL (journal mode {mode})")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")


def applied_unknown(db: Database) -> list[str]:
    """Migrations recorded in ``db`` that this version does not know (a newer schema)."""
    if not db["_sqlite_migrations"].exists():
        return []
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'star-desktop'"
    ).fetchall()
    return [name for (name,) in rows if name not in MIGRATION_NAMES]
