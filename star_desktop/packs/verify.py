# SPDX-License-Identifier: MIT
"""Verify a pack: the zip, the manifest's format, its signature, and every hash in it."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from star_desktop.packs import model
from star_desktop.packs.archive import PackError, read_members
from star_desktop.packs.keys import fingerprint, verify


@dataclass
class Verified:
    """The result of `verify_pack`: what was checked, what failed, and the pack's contents."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    manifest_bytes: bytes = b""
    members: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.problems

    @property
    def manifest_sha256(self) -> str:
        """The hash a decisions file names its pack by."""
        return model.sha256(self.manifest_bytes)


def verify_pack(path: Path) -> Verified:
    """Check everything a pack claims. A zip that cannot be read safely raises `PackError`.

    Raises:
        PackError: Not a readable, safe zip; no manifest; a newer or foreign format.
    """
    name = Path(path).name
    members = read_members(Path(path))
    result = Verified(members=members)
    result.checked.append(f"{name}: a sound zip of {len(members)} files, every path inside it")
    manifest_bytes = members.get(model.MANIFEST)
    if manifest_bytes is None:
        raise PackError(f"{name}: no {model.MANIFEST}: not an approval pack")
    try:
        manifest = json.loads(manifest_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackError(f"{name}: its manifest is not readable JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != model.FORMAT:
        raise PackError(f"{name}: not a STAR Desktop approval pack")
    version = manifest.get("version")
    if not isinstance(version, int) or version > model.FORMAT_VERSION:
        raise PackError(
            f"{name}: made by a newer STAR Desktop (pack format {version}); this version "
            f"reads format {model.FORMAT_VERSION}: update STAR Desktop"
        )
    result.manifest, result.manifest_bytes = manifest, manifest_bytes
    result.checked.append(f"manifest: format {version}, pack {manifest.get('pack_id')}")
    _check_signature(result, members.get(model.SIGNATURE))
    _check_files(result)
    _check_posts(result)
    return result


def _check_signature(result: Verified, signature_file: bytes | None) -> None:
    manifest = result.manifest
    key = str(manifest.get("author_key", ""))
    if signature_file is None:
        result.problems.append(f"{model.SIGNATURE} is missing: the pack is not signed")
        return
    try:
        signature = base64.b64decode(signature_file.strip(), validate=True)
        public = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        result.problems.append("the signature or the author's key is not valid base64")
        return
    stated = manifest.get("fingerprint")
    if fingerprint(public) != stated:
        result.problems.append("the author's key does not match the fingerprint it claims")
    elif not verify(key, signature, result.manifest_bytes):
        result.problems.append(
            "the signature does not match the manifest: the manifest was changed after signing"
        )
    else:
        result.checked.append(f"signature: Ed25519 by key {stated}, over the manifest's bytes")


def _check_files(result: Verified) -> None:
    files = result.manifest.get("files")
    if not isinstance(files, dict):
        result.problems.append("the manifest lists no files")
        return
    for member, expected in sorted(files.items()):
        data = result.members.get(member)
        if data is None:
            result.problems.append(f"{member} is missing from the pack")
        elif model.sha256(data) != expected:
            result.problems.append(f"{member} was changed: its SHA-256 does not match")
        else:
            result.checked.append(f"{member}: SHA-256 {expected[:16]}\u2026 matches")
    extra = set(result.members) - set(files) - {model.MANIFEST, model.SIGNATURE}
    for member in sorted(extra):
        result.problems.append(f"{member} is in the pack but not in its manifest")


def _check_posts(result: Verified) -> None:
    posts = result.manifest.get("posts")
    if not isinstance(posts, list):
        result.problems.append("the manifest lists no posts")
        return
    for post in posts:
        if not isinstance(post, dict):
            result.problems.append("the manifest holds a post that is not a record")
            continue
        body = f"{post.get('title', '')}\n\n{post.get('text', '')}".encode()
        if model.sha256(body) != post.get("text_sha256"):
            result.problems.append(f"post {post.get('id')}: its text does not match its hash")
        else:
            result.checked.append(f"post {post.get('id')}: title and text match their SHA-256")
        for image in post.get("images", []):
            data = result.members.get(str(image.get("file")))
            if data is None or model.sha256(data) != image.get("sha256"):
                result.problems.append(f"post {post.get('id')}: image {image.get('name')} "
                                       "does not match its hash")  # fmt: skip
