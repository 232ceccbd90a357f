# SPDX-License-Identifier: MIT
"""The draft being edited: autosave, check requests and what to do with their results.

`DraftSession` owns no widgets and no rules: saving, checking, readiness and every
status change go through the drafts service (`star_desktop.drafts`), which refuses
what the workflow does not allow. The session keeps the editor's text in step with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

import checks
from star_desktop.drafts import DraftsService
from star_desktop.readiness import is_overridden
from star_desktop.storage import (
    Autosaver,
    ConflictError,
    Draft,
    SaveError,
    TextTooLongError,
    UnknownDraftError,
)
from star_desktop.workflow import Action
from ui.workers import CheckDispatcher, CheckRequest

#: How often the autosaver is asked whether a save is due (it saves about every second).
TICK_MS = 200


class DraftSession(QObject):
    """Load, autosave and check one draft at a time."""

    draft_loaded = Signal(object)  # Draft
    #: The draft is no longer in the database (a backup was restored over it, or it was
    #: deleted elsewhere): saving stops, the text stays, and the window offers to save it
    #: as a new draft.
    draft_gone = Signal()
    report_ready = Signal(object, object)  # checks.Report, set of hidden finding indices
    saved = Signal(object)  # datetime of the save
    save_failed = Signal(str, bool)  # message, True when it is a conflict
    check_failed = Signal(str)

    def __init__(
        self, service: DraftsService, dispatcher: CheckDispatcher, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.store = service.store
        self.dispatcher = dispatcher
        self.draft: Draft | None = None
        self.autosaver: Autosaver | None = None
        self.text = ""
        self.revision = 0
        self.report: checks.Report | None = None
        self.is_gone = False
        self.report_revision = -1
        self.save_error: str | None = None
        self.closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()
        dispatcher.report_ready.connect(self._on_report_ready)
        dispatcher.check_failed.connect(self.check_failed)

    def close(self) -> None:
        """Stop saving and checking: the window is closing (call `flush` first)."""
        if self.closed:
            return
        self.closed = True
        self._timer.stop()
        self.dispatcher.report_ready.disconnect(self._on_report_ready)
        self.draft = None
        self.autosaver = None

    # loading

    def open(self, draft_id: int) -> Draft:
        """Save the current draft, then load ``draft_id`` and check it at once."""
        self._keep_words()
        draft = self.store.get(draft_id)
        self._adopt(draft)
        return draft

    def new(self) -> Draft:
        """Start a new, empty draft for X (or reuse the newest if it is still empty)."""
        self._keep_words()
        draft = self.service.new_or_reuse()
        self._adopt(draft)
        return draft

    def _keep_words(self) -> None:
        """Save the text before another draft is opened: as a new draft if this one is gone."""
        if not self.flush() and self.is_gone and self.text.strip():
            self.save_as_new()

    def _adopt(self, draft: Draft) -> None:
        self.draft = draft
        self.is_gone = False
        self.autosaver = Autosaver(self.service, draft.id, draft.version)
        self.text = draft.text
        self.report = None
        self.save_error = None
        self.draft_loaded.emit(draft)
        self.request_check(now=True)

    # editing

    def text_changed(self, text: str) -> None:
        """The editor's text changed: note it for the autosaver and check it soon."""
        if self.draft is None or text == self.text:
            return
        self.text = text
        if self.autosaver is not None:
            self.autosaver.edit(text)
        self.request_check()

    def update_details(self, values: dict[str, Any]) -> None:
        """Save the metadata bar's values (and any pending text first), then recheck."""
        if self.draft is None or self.autosaver is None:
            return
        try:
            self.autosaver.flush()
            self.draft = self.service.update(
                self.draft.id, version=self.autosaver.version, **values
            )
        except SaveError as exc:
            self._report_save_error(exc)
            return
        except UnknownDraftError:
            self._gone()
            return
        self.autosaver.version = self.draft.version
        self.request_check(now=True)

    def apply(self, action: Action, note: str = "") -> Draft:
        """Save the text, then submit, withdraw, reopen, archive, restore or publish it.

        ``note`` is where a published post is (its address), when given.

        Raises:
            RefusedError: The service's refusal, with its reasons.
            SaveError: The text could not be saved first.
        """
        assert self.draft is not None
        assert self.autosaver is not None
        self.autosaver.flush()
        draft_id = self.draft.id
        if action is Action.SUBMIT:
            draft = self.service.submit(draft_id, report=self.current_report())
        elif action is Action.PUBLISH:
            draft = self.service.publish(draft_id, note)
        else:
            draft = {
                Action.WITHDRAW: self.service.withdraw,
                Action.REOPEN: self.service.reopen,
                Action.ARCHIVE: self.service.archive,
                Action.RESTORE: self.service.restore,
            }[action](draft_id)
        if self.draft is not None and self.draft.id == draft_id:
            self.draft = draft
            self.autosaver.version = draft.version
            self.draft_loaded.emit(draft)
        return draft

    def current_report(self) -> checks.Report | None:
        """The worker's last report if it is of the text as it is now, else None."""
        report = self.report
        return report if report is not None and report.text == self.text else None

    def details_changed_elsewhere(self) -> None:
        """The calendar or another window changed this draft's details: take their version."""
        if self.draft is None or self.autosaver is None:
            return
        try:
            self.draft = self.store.get(self.draft.id)
        except UnknownDraftError:
            return
        if self.autosaver.pending is None:
            self.autosaver.version = self.draft.version
        else:  # only details changed, so our text can go over their version
            self.autosaver.keep_mine(self.draft.version)
            # The words typed since the last save stay on screen and are saved next.
            self.draft = dataclasses.replace(self.draft, text=self.autosaver.pending)
        self.draft_loaded.emit(self.draft)
        self.request_check(now=True)

    # saving

    def flush(self) -> bool:
        """Save pending text now; False (and `save_failed`) when it could not be saved."""
        if self.autosaver is None:
            return True
        try:
            self.autosaver.flush()
        except SaveError as exc:
            self._report_save_error(exc)
            return False
        except UnknownDraftError:
            self._gone()
            return False
        self._saved_ok()
        return True

    def save_as_new(self) -> Draft:
        """Save the text and details of a draft that is gone as a new draft (opened next)."""
        assert self.draft is not None
        old = self.draft
        return self.service.create(
            old.title, self.text, platforms=old.platforms, audiences=old.audiences,
            category=old.category, date=old.date, time=old.time,
        )  # fmt: skip

    def _gone(self) -> None:
        if not self.is_gone:
            self.is_gone = True
            self.draft_gone.emit()

    def keep_mine(self) -> None:
        """Settle a conflict by saving the editor's text over the other copy."""
        if self.autosaver is not None and self.draft is not None:
            self.autosaver.keep_mine(self.store.get(self.draft.id).version)
            self.flush()

    def take_theirs(self) -> Draft | None:
        """Settle a conflict by reloading the other copy (the editor's text is replaced)."""
        if self.draft is None:
            return None
        draft = self.store.get(self.draft.id)
        self._adopt(draft)
        return draft

    @Slot()
    def _on_tick(self) -> None:
        if self.autosaver is None or self.autosaver.pending is None or self.is_gone:
            return
        try:
            if self.autosaver.tick():
                self._saved_ok()
        except SaveError as exc:
            self._report_save_error(exc)
        except UnknownDraftError:
            self._gone()

    def _saved_ok(self) -> None:
        if self.save_error is not None:
            self.save_error = None
        self.saved.emit(dt.datetime.now())

    def _report_save_error(self, exc: SaveError) -> None:
        conflict = isinstance(exc, ConflictError)
        if conflict:
            message = "This draft was changed in another window since you opened it."
        elif isinstance(exc, TextTooLongError):
            message = f"Not saved: {exc}. Your text is all here: shorten it and it is saved."
        else:
            message = f"Could not save: {exc}. Your text is safe here and saving will be retried."
        if message != self.save_error:
            self.save_error = message
            self.save_failed.emit(message, conflict)
        if conflict and self.autosaver is not None:
            self.autosaver.version = -1  # stop retrying until the author chooses

    # checking

    def request_check(self, *, now: bool = False) -> None:
        """Ask for a check of the current text with the draft's details."""
        if self.draft is None:
            return
        self.revision += 1
        self.dispatcher.request(self._check_request(self.draft), now=now)

    def _check_request(self, draft: Draft) -> CheckRequest:
        """The current text with ``draft``'s details, at the current revision."""
        return CheckRequest(self.revision, self.service.check_of(draft, self.text))

    def hidden_findings(self, report: checks.Report) -> set[int]:
        """Indices of ``report``'s findings the author ignored with a reason."""
        if self.draft is None:
            return set()
        overrides = self.store.overrides(self.draft.id)
        return {i for i, f in enumerate(report.findings) if is_overridden(f, overrides)}

    @Slot(int, object)
    def _on_report_ready(self, revision: int, report: checks.Report) -> None:
        if revision != self.revision or report.text != self.text:
            return  # a check of text that has since changed
        self.report = report
        self.report_revision = revision
        self.report_ready.emit(report, self.hidden_findings(report))
