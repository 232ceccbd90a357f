# SPDX-License-Identifier: MIT
"""Export an approval pack: the submitted drafts of a period or a selection, signed."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from star_desktop.drafts import DraftsService
from star_desktop.packs import model
from star_desktop.packs.archive import PackError, write_zip
from star_desktop.packs.keys import InstallationKey
from star_desktop.storage import Draft, Status, UnknownDraftError
from star_desktop.storage.records import utc_now
from star_desktop.workflow import STATUS_LABELS


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote: the file, the posts in it, and those skipped with why."""

    path: Path
    pack_id: str
    included: tuple[int, ...]
    skipped: tuple[tuple[int, str], ...]


def choose(
    service: DraftsService,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    ids: Sequence[int] = (),
) -> tuple[list[Draft], list[tuple[int, str]]]:
    """The submitted drafts of a period or a list of ids, and the others with why not."""
    chosen: list[Draft] = []
    skipped: list[tuple[int, str]] = []
    if ids:
        candidates = []
        for draft_id in ids:
            try:
                candidates.append(service.get(draft_id))
            except UnknownDraftError:
                skipped.append((draft_id, "no such draft"))
    else:
        if first is None or last is None:
            raise PackError("give a period (--from and --to) or the drafts' ids (--ids)")
        candidates = [
            service.get(s.id)
            for s in service.list_drafts()
            if s.date is not None and first <= s.date <= last
        ]
    for draft in candidates:
        if draft.status is Status.SUBMITTED:
            chosen.append(draft)
        else:
            status = STATUS_LABELS[draft.status].lower()
            skipped.append((draft.id, f"not submitted for approval (it is {status})"))
    return chosen, skipped


def export_pack(
    service: DraftsService,
    key: InstallationKey,
    out: Path,
    drafts: Sequence[Draft],
    *,
    period: tuple[dt.date, dt.date] | None = None,
    skipped: Sequence[tuple[int, str]] = (),
    pdf_only: bool = False,
) -> Exported:
    """Write the pack (or only its PDF) for ``drafts``, which must all be submitted.

    Raises:
        PackError: No submitted drafts, an image file missing, or the file not writable.
    """
    if not drafts:
        raise PackError("no submitted drafts to export: submit them for approval first")
    # The export is recorded in the audit log: refuse before writing a pack it cannot record.
    service.store.require_writable("export a pack")
    posts = [model.post_entry(service, draft) for draft in drafts]
    images: dict[str, bytes] = {}
    for draft, post in zip(drafts, posts, strict=True):
        for stored, entry in zip(service.store.images(draft.id), post["images"], strict=True):
            try:
                data = Path(stored.path).read_bytes()
            except OSError:
                raise PackError(
                    f"draft {draft.id}: image {stored.name} is missing from the data folder"
                ) from None
            if model.sha256(data) != stored.sha256:
                raise PackError(f"draft {draft.id}: image {stored.name} changed since attached")
            images[entry["file"]] = data
    pack_id = str(uuid.uuid4())
    manifest: dict[str, Any] = {
        "format": model.FORMAT,
        "version": model.FORMAT_VERSION,
        "pack_id": pack_id,
        "created": utc_now(),
        "author": service.author(),
        "author_key": key.public_b64,
        "fingerprint": key.fingerprint,
        "period": (
            {"from": period[0].isoformat(), "to": period[1].isoformat()} if period else None
        ),
        "posts": posts,
    }
    from star_desktop.packs import pdf  # fpdf2 takes 0.2 s to import: only on export

    document = pdf.render(manifest, images)
    try:
        if pdf_only:
            Path(out).write_bytes(document)
            return Exported(Path(out), pack_id, tuple(d.id for d in drafts), tuple(skipped))
        schedule = _schedule_csv(posts)
        files = {model.PDF: document, model.SCHEDULE: schedule, **images}
        manifest["files"] = {name: model.sha256(data) for name, data in files.items()}
        manifest_bytes = model.canonical(manifest)
        signature = key.sign(manifest_bytes)
        write_zip(
            Path(out),
            {
                model.MANIFEST: manifest_bytes,
                model.SIGNATURE: base64.b64encode(signature) + b"\n",
                **files,
            },
        )
    except OSError as exc:
        raise PackError(f"{out}: cannot write the pack ({exc.strerror or exc})") from None
    service.record("export", 0, f"pack {pack_id}: drafts {', '.join(str(d.id) for d in drafts)}")
    return Exported(Path(out), pack_id, tuple(d.id for d in drafts), tuple(skipped))


def _schedule_csv(posts: Sequence[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["draft", "date", "time", "platforms", "category", "title", "text_sha256"])
    for post in posts:
        writer.writerow([
            post["id"], post["date"] or "", post["time"] or "", " ".join(post["platforms"]),
            post["category"] or "", post["title"], post["text_sha256"],
        ])  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")
