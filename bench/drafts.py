# SPDX-License-Identifier: MIT
"""Benchmark of the check of a draft: its title checked with its text, against the text alone.

The drafts service checks a draft's title as well as its body (every rule but the body's
measures), so each check the editor asks for costs one more small check; this measures
what that costs, with the whole shipped policy (spelling and grammar included).
"""

from __future__ import annotations

import datetime as dt

import checks
from bench.texts import POST
from bench.timing import Row, median_ms
from star_desktop.draft_checks import DraftCheck

TITLE = "Meet the Buyer: school catering in Stockport"


def run(quick: bool) -> list[Row]:
    """Rows: the body alone, the draft with its title, and the ratio."""
    scale = 5 if quick else 1
    policy = checks.default_policy()
    date = dt.date(2026, 12, 1)
    body = DraftCheck(POST, "", ("x",), ("bidders",), date)
    titled = DraftCheck(POST, TITLE, ("x",), ("bidders",), date)
    body.run(policy)  # dictionaries and Harper load outside the timing
    alone = median_ms(lambda: body.run(policy), 300 // scale, warmup=10)
    both = median_ms(lambda: titled.run(policy), 300 // scale, warmup=10)
    return [
        ("draft check: 280-char post, no title", alone, "every family"),
        (
            "draft check: the same post with a 7-word title",
            both,
            f"{both / alone:.2f}x the body alone; target < 1.5x",
        ),
    ]
