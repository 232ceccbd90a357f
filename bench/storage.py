"""Storage benchmark: a month list, full-text search, an autosave and an open at 100,000 drafts.

``run(quick)`` builds the database in a temporary folder (10,000 drafts when quick) with
`generate`, then reports medians. Run alone with ``python -m bench.storage [--quick]``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.timing import median_ms
from star_desktop.storage import Store
from star_desktop.storage.records import CATEGORY_NAMES
from star_desktop.storage.search import fts_query

_COMMON = (
    "the a of to and in for on our with at from by is are this new team council councils "
    "supplier suppliers local business contract contracts procurement tender opportunity "
    "opportunities chest social value event meet buyer buyers week month today stockport "
    "trafford rochdale star good news welcome award awarded partners training support "
    "services spend public sector sme vcse community charity register free website join"
)
COMMON = tuple(_COMMON.split())
FIRST_MONTH = dt.date(2017, 4, 1)
MONTHS = 240  # twenty years of calendar: about 420 drafts a month at 100,000


def _word(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return rng.choice(COMMON)
    # a long tail of rarer words (names, places, products): about 20,000 of them
    return "w" + str(int(rng.paretovariate(1.0) * 7) % 20000)


def _text(rng: random.Random) -> str:
    words = rng.randint(25, 45) if rng.random() < 0.95 else rng.randint(200, 400)
    return " ".join(_word(rng) for _ in range(words)).capitalize() + "."


def generate(store: Store, count: int, seed: int = 2017) -> None:
    """Add ``count`` drafts spread over twenty years, each with its first revision."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    statuses = ("draft", "submitted", "approved", "published", "published", "rejected")

    def rows() -> Iterator[tuple[object, ...]]:
        for _ in range(count):
            month = rng.randrange(MONTHS)
            year, month0 = divmod(FIRST_MONTH.month - 1 + month, 12)
            date = dt.date(FIRST_MONTH.year + year, month0 + 1, rng.randint(1, 28))
            title = " ".join(_word(rng) for _ in range(rng.randint(3, 7))).capitalize()
            yield (
                title,
                _text(rng),
                json.dumps(rng.sample(["x", "linkedin", "website"], rng.randint(1, 3))),
                rng.choice(CATEGORY_NAMES),
                date.isoformat(),
                f"{rng.randint(8, 17):02d}:{rng.choice(('00', '30'))}",
                rng.choice(statuses),
                now,
            )

    with store.write("generate") as db:
        db.conn.executemany(
            "INSERT INTO drafts (title, text, platforms, category, scheduled_date, "
            "scheduled_time, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?8)",
            rows(),
        )
        db.execute(
            "INSERT INTO revisions (draft_id, version, saved, full, body) "
            "SELECT id, 1, created, 1, text FROM drafts"
        )
    store.db.execute("PRAGMA optimize")


def run(quick: bool) -> list[tuple[str, float, str]]:
    """Build the database in a temporary folder and measure; rows of (label, ms, note)."""
    count = 10_000 if quick else 100_000
    repeat = 20 if quick else 100
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        store = Store.open(path, sample=False)
        start = time.perf_counter()
        generate(store, count)
        build = time.perf_counter() - start
        label = f"{count:,} drafts"
        month = "2026-11"
        listed = len(store.list_drafts(month=month))
        rows.append(
            (
                f"list a month ({listed} drafts of {label})",
                median_ms(lambda: store.list_drafts(month=month), repeat),
                "target < 10 ms",
            )
        )
        for query in ("w77", "meet buyers", "council", "stockport awarded contracts"):
            hits = store.db.execute(
                "SELECT count(*) FROM drafts_fts WHERE drafts_fts MATCH ?", [fts_query(query)]
            ).fetchone()[0]
            rows.append(
                (
                    f"search {query!r} ({hits:,} matches), best 50",
                    median_ms(functools.partial(store.list_drafts, search=query, limit=50), repeat),
                    "target < 10 ms",
                )
            )
        draft = store.get(count // 2)
        texts = {draft.id: draft.text}
        versions = {draft.id: draft.version}

        def type_and_save() -> None:
            texts[draft.id] += "a"
            versions[draft.id] = store.save_text(
                draft.id, texts[draft.id], version=versions[draft.id]
            )

        rows.append(
            (
                f"autosave a post ({len(draft.text)} chars) with revision",
                median_ms(type_and_save, repeat * 5),
                "target < 3 ms",
            )
        )
        article = store.create_draft("Article", " ".join(["Plain words for the web."] * 2400))
        draft = article
        texts[draft.id], versions[draft.id] = article.text, article.version
        rows.append(
            (
                f"autosave a {len(article.text):,}-char article",
                median_ms(type_and_save, repeat),
                "target < 3 ms",
            )
        )
        store.close()
        rows.append(
            (
                f"open the database ({label}, {path.stat().st_size / 1e6:.0f} MB)",
                median_ms(lambda: Store(path).close(), repeat // 2),
                "target < 100 ms",
            )
        )
        rows.append((f"build {label} (generator)", build * 1000, "setup, not a target"))
    return rows


def main(argv: list[str] | None = None) -> int:
    quick = "--quick" in (argv if argv is not None else sys.argv[1:])
    for label, value, note in run(quick):
        print(f"  {label:58} {value:9.3f} ms   {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
