# SPDX-License-Identifier: MIT
"""Compact revisions: each saved text as the change from the one before, with snapshots."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

SNAPSHOT_EVERY = 32  # a full copy every this many revisions bounds the rebuild work


@dataclasses.dataclass(frozen=True, slots=True)
class Delta:
    """``new = old[:keep_start] + body + old[len(old) - keep_end:]``."""

    keep_start: int
    keep_end: int
    body: str


def diff(old: str, new: str) -> Delta:
    """The one-span change turning ``old`` into ``new`` (typing edits one place at a time)."""
    limit = min(len(old), len(new))
    start = _common(lambda k: old[:k] == new[:k], limit)
    rest = limit - start
    end = _common(lambda k: old[len(old) - k :] == new[len(new) - k :], rest)
    return Delta(start, end, new[start : len(new) - end])


def _common(same: Callable[[int], bool], limit: int) -> int:
    # The largest k <= limit with same(k), by binary search: slice comparisons run in C,
    # so a 60,000-character article is compared in well under a millisecond.
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def apply(old: str, delta: Delta) -> str:
    """The text ``delta`` makes of ``old``."""
    return old[: delta.keep_start] + delta.body + old[len(old) - delta.keep_end :]
