# SPDX-License-Identifier: MIT
"""Send this PC's changed drafts to the team server and fetch everyone else's posts.

Local first: nothing here is needed to write a draft. A draft is waiting when its local
version is newer than the one last sent (``team_state``). Sending is one upsert per
draft that succeeds only over the server version this PC last saw: a draft changed on
the server since (its author edited it on another PC) is not overwritten but kept in
``team_conflicts`` for the author to choose. Fetching reads the server's rows changed
since the last fetch (a sequence number, ``team/cursor``) into ``team_posts``, the
other authors' posts, read-only here. A server that cannot be reached changes nothing:
the drafts wait, and `status` says how many.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from star_desktop.storage import Store
from star_desktop.team import server_schema, shared

#: Seconds to wait for the server before calling it unreachable.
CONNECT_TIMEOUT = 3
_CURSOR = "team/cursor"


class TeamUnreachableError(Exception):
    """The team server cannot be reached now (offline, down, refused)."""


@dataclasses.dataclass(frozen=True, slots=True)
class SyncResult:
    """What one sync did, and what is left: drafts in conflict and changes waiting."""

    sent: int
    fetched: int
    conflicts: int
    waiting: int
    #: Months and history entries fetched besides posts (the calendar changes too).
    updated: int = 0


class TeamSync:
    """Sync one local database with the team server at ``url``, as ``author``."""

    def __init__(self, store: Store, url: str, author: str) -> None:
        """Remember the store, the server's address and whose drafts these are."""
        self.store = store
        self.url = url
        self.author = author

    # what is waiting

    def waiting(self) -> int:
        """Drafts changed or deleted here since they were last sent (the outbox's length)."""
        row = self.store.db.execute(
            f"SELECT (SELECT count(*) {_WAITING}) + (SELECT count(*) FROM team_deleted)"
        ).fetchone()
        return int(row[0]) + shared.waiting(self.store, _WAITING)

    # syncing

    def sync(self) -> SyncResult:
        """Send what waits, then fetch what changed; `TeamUnreachableError` when offline.

        The connection can drop at any point (the server restarts, the network goes):
        each draft is one server transaction and is marked sent here only after it, so
        the next sync resends what was not acknowledged, and a resend that finds its own
        copy already there is taken as sent, not as a conflict.
        """
        import psycopg

        self.store.require_writable("sync with the team server")
        try:
            with self._connect() as conn:
                server_schema.migrate(conn)
                sent = self._send(conn) + self._send_deletions(conn)
                sent += shared.send_months(self.store, conn, self.author)
                shared.send_events(self.store, conn)  # part of the changes counted
                fetched = self._fetch(conn)
                updated = shared.fetch_months(self.store, conn)
                updated += shared.fetch_events(self.store, conn)
                updated += shared.fetch_images(self.store, conn)
        except psycopg.OperationalError as exc:  # the connection dropped mid-sync
            raise TeamUnreachableError(str(exc).strip().splitlines()[0]) from None
        return SyncResult(sent, fetched, self.in_conflict(), self.waiting(), updated)

    def in_conflict(self) -> int:
        """Drafts held back because they changed here and on the server (new or not)."""
        return int(self.store.db.execute("SELECT count(*) FROM team_conflicts").fetchone()[0])

    def _connect(self) -> Any:  # noqa: ANN401 (a psycopg connection)
        import psycopg  # only when a team server is configured

        try:
            return psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT, autocommit=True)
        except psycopg.OperationalError as exc:
            raise TeamUnreachableError(str(exc).strip().splitlines()[0]) from None

    def _send(self, conn: Any) -> int:  # noqa: ANN401
        rows = self.store.db.execute(
            "SELECT d.id, d.uuid, d.title, d.text, d.platforms, d.category, d.scheduled_date, "
            f"d.scheduled_time, d.status, d.version, coalesce(s.server_version, 0) {_WAITING} "
            "ORDER BY d.id"
        ).fetchall()
        sent = 0
        for row in rows:
            values = dict(zip(_SENT_COLUMNS, row, strict=True))
            draft_id, uuid, version = values.pop("draft_id"), values["uuid"], values.pop("version")
            values.update(author=self.author, images=shared.image_list(self.store, draft_id))
            with conn.transaction():
                shared.upload_images(self.store, conn, draft_id)
                accepted = conn.execute(_UPSERT, values).fetchone()
                if accepted is None:  # sent before, unacknowledged? else changed there
                    accepted = conn.execute(_SAME, values).fetchone()
                if accepted is None:
                    server = conn.execute(
                        "SELECT version, title, text FROM team_posts WHERE uuid = %s", (uuid,)
                    ).fetchone()
            if accepted is None:
                self._note_conflict(uuid, server)
                continue
            self._record_sent(uuid, version, accepted[0], draft_id)
            sent += 1
        return sent

    def _record_sent(self, uuid: str, version: int, server_version: int, draft_id: int) -> None:
        with self.store.write("note what the team server has") as db:
            db.execute("DELETE FROM team_images_dirty WHERE draft_id = ?", (draft_id,))
            db.execute(
                "INSERT INTO team_state (draft_uuid, sent_version, server_version) "
                "VALUES (?, ?, ?) ON CONFLICT (draft_uuid) DO UPDATE SET "
                "sent_version = excluded.sent_version, "
                "server_version = excluded.server_version",
                (uuid, version, server_version),
            )

    def _send_deletions(self, conn: Any) -> int:  # noqa: ANN401
        """Mark deleted drafts deleted on the server (a row stays, so every PC learns it).

        A post changed on another PC since this one last saw it is left as it is: that
        edit is newer than the deletion, and deleting it would lose it.
        """
        rows = self.store.db.execute("SELECT uuid, server_version FROM team_deleted").fetchall()
        for uuid, known in rows:
            with conn.transaction():
                conn.execute(_DELETE, (uuid, known))
            with self.store.write("note the deletion was sent") as db:
                db.execute("DELETE FROM team_deleted WHERE uuid = ?", (uuid,))
        return len(rows)

    def _note_conflict(self, uuid: str, server: tuple[int, str, str]) -> None:
        found = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.store.write("keep the team server's copy") as db:
            db.execute(
                "INSERT OR REPLACE INTO team_conflicts VALUES (?, ?, ?, ?, ?)",
                (uuid, server[0], server[1], server[2], found),
            )

    def _fetch(self, conn: Any) -> int:  # noqa: ANN401
        own = {row[0] for row in self.store.db.execute("SELECT uuid FROM drafts").fetchall()}
        fetched = 0
        for db, rows in shared.changed_pages(self.store, conn, _CHANGED, _CURSOR, "posts"):
            for row in rows:
                if row[0] not in own:  # this PC's own drafts are not copies of others'
                    db.execute(_STORE_POST, row)
                    fetched += 1
        return fetched


_SENT_COLUMNS = (
    "draft_id", "uuid", "title", "text", "platforms", "category", "day", "time", "status",
    "version", "known",
)  # fmt: skip
#: The outbox: drafts (not the sample's) newer here than the version last sent or whose
#: images changed, and not held back by a conflict.
_WAITING = (
    "FROM drafts d LEFT JOIN team_state s ON s.draft_uuid = d.uuid "
    "WHERE d.example = 0 AND (d.version > coalesce(s.sent_version, 0) "
    "OR d.id IN (SELECT draft_id FROM team_images_dirty)) "
    "AND d.uuid NOT IN (SELECT draft_uuid FROM team_conflicts)"
)

_UPSERT = """
INSERT INTO team_posts AS p (uuid, author, title, text, platforms, category, scheduled_date,
    scheduled_time, status, images, version)
VALUES (%(uuid)s, %(author)s, %(title)s, %(text)s, %(platforms)s::jsonb, %(category)s,
    %(day)s::date, %(time)s::time, %(status)s, %(images)s::jsonb, 1)
ON CONFLICT (uuid) DO UPDATE SET
    author = EXCLUDED.author, title = EXCLUDED.title, text = EXCLUDED.text,
    platforms = EXCLUDED.platforms, category = EXCLUDED.category,
    scheduled_date = EXCLUDED.scheduled_date, scheduled_time = EXCLUDED.scheduled_time,
    status = EXCLUDED.status, images = EXCLUDED.images, version = p.version + 1,
    seq = nextval('team_seq'),
    updated_at = now()
WHERE p.version = %(known)s
RETURNING version
"""

# The row already holds exactly what is being sent, by this author: an earlier send
# whose answer was lost (the connection dropped after the commit).
_SAME = """
SELECT version FROM team_posts
WHERE uuid = %(uuid)s AND author = %(author)s AND title = %(title)s AND text = %(text)s
    AND platforms = %(platforms)s::jsonb AND category IS NOT DISTINCT FROM %(category)s
    AND scheduled_date IS NOT DISTINCT FROM %(day)s::date
    AND scheduled_time IS NOT DISTINCT FROM %(time)s::time AND status = %(status)s
    AND images = %(images)s::jsonb AND NOT deleted
"""

_DELETE = """
UPDATE team_posts SET deleted = true, version = version + 1, seq = nextval('team_seq'),
    updated_at = now()
WHERE uuid = %s AND version = %s AND NOT deleted
"""

_CHANGED = """
SELECT uuid::text, author, title, text, platforms::text, category,
    to_char(scheduled_date, 'YYYY-MM-DD'), to_char(scheduled_time, 'HH24:MI'), status,
    version, deleted::int, images::text, seq
FROM team_posts WHERE seq > %s ORDER BY seq LIMIT %s
"""

# An update in place keeps the post's row (its calendar id) across fetches.
_STORE_POST = (
    "INSERT INTO team_posts (uuid, author, title, text, platforms, category, "
    "scheduled_date, scheduled_time, status, server_version, deleted, images) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET "
    "author = excluded.author, title = excluded.title, text = excluded.text, "
    "platforms = excluded.platforms, category = excluded.category, "
    "scheduled_date = excluded.scheduled_date, scheduled_time = excluded.scheduled_time, "
    "status = excluded.status, server_version = excluded.server_version, "
    "deleted = excluded.deleted, images = excluded.images"
)


def team_posts(store: Store) -> list[dict[str, Any]]:
    """The other authors' posts fetched so far, by date (undated last)."""
    rows = store.db.execute(
        "SELECT uuid, author, title, platforms, scheduled_date, scheduled_time, status "
        "FROM team_posts WHERE deleted = 0 "
        "ORDER BY scheduled_date IS NULL, scheduled_date, scheduled_time, title"
    ).fetchall()
    keys = ("uuid", "author", "title", "platforms", "date", "time", "status")
    posts = [dict(zip(keys, row, strict=True)) for row in rows]
    for post in posts:
        post["platforms"] = json.loads(post["platforms"])
    return posts
