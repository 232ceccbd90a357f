# SPDX-License-Identifier: MIT
"""Benchmark of team sync against a throwaway PostgreSQL cluster (a Unix socket, no network).

Sending 1,000 changed drafts from one PC (with their audit entries), against its peer,
saving the same 1,000 drafts locally; fetching a team calendar of 20 authors x two years
of posts (two a week each: 4,160 posts) onto a PC that has none of them; and the busiest
month's calendar summary with the team's posts, against the author's own alone.
Needs Debian's postgresql package (the section says so when it is missing).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
import uuid
from pathlib import Path

from bench.timing import Row
from star_desktop.calendar import summarise_month
from star_desktop.storage import Store
from star_desktop.team.sync import TeamSync
from tests.star_desktop.pg_server import Cluster, binaries


def run(quick: bool) -> list[Row]:
    """Rows: sending 1,000 changes, fetching 4,160 team posts (medians)."""
    folder = binaries()
    if folder is None:
        return [("team sync", float("nan"), "PostgreSQL is not installed")]
    cluster = Cluster(folder, port=55433)
    cluster.create()
    try:
        return _measure(cluster, repeat=1 if quick else 3)
    finally:
        cluster.remove()


def _measure(cluster: Cluster, repeat: int) -> list[Row]:
    import psycopg

    send: list[float] = []
    save: list[float] = []
    fetch: list[float] = []
    team_month: list[float] = []
    own_month: list[float] = []
    for _ in range(repeat):
        with psycopg.connect(cluster.url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        work = Path(tempfile.mkdtemp(prefix="star-bench-team-"))
        with Store.open(work / "a.db", sample=False) as store:
            started = time.perf_counter()
            for n in range(1000):
                store.create_draft(
                    f"Post {n}", "Our new framework is live on The Chest.",
                    date=dt.date(2025, 1, 6) + dt.timedelta(days=n % 730),
                )  # fmt: skip
            save.append((time.perf_counter() - started) * 1000)
            sync = TeamSync(store, cluster.url, "Alex")
            started = time.perf_counter()
            sync.sync()
            send.append((time.perf_counter() - started) * 1000)
            own_posts = _time_month(store, False, own_month)
        _fill_team(cluster.url)
        with Store.open(work / "b.db", sample=False) as store:
            sync = TeamSync(store, cluster.url, "Bea")
            started = time.perf_counter()
            result = sync.sync()
            fetch.append((time.perf_counter() - started) * 1000)
            team_posts = _time_month(store, True, team_month)
    send_ms, save_ms = _median(send), _median(save)
    team_ms, own_ms = _median(team_month), _median(own_month)
    return [
        ("team: save 1,000 drafts locally (peer)", save_ms, ""),
        ("team: send 1,000 changed drafts", send_ms, f"{send_ms / save_ms:.1f}x saving them"),
        (f"team: fetch {result.fetched:,} posts onto a new PC", _median(fetch), ""),
        (f"team: a month's summary, one author ({own_posts} posts; peer)", own_ms, ""),
        (f"team: a month's summary, 21 authors ({team_posts} posts)", team_ms,
         f"{team_ms / own_ms:.1f}x for {team_posts / own_posts:.1f}x the posts"),
    ]  # fmt: skip


def _time_month(store: Store, team: bool, times: list[float]) -> int:
    """Summarise March 2025 (the team's posts too, or not); returns its post count."""
    started = time.perf_counter()
    summary = summarise_month(store, 2025, 3, team=team)
    times.append((time.perf_counter() - started) * 1000)
    return len(summary.drafts)


def _median(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


def _fill_team(url: str) -> None:
    """20 authors, two posts a week for two years, written straight into the server."""
    import psycopg

    start = dt.date(2025, 1, 6)
    rows = [
        (str(uuid.uuid4()), f"Author {a}", f"Post {a}-{w}-{k}", "Text of the post.",
         json.dumps(["x"]), (start + dt.timedelta(weeks=w, days=2 * k)).isoformat(), "draft", 1)
        for a in range(20) for w in range(104) for k in range(2)
    ]  # fmt: skip
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO team_posts (uuid, author, title, text, platforms, scheduled_date, "
            "status, version) VALUES (%s, %s, %s, %s, %s::jsonb, %s::date, %s, %s)",
            rows,
        )
