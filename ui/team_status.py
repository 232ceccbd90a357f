# SPDX-License-Identifier: MIT
"""Team sync in the window: a background worker and the status bar's mark.

Every minute, and a few seconds after the author saves, a pool thread opens its own
connection to the database and runs one `TeamSync.sync`: send what waits, fetch what
the team changed. It never blocks the window, and a server that cannot be reached only
changes the mark ("Team: offline, 3 changes waiting"). The window refreshes the
calendar when posts were fetched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QToolButton, QWidget

from star_desktop.storage import StorageError, Store
from star_desktop.team.sync import SyncResult, TeamSync, TeamUnreachableError

log = logging.getLogger(__name__)

#: How often the window syncs on its own, and how long after a save.
INTERVAL_MS = 60_000
AFTER_SAVE_MS = 5_000


class _Signals(QObject):
    finished = Signal(object)  # SyncResult
    offline = Signal(str, int)  # reason, changes waiting
    failed = Signal(str)


class SyncJob(QRunnable):
    """One sync of the database at ``path`` on a pool thread, with its own connection."""

    def __init__(self, path: Path, url: str, author: str) -> None:
        super().__init__()
        self.path, self.url, self.author = path, url, author
        self.signals = _Signals()

    def run(self) -> None:
        """Sync; report the result, the server being unreachable, or a failure."""
        try:
            with Store(self.path) as store:
                sync = TeamSync(store, self.url, self.author)
                try:
                    result = sync.sync()
                except TeamUnreachableError as exc:
                    self.signals.offline.emit(str(exc), sync.waiting())
                    return
            self.signals.finished.emit(result)
        except StorageError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # the server said something unexpected: never crash
            log.exception("team sync failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")


class TeamStatus(QObject):
    """Runs syncs in the background and keeps the status bar's mark true.

    Signals:
        fetched: A sync brought the team's changes (the calendar should reload).
        resolve_requested: The author clicked the mark while drafts are in conflict.
    """

    fetched = Signal()
    resolve_requested = Signal()

    def __init__(
        self,
        path: Path,
        url: str,
        author: Callable[[], str],
        parent: QWidget | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        after_save_ms: int = AFTER_SAVE_MS,
    ) -> None:
        super().__init__(parent)
        self.path, self.url, self.author = path, url, author
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.running = False
        self.started = False
        self._again = False
        self.last: SyncResult | None = None
        #: Syncs finished so far, whatever their outcome.
        self.finished = 0
        self.button = QToolButton(parent)
        self.button.setObjectName("teamStatus")
        self.button.setAutoRaise(True)
        self.button.setToolTip("The team calendar's server: click to sync now")
        self.button.clicked.connect(self._on_clicked)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(after_save_ms)
        self._soon.timeout.connect(self.sync_now)
        self._show("Team: not synced yet")

    def start(self) -> None:
        """Sync now, then every interval."""
        self.started = True
        self._timer.start()
        self.sync_now()

    def stop(self) -> None:
        """No more syncs (the window closes); waits for one under way to finish."""
        self._timer.stop()
        self._soon.stop()
        self.pool.waitForDone(10_000)

    def saved(self) -> None:
        """A draft was saved: sync a few seconds later (typing resets the wait)."""
        self._soon.start()

    @Slot()
    def sync_now(self) -> None:
        """Start a sync unless one is running (then one more follows it)."""
        if self.running:
            self._again = True
            return
        self.running = True
        self._show("Team: syncing\u2026")
        job = SyncJob(self.path, self.url, self.author())  # the name as it is now
        job.signals.finished.connect(self._on_finished)
        job.signals.offline.connect(self._on_offline)
        job.signals.failed.connect(self._on_failed)
        self.pool.start(job)

    def text(self) -> str:
        """The mark's text."""
        return self.button.text()

    # slots

    @Slot()
    def _on_clicked(self) -> None:
        if self.last is not None and self.last.conflicts:
            self.resolve_requested.emit()
        else:
            self.sync_now()

    @Slot(object)
    def _on_finished(self, result: SyncResult) -> None:
        self.last = result
        if result.conflicts:
            count = _count(result.conflicts, "draft")
            self._show(
                f"Team: {count} changed on another PC too: click to choose",
                "Both copies are kept until you choose which one stays.",
            )
        elif result.waiting:
            self._show(f"Team: {_count(result.waiting, 'change')} waiting")
        else:
            self._show("Team: up to date")
        if result.fetched or result.updated:
            self.fetched.emit()
        self._done()

    @Slot(str, int)
    def _on_offline(self, reason: str, waiting: int) -> None:
        mark = "Team: offline"
        if waiting:
            mark += f", {_count(waiting, 'change')} waiting"
        self._show(mark, f"The team server cannot be reached now ({reason}). {_LATER}")
        self._done()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._show("Team: sync failed", f"{message}. {_LATER}")
        self._done()

    def _done(self) -> None:
        self.running = False
        self.finished += 1
        if self._again:
            self._again = False
            self.sync_now()

    def _show(self, text: str, tip: str = "") -> None:
        self.button.setText(text)
        self.button.setToolTip(tip or "The team calendar's server: click to sync now")
        self.button.setAccessibleName(text)


_LATER = "Your work is saved on this PC and is sent when the server is back."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
