# SPDX-License-Identifier: MIT
"""The ``db`` subcommands of ``star-desktop``: check, back up, restore, start fresh."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Protocol, TextIO

from star_desktop import paths
from star_desktop.storage import backup
from star_desktop.storage.db import inspect
from star_desktop.storage.errors import StorageError
from star_desktop.storage.schema import SCHEMA_VERSION
from star_desktop.storage.store import Store

OK, FAILED = 0, 1


class Subcommands(Protocol):
    """The part of argparse's subparsers action that `add_commands` uses."""

    def add_parser(self, name: str, *, help: str) -> argparse.ArgumentParser:  # noqa: D102
        ...


def add_commands(commands: Subcommands) -> None:
    """Add ``db`` to the subcommands of the ``star-desktop`` parser.

    Args:
        commands: The parser's subparsers action.
    """
    db = commands.add_parser("db", help="check, back up or restore the database")
    sub = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("check", help="exit 0 when the database is sound, 1 when not")
    save = sub.add_parser("backup", help="back up now (default: into the backups folder)")
    save.add_argument("--out", metavar="FILE", help="write the backup to FILE instead")
    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", nargs="?", help="a STAR database file")
    restore.add_argument("--latest", action="store_true", help="the latest automatic backup")
    sub.add_parser("fresh", help="set an unusable database aside and start a fresh one")


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run ``db ACTION``; returns the exit status (0 or 1).

    Raises:
        StorageError: Shown on one line, exit status 2.
    """
    path = paths.db_path(args.db)
    try:
        return _run_db(args, path, stdout)
    except OSError as exc:  # renaming or replacing a file in a read-only folder
        where = exc.filename or path
        raise StorageError(f"Cannot {_VERBS[args.action]}: {where}: {exc.strerror}.") from None


_VERBS = {
    "check": "check the database",
    "backup": "back up the database",
    "restore": "restore the database",
    "fresh": "start a fresh database",
}


def _run_db(args: argparse.Namespace, path: Path, stdout: TextIO) -> int:
    if args.action == "check":
        problems = backup.check(path)
        if problems:
            stdout.write("".join(f"{problem}\n" for problem in problems))
            return FAILED
        with Store(path) as store:
            count = store.count_drafts()
        stdout.write(f"{path}: sound (schema {SCHEMA_VERSION}, {count} drafts)\n")
        return OK
    if args.action == "backup":
        if not inspect(path)[1]:
            raise StorageError(f"no STAR database at {path} to back up")
        if args.out:
            target = Path(args.out)
            if target.exists():
                raise StorageError(f"{target} already exists; choose a new file name")
            if not target.parent.is_dir():
                raise StorageError(
                    f"cannot back up to {target}: the folder {target.parent} does not exist"
                )
            with Store(path) as store:
                try:
                    backup.copy_database(store.db.conn, target)
                except (sqlite3.Error, OSError) as exc:
                    raise StorageError(f"cannot back up to {target}: {exc}") from None
        else:
            target = backup.make_backup(path)
        stdout.write(f"Backed up {path} to {target}\n")
        return OK
    if args.action == "restore":
        source = backup.latest_backup(path) if args.latest else args.file
        if source is None:
            raise StorageError("give a FILE to restore, or --latest; no usable backup found")
        kept = backup.restore(path, Path(source))
        note = f"; the previous database is kept as {kept}" if kept else ""
        stdout.write(f"Restored {path} from {source}{note}\n")
        return OK
    aside = backup.set_aside(path)
    Store.open(path, sample=not args.no_sample).close()
    note = f"set the old one aside as {aside}" if aside else "there was none before"
    stdout.write(f"Started a fresh database at {path}; {note}\n")
    return OK
