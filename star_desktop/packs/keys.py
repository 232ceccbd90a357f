# SPDX-License-Identifier: MIT
"""The installation's signing key: Ed25519, made on first use, kept in the user's data folder.

An author's key signs the approval packs they export; an approver's key signs their
decisions. IT lists approvers by the key's fingerprint in the central policy, so two
user accounts (two data folders) are two installations with two keys.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from star_desktop import paths

KEY_FILE = "installation-key.pem"
KEY_ENV = "STAR_DESKTOP_KEY"


class KeyFileError(Exception):
    """The key file cannot be read or written; ``str()`` says why and where."""


def fingerprint(public: bytes) -> str:
    """A short, readable fingerprint of a raw 32-byte public key: 4 groups of 4 hex digits.

    >>> fingerprint(bytes(32))
    '6668-7aad-f862-bd77'
    """
    digest = hashlib.sha256(public).hexdigest()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class InstallationKey:
    """This installation's private key, its public half and fingerprint."""

    private: Ed25519PrivateKey
    path: Path

    @property
    def public(self) -> bytes:
        """The raw 32-byte public key."""
        return self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def public_b64(self) -> str:
        """The public key in base64, as packs and decisions files carry it."""
        return base64.b64encode(self.public).decode("ascii")

    @property
    def fingerprint(self) -> str:
        """The fingerprint IT lists for approvers."""
        return fingerprint(self.public)

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature of ``data``."""
        return self.private.sign(data)


def key_path(environ: dict[str, str] | None = None) -> Path:
    """The key file: ``STAR_DESKTOP_KEY``, else the user's data folder."""
    value = (environ if environ is not None else os.environ).get(KEY_ENV, "")
    return Path(value).expanduser() if value else paths.data_dir() / KEY_FILE


def installation_key(path: Path | None = None) -> InstallationKey:
    """The installation's key, made (readable by this user only) on first use."""
    path = path or key_path()
    try:
        if path.exists():
            loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(loaded, Ed25519PrivateKey):
                raise KeyFileError(f"{path}: not an Ed25519 key")
            return InstallationKey(loaded, path)
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        return InstallationKey(private, path)
    except (OSError, ValueError) as exc:
        raise KeyFileError(f"{path}: cannot use the installation key ({exc})") from None


def verify(public_b64: str, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is the key's signature of ``data``."""
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        public.verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
