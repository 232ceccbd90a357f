# SPDX-License-Identifier: MIT
"""Benchmark of the accessibility family: all its rules on a post and on a long article."""

from __future__ import annotations

import datetime as dt
import re
import time

from bench.texts import POST, article
from bench.timing import Row, median_ms
from checks.engine import default_policy
from checks.families.accessibility import Accessibility
from checks.rules import Context, ImageRef
from checks.text import Document
from checks.twitter_text import default_config
from checks.twitter_urls import UrlFinder

#: A post that gives every rule work: hashtags, repeated and mid-sentence emoji, links.
BUSY_POST = (
    "We \u2764\ufe0f our suppliers \U0001f389\U0001f389\U0001f389 Bids close \U0001f51c for "
    "school catering \U0001f69a \U0001f4e6 across the boroughs. Read "
    "https://www.star-procurement.gov.uk/guide or gov.uk/find-tender and thechest.nepo.org "
    "#socialvalue #meetthebuyer #SME"
)
IMAGES = (
    ImageRef("fair.jpg", "Image of buyers and suppliers at the Meet the Buyer fair"),
    ImageRef("IMG_0042.jpg", "IMG_0042.jpg"),
    ImageRef("chart.png", ""),
)


#: The rules the family had before links, repeats, mid-sentence emoji and alt text.
EARLIER = ("hashtag-case", "hashtag-count", "emoji-count")


def _checkers() -> tuple[Accessibility, Accessibility]:
    """The shipped family, and the same family with only the `EARLIER` rules."""
    policy = default_policy()
    full = next(c for c in policy.checkers if isinstance(c, Accessibility))
    earlier = [
        r for r in policy.rules if r.family == "accessibility" and r.options["test"] in EARLIER
    ]
    return full, Accessibility(earlier, policy.data)


def _context(text: str, images: tuple[ImageRef, ...] = ()) -> Context:
    return Context(Document(text), {}, dt.date(2026, 1, 1), ("x", "linkedin"), images=images)


def _emoji_article(text: str) -> str:
    """``text`` with an emoji inside and at the end of every paragraph."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(f"{p} \U0001f389\U0001f389" for p in paragraphs).replace(
        " money ", " \U0001f4b7 money ", 200
    )


def _first_address_ms() -> float:
    """One-off cost of the address pattern, compiled on the first text with a '.'."""
    re.purge()  # or the pattern compiled earlier in this process would be reused
    finder = UrlFinder(default_config().tlds)
    start = time.perf_counter()
    finder.spans("See gov.uk")
    return (time.perf_counter() - start) * 1000


def run(quick: bool) -> list[Row]:
    """Median milliseconds of the accessibility family, and what its newer rules add."""
    full, earlier = _checkers()
    scale = 5 if quick else 1

    def timed(text: str, images: tuple[ImageRef, ...] = (), repeat: int = 2000) -> Row:
        ctx = _context(text, images)
        every = median_ms(lambda: list(full.run(ctx)), repeat // scale)
        before = median_ms(lambda: list(earlier.run(ctx)), repeat // scale)
        return ("", every, f"{every - before:+.3f} ms over the earlier 3 rules")

    def row(label: str, timing: Row, target: str) -> Row:
        return (label, timing[1], f"{timing[2]}; {target}")

    long_text = article()
    emoji_text = _emoji_article(long_text)
    found = len(list(full.run(_context(emoji_text))))
    busy = len(list(full.run(_context(BUSY_POST, IMAGES))))
    return [
        row(
            f"accessibility, 280-char post ({len(POST)} chars)",
            timed(POST),
            "target: adds < 0.2 ms",
        ),
        row(
            f"accessibility, busy post: emoji, links, 3 images ({busy} findings)",
            timed(BUSY_POST, IMAGES),
            "target: adds < 0.2 ms + 10 us a finding",
        ),
        row(
            f"accessibility, 10,000-word article ({len(long_text)} chars, on X)",
            timed(long_text, repeat=200),
            "target: adds < 5 ms",
        ),
        row(
            f"accessibility, article with emoji in every paragraph ({found} findings)",
            timed(emoji_text, repeat=50),
            "stress case (3 emoji in every paragraph), no target",
        ),
        ("accessibility, one-off: address pattern compiled", _first_address_ms(), "once a process"),
    ]


if __name__ == "__main__":
    for label, ms, note in run(quick=False):
        print(f"{label:72} {ms:8.3f} ms  {note}")
