# SPDX-License-Identifier: MIT
"""Checks off the UI thread: a debounced dispatcher and a runnable per job.

The editor asks for a check on every change; the dispatcher waits for a pause in typing,
then hands the text to a worker thread. Each job carries the revision of the text it
checked, and a report for anything but the newest revision is dropped, so the editor
never shows findings for text that is no longer there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

import checks
from star_desktop.draft_checks import DraftCheck

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """One check of a draft at a revision of its text: plain values, safe for a thread.

    What is checked (title and text, platforms, audiences, date, images) is the drafts
    service's `DraftCheck`; the revision says which keystroke it belongs to.
    """

    revision: int
    subject: DraftCheck

    @property
    def text(self) -> str:
        """The body text being checked."""
        return self.subject.text

    def run(self, policy: checks.Policy) -> checks.Report:
        """Check the draft against ``policy`` (on any thread)."""
        return self.subject.run(policy)


class _JobSignals(QObject):
    finished = Signal(int, object)  # revision, checks.Report
    failed = Signal(int, str)  # revision, message


class CheckJob(QRunnable):
    """Run `checks.check` for one request on a pool thread."""

    def __init__(self, request: CheckRequest, policy: checks.Policy) -> None:
        super().__init__()
        self.request = request
        self.policy = policy
        self.signals = _JobSignals()

    def run(self) -> None:
        """Check the text; report the result or the failure through `signals`."""
        request = self.request
        try:
            report = request.run(self.policy)
        except Exception as exc:  # a bug in a rule must not take the editor down
            log.exception("check failed")
            self.signals.failed.emit(request.revision, f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(request.revision, report)


class CheckDispatcher(QObject):
    """Debounce check requests and run the newest on a worker thread.

    ``delay_ms`` is the pause in typing before a check starts. At most one check runs at a
    time; a request that arrives meanwhile waits and replaces any older waiting one.
    """

    report_ready = Signal(int, object)  # revision, checks.Report (only the newest)
    check_failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self, policy: checks.Policy, *, delay_ms: int = 250, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.policy = policy
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start_waiting)
        self._waiting: CheckRequest | None = None
        self._running: CheckJob | None = None
        self._newest = -1
        self._jobs: set[CheckJob] = set()
        self._held = False

    # public

    def request(self, request: CheckRequest, *, now: bool = False) -> None:
        """Check ``request`` after the typing pause (or at once with ``now``)."""
        self._newest = request.revision
        self._waiting = request
        if now:
            self._timer.stop()
            self._start_waiting()
        else:
            self._timer.start()

    def hold(self) -> None:
        """Start no check until `release` (the window holds checks until it is shown)."""
        self._held = True

    def release(self) -> None:
        """Start the waiting check, if any, after a `hold`."""
        self._held = False
        if self._waiting is not None and not self._timer.isActive():
            self._start_waiting()

    def set_policy(self, policy: checks.Policy) -> None:
        """Use ``policy`` from the next check on."""
        self.policy = policy

    def is_busy(self) -> bool:
        """True while a check runs or waits."""
        return self._running is not None or self._waiting is not None

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until the pool is idle (for tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    # slots

    @Slot()
    def _start_waiting(self) -> None:
        if self._waiting is None or self._running is not None or self._held:
            return
        job = CheckJob(self._waiting, self.policy)
        self._waiting = None
        job.setAutoDelete(False)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._running = job
        self._jobs.add(job)
        self.busy_changed.emit(True)
        self._pool.start(job)

    @Slot(int, object)
    def _on_job_finished(self, revision: int, report: checks.Report) -> None:
        self._finish_job()
        if revision == self._newest:
            self.report_ready.emit(revision, report)

    @Slot(int, str)
    def _on_job_failed(self, revision: int, message: str) -> None:
        self._finish_job()
        if revision == self._newest:
            self.check_failed.emit(message)

    def _finish_job(self) -> None:
        if self._running is not None:
            self._jobs.discard(self._running)
        self._running = None
        if self._waiting is not None and not self._timer.isActive():
            self._start_waiting()
        else:
            self.busy_changed.emit(self.is_busy())
