# SPDX-License-Identifier: MIT
"""Typed storage errors, each with a message fit to show the user as it is."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StorageError(Exception):
    """Anything that stops the store from reading or writing; ``str()`` is the message."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


# Errors that stop a database from being opened at all (the file is left untouched).


class UnusableDatabaseError(StorageError):
    """The file at the database path cannot be used; it has been left untouched."""


class CorruptDatabaseError(UnusableDatabaseError):
    """The file is not SQLite, or is SQLite but damaged."""


class ForeignDatabaseError(UnusableDatabaseError):
    """The file is a sound SQLite database, but not a STAR Desktop one."""


class NewerSchemaError(UnusableDatabaseError):
    """The database was written by a newer STAR Desktop; upgrading this one is required."""

    def __init__(self, message: str, path: Path | None, found: int, supported: int) -> None:
        super().__init__(message, path)
        self.found = found
        self.supported = supported


class LocationError(StorageError):
    """The database's folder cannot be created or opened."""


# Errors while saving: the caller keeps the user's text and may try again.


class SaveError(StorageError):
    """A save failed and nothing was written; keep the text and retry later."""


class ReadOnlyError(SaveError):
    """The database, its folder or its disk is read-only."""


class DiskFullError(SaveError):
    """The disk (or the database's size limit) is full."""


class BusyError(SaveError):
    """Another program held the database locked for too long."""


class ConflictError(SaveError):
    """Someone else saved the draft since it was loaded: both versions are attached.

    Attributes:
        draft_id: The draft.
        expected_version: The version the caller had loaded.
        current_version: The version now in the database.
        current_text: The text now in the database (theirs).
        attempted_text: The text the caller tried to save (yours), or None for a
            change that was not to the text.
    """

    def __init__(
        self,
        draft_id: int,
        expected_version: int,
        current_version: int,
        current_text: str,
        attempted_text: str | None,
    ) -> None:
        super().__init__(
            f"Draft {draft_id} was changed elsewhere (now version {current_version}, "
            f"you had version {expected_version}); both versions are kept for you to choose."
        )
        self.draft_id = draft_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.current_text = current_text
        self.attempted_text = attempted_text


class UnknownDraftError(StorageError, LookupError):
    """No draft has this id."""

    def __init__(self, draft_id: int) -> None:
        super().__init__(f"no draft with id {draft_id}")
        self.draft_id = draft_id


def translate(exc: sqlite3.Error, path: Path | None, action: str = "save") -> StorageError:
    """The typed error for an SQLite error raised while doing ``action``.

    Args:
        exc: The error sqlite3 raised.
        path: The database file, named in the message.
        action: A verb for the message, such as ``"save"`` or ``"open"``.
    """
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    where = str(path) if path else "the database"
    if code == sqlite3.SQLITE_READONLY or "readonly" in str(exc):
        return ReadOnlyError(
            f"Cannot {action}: {where} is read-only (its folder, the file or the disk); "
            "nothing was written. The file itself is not damaged.",
            path,
        )
    if code == sqlite3.SQLITE_FULL:
        return DiskFullError(
            f"Cannot {action}: the disk holding {where} is full; nothing was written. "
            "Free some space and try again.",
            path,
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BusyError(
            f"Cannot {action}: {where} is locked by another program; nothing was written.", path
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return CorruptDatabaseError(
            f"{where} is damaged ({exc}); it has been left untouched.", path
        )
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM):
        return SaveError(
            f"Cannot {action}: {where} cannot be used ({exc}); nothing was written.", path
        )
    return StorageError(f"Cannot {action}: {where}: {exc}", path)


def read_only_error(
    path: Path | None,
    action: str = "save",
    reason: str = "its folder, the file or the disk cannot be written",
) -> ReadOnlyError:
    """The error for a change refused because the database is open read-only.

    Args:
        path: The database file, named in the message.
        action: A verb for the message, such as ``"save"``.
        reason: Why it is read-only, as `star_desktop.storage.db.unwritable` says.
    """
    where = str(path) if path else "the database"
    return ReadOnlyError(
        f"Cannot {action}: {where} is open read-only ({reason}); nothing was written. "
        "The file itself is not damaged.",
        path,
    )


class InvalidValueError(StorageError, ValueError):
    """A value the schema does not allow (unknown category, platform or status)."""


class TextTooLongError(SaveError, InvalidValueError):
    """The text is longer than the policy allows: nothing was written, the text is kept."""
