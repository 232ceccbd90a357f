# SPDX-License-Identifier: MIT
"""Ranked full-text search over drafts that stays fast at 100,000 drafts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

WINDOW = 150
"""Matches ranked per search: all of them when fewer, else the newest this many."""

TITLE_WEIGHT = 10.0
_K1, _B = 1.2, 0.75
_AVERAGE = {"title": 40.0, "text": 300.0}
_MARK = "\x02"


def fts_query(text: str) -> str:
    """An FTS5 query for drafts containing every word of ``text`` (operators are ignored).

    Words match by stem (porter), so "buyers" finds "buyer" and "awarded" finds "award",
    and as prefixes, so "Roch" finds "Rochdale" while it is being typed.
    """
    return " ".join(f'"{word}"*' for word in re.findall(r"\w+", text))


def search_sql(columns: str, where: Sequence[str]) -> str:
    """The window query: the newest `WINDOW` matches, with hit counts for `score`.

    FTS5 returns matches in rowid order without ranking them, which costs little even
    when most drafts match; bm25 would count every match of every word first.
    """
    hits = (
        "length({h}) - length(replace({h}, char(2), ''))".format(
            h=f"highlight(drafts_fts, {column}, char(2), '')"
        )
        for column in (0, 1)
    )
    title_hits, text_hits = hits
    conditions = " AND ".join(["drafts_fts MATCH ?", *where])
    return (
        f"SELECT {columns}, {title_hits} AS title_hits, {text_hits} AS text_hits, "
        "length(d.title) AS title_length, length(d.text) AS text_length "
        "FROM drafts_fts JOIN drafts d ON d.id = drafts_fts.rowid "
        f"WHERE {conditions} ORDER BY drafts_fts.rowid DESC LIMIT {WINDOW}"
    )


def _saturate(hits: int, length: int, average: float) -> float:
    # BM25's term-frequency part: more hits help less and less; long texts count less.
    return hits * (_K1 + 1) / (hits + _K1 * (1 - _B + _B * length / average))


def score(title_hits: int, text_hits: int, title_length: int, text_length: int) -> float:
    """Relevance of one match: BM25's term-frequency part per column, title weighted 10."""
    return TITLE_WEIGHT * _saturate(title_hits, title_length, _AVERAGE["title"]) + _saturate(
        text_hits, text_length, _AVERAGE["text"]
    )


def rank(rows: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """Rows of `search_sql` best first (newest first among equals), hit columns removed."""
    scored = [(-score(*row[-4:]), -row[0], row[:-4]) for row in rows]
    scored.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in scored]
