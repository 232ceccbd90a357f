# SPDX-License-Identifier: MIT
"""Benchmark of approval packs: a 50-post pack with 10 images, exported and verified."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from bench.texts import POST
from bench.timing import Row, median_ms
from star_desktop.drafts import DraftsService
from star_desktop.packs.export import export_pack
from star_desktop.packs.keys import installation_key
from star_desktop.packs.verify import verify_pack
from star_desktop.storage import Store


def run(quick: bool) -> list[Row]:
    """Rows: exporting 50 submitted posts (10 with a photo), verifying the pack."""
    from PIL import Image

    folder = Path(tempfile.mkdtemp(prefix="star-bench-packs-"))
    store = Store.open(folder / "star.db", sample=False)
    service = DraftsService(store, today=lambda: dt.date(2027, 3, 1))
    service.set_profile("Sam Taylor", dt.date(2027, 2, 1))
    photo = folder / "photo.jpg"
    Image.effect_noise((1600, 1200), 40).convert("RGB").save(photo, quality=85)
    drafts = []
    for number in range(50):
        draft = service.create(
            f"Post {number}", POST, platforms=("x", "linkedin"), audiences=("bidders",),
            category="upcoming-event", date=dt.date(2027, 3, 1 + number % 28),
        )  # fmt: skip
        if number % 5 == 0:
            service.attach(draft.id, photo, "Buyers talking to suppliers at stands")
            service.confirm_image(draft.id, 1, no_personal=True, no_security=True, people="none")
        drafts.append(draft)
    ready = []
    for draft in drafts:
        for finding in service.check(draft).blocking:  # the bench post names no one: rare
            service.ignore(draft.id, finding, "A bench post, not a real one")
        ready.append(service.submit(draft.id))
    key = installation_key(folder / "key.pem")
    out = folder / "pack.starpack"
    runs = 3 if quick else 5
    exported = median_ms(lambda: export_pack(service, key, out, ready), runs)
    verified = median_ms(lambda: verify_pack(out), runs * 2)
    size = out.stat().st_size / 1e6
    store.close()
    return [
        ("export a 50-post pack with 10 photos", exported, f"target < 3,000 ms; {size:.1f} MB"),
        ("verify that pack", verified, "target < 1,000 ms"),
    ]
