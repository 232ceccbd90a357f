# SPDX-License-Identifier: MIT
"""The schema as named, ordered migrations (sqlite-utils ``Migrations``); never edit one."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x53544152  # "STAR": marks a STAR Desktop database in the file header
MIGRATION_SET = "star-desktop"
_Step = Callable[[Database], None]

migrations = Migrations(MIGRATION_SET)
_names: list[str] = []


def _migration(name: str, *, transactional: bool = True) -> Callable[[_Step], _Step]:
    _names.append(name)
    return migrations(name=name, transactional=transactional)


def _stamp(db: Database, version: int) -> None:
    # user_version mirrors the number of migrations applied, so an older program can
    # see at a glance (in the file header) that a database is newer than it knows.
    db.execute(f"PRAGMA user_version = {int(version)}")


@_migration("0001_initial")
def initial(db: Database) -> None:
    """The first schema: drafts, revisions, calendar, people, approvals, images, overrides."""
    db.executescript(
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            dp_training TEXT
        );
        CREATE TABLE months (
            month TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
            theme TEXT NOT NULL,
            focus TEXT NOT NULL DEFAULT '',
            example INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE month_targets (
            month TEXT NOT NULL REFERENCES months(month) ON DELETE CASCADE,
            platform TEXT NOT NULL,
            posts INTEGER NOT NULL CHECK (posts >= 0),
            PRIMARY KEY (month, platform)
        );
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            platforms TEXT NOT NULL DEFAULT '[]',
            audiences TEXT NOT NULL DEFAULT '[]',
            category TEXT,
            scheduled_date TEXT,
            scheduled_time TEXT,
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'submitted', 'approved', 'published', 'rejected')),
            author_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            example INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            saved TEXT NOT NULL,
            full INTEGER NOT NULL,
            keep_start INTEGER NOT NULL DEFAULT 0,
            keep_end INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL
        );
        CREATE TABLE approvals (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            decision TEXT NOT NULL CHECK (decision IN ('approve', 'changes', 'reject')),
            approver TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            text_sha256 TEXT NOT NULL,
            decided TEXT NOT NULL
        );
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            alt TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE overrides (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            check_id TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            person TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'event',
            date TEXT NOT NULL,
            location TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            example INTEGER NOT NULL DEFAULT 0
        );
        """
    )
    db.table("drafts").create_index(["scheduled_date", "scheduled_time"], "drafts_by_schedule")
    db.table("drafts").create_index(["status", "scheduled_date"], "drafts_by_status")
    db.table("drafts").create_index(["updated"], "drafts_by_updated")
    db.table("drafts").create_index(["author_id"], "drafts_by_author")
    db.table("revisions").create_index(["draft_id", "version"], "revisions_by_draft", unique=True)
    for table in ("approvals", "images", "overrides"):
        db.table(table).create_index(["draft_id"], f"{table}_by_draft")
    db.table("events").create_index(["date"], "events_by_date")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _stamp(db, 1)


_FTS_TRIGGERS = (
    """CREATE TRIGGER drafts_fts_insert AFTER INSERT ON drafts BEGIN
      INSERT INTO drafts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER drafts_fts_delete AFTER DELETE ON drafts BEGIN
      INSERT INTO drafts_fts (drafts_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER drafts_fts_update AFTER UPDATE OF title, text ON drafts BEGIN
      INSERT INTO drafts_fts (drafts_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
      INSERT INTO drafts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
)


@_migration("0002_full_text_search")
def full_text_search(db: Database) -> None:
    """Ranked full-text search over title and text, kept in step by triggers."""
    db.table("drafts").enable_fts(
        ["title", "text"], tokenize="porter unicode61 remove_diacritics 2", create_triggers=False
    )
    # Own triggers rather than enable_fts's: the index is touched only when the title
    # or the text changes, not when a status or a date does.
    for statement in _FTS_TRIGGERS:
        db.execute(statement)
    _stamp(db, 2)


#: Every status a draft can have (`records.Status`); the drafts table checks it.
STATUSES = (
    "draft",
    "submitted",
    "approved",
    "changes_requested",
    "rejected",
    "published",
    "archived",
)


@_migration("0003_workflow", transactional=False)
def workflow(db: Database) -> None:
    """The workflow's statuses, its record of status changes, and the author's profile.

    Draft ids are never reused (AUTOINCREMENT): the record of a deleted draft's status
    changes must not become another draft's history.

    SQLite cannot change a CHECK constraint in place, so the drafts table is rebuilt
    (the documented twelve steps: foreign keys off, copy, swap, check, foreign keys on).
    That needs foreign keys off, which cannot change inside a transaction, so this step
    runs its own; it is safe to run twice (a crash before its record is written).
    """
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _workflow_tables(db)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise sqlite3.IntegrityError(f"foreign keys broken by the upgrade: {problems}")
            _stamp(db, 3)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _workflow_tables(db: Database) -> None:
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'drafts'").fetchone()[0]
    if "changes_requested" not in sql:  # not rebuilt yet
        statuses = ", ".join(f"'{s}'" for s in STATUSES)
        # One statement at a time: executescript would commit the transaction first.
        for statement in (
            f"""CREATE TABLE drafts_new (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                platforms TEXT NOT NULL DEFAULT '[]',
                audiences TEXT NOT NULL DEFAULT '[]',
                category TEXT,
                scheduled_date TEXT,
                scheduled_time TEXT,
                status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ({statuses})),
                author_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
                created TEXT NOT NULL,
                updated TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                example INTEGER NOT NULL DEFAULT 0
            )""",
            "INSERT INTO drafts_new SELECT id, title, text, platforms, audiences, category, "
            "scheduled_date, scheduled_time, status, author_id, created, updated, version, "
            "example FROM drafts",
            "DROP TABLE drafts",
            "ALTER TABLE drafts_new RENAME TO drafts",
            "CREATE INDEX drafts_by_schedule ON drafts (scheduled_date, scheduled_time)",
            "CREATE INDEX drafts_by_status ON drafts (status, scheduled_date)",
            "CREATE INDEX drafts_by_updated ON drafts (updated)",
            "CREATE INDEX drafts_by_author ON drafts (author_id)",
            *_FTS_TRIGGERS,
        ):
            db.execute(statement)
    # A status change is never deleted with its draft: the record outlives a deletion.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS transitions (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            person TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS transitions_by_draft ON transitions (draft_id, id)")
    db.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@_migration("0004_images")
def image_details(db: Database) -> None:
    """What an attached image is, what was stripped from it, and the author's checks.

    ``people`` is '' until answered, then ``none``, ``adults`` or ``children``; a
    consent reference is needed for identifiable people.
    """
    for column, definition in (
        ("original", "TEXT NOT NULL DEFAULT ''"),
        ("width", "INTEGER NOT NULL DEFAULT 0"),
        ("height", "INTEGER NOT NULL DEFAULT 0"),
        ("format", "TEXT NOT NULL DEFAULT ''"),
        ("bytes", "INTEGER NOT NULL DEFAULT 0"),
        ("removed", "TEXT NOT NULL DEFAULT '[]'"),
        ("no_personal", "INTEGER NOT NULL DEFAULT 0"),
        ("no_security", "INTEGER NOT NULL DEFAULT 0"),
        ("people", "TEXT NOT NULL DEFAULT '' CHECK (people IN ('', 'none', 'adults', 'children'))"),
        ("consent", "TEXT NOT NULL DEFAULT ''"),
        ("confirmed_by", "TEXT NOT NULL DEFAULT ''"),
        ("confirmed_at", "TEXT NOT NULL DEFAULT ''"),
    ):
        db.execute(f"ALTER TABLE images ADD COLUMN {column} {definition}")
    _stamp(db, 4)


@_migration("0005_audit_log")
def audit_log(db: Database) -> None:
    """The append-only, hash-chained audit log (`star_desktop.storage.audit`)."""
    db.execute(
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            person TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            draft_id INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            previous TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX audit_by_draft ON audit (draft_id, id)")
    # Entries are never changed or removed by the app; a hand edit breaks the chain.
    db.execute(
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    # The drafts already there start the log, each with its status as found.
    from star_desktop.storage import audit

    now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    for draft_id, status in db.execute("SELECT id, status FROM drafts ORDER BY id").fetchall():
        audit.append(db, now, "", "baseline", draft_id, status, "status when the log began")
    _stamp(db, 5)


@_migration("0006_engagement")
def engagement(db: Database) -> None:
    """Engagement figures of published posts, per platform, as the author records them."""
    db.execute(
        """
        CREATE TABLE engagement (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            platform TEXT NOT NULL,
            impressions INTEGER NOT NULL DEFAULT 0 CHECK (impressions >= 0),
            engagements INTEGER NOT NULL DEFAULT 0 CHECK (engagements >= 0),
            clicks INTEGER NOT NULL DEFAULT 0 CHECK (clicks >= 0),
            recorded TEXT NOT NULL,
            UNIQUE (draft_id, platform)
        )
        """
    )
    _stamp(db, 6)


@_migration("0007_team")
def team(db: Database) -> None:
    """What sharing the calendar with a team server needs (`star_desktop.team`).

    Every draft gets a stable id (a UUID, the same on every PC), set by a trigger on
    insert so no door can forget it; ``team_state`` says which version of each draft
    the server has (a draft whose version is newer waits to be sent: the outbox);
    ``team_posts`` holds the other authors' posts, read-only here; ``team_conflicts``
    keeps the server's copy of a draft edited on two PCs until its author chooses.
    """
    new_uuid = (
        "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
        "substr(lower(hex(randomblob(2))), 2) || '-' || "
        "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) "
        "|| '-' || lower(hex(randomblob(6)))"
    )
    db.execute("ALTER TABLE drafts ADD COLUMN uuid TEXT")
    db.execute(f"UPDATE drafts SET uuid = {new_uuid}")
    db.execute("CREATE UNIQUE INDEX drafts_by_uuid ON drafts (uuid)")
    db.execute(
        "CREATE TRIGGER drafts_uuid AFTER INSERT ON drafts WHEN NEW.uuid IS NULL "
        f"BEGIN UPDATE drafts SET uuid = {new_uuid} WHERE id = NEW.id; END"
    )
    db.execute(
        """
        CREATE TABLE team_state (
            draft_uuid TEXT PRIMARY KEY,
            sent_version INTEGER NOT NULL,
            server_version INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE team_posts (
            uuid TEXT PRIMARY KEY,
            author TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            platforms TEXT NOT NULL DEFAULT '[]',
            category TEXT,
            scheduled_date TEXT,
            scheduled_time TEXT,
            status TEXT NOT NULL,
            server_version INTEGER NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX team_posts_by_date ON team_posts (scheduled_date)")
    db.execute(
        """
        CREATE TABLE team_conflicts (
            draft_uuid TEXT PRIMARY KEY,
            server_version INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            found TEXT NOT NULL
        )
        """
    )
    _stamp(db, 7)


@_migration("0008_team_deletions")
def team_deletions(db: Database) -> None:
    """A deleted draft the team server has seen waits in ``team_deleted`` to be removed there.

    A trigger records it, so no way of deleting a draft can leave its post on the team
    calendar; a draft never sent leaves nothing behind.
    """
    db.execute("CREATE TABLE team_deleted (uuid TEXT PRIMARY KEY, server_version INTEGER)")
    db.execute(
        "CREATE TRIGGER drafts_team_deleted AFTER DELETE ON drafts "
        "WHEN OLD.uuid IN (SELECT draft_uuid FROM team_state) BEGIN "
        "INSERT INTO team_deleted SELECT draft_uuid, server_version "
        "FROM team_state WHERE draft_uuid = OLD.uuid "
        "AND OLD.uuid NOT IN (SELECT uuid FROM team_deleted); "
        "DELETE FROM team_state WHERE draft_uuid = OLD.uuid; "
        "DELETE FROM team_conflicts WHERE draft_uuid = OLD.uuid; END"
    )
    _stamp(db, 8)


@_migration("0009_team_shared")
def team_shared(db: Database) -> None:
    """What the team shares besides drafts: months, images and the audit log's events.

    Triggers mark a month whose theme or targets changed here (not the sample's) and a
    draft whose images changed, so the next sync sends them whatever door changed them;
    ``team_events`` holds the other authors' audit entries (decisions among them),
    ``team_images`` the images of their posts, stored once by SHA-256.
    """
    db.execute("CREATE TABLE team_months_dirty (month TEXT PRIMARY KEY)")
    # Not INSERT OR IGNORE: a trigger's conflict clause gives way to the outer statement's.
    mark = (
        "INSERT INTO team_months_dirty SELECT month FROM months "
        "WHERE month = {row}.month AND example = 0 "
        "AND month NOT IN (SELECT month FROM team_months_dirty)"
    )
    for table, event, row in (
        ("months", "INSERT", "NEW"),
        ("months", "UPDATE", "NEW"),
        ("month_targets", "INSERT", "NEW"),
        ("month_targets", "DELETE", "OLD"),
    ):
        db.execute(
            f"CREATE TRIGGER {table}_team_{event.lower()} AFTER {event} ON {table} "
            f"BEGIN {mark.format(row=row)}; END"
        )
    db.execute("CREATE TABLE team_images_dirty (draft_id INTEGER PRIMARY KEY)")
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE OF alt, position", "NEW")):
        name = event.split()[0].lower()
        db.execute(
            f"CREATE TRIGGER images_team_{name} AFTER {event} ON images "
            f"BEGIN INSERT INTO team_images_dirty SELECT {row}.draft_id "
            f"WHERE {row}.draft_id NOT IN (SELECT draft_id FROM team_images_dirty); END"
        )
    db.execute(
        """
        CREATE TABLE team_events (
            id TEXT PRIMARY KEY,
            draft_uuid TEXT,
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX team_events_by_post ON team_events (draft_uuid, at)")
    db.execute("ALTER TABLE team_posts ADD COLUMN images TEXT NOT NULL DEFAULT '[]'")
    db.execute(
        "CREATE TABLE team_images (sha256 TEXT PRIMARY KEY, format TEXT NOT NULL, data BLOB)"
    )
    _stamp(db, 9)


MIGRATION_NAMES: tuple[str, ...] = tuple(_names)
SCHEMA_VERSION = len(MIGRATION_NAMES)


def schema_version(db: Database) -> int:
    """The schema version recorded in the file header (0 for a new, empty database)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> list[str]:
    """Apply every pending migration, each in its own transaction; returns their names."""
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        migrations.apply(db)
    return pending
