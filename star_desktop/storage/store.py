# SPDX-License-Identifier: MIT
"""The `Store`: one STAR database, its drafts and their revisions."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from sqlite_utils import Database

from checks import AUDIENCES, PLATFORMS
from star_desktop.storage import audit, backup, file_lock, revisions
from star_desktop.storage import search as search_
from star_desktop.storage.db import (
    applied_unknown,
    configure,
    inspect,
    open_database,
    open_read_only,
    unwritable,
)
from star_desktop.storage.errors import (
    ConflictError,
    InvalidValueError,
    NewerSchemaError,
    ReadOnlyError,
    StorageError,
    UnknownDraftError,
    read_only_error,
    translate,
)
from star_desktop.storage.records import (
    CATEGORY_NAMES,
    Draft,
    DraftSummary,
    Revision,
    Status,
    Transition,
    utc_now,
)
from star_desktop.storage.schema import SCHEMA_VERSION, migrate, migrations, schema_version
from star_desktop.storage.side_tables import SideTables


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


Unset = _Unset
"""The type of `UNSET`, for signatures that pass it on."""
UNSET: Final = _Unset()
"""Marks an argument of `Store.update` as "leave as it is" (None clears a value)."""

EXCERPT = 100
_DRAFT_SQL = (
    "SELECT d.*, p.name AS author FROM drafts d "
    "LEFT JOIN people p ON p.id = d.author_id WHERE d.id = ?"
)
_SUMMARY_COLUMNS = (
    f"d.id, d.title, substr(d.text, 1, {EXCERPT}) AS excerpt, d.platforms, d.category, "
    "d.scheduled_date, d.scheduled_time, d.status, d.version, d.example, "
    "(SELECT count(*) FROM images i WHERE i.draft_id = d.id) AS images"
)


class Store(SideTables):
    """One STAR Desktop database: drafts, revisions, the calendar, people and the rest.

    Build it from a path (the file is checked, created if missing and upgraded) or
    from an ``sqlite_utils.Database`` (tests pass ``Database(memory=True)``). Every
    write is one ``BEGIN IMMEDIATE`` transaction; a failed write raises a typed
    `StorageError` subclass and leaves the database as it was.

    A sound, current database that this program cannot change (the file, its folder or
    the disk is read-only) is opened read-only: everything reads as usual, and every
    change raises `ReadOnlyError` (a `SaveError`) before anything is tried.

    Attributes:
        db: The sqlite-utils database.
        path: The database file, or None in memory.
        read_only_reason: Why, in words ("its folder /media/x cannot be written"), or
            None when it can be written.
        created: True when this open created the schema (a first run).
        upgraded: Names of the migrations this open applied.
    """

    def __init__(self, database: Database | str | Path, *, read_only: bool = False) -> None:
        """Open ``database``; ``read_only`` opens it for reading even where it could be written.

        Raises:
            ReadOnlyError: The database needs upgrading for this version but cannot be
                written (it is left untouched).
        """
        forced = "it was opened for reading only" if read_only else None
        if isinstance(database, Database):
            self.path: Path | None = None
            self.db = database
            self.read_only_reason = forced
            if read_only:
                self.db.execute("PRAGMA query_only = ON")
            else:
                configure(self.db)
        else:
            self.path = Path(database)
            self.read_only_reason = unwritable(self.path) or forced
            self.db = open_read_only(self.path) if self.read_only else open_database(self.path)
        try:
            self._upgrade()
        except BaseException:
            self.db.close()
            raise

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        sample: bool = True,
        backup_on_start: bool = False,
        today: dt.date | None = None,
    ) -> Store:
        """Open the app's database: first run fills the sample calendar unless ``sample`` is off.

        A database that cannot be written is opened read-only (see `Store`), with no
        backup (it cannot change, and its folder may take none).

        Args:
            path: The database file (see `star_desktop.paths.db_path`).
            sample: Fill the sample content calendar when the database is new.
            backup_on_start: Make an automatic backup first (the app does; the last
                five are kept beside the database in ``backups/``).
            today: The date the sample calendar starts from (default today).
        """
        path = Path(path)
        # One program at a time creates or upgrades the file; one that cannot make the
        # lock file (a read-only folder) only reads.
        with file_lock.holding(path) as locked:
            read_only = not locked or unwritable(path) is not None
            if backup_on_start and not read_only and inspect(path)[1]:
                backup.make_backup(path)
            store = cls(path, read_only=read_only)
            if store.created and sample:
                from star_desktop.storage.sample import fill_sample

                fill_sample(store, today or dt.date.today())
        return store

    def _upgrade(self) -> None:
        version = schema_version(self.db)
        unknown = applied_unknown(self.db)
        if version > SCHEMA_VERSION or unknown:
            raise NewerSchemaError(
                f"{self.path or 'The database'} was saved by a newer STAR Desktop "
                f"(schema {version}, {', '.join(unknown) or 'unknown'}); this version "
                f"reads up to {SCHEMA_VERSION}. It has been left untouched.",
                self.path,
                version,
                SCHEMA_VERSION,
            )
        if self.read_only:
            self._require_current(version)
            return
        self.created = version == 0
        if 0 < version < SCHEMA_VERSION and self.path is not None:
            backup.make_backup(self.path, source=self.db.conn, label="before-upgrade")
        try:
            self.upgraded = migrate(self.db)
        except sqlite3.Error as exc:
            raise translate(exc, self.path, "upgrade the database") from None

    @property
    def read_only(self) -> bool:
        """True when the database is open for reading only (see `read_only_reason`)."""
        return self.read_only_reason is not None

    def _require_current(self, version: int) -> None:
        """Refuse a database opened read-only that this version would have to upgrade."""
        pending = migrations.pending(self.db)
        if pending or version < SCHEMA_VERSION:
            raise ReadOnlyError(
                f"{self.path or 'The database'} needs updating for this version of STAR "
                f"Desktop (schema {version} to {SCHEMA_VERSION}), but it is read-only "
                f"({self.read_only_reason}). It has been left untouched.",
                self.path,
            )
        self.created, self.upgraded = False, []

    def require_writable(self, action: str = "save") -> None:
        """Raise `ReadOnlyError` when the database is open read-only (``action`` for its message).

        `write` does this first; call it before work that should not start when the
        change cannot be saved (copying an image in, sending to a server).
        """
        if self.read_only_reason is not None:
            raise read_only_error(self.path, action, self.read_only_reason)

    def close(self) -> None:
        """Close the database (the WAL is checkpointed by SQLite on the last close)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self, action: str = "save") -> Iterator[Database]:
        """One write transaction (``BEGIN IMMEDIATE``); SQLite errors become typed errors.

        Args:
            action: A verb for error messages, such as ``"save"``.

        Raises:
            ReadOnlyError: The database is open read-only; nothing was tried.
            SaveError: SQLite could not write (typed by `translate`); nothing was written.
        """
        self.require_writable(action)
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise translate(exc, self.path, action) from None

    # drafts

    def create_draft(
        self,
        title: str,
        text: str = "",
        *,
        platforms: Iterable[str] = (),
        audiences: Iterable[str] = (),
        category: str | None = None,
        date: dt.date | None = None,
        time: dt.time | None = None,
        author: str | None = None,
        status: Status | str = Status.DRAFT,
        example: bool = False,
    ) -> Draft:
        """Add a draft at version 1 (its text is the first revision) and return it."""
        values = _validated(
            platforms=platforms, audiences=audiences, category=category, status=status
        )
        now = utc_now()
        with self.write("create the draft") as db:
            author_id = self._person_id(author) if author else None
            cursor = db.execute(
                "INSERT INTO drafts (title, text, platforms, audiences, category, "
                "scheduled_date, scheduled_time, status, author_id, created, updated, "
                "version, example) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                (title, text, values["platforms"], values["audiences"], category,
                 _iso(date), _hhmm(time), values["status"], author_id, now, now,
                 int(example)),
            )  # fmt: skip
            draft_id = int(cursor.lastrowid or 0)
            self._add_revision(draft_id, 1, None, text, now)
            audit.append(db, now, author or "", "create", draft_id, values["status"] or "", "")
        return self.get(draft_id)

    def get(self, draft_id: int) -> Draft:
        """The draft with this id; `UnknownDraftError` if there is none."""
        cursor = self.db.execute(_DRAFT_SQL, (draft_id,))
        row = cursor.fetchone()
        if row is None:
            raise UnknownDraftError(draft_id)
        names = [c[0] for c in cursor.description]
        return _draft(dict(zip(names, row, strict=True)))

    def save_text(self, draft_id: int, text: str, *, version: int) -> int:
        """Save the text the author typed; the editor's autosave calls this.

        Args:
            draft_id: The draft.
            text: The whole text as it is now.
            version: The version the editor loaded or last saved.

        Returns:
            The new version (unchanged when the text is unchanged).

        Raises:
            ConflictError: The draft was saved elsewhere since ``version``.
            SaveError: Read-only, full disk or locked: nothing was written; keep the text.
            UnknownDraftError: The draft was deleted.
        """
        with self.write() as db:
            row = db.execute(
                "SELECT version, text FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            if row is None:
                raise UnknownDraftError(draft_id)
            current, old = row
            if current != version:
                raise ConflictError(draft_id, version, current, old, text)
            if old == text:
                return int(current)
            now = utc_now()
            db.execute(
                "UPDATE drafts SET text = ?, version = ?, updated = ? WHERE id = ?",
                (text, version + 1, now, draft_id),
            )
            self._add_revision(draft_id, version + 1, old, text, now)
        return version + 1

    def update(
        self,
        draft_id: int,
        *,
        version: int | None = None,
        title: str | _Unset = UNSET,
        date: dt.date | _Unset | None = UNSET,
        time: dt.time | _Unset | None = UNSET,
        category: str | _Unset | None = UNSET,
        platforms: Iterable[str] | _Unset = UNSET,
        audiences: Iterable[str] | _Unset = UNSET,
    ) -> Draft:
        """Change a draft's details (not its text, nor its status); returns the new draft.

        Args:
            draft_id: The draft.
            version: The version the caller loaded; None skips the conflict check.
            title: New values; arguments left out are unchanged, None clears.
            date: As title.
            time: As title.
            category: As title.
            platforms: As title.
            audiences: As title.
        """
        changes: dict[str, Any] = {}
        if not isinstance(title, _Unset):
            changes["title"] = title
        if not isinstance(date, _Unset):
            changes["scheduled_date"] = _iso(date)
        if not isinstance(time, _Unset):
            changes["scheduled_time"] = _hhmm(time)
        checked = _validated(
            platforms=None if isinstance(platforms, _Unset) else platforms,
            audiences=None if isinstance(audiences, _Unset) else audiences,
            category=None if isinstance(category, _Unset) else category,
        )
        for key in ("platforms", "audiences"):
            if checked.get(key) is not None:
                changes[key] = checked[key]
        if not isinstance(category, _Unset):
            changes["category"] = category
        with self.write() as db:
            row = db.execute(
                "SELECT version, text FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            if row is None:
                raise UnknownDraftError(draft_id)
            if version is not None and row[0] != version:
                raise ConflictError(draft_id, version, row[0], row[1], None)
            if changes:
                changes.update(version=row[0] + 1, updated=utc_now())
                sets = ", ".join(f"{name} = ?" for name in changes)
                db.execute(f"UPDATE drafts SET {sets} WHERE id = ?", [*changes.values(), draft_id])
        return self.get(draft_id)

    def set_status(
        self,
        draft_id: int,
        status: Status,
        *,
        version: int,
        action: str,
        person: str = "",
        reason: str = "",
    ) -> Draft:
        """Move a draft to ``status`` and record the change, in one transaction.

        Only the drafts service calls this: it decides whether the change is allowed.

        Raises:
            ConflictError: The draft changed since ``version``.
        """
        status = Status(status)
        with self.write("change the status") as db:
            row = db.execute(
                "SELECT version, text, status FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            if row is None:
                raise UnknownDraftError(draft_id)
            if row[0] != version:
                raise ConflictError(draft_id, version, row[0], row[1], None)
            now = utc_now()
            db.execute(
                "UPDATE drafts SET status = ?, version = ?, updated = ? WHERE id = ?",
                (status.value, version + 1, now, draft_id),
            )
            self._record_transition(draft_id, action, Status(row[2]), status, person, reason, now)
            audit.append(db, now, person, action, draft_id, status.value, reason)
        return self.get(draft_id)

    def _record_transition(
        self,
        draft_id: int,
        action: str,
        old: Status,
        new: Status,
        person: str,
        reason: str,
        at: str,
    ) -> None:
        self.db.execute(
            "INSERT INTO transitions (draft_id, action, from_status, to_status, person, "
            "reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (draft_id, action, old.value, new.value, person, reason, at),
        )

    def transitions(self, draft_id: int) -> list[Transition]:
        """Every status change of a draft, oldest first (kept after it is deleted)."""
        rows = self.db.execute(
            "SELECT id, draft_id, action, from_status, to_status, person, reason, at "
            "FROM transitions WHERE draft_id = ? ORDER BY id",
            (draft_id,),
        )
        return [
            Transition(i, d, a, Status(f), Status(t), p, r, at) for i, d, a, f, t, p, r, at in rows
        ]

    def delete_draft(
        self, draft_id: int, *, version: int | None = None, person: str = "", reason: str = ""
    ) -> None:
        """Delete a draft with its revisions, images, overrides and approvals.

        The deletion itself is recorded in the transitions table, which keeps it.
        """
        with self.write("delete the draft") as db:
            row = db.execute(
                "SELECT version, text, status FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            if row is None:
                raise UnknownDraftError(draft_id)
            if version is not None and row[0] != version:
                raise ConflictError(draft_id, version, row[0], row[1], None)
            db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            old, now = Status(row[2]), utc_now()
            self._record_transition(draft_id, "delete", old, old, person, reason, now)
            audit.append(db, now, person, "delete", draft_id, audit.DELETED, reason)

    def record(self, action: str, draft_id: int, person: str, detail: str) -> None:
        """Add an audit entry for something that changes no status (export, import)."""
        with self.write("record it in the audit log") as db:
            audit.append(db, utc_now(), person, action, draft_id, "", detail)

    def list_drafts(
        self,
        *,
        month: str | None = None,
        status: Status | str | None = None,
        search: str | None = None,
        limit: int | None = None,
        archived: bool = False,
        unscheduled: bool = False,
    ) -> list[DraftSummary]:
        """Drafts in calendar order, or by relevance when ``search`` is given.

        Args:
            month: ``YYYY-MM``: only drafts scheduled in that month.
            status: Only drafts with this status.
            search: Words to find (all of them, by stem) in the title or text; the
                results are ranked, a title match counting ten times a text match,
                among the newest `search.WINDOW` matches.
            limit: At most this many.
            archived: Include archived drafts (asking for ``status="archived"`` does too).
            unscheduled: Only drafts with no date (the calendar's tray).
        """
        where: list[str] = []
        params: list[Any] = []
        if month is not None:
            first = _month_start(month)
            where.append("d.scheduled_date >= ? AND d.scheduled_date < ?")
            params += [first.isoformat(), _next_month(first).isoformat()]
        if unscheduled:
            where.append("d.scheduled_date IS NULL")
        if status is not None:
            where.append("d.status = ?")
            params.append(_validated(status=status)["status"])
        elif not archived:
            where.append("d.status != 'archived'")
        if search is not None:
            query = search_.fts_query(search)
            if not query:
                return []
            rows = self.db.execute(search_.search_sql(_SUMMARY_COLUMNS, where), [query, *params])
            ranked = search_.rank(rows.fetchall())
            return [_summary(row) for row in ranked[:limit]]
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM drafts d"
        if where:
            sql += " WHERE " + " AND ".join(where)
        undated_last = "" if month else "d.scheduled_date IS NULL, "
        sql += f" ORDER BY {undated_last}d.scheduled_date, d.scheduled_time, d.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_summary(row) for row in self.db.execute(sql, params).fetchall()]

    def newest_id(self, status: Status) -> int | None:
        """The id of the draft with ``status`` made last, or None."""
        row = self.db.execute(
            "SELECT id FROM drafts WHERE status = ? ORDER BY id DESC LIMIT 1", (status.value,)
        ).fetchone()
        return int(row[0]) if row else None

    def count_drafts(self) -> int:
        """How many drafts there are."""
        return int(self.db.execute("SELECT count(*) FROM drafts").fetchone()[0])

    # revisions

    def revisions(self, draft_id: int) -> list[Revision]:
        """Every saved text of a draft, oldest first."""
        rows = self.db.execute(
            "SELECT version, saved, full, keep_start, keep_end, body FROM revisions "
            "WHERE draft_id = ? ORDER BY version",
            (draft_id,),
        ).fetchall()
        out: list[Revision] = []
        text = ""
        for version, saved, full, keep_start, keep_end, body in rows:
            text = (
                body if full else revisions.apply(text, revisions.Delta(keep_start, keep_end, body))
            )
            out.append(Revision(draft_id, version, saved, text))
        return out

    def _add_revision(
        self, draft_id: int, version: int, old: str | None, new: str, saved: str
    ) -> None:
        count = self.db.execute(
            "SELECT count(*) FROM revisions WHERE draft_id = ?", (draft_id,)
        ).fetchone()[0]
        if old is None or count % revisions.SNAPSHOT_EVERY == 0:
            delta, full = revisions.Delta(0, 0, new), 1
        else:
            delta, full = revisions.diff(old, new), 0
        self.db.execute(
            "INSERT INTO revisions (draft_id, version, saved, full, keep_start, keep_end, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (draft_id, version, saved, full, delta.keep_start, delta.keep_end, delta.body),
        )


def _validated(
    *,
    platforms: Iterable[str] | None = None,
    audiences: Iterable[str] | None = None,
    category: str | None = None,
    status: Status | str | None = None,
) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key, value, allowed in (
        ("platforms", platforms, PLATFORMS),
        ("audiences", audiences, AUDIENCES),
    ):
        if value is not None:
            items = list(dict.fromkeys(value))
            bad = [item for item in items if item not in allowed]
            if bad:
                raise InvalidValueError(f"unknown {key[:-1]} {bad[0]!r}: use {', '.join(allowed)}")
            out[key] = json.dumps(items)
    if category is not None and category not in CATEGORY_NAMES:
        raise InvalidValueError(f"unknown category {category!r}: use {', '.join(CATEGORY_NAMES)}")
    if status is not None:
        try:
            out["status"] = Status(status).value
        except ValueError:
            names = ", ".join(s.value for s in Status)
            raise InvalidValueError(f"unknown status {status!r}: use {names}") from None
    return out


def _month_start(month: str) -> dt.date:
    try:
        return dt.date.fromisoformat(month + "-01")
    except ValueError:
        raise InvalidValueError(f"invalid month {month!r}: expected YYYY-MM") from None


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _hhmm(time: dt.time | None) -> str | None:
    return time.isoformat("minutes") if time else None


# Lists convert hundreds of rows that share a few dates, times and platform sets.
@functools.lru_cache(maxsize=1024)
def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@functools.lru_cache(maxsize=256)
def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


@functools.lru_cache(maxsize=256)
def _names(value: str) -> tuple[str, ...]:
    return tuple(json.loads(value))


_STATUS = {status.value: status for status in Status}


def _draft(row: dict[str, Any]) -> Draft:
    return Draft(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        platforms=tuple(json.loads(row["platforms"])),
        audiences=tuple(json.loads(row["audiences"])),
        category=row["category"],
        date=_date(row["scheduled_date"]),
        time=_time(row["scheduled_time"]),
        status=Status(row["status"]),
        author=row["author"],
        created=row["created"],
        updated=row["updated"],
        version=row["version"],
        example=bool(row["example"]),
    )


def _summary(row: Sequence[Any]) -> DraftSummary:
    draft_id, title, excerpt, platforms, category, date, time, status, version, example, n = row
    return DraftSummary(
        id=draft_id,
        title=title,
        excerpt=excerpt,
        platforms=_names(platforms),
        category=category,
        date=_date(date),
        time=_time(time),
        status=_STATUS[status],
        version=version,
        example=bool(example),
        images=n,
    )


__all__ = ["UNSET", "StorageError", "Store"]
