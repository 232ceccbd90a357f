# SPDX-License-Identifier: MIT
"""What the team shares besides drafts: months' themes and targets, audit events, images.

- **Months**: a month whose theme, focus or targets changed here (a trigger marks it in
  ``team_months_dirty``) is sent whole; the latest save wins, as on a shared wall
  planner. A fetched month is applied here unless it changed here and is still unsent.
- **Events**: this PC's audit entries (status changes and approvers' decisions among
  them) are appended to the server under their chain hash, so a resend is harmless and
  they never conflict; the other authors' entries are kept in ``team_events``.
- **Images**: by SHA-256, each stored once on the server however many posts use it; a
  post carries the list of its images' hashes and alt text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from star_desktop.storage import Store

_MONTHS_CURSOR = "team/months_cursor"
_EVENTS_CURSOR = "team/events_cursor"
_AUDIT_SENT = "team/audit_sent"
#: Rows fetched per round trip.
PAGE = 500


def waiting(store: Store, outbox: str) -> int:
    """Months and audit entries changed here and not yet sent, as the author counts changes.

    An entry about a draft that waits anyway (``outbox``: its SQL ``FROM ...`` clause) or
    is gone (its deletion waits) is part of that change, not another.
    """
    sent = int(store.setting(_AUDIT_SENT) or 0)
    row = store.db.execute(
        "SELECT (SELECT count(*) FROM team_months_dirty) + (SELECT count(*) FROM audit a "
        "WHERE a.id > ? AND (a.draft_id = 0 OR a.draft_id IN (SELECT id FROM drafts "
        f"WHERE example = 0 AND id NOT IN (SELECT d.id {outbox}))))",
        (sent,),
    ).fetchone()
    return int(row[0])


# months


def send_months(store: Store, conn: Any, author: str) -> int:  # noqa: ANN401 (psycopg)
    """Send every month changed here; returns how many."""
    months = [row[0] for row in store.db.execute("SELECT month FROM team_months_dirty")]
    for month in months:
        found = store.months(month, month)
        if found:
            theme = found[0]
            with conn.transaction():
                conn.execute(_UPSERT_MONTH, (month, theme.theme, theme.focus,
                                             json.dumps(dict(theme.targets)), author))  # fmt: skip
        with store.write("note the month was sent") as db:
            db.execute("DELETE FROM team_months_dirty WHERE month = ?", (month,))
    return len(months)


def fetch_months(store: Store, conn: Any) -> int:  # noqa: ANN401
    """Apply the months the team changed since the last fetch; returns how many."""
    applied = 0
    for db, rows in changed_pages(store, conn, _CHANGED_MONTHS, _MONTHS_CURSOR, "themes"):
        for month, theme, focus, targets in rows:
            dirty = db.execute(
                "SELECT 1 FROM team_months_dirty WHERE month = ?", (month,)
            ).fetchone()
            if dirty:  # changed here since: this PC's copy goes next
                continue
            db.execute(
                "INSERT INTO months (month, theme, focus, example) VALUES (?, ?, ?, 0) "
                "ON CONFLICT (month) DO UPDATE SET theme = excluded.theme, "
                "focus = excluded.focus, example = 0",
                (month, theme, focus),
            )
            db.execute("DELETE FROM month_targets WHERE month = ?", (month,))
            for platform, posts in json.loads(targets).items():
                db.execute(
                    "INSERT INTO month_targets (month, platform, posts) VALUES (?, ?, ?)",
                    (month, platform, int(posts)),
                )
            # Applying the team's copy is not a change of this PC's to send back.
            db.execute("DELETE FROM team_months_dirty WHERE month = ?", (month,))
            applied += 1
    return applied


# events


def send_events(store: Store, conn: Any) -> int:  # noqa: ANN401
    """Append this PC's audit entries not sent yet; returns how many."""
    sent = int(store.setting(_AUDIT_SENT) or 0)
    rows = store.db.execute(
        "SELECT a.id, coalesce(d.example, 0), a.hash, d.uuid, a.person, a.at, a.action, "
        "a.status, a.detail FROM audit a LEFT JOIN drafts d ON d.id = a.draft_id "
        "WHERE a.id > ? ORDER BY a.id",
        (sent,),
    ).fetchall()
    if not rows:
        return 0
    shared = [row[2:] for row in rows if not row[1]]  # the sample calendar's stay here
    with conn.transaction():
        for row in shared:
            conn.execute(_APPEND_EVENT, row)
    with store.write("note the audit entries were sent") as db:
        _set(db, _AUDIT_SENT, rows[-1][0])
    return len(shared)


def fetch_events(store: Store, conn: Any) -> int:  # noqa: ANN401
    """Keep the other authors' audit entries since the last fetch; returns how many."""
    kept = 0
    for db, rows in changed_pages(store, conn, _CHANGED_EVENTS, _EVENTS_CURSOR, "audit entries"):
        for event in rows:
            if db.execute("SELECT 1 FROM audit WHERE hash = ?", (event[0],)).fetchone():
                continue  # this PC's own entry
            db.execute("INSERT OR IGNORE INTO team_events VALUES (?, ?, ?, ?, ?, ?, ?)", event)
            kept += 1
    return kept


def changed_pages(
    store: Store,
    conn: Any,  # noqa: ANN401 (a psycopg connection)
    query: str,
    cursor_key: str,
    what: str,
) -> Iterator[tuple[Any, list[tuple[Any, ...]]]]:
    """Pages of the server's rows changed since the cursor ``cursor_key``.

    Each page comes inside one local write transaction that also moves the cursor past
    it. ``query`` takes the cursor and a page size and ends each row with its sequence
    number, which is not passed on. A failure while a page is applied rolls the page
    and the cursor back together, so the page is fetched again next time.
    """
    cursor = int(store.setting(cursor_key) or 0)
    while rows := conn.execute(query, (cursor, PAGE)).fetchall():
        with store.write(f"keep the team's {what}") as db:
            yield db, [tuple(row[:-1]) for row in rows]
            cursor = max(row[-1] for row in rows)
            _set(db, cursor_key, cursor)


def events_of(store: Store, post_uuid: str) -> list[tuple[str, str, str, str, str]]:
    """A team post's history: (at, who, action, status, detail), oldest first."""
    rows = store.db.execute(
        "SELECT at, author, action, status, detail FROM team_events WHERE draft_uuid = ? "
        "ORDER BY at",
        (post_uuid,),
    )
    return [tuple(map(str, row)) for row in rows]  # type: ignore[misc]


# images


def image_list(store: Store, draft_id: int) -> str:
    """A draft's images for the server: hash, alt text and format, in order (JSON)."""
    images = store.images(draft_id)
    return json.dumps([{"sha256": i.sha256, "alt": i.alt, "format": i.format} for i in images])


def upload_images(store: Store, conn: Any, draft_id: int) -> None:  # noqa: ANN401
    """Store on the server the images of a draft it lacks (inside the caller's transaction)."""
    for image in store.images(draft_id):
        there = conn.execute("SELECT 1 FROM team_images WHERE sha256 = %s", (image.sha256,))
        if there.fetchone() is not None:
            continue
        try:
            data = Path(image.path).read_bytes()
        except OSError:  # the stored copy is gone: the post shows without it
            continue
        conn.execute(
            "INSERT INTO team_images (sha256, format, data) VALUES (%s, %s, %s) "
            "ON CONFLICT (sha256) DO NOTHING",
            (image.sha256, image.format, data),
        )


def fetch_images(store: Store, conn: Any) -> int:  # noqa: ANN401
    """Fetch the team posts' images not here yet (by hash); returns how many."""
    lists = [row[0] for row in store.db.execute("SELECT images FROM team_posts WHERE deleted = 0")]
    wanted = {entry["sha256"] for text in lists for entry in json.loads(text)}
    have = {row[0] for row in store.db.execute("SELECT sha256 FROM team_images")}
    kept = 0
    for sha256 in sorted(wanted - have):
        row = conn.execute(
            "SELECT format, data FROM team_images WHERE sha256 = %s", (sha256,)
        ).fetchone()
        if row is None:  # its author's PC had lost the file: the post shows without it
            continue
        with store.write("keep the team's images") as db:
            db.execute(
                "INSERT OR IGNORE INTO team_images VALUES (?, ?, ?)", (sha256, row[0], row[1])
            )
        kept += 1
    return kept


def image_data(store: Store, sha256: str) -> bytes | None:
    """The bytes of a team post's image, or None when it was not fetched."""
    row = store.db.execute("SELECT data FROM team_images WHERE sha256 = ?", (sha256,))
    found = row.fetchone()
    return bytes(found[0]) if found and found[0] is not None else None


def _set(db: Any, key: str, value: int) -> None:  # noqa: ANN401 (a sqlite-utils database)
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )


_UPSERT_MONTH = """
INSERT INTO team_months (month, theme, focus, targets, author)
VALUES (%s, %s, %s, %s::jsonb, %s)
ON CONFLICT (month) DO UPDATE SET theme = EXCLUDED.theme, focus = EXCLUDED.focus,
    targets = EXCLUDED.targets, author = EXCLUDED.author, seq = nextval('team_seq'),
    updated_at = now()
"""
_CHANGED_MONTHS = """
SELECT month, theme, focus, targets::text, seq FROM team_months
WHERE seq > %s ORDER BY seq LIMIT %s
"""
_APPEND_EVENT = """
INSERT INTO team_events (id, draft_uuid, author, at, action, status, detail)
VALUES (%s, %s::uuid, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING
"""
_CHANGED_EVENTS = """
SELECT id, draft_uuid::text, author, at, action, status, detail, seq FROM team_events
WHERE seq > %s ORDER BY seq LIMIT %s
"""
