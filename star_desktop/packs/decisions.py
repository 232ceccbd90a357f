# SPDX-License-Identifier: MIT
"""An approver's decisions: made from a verified pack, signed, and imported by the author.

A decisions file names its pack (id and manifest hash), and for each post the draft's id,
the SHA-256 of the title and text decided on, the decision and the comment; it is signed
with the approver's installation key. Importing applies a decision only when the key is
an approver's in the central policy (never the importing author's own), and only to a
draft whose text still hashes the same: an edited draft is named and left alone.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from star_desktop.drafts import DraftsService, RefusedError
from star_desktop.packs import model
from star_desktop.packs.archive import PackError
from star_desktop.packs.keys import InstallationKey, fingerprint, verify
from star_desktop.packs.verify import Verified
from star_desktop.storage import UnknownDraftError
from star_desktop.storage.records import utc_now

FORMAT = "star-approval-decisions"
FORMAT_VERSION = 1
CHOICES = ("approve", "changes", "reject")
MAX_BYTES = 5_000_000


@dataclass
class Imported:
    """What an import did: decisions applied, refused (with why), and notes."""

    applied: list[tuple[int, str]] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def make_decisions(
    pack: Verified,
    approver: str,
    key: InstallationKey,
    choices: Mapping[int, tuple[str, str]],
) -> bytes:
    """The signed decisions file for ``choices`` (draft id to decision and comment).

    Raises:
        PackError: The pack did not verify, a draft is not in it, an unknown decision, or
            changes or a rejection without a comment.
    """
    if not pack.ok:
        raise PackError("the pack did not verify, so it cannot be decided on")
    posts = {int(p["id"]): p for p in pack.manifest["posts"]}
    entries = []
    for draft_id, (decision, comment) in sorted(choices.items()):
        if draft_id not in posts:
            raise PackError(f"draft {draft_id} is not in this pack")
        if decision not in CHOICES:
            raise PackError(f"unknown decision {decision!r}: use {', '.join(CHOICES)}")
        if decision != "approve" and not comment.strip():
            raise PackError(f"draft {draft_id}: say what to change, or why it is rejected")
        entries.append({
            "draft_id": draft_id, "text_sha256": posts[draft_id]["text_sha256"],
            "decision": decision, "comment": comment.strip(),
        })  # fmt: skip
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "pack_id": pack.manifest["pack_id"],
        "manifest_sha256": pack.manifest_sha256,
        "approver": approver,
        "approver_key": key.public_b64,
        "fingerprint": key.fingerprint,
        "decided": utc_now(),
        "decisions": entries,
    }
    signature = base64.b64encode(key.sign(model.canonical(payload))).decode("ascii")
    return json.dumps({"payload": payload, "signature": signature}, indent=2).encode() + b"\n"


def read_decisions(path: Path) -> dict[str, Any]:
    """The signed payload of a decisions file, checked; `PackError` when it cannot be used."""
    name = Path(path).name
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise PackError(f"{name}: far too large to be a decisions file")
        document = json.loads(Path(path).read_bytes())
    except FileNotFoundError:
        raise PackError(f"{name}: no such file") from None
    except OSError as exc:
        raise PackError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackError(f"{name}: not a decisions file (not JSON)") from None
    payload = document.get("payload") if isinstance(document, dict) else None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise PackError(f"{name}: not a STAR Desktop decisions file")
    version = payload.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise PackError(f"{name}: made by a newer STAR Desktop (format {version}): update it")
    key = str(payload.get("approver_key", ""))
    try:
        signature = base64.b64decode(str(document.get("signature", "")), validate=True)
        public = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        raise PackError(f"{name}: its signature is not readable") from None
    if fingerprint(public) != payload.get("fingerprint"):
        raise PackError(f"{name}: the key does not match the fingerprint it claims")
    if not verify(key, signature, model.canonical(payload)):
        raise PackError(f"{name}: the signature does not match: the file was changed")
    return payload


def import_decisions(
    service: DraftsService,
    path: Path,
    *,
    own_fingerprint: str,
    allow_unverified: bool = False,
) -> Imported:
    """Apply a decisions file's decisions through the drafts service.

    Raises:
        PackError: Unreadable, unsigned or tampered; signed by this installation; by a key
            not on the approvers' list; or (no approvers listed) not allowed unverified.
    """
    payload = read_decisions(path)
    name = Path(path).name
    signer = str(payload["fingerprint"])
    if signer == own_fingerprint:
        raise PackError(
            f"{name}: signed with this installation's own key; an author cannot approve "
            "their own posts, so nothing was imported"
        )
    approvers: Sequence[tuple[str, str]] = service.policy.approvers
    listed = {fp: person for person, fp in approvers}
    result = Imported()
    if approvers:
        if signer not in listed:
            raise PackError(
                f"{name}: signed by key {signer}, which is not on the policy's list of "
                "approvers, so nothing was imported"
            )
        approver = listed[signer]
        result.notes.append(f"signed by {approver} (key {signer}), a listed approver")
    else:
        if not allow_unverified:
            raise PackError(
                f"{name}: no approvers are listed in the policy, so who signed it cannot be "
                "verified; import it anyway only if you trust where it came from"
            )
        approver = f"{payload.get('approver', 'unknown')} (unverified)"
        result.notes.append(f"UNVERIFIED: key {signer} is not checked against any list")
    for entry in payload.get("decisions", []):
        draft_id = int(entry.get("draft_id", 0))
        try:
            service.decide(
                draft_id, str(entry["decision"]), approver, str(entry["text_sha256"]),
                str(entry.get("comment", "")),
            )  # fmt: skip
        except UnknownDraftError:
            result.refused.append((draft_id, "no such draft here"))
            continue
        except RefusedError as refused:
            why = " ".join(refused.reasons)
            if "other text" in why:
                why = "it was edited since the pack was exported, so it is not approved"
            result.refused.append((draft_id, why))
            continue
        result.applied.append((draft_id, str(entry["decision"])))
    service.record(
        "import", 0,
        f"decisions of pack {payload.get('pack_id')} by {approver}: "
        f"{len(result.applied)} applied, {len(result.refused)} refused",
    )  # fmt: skip
    return result
