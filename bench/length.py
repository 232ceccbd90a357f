# SPDX-License-Identifier: MIT
"""Benchmark of the length family: X's weighted count on a post and on a long article."""

from __future__ import annotations

import datetime as dt

from bench.texts import POST, article
from bench.timing import median_ms
from checks.families.length import Limits, lengths_of
from checks.rules import Context
from checks.text import Document
from checks.twitter_text import counter

_LINKED_POST = (
    "Meet the buyer on 14 January \U0001f389 Book at https://www.star-procurement.gov.uk/events "
    "or see gov.uk/find-tender \U0001f468\u200d\U0001f469\u200d\U0001f467 #SocialValue"
)


def _context(text: str) -> Context:
    return Context(Document(text), {}, dt.date(2026, 1, 1), ("x", "linkedin", "website"))


def run(quick: bool) -> list[tuple[str, float, str]]:
    """Median milliseconds of the weighted count: 280-character post, links, long article."""
    scale = 5 if quick else 1
    count = counter().parse
    long_text = article()
    return [
        (
            f"X weighted count, 280-char post ({len(POST)} chars)",
            median_ms(lambda: count(POST), 2000 // scale),
            "target < 0.5 ms",
        ),
        (
            "length family on the post (x, linkedin, website)",
            median_ms(lambda: lengths_of(_context(POST), Limits()), 2000 // scale),
            "target < 0.5 ms",
        ),
        (
            "X weighted count, post with links and emoji",
            median_ms(lambda: count(_LINKED_POST), 2000 // scale),
            "target < 0.5 ms",
        ),
        (
            f"X weighted count, 10,000-word article ({len(long_text)} chars)",
            median_ms(lambda: count(long_text), 20 // scale),
            "no target: articles go to the website",
        ),
    ]


if __name__ == "__main__":
    for label, value, note in run(quick=False):
        print(f"  {label:60} {value:9.3f} ms   {note}")
