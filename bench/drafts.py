# SPDX-License-Identifier: MIT
"""Benchmarks of drafts: attaching an image, and the check of a title with the text.

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
        *attach_rows(quick),
        ("draft check: 280-char post, no title", alone, "every family"),
        (
            "draft check: the same post with a 7-word title",
            both,
            f"{both / alone:.2f}x the body alone; target < 1.5x",
        ),
    ]


def attach_rows(quick: bool) -> list[Row]:
    """Rows: attaching a 12-megapixel phone JPEG (decode, turn, strip, encode, re-read)."""
    import tempfile
    from pathlib import Path

    from PIL import Image

    from star_desktop.images import clean_copy

    folder = Path(tempfile.mkdtemp(prefix="star-bench-"))
    source = folder / "phone.jpg"
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Apple", "iPhone 14", 6
    exif.get_ifd(0x8825).update({1: "N", 2: (53.0, 24.0, 36.0), 3: "W", 4: (2.0, 9.0, 0.0)})
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(source, exif=exif, quality=90)
    runs = 3 if quick else 7
    attach = median_ms(lambda: clean_copy(source, folder / "images"), runs)
    decode = median_ms(lambda: Image.open(source).load(), runs)
    return [
        ("attach a 12-megapixel JPEG (strip, turn, re-encode)", attach, "median"),
        (
            "peer: decoding the same JPEG alone",
            decode,
            f"attach is {attach / decode:.1f}x a decode",
        ),
    ]
