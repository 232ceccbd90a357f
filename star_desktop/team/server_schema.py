# SPDX-License-Identifier: MIT
"""The team server's tables, as numbered migrations kept beside the local ones.

Each program that syncs applies what is missing, in one transaction under an advisory
lock, so two PCs starting together cannot both create a table.
"""

from __future__ import annotations

from typing import Any

#: Statements of each migration, in order; ``team_schema`` records how many are applied.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE SEQUENCE team_seq",
        """CREATE TABLE team_posts (
            uuid uuid PRIMARY KEY,
            author text NOT NULL,
            title text NOT NULL,
            text text NOT NULL,
            platforms jsonb NOT NULL DEFAULT '[]',
            category text,
            scheduled_date date,
            scheduled_time time,
            status text NOT NULL,
            version integer NOT NULL,
            deleted boolean NOT NULL DEFAULT false,
            seq bigint NOT NULL DEFAULT nextval('team_seq'),
            updated_at timestamptz NOT NULL DEFAULT now()
        )""",
        "CREATE INDEX team_posts_by_seq ON team_posts (seq)",
        "CREATE INDEX team_posts_by_date ON team_posts (scheduled_date)",
    ),
    (
        # Months' themes and targets: the latest save wins (one row per month).
        """CREATE TABLE team_months (
            month text PRIMARY KEY,
            theme text NOT NULL,
            focus text NOT NULL,
            targets jsonb NOT NULL,
            author text NOT NULL,
            seq bigint NOT NULL DEFAULT nextval('team_seq'),
            updated_at timestamptz NOT NULL DEFAULT now()
        )""",
        "CREATE INDEX team_months_by_seq ON team_months (seq)",
        # Audit entries (decisions among them): append-only, keyed by their chain hash.
        """CREATE TABLE team_events (
            id text PRIMARY KEY,
            draft_uuid uuid,
            author text NOT NULL,
            at text NOT NULL,
            action text NOT NULL,
            status text NOT NULL,
            detail text NOT NULL,
            seq bigint NOT NULL DEFAULT nextval('team_seq')
        )""",
        "CREATE INDEX team_events_by_seq ON team_events (seq)",
        # Images by content: each stored once however many posts use it.
        """CREATE TABLE team_images (
            sha256 text PRIMARY KEY,
            format text NOT NULL,
            data bytea NOT NULL
        )""",
        "ALTER TABLE team_posts ADD COLUMN images jsonb NOT NULL DEFAULT '[]'",
    ),
)
SERVER_SCHEMA_VERSION = len(MIGRATIONS)
_LOCK_KEY = 0x5741_5254  # "STAR": the advisory lock held while migrating


def migrate(conn: Any) -> int:  # noqa: ANN401 (a psycopg connection)
    """Bring the server's tables up to date; returns how many migrations were applied."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS team_schema (version integer NOT NULL)")
        row = conn.execute("SELECT version FROM team_schema").fetchone()
        if row is None:
            conn.execute("INSERT INTO team_schema VALUES (0)")
            version = 0
        else:
            version = row[0]
        if version > SERVER_SCHEMA_VERSION:
            raise RuntimeError(
                f"the team server's tables are newer (schema {version}) than this STAR "
                f"Desktop reads ({SERVER_SCHEMA_VERSION}): update STAR Desktop"
            )
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                conn.execute(statement)
        conn.execute("UPDATE team_schema SET version = %s", (SERVER_SCHEMA_VERSION,))
    return SERVER_SCHEMA_VERSION - version
