# SPDX-License-Identifier: MIT
"""Saving as the author types: at most one save per ``delay``, never dropping the text."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class TextSaver(Protocol):
    """What the autosaver saves through (`Store` is one)."""

    def save_text(self, draft_id: int, text: str, *, version: int) -> int:
        """Save ``text`` over ``version``; return the new version."""
        ...


class Autosaver:
    """Debounced saving of one draft's text, for the editor.

    The editor calls `edit` on every change and `tick` from a timer (a ``QTimer``
    every 100 to 250 ms, or a single shot armed for `due_in`). A save happens once
    ``delay`` seconds have passed since the first unsaved change, so continuous
    typing is saved at least every ``delay`` and a crash loses at most that much.
    Call `flush` when the editor closes or switches draft.

    When a save fails (`SaveError`: read-only, disk full, locked, or a
    `ConflictError`), the error propagates and the text stays `pending`: nothing
    the author typed is dropped, and the next `tick` tries again.
    """

    def __init__(
        self,
        store: TextSaver,
        draft_id: int,
        version: int,
        *,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.draft_id = draft_id
        self.version = version
        self.delay = delay
        self.clock = clock
        self.pending: str | None = None
        self._since = 0.0

    def edit(self, text: str) -> None:
        """Note the whole text after a change (cheap: nothing is written here)."""
        if self.pending is None:
            self._since = self.clock()
        self.pending = text

    def due_in(self) -> float | None:
        """Seconds until the next save is due (0 when overdue), None when nothing is pending."""
        if self.pending is None:
            return None
        return max(0.0, self._since + self.delay - self.clock())

    def tick(self) -> bool:
        """Save if a save is due; returns whether it saved."""
        if self.pending is None or self.clock() - self._since < self.delay:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        """Save the pending text now, if any (raises as `tick`, keeping the text)."""
        if self.pending is None:
            return
        text = self.pending
        self.version = self.store.save_text(self.draft_id, text, version=self.version)
        if self.pending is text:
            self.pending = None

    def take_theirs(self, version: int) -> None:
        """After a conflict, drop the pending text and continue from ``version``."""
        self.pending = None
        self.version = version

    def keep_mine(self, version: int) -> None:
        """After a conflict, save the pending text over ``version`` at the next tick."""
        self.version = version
        self._since = self.clock() - self.delay
