# SPDX-License-Identifier: MIT
"""The ``drafts`` and ``db`` subcommands of ``star-desktop`` (parsing and printing only)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TextIO

from checks import PLATFORMS
from star_desktop import paths
from star_desktop.storage import backup
from star_desktop.storage.db import inspect
from star_desktop.storage.errors import StorageError
from star_desktop.storage.records import CATEGORY_NAMES, Draft, DraftSummary, Status
from star_desktop.storage.schema import SCHEMA_VERSION
from star_desktop.storage.store import UNSET, Store

STATUSES = tuple(s.value for s in Status)
OK, FAILED = 0, 1


def _month(value: str) -> str:
    try:
        dt.date.fromisoformat(value + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid month {value!r}: expected YYYY-MM") from None
    return value


def _time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid time {value!r}: expected HH:MM") from None


class Subcommands(Protocol):
    """The part of argparse's subparsers action that `add_commands` uses."""

    def add_parser(self, name: str, *, help: str) -> argparse.ArgumentParser:  # noqa: D102
        ...


def add_commands(commands: Subcommands, date: Callable[[str], dt.date]) -> None:
    """Add ``drafts`` and ``db`` to the subcommands of the ``star-desktop`` parser.

    Args:
        commands: The parser's subparsers action.
        date: The argument type for ``YYYY-MM-DD`` dates.
    """
    drafts = commands.add_parser("drafts", help="list, add, show and change drafts")
    sub = drafts.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="list drafts in calendar order, or search them")
    listing.add_argument("--month", type=_month, help="only this month, YYYY-MM")
    listing.add_argument("--status", choices=STATUSES, help="only drafts with this status")
    listing.add_argument("--search", metavar="TEXT", help="full-text search, best first")
    listing.add_argument("--json", action="store_true", help="print JSON")
    new = sub.add_parser("new", help="add a draft")
    new.add_argument("--title", required=True)
    new.add_argument("--text-file", metavar="FILE", help="the text, from a file or - for stdin")
    new.add_argument("--platform", action="append", choices=PLATFORMS, help="repeatable")
    new.add_argument("--date", type=date, help="scheduled date, YYYY-MM-DD")
    new.add_argument("--time", type=_time, help="scheduled time, HH:MM")
    new.add_argument("--category", choices=CATEGORY_NAMES, help="Appendix A content category")
    new.add_argument("--json", action="store_true", help="print the draft as JSON")
    show = sub.add_parser("show", help="show a draft")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true", help="print JSON")
    change = sub.add_parser("set", help="change a draft's status, date or category")
    change.add_argument("id", type=int)
    change.add_argument("--status", choices=STATUSES)
    change.add_argument("--date", type=date, help="scheduled date, YYYY-MM-DD")
    change.add_argument("--time", type=_time, help="scheduled time, HH:MM")
    change.add_argument("--category", choices=CATEGORY_NAMES)

    db = commands.add_parser("db", help="check, back up or restore the database")
    sub = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("check", help="exit 0 when the database is sound, 1 when not")
    save = sub.add_parser("backup", help="back up now (default: into the backups folder)")
    save.add_argument("--out", metavar="FILE", help="write the backup to FILE instead")
    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", nargs="?", help="a STAR database file")
    restore.add_argument("--latest", action="store_true", help="the latest automatic backup")
    sub.add_parser("fresh", help="set an unusable database aside and start a fresh one")


def run(
    args: argparse.Namespace,
    stdin: TextIO,
    stdout: TextIO,
    read_text: Callable[[str, TextIO], str],
) -> int:
    """Run ``drafts ACTION`` or ``db ACTION``; returns the exit status (0 or 1).

    Raises:
        StorageError: Shown on one line, exit status 2.
    """
    path = paths.db_path(args.db)
    if args.command == "db":
        return _run_db(args, path, stdout)
    with Store.open(path, sample=not args.no_sample) as store:
        if args.action == "list":
            found = store.list_drafts(month=args.month, status=args.status, search=args.search)
            _print_list(found, args.json, stdout)
        elif args.action == "new":
            text = read_text(args.text_file, stdin) if args.text_file else ""
            draft = store.create_draft(
                args.title, text, platforms=args.platform or (), date=args.date,
                time=args.time, category=args.category,
            )  # fmt: skip
            _print_draft(draft, args.json, stdout, f"Created draft {draft.id}: {draft.title}")
        elif args.action == "show":
            draft = store.get(args.id)
            _print_draft(draft, args.json, stdout, _describe(draft))
        else:
            draft = store.update(
                args.id,
                status=UNSET if args.status is None else args.status,
                date=UNSET if args.date is None else args.date,
                time=UNSET if args.time is None else args.time,
                category=UNSET if args.category is None else args.category,
            )
            stdout.write(f"Draft {draft.id} is now version {draft.version}: {_line(draft)}\n")
    return OK


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
            with Store(path) as store:
                backup.copy_database(store.db.conn, target)
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


def _line(draft: Draft | DraftSummary) -> str:
    date = draft.date.isoformat() if draft.date else "(no date)"
    time = draft.time.isoformat("minutes") if draft.time else ""
    example = "  (example)" if draft.example else ""
    return (
        f"{draft.id:>5}  {date:<10} {time:<5}  {draft.status.value:<9}  "
        f"{draft.category or '-':<23} {draft.title}{example}"
    )


def _print_list(found: list[DraftSummary], as_json: bool, stdout: TextIO) -> None:
    if as_json:
        json.dump([d.to_dict() for d in found], stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
        return
    stdout.write("".join(_line(d) + "\n" for d in found))
    stdout.write(f"{len(found)} draft{'s' if len(found) != 1 else ''}\n")


def _print_draft(draft: Draft, as_json: bool, stdout: TextIO, text: str) -> None:
    if as_json:
        json.dump(draft.to_dict(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(text + "\n")


def _describe(draft: Draft) -> str:
    return "\n".join(
        [
            _line(draft).strip(),
            f"platforms: {', '.join(draft.platforms) or '-'}; "
            f"audiences: {', '.join(draft.audiences) or '-'}; "
            f"version {draft.version}; updated {draft.updated}",
            "",
            draft.text,
        ]
    )
