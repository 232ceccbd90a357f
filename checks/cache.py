# SPDX-License-Identifier: MIT
"""Tables the checker works out once and keeps in the user's cache folder between runs.

A table is stored with a key saying what it was worked out from (a dictionary's
checksum, Python's Unicode version); a missing, stale, unreadable or unwritable file
only means working it out again. ``STAR_DESKTOP_CACHE`` names another folder (tests).
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any

import platformdirs


def cache_file(name: str) -> Path:
    """Where the table ``name`` is kept, per Python version (marshal's format)."""
    folder = os.environ.get("STAR_DESKTOP_CACHE") or platformdirs.user_cache_dir(
        "STAR Desktop", "STAR Procurement"
    )
    version = f"{sys.version_info.major}{sys.version_info.minor}"
    return Path(folder) / f"{name}-py{version}.marshal"


def read(name: str, key: str) -> Any:  # noqa: ANN401 (whatever was stored)
    """The table stored under ``key``, or None."""
    try:
        stored = marshal.loads(cache_file(name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key):
        return None
    return stored[1]


def write(name: str, key: str, table: dict[str, Any]) -> None:
    """Keep ``table`` under ``key`` (silently not, in a read-only profile)."""
    path = cache_file(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((key, table)))
        partial.replace(path)  # another process reads the old file or the new, never half
    except OSError:
        pass
