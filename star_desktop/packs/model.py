# SPDX-License-Identifier: MIT
"""What an approval pack says about each post: the manifest's entries, built from drafts.

Everything the approver decides on is here and hashed: the title and text (the SHA-256
that a decision names), platforms, schedule, audiences, category, the author and their
training date, each image with its alt text and the author's privacy checks, the
findings still on the post and every override with its reason. Nothing from the
policy's protected lists (confidential terms, live tenders, councillors) is copied in:
a finding carries only the post's own words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from star_desktop.drafts import DraftsService, text_sha256
from star_desktop.readiness import is_overridden
from star_desktop.storage import Draft, Image, Person

FORMAT = "star-approval-pack"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PDF = "pack.pdf"
SCHEDULE = "schedule.csv"
#: Platform names as the pack's PDF and the review screen show them.
PLATFORM_TITLES = {"x": "X", "linkedin": "LinkedIn", "website": "Website"}


def canonical(data: object) -> bytes:
    """The exact bytes that are hashed and signed: sorted keys, UTF-8, no spaces."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256(data: bytes) -> str:
    """Hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def image_member(image: Image) -> str:
    """The image's name inside the pack."""
    return f"images/{image.sha256}{Path(image.path).suffix.lower() or '.bin'}"


def post_entry(service: DraftsService, draft: Draft) -> dict[str, Any]:
    """One post of the manifest (the check is run now, on the text as submitted)."""
    images = service.store.images(draft.id)
    overrides = service.store.overrides(draft.id)
    report = service.check(draft)
    author: Person | None = None
    if draft.author:
        try:
            author = service.store.person(draft.author)
        except LookupError:
            author = None
    findings = [
        {
            "rule": f.rule,
            "check": f.check,
            "severity": f.severity.value,
            "part": f.part,
            "text": f.text,
            "message": f.message,
            "clause": f.clause,
        }
        for f in report.findings
        if not is_overridden(f, overrides) and f.rule not in ("spelling", "grammar")
    ]
    return {
        "id": draft.id,
        "revision": draft.version,
        "title": draft.title,
        "text": draft.text,
        "text_sha256": text_sha256(draft),
        "platforms": list(draft.platforms),
        "date": draft.date.isoformat() if draft.date else None,
        "time": draft.time.isoformat("minutes") if draft.time else None,
        "audiences": list(draft.audiences),
        "category": draft.category,
        "author": draft.author or "",
        "training_date": (
            author.dp_training.isoformat() if author and author.dp_training else None
        ),
        "lengths": report.lengths,
        "images": [
            {
                "file": image_member(i),
                "sha256": i.sha256,
                "alt": i.alt,
                "name": i.name,
                "width": i.width,
                "height": i.height,
                "removed": list(i.removed),
                "no_personal": i.no_personal,
                "no_security": i.no_security,
                "people": i.people,
                "consent": i.consent,
            }
            for i in images
        ],
        "findings": findings,
        "overrides": [
            {
                "check": o.check,
                "text": o.text,
                "reason": o.reason,
                "person": o.person,
                "created": o.created,
            }
            for o in overrides
        ],
    }


def posts_text(posts: Iterable[dict[str, Any]]) -> str:
    """All the words of the posts, for tests that look for what must never be in a pack."""
    return "\n".join(f"{p['title']}\n{p['text']}" for p in posts)
