# SPDX-License-Identifier: MIT
"""The team members' posts fetched from the server, as the calendar reads them.

They sit in the local table ``team_posts`` (`sync.TeamSync` fills it) and are read-only
on this PC: each author edits their own drafts on their own PC. A post is returned as a
`DraftSummary` whose ``author`` names its writer and whose ``id`` is the negative of its
row, so the calendar can place it beside this PC's drafts and never mistake it for one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable

from star_desktop.storage import DraftSummary, Status, Store

#: Characters of a post's text shown in lists (as for this PC's drafts).
EXCERPT = 100
_COLUMNS = (
    f"rowid, author, title, substr(text, 1, {EXCERPT}), platforms, category, "
    "scheduled_date, scheduled_time, status, server_version"
)


@dataclasses.dataclass(frozen=True, slots=True)
class TeamPost:
    """One team member's post in full, for a read-only view."""

    summary: DraftSummary
    uuid: str
    text: str
    #: Its images in order: ``{"sha256": ..., "alt": ..., "format": ...}``.
    images: tuple[dict[str, str], ...] = ()


def team_summaries(store: Store, *, month: str | None = None) -> list[DraftSummary]:
    """The team's posts (not deleted) in calendar order; ``month`` is ``YYYY-MM``."""
    sql = f"SELECT {_COLUMNS} FROM team_posts WHERE deleted = 0"
    params: list[str] = []
    if month is not None:
        first = dt.date.fromisoformat(f"{month}-01")
        after = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        sql += " AND scheduled_date >= ? AND scheduled_date < ?"
        params += [first.isoformat(), after.isoformat()]
    sql += " ORDER BY scheduled_date IS NULL, scheduled_date, scheduled_time, title"
    return [_summary(row) for row in store.db.execute(sql, params).fetchall()]


def team_post(store: Store, post_id: int) -> TeamPost | None:
    """The team post with calendar id ``post_id`` (negative), or None when it is gone."""
    row = store.db.execute(
        f"SELECT {_COLUMNS}, uuid, text, images FROM team_posts WHERE rowid = ? AND deleted = 0",
        (-post_id,),
    ).fetchone()
    if row is None:
        return None
    images = tuple(json.loads(str(row[-1])))
    return TeamPost(_summary(row[:-3]), str(row[-3]), str(row[-2]), images)


def team_texts(store: Store, post_ids: Iterable[int]) -> dict[int, str]:
    """Title and text of the team posts with these calendar ids (council mentions)."""
    rowids = [-i for i in post_ids if i < 0]
    if not rowids:
        return {}
    marks = ", ".join("?" * len(rowids))
    rows = store.db.execute(
        f"SELECT rowid, title, text FROM team_posts WHERE rowid IN ({marks})", rowids
    )
    return {-rowid: f"{title}\n{text}" for rowid, title, text in rows}


def _summary(row: tuple[object, ...]) -> DraftSummary:
    rowid, author, title, excerpt, platforms, category, day, time, status, version = row
    return DraftSummary(
        id=-int(str(rowid)),
        title=str(title),
        excerpt=str(excerpt),
        platforms=tuple(json.loads(str(platforms))),
        category=str(category) if category else None,
        date=dt.date.fromisoformat(str(day)) if day else None,
        time=dt.time.fromisoformat(str(time)) if time else None,
        status=Status(str(status)),
        version=int(str(version)),
        example=False,
        author=str(author) or "a team member",
    )
