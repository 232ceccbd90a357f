# SPDX-License-Identifier: MIT
"""The main window: editor in the middle, checker, previews, drafts and calendar docked."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEventLoop, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

import checks
from checks.adapters.personal_words import PersonalWords, default_path
from star_desktop import __version__
from star_desktop.draft_checks import reading_age_target
from star_desktop.drafts import DraftsService, RefusedError
from star_desktop.storage import (
    Draft,
    InvalidValueError,
    Person,
    SaveError,
    Status,
    StorageError,
    Store,
    UnknownDraftError,
)
from star_desktop.team import team_url
from star_desktop.workflow import STATUS_LABELS, Action
from ui.calendar_pane import CalendarPane
from ui.checker_panel import CheckerPanel
from ui.dialogs import IgnoreDialog, ProfileDialog
from ui.draft_list import DraftList
from ui.draft_session import DraftSession
from ui.editor import DraftEditor
from ui.image_strip import ImageStrip
from ui.metadata_bar import MetadataBar
from ui.previews import PreviewTabs
from ui.team_status import TeamStatus
from ui.window_images import ImageActions
from ui.window_packs import PackActions
from ui.window_publish import PublishActions
from ui.window_team import TeamActions
from ui.workers import CheckDispatcher

APP_NAME = "STAR Desktop"
#: The version of the docks' layout kept in the settings: a layout saved under another
#: version is not restored (the default one is used), so a new arrangement reaches everyone.
LAYOUT_VERSION = 2


class MainWindow(ImageActions, PackActions, PublishActions, TeamActions, QMainWindow):
    """Plan, draft and check posts: everything a council author needs in one window."""

    def __init__(
        self,
        store: Store,
        policy: checks.Policy,
        settings: QSettings,
        *,
        check_delay_ms: int = 250,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.store = store
        self.policy = policy
        self.settings = settings
        self.service = DraftsService(store, policy)
        #: The writing layout while the calendar fills the window (Plan the month).
        self._planning_state: QByteArray | None = None
        self._adopt_profile_from_settings()

        # widgets
        self.dispatcher = CheckDispatcher(policy, delay_ms=check_delay_ms, parent=self)
        self.dispatcher.hold()  # the first check waits until the window is on screen
        self.session = DraftSession(self.service, self.dispatcher, self)
        self.editor = DraftEditor()
        self.metadata_bar = MetadataBar()
        self.banner_label = QLabel("")
        self.banner_label.setObjectName("banner")
        self.banner_label.setWordWrap(True)
        self.keep_button = QPushButton("Keep my text")
        self.theirs_button = QPushButton("Use the other copy")
        self.save_new_button = QPushButton("Save as a new draft")
        self.save_new_button.setObjectName("saveAsNew")
        self.save_new_button.hide()
        self.lock_label = QLabel("")
        self.lock_label.setObjectName("lockMessage")
        self.lock_label.setWordWrap(True)
        self.lock_button = QPushButton("")
        self.lock_button.setObjectName("lockButton")
        self.publish_button = QPushButton("Mark as published")
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setToolTip("After posting the approved text, record that it is out")
        self.copy_buttons = {
            platform: QPushButton(f"Copy for {label}")
            for platform, label in (("x", "X"), ("linkedin", "LinkedIn"), ("website", "website"))
        }
        for platform, button in self.copy_buttons.items():
            button.setObjectName(f"copy_{platform}")
            button.clicked.connect(lambda _=False, p=platform: self.copy_for(p))
        self.engagement_button = QPushButton("Record engagement\u2026")
        self.engagement_button.setObjectName("engagementButton")
        self.engagement_button.clicked.connect(self.record_engagement)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("undoArchive")
        self.undo_button.hide()
        self._undo_id: int | None = None
        self.image_strip = ImageStrip()
        self.checker_panel = CheckerPanel()
        self.previews = PreviewTabs()
        self.draft_list = DraftList(store)
        self.calendar_pane = CalendarPane(self.service)
        self.save_label = QLabel("")
        self.save_label.setObjectName("saveState")

        # signals
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.add_to_dictionary.connect(self._on_add_to_dictionary)
        self.editor.ignore_requested.connect(self.ignore_finding)
        self.editor.paste_refused.connect(self._on_paste_refused)
        self.editor.images_dropped.connect(self.attach_images)
        self.editor.image_pasted.connect(self.attach_picture)
        self.image_strip.add_requested.connect(self._on_add_image)
        self.image_strip.files_dropped.connect(self.attach_images)
        self.image_strip.alt_changed.connect(self._on_alt_changed)
        self.image_strip.check_requested.connect(self.check_image)
        self.image_strip.shrink_requested.connect(self._on_shrink_image)
        self.image_strip.remove_requested.connect(self.remove_image)
        self.metadata_bar.changed.connect(self._on_details_changed)
        self.metadata_bar.submit_requested.connect(self.submit_for_approval)
        self.checker_panel.finding_selected.connect(self.select_finding)
        self.checker_panel.fix_requested.connect(self.apply_fix)
        self.metadata_bar.title_edit.textEdited.connect(self._update_window_title)
        self.lock_button.clicked.connect(self._on_lock_button)
        self.publish_button.clicked.connect(self.publish)
        self.undo_button.clicked.connect(self._on_undo_archive)
        self.draft_list.archive_requested.connect(self.archive_draft)
        self.draft_list.restore_requested.connect(self.restore_draft)
        self.draft_list.delete_requested.connect(self.delete_draft)
        self.checker_panel.ignore_requested.connect(self.ignore_finding)
        self.checker_panel.back_to_text.connect(self.editor.setFocus)
        self.session.draft_loaded.connect(self._on_draft_loaded)
        self.session.report_ready.connect(self._on_report_ready)
        self.session.saved.connect(self._on_saved)
        self.session.save_failed.connect(self._on_save_failed)
        self.session.draft_gone.connect(self._on_draft_gone)
        self.save_new_button.clicked.connect(self.save_as_new_draft)
        self.session.check_failed.connect(self._on_check_failed)
        self.dispatcher.busy_changed.connect(self._on_busy_changed)
        self.keep_button.clicked.connect(self._on_keep_mine)
        self.theirs_button.clicked.connect(self._on_take_theirs)
        self.draft_list.draft_activated.connect(self.open_draft)
        self.calendar_pane.draft_activated.connect(self._open_from_calendar)
        self.calendar_pane.planning_toggled.connect(self.set_planning)
        self.calendar_pane.new_post_requested.connect(self._new_post_from_calendar)
        self.calendar_pane.draft_rescheduled.connect(self._on_draft_rescheduled)

        # layout
        banner = QWidget()
        banner_layout = QHBoxLayout(banner)
        banner_layout.setContentsMargins(0, 0, 0, 0)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.keep_button)
        banner_layout.addWidget(self.theirs_button)
        banner_layout.addWidget(self.save_new_button)
        self.banner = banner
        banner.hide()
        lock_bar = QWidget()
        lock_bar.setObjectName("lockBar")
        # A message bar, as Word shows for a read-only document: tinted, with an icon.
        lock_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lock_bar.setStyleSheet(
            "QWidget#lockBar { background: palette(alternate-base); "
            "border: 1px solid palette(mid); border-radius: 3px; }"
        )
        lock_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        info = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        lock_icon.setPixmap(info.pixmap(size, size))
        lock_layout = QHBoxLayout(lock_bar)
        lock_layout.setContentsMargins(6, 3, 3, 3)
        lock_layout.addWidget(lock_icon)
        lock_layout.addWidget(self.lock_label, 1)
        for button in self.copy_buttons.values():
            lock_layout.addWidget(button)
        lock_layout.addWidget(self.engagement_button)
        lock_layout.addWidget(self.publish_button)
        lock_layout.addWidget(self.lock_button)
        self.lock_bar = lock_bar
        lock_bar.hide()
        #: Says, for the whole session, that nothing can be changed (the store's reason).
        self.read_only_label = QLabel(
            f"\u26a0 This database is read-only: {store.read_only_reason}. You can read "
            "your drafts and the calendar, but not change them. To work in it, copy it to "
            "a folder you can write to, or ask IT for write access."
        )
        self.read_only_label.setObjectName("readOnlyBar")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setVisible(store.read_only)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.addWidget(self.read_only_label)
        central_layout.addWidget(self.metadata_bar)
        central_layout.addWidget(lock_bar)
        central_layout.addWidget(banner)
        central_layout.addWidget(self.editor, 1)
        central_layout.addWidget(self.image_strip)
        self.setCentralWidget(central)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        # Drafts and the checker run the full height; the calendar and the previews share
        # the bottom, so a 1366 x 768 laptop still shows a useful list of findings.
        self.setCorner(Qt.Corner.BottomLeftCorner, left)
        self.setCorner(Qt.Corner.BottomRightCorner, right)
        self.docks = {
            "drafts": self._dock("Drafts", "draftsDock", self.draft_list, left),
            "checker": self._dock("Checker", "checkerDock", self.checker_panel, right),
            "previews": self._dock("Previews", "previewsDock", self.previews, bottom),
            "calendar": self._dock("Calendar", "calendarDock", self.calendar_pane, bottom),
        }
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.save_label)
        #: Background sync with the team server, when the policy names one.
        self.team: TeamStatus | None = None
        url = team_url(policy)
        if url is not None and store.path is not None and not store.read_only:
            self.team = TeamStatus(store.path, url, self.service.author, self)
            self.team.fetched.connect(self.calendar_pane.refresh)
            self.team.resolve_requested.connect(self.resolve_team_conflicts)
            self.statusBar().addPermanentWidget(self.team.button)
        self._build_menus()
        self._set_tab_order()

        # state
        self.resize(1400, 900)
        self._restore_layout()
        self._open_first_draft()

    # public actions

    @Slot(int)
    def open_draft(self, draft_id: int) -> None:
        """Open ``draft_id`` in the editor (the current draft is saved first)."""
        self.session.open(draft_id)

    @Slot()
    def new_draft(self) -> None:
        """Start a new draft and put the cursor in it."""
        draft = self.session.new()
        self.draft_list.refresh()
        self.draft_list.select_draft(draft.id)
        self.metadata_bar.title_edit.setFocus()

    @Slot(object)
    def new_post_on(self, day: dt.date) -> None:
        """Start a post scheduled on ``day`` (an empty day opened in the calendar)."""
        self.session.flush()
        draft = self.service.create("", "", platforms=("x",), date=day, time=dt.time(9, 0))
        self.session.open(draft.id)
        self._refresh_lists()
        self.draft_list.select_draft(draft.id)
        # After the calendar has redrawn (it keeps the focus otherwise): the title next.
        QTimer.singleShot(0, self.metadata_bar.title_edit.setFocus)
        self.statusBar().showMessage(f"New post for {day:%A %d %B}.", 4000)

    @Slot()
    def save_now(self) -> None:
        """Save the text at once (it is saved as you type anyway)."""
        if self.session.flush():
            self.statusBar().showMessage("Saved.", 3000)

    @Slot()
    def next_finding(self) -> None:
        """F7, as in Word: select the next finding and move the focus to the checker.

        A key pressed next cannot overwrite the text: Enter applies the fix, Esc returns
        to the post.
        """
        finding = self.checker_panel.select_next()
        if finding is not None:
            self.select_finding(finding)
            self.checker_panel.findings_tree.setFocus()

    @Slot(object)
    def select_finding(self, finding: checks.Finding) -> None:
        """Select a finding's text where it is: in the editor, or in the title."""
        if finding.part == "title":
            title = self.metadata_bar.title_edit
            if title.text()[finding.start : finding.end] == finding.text:
                title.setSelection(finding.start, finding.end - finding.start)
            title.setFocus()
            return
        self.editor.select_finding(finding)
        self.editor.setFocus()

    @Slot(object, str)
    def apply_fix(self, finding: checks.Finding, replacement: str) -> bool:
        """Apply a fix where the finding is (the title is saved at once, the text as typed)."""
        if finding.part != "title":
            return self.editor.apply_replacement(finding, replacement)
        title = self.metadata_bar.title_edit.text()
        if title[finding.start : finding.end] != finding.text:
            return False
        fixed = title[: finding.start] + replacement + title[finding.end :]
        self.metadata_bar.title_edit.setText(" ".join(fixed.split()))
        self._on_details_changed()
        return True

    @Slot()
    def submit_for_approval(self) -> bool:
        """Submit through the drafts service, or say what stands in the way."""
        return self._apply(Action.SUBMIT, "Submitted for approval.", "Not ready for approval")

    def withdraw(self) -> bool:
        """Take the submitted post back to draft, after asking."""
        if not self.confirm(
            "Withdraw and edit",
            "Withdraw this post from approval so you can edit it? It must be submitted "
            "again afterwards.",
        ):
            return False
        return self._apply(Action.WITHDRAW, "Withdrawn: you can edit the post again.")

    def reopen(self) -> bool:
        """Edit an approved, published or rejected post again, after asking."""
        draft = self.session.draft
        if draft is None:
            return False
        warning = {
            Status.APPROVED: "Editing voids its approval: it must be submitted and approved "
            "again. The voided approval stays on record.",
            Status.PUBLISHED: "It has been published: your changes will not change what was "
            "posted, and it must be approved again.",
        }.get(draft.status, "It goes back to draft, to be submitted again.")
        if not self.confirm("Edit this post?", warning):
            return False
        return self._apply(Action.REOPEN, "Back to draft: you can edit the post.")

    @Slot(int)
    def archive_draft(self, draft_id: int) -> bool:
        """Archive a draft (with Undo in the status bar)."""
        try:
            if self._is_open(draft_id):
                draft = self.session.apply(Action.ARCHIVE)
            else:
                draft = self.service.archive(draft_id)
        except RefusedError as refused:
            self.inform("Cannot archive", "\n".join(refused.reasons))
            return False
        except StorageError as exc:
            self.inform("Cannot archive", str(exc))
            return False
        self._undo_id = draft_id
        self.undo_button.setText(f"Undo archive of \u2018{draft.title or 'untitled'}\u2019")
        self.undo_button.show()
        QTimer.singleShot(15_000, self.undo_button.hide)
        self._refresh_lists()
        return True

    @Slot(int)
    def restore_draft(self, draft_id: int) -> bool:
        """Bring an archived draft back with the status it had."""
        try:
            if self._is_open(draft_id):
                self.session.apply(Action.RESTORE)
            else:
                self.service.restore(draft_id)
        except (RefusedError, StorageError) as exc:
            self.inform("Cannot restore", _reasons(exc))
            return False
        self.undo_button.hide()
        self._refresh_lists()
        self.statusBar().showMessage("Restored.", 4000)
        return True

    @Slot(int)
    def delete_draft(self, draft_id: int) -> bool:
        """Delete a never-submitted draft, after asking (anything else is archived)."""
        try:
            draft = self.service.get(draft_id)
        except UnknownDraftError:
            return False
        if Action.DELETE not in self.service.available(draft):
            return self.archive_draft(draft_id)
        name = draft.title or "this untitled draft"
        if not self.confirm("Delete draft", f"Delete \u2018{name}\u2019? This cannot be undone."):
            return False
        if self._is_open(draft_id):
            self.session.flush()
        try:
            self.service.delete(draft_id, confirmed=True)
        except (RefusedError, StorageError) as exc:
            self.inform("Cannot delete", _reasons(exc))
            return False
        if self._is_open(draft_id):
            self.session.draft = None
            self._open_first_draft()
        self._refresh_lists()
        self.statusBar().showMessage(f"Deleted \u2018{name}\u2019.", 4000)
        return True

    @Slot(object)
    def ignore_finding(self, finding: checks.Finding) -> None:
        """Ask for a reason, then stop flagging ``finding`` on this draft."""
        if self.session.draft is None:
            return
        dialog = IgnoreDialog(finding, self)
        if dialog.exec() != IgnoreDialog.DialogCode.Accepted:
            return
        self.record_override(finding, dialog.reason(), every=dialog.every())

    def record_override(self, finding: checks.Finding, reason: str, *, every: bool = False) -> None:
        """Store the override with ``reason`` (for every such finding) and refresh."""
        assert self.session.draft is not None
        try:
            self.service.ignore(self.session.draft.id, finding, reason, every=every)
        except InvalidValueError as exc:
            self.inform("Reason needed", str(exc))
            return
        except SaveError as exc:
            self.inform("Cannot ignore the finding", str(exc))
            return
        if self.session.report is not None:
            self._on_report_ready(
                self.session.report, self.session.hidden_findings(self.session.report)
            )

    @Slot()
    def edit_profile(self) -> None:
        """Ask for the author's name and Data Protection training date."""
        person = self.person()
        dialog = ProfileDialog(self.author(), person.dp_training if person else None, self)
        dialog.set_latest(self.service.today())
        if dialog.exec() == ProfileDialog.DialogCode.Accepted:
            self.save_profile(*dialog.values())

    def save_profile(self, name: str, trained: dt.date | None) -> None:
        """Remember the author's name here and their training date in the database."""
        if not name:
            self.inform("Name needed", "Enter your name so approvers know who wrote a post.")
            return
        try:
            self.service.set_profile(name, trained, clear_training=trained is None)
        except InvalidValueError as exc:
            self.inform("Profile not saved", str(exc)[0].upper() + str(exc)[1:] + ".")
            return
        self._update_profile_hint()
        if self.session.report is not None:
            self._show_readiness(self.session.report)

    def author(self) -> str:
        """The author's name from the profile ("" until set)."""
        return self.service.author()

    def person(self) -> Person | None:
        """The author's record (with the training date), or None without a profile."""
        return self.service.profile()

    def inform(self, title: str, text: str) -> None:
        """Tell the author something that needs their attention."""
        QMessageBox.warning(self, title, text)

    def confirm(self, title: str, text: str) -> bool:
        """Ask the author to confirm a step (a status change, closing with unsaved text)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def show_about(self) -> None:
        """The About box: versions of the program and of the policy in use."""
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Offline drafting and policy checks for STAR Procurement's social media "
            "posts (Stockport, Trafford and Rochdale councils).</p>"
            f"<p>Policy version: {self.policy.version}<br>"
            f"Rules: {len(self.policy.rules)}</p>",
        )

    # Qt events

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Once on screen, let checks start (the first builds the dictionaries)."""
        super().showEvent(event)
        QTimer.singleShot(0, self.dispatcher.release)
        if self.team is not None and not self.team.started:
            QTimer.singleShot(0, self.team.start)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Save the draft and the window layout; keep the window if the text cannot be saved."""
        if not self.session.flush() and not self.confirm(
            "Text not saved",
            f"{self.session.save_error}\n\nClose anyway and lose the unsaved text?",
        ):
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.set_planning(False)  # the writing layout is the one to come back to
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.sync()
        self.session.close()
        self.dispatcher.wait_for_done(5000)
        if self.team is not None:
            self.team.stop()
        super().closeEvent(event)

    # slots

    @Slot()
    def _on_editor_text_changed(self) -> None:
        self.session.text_changed(self.editor.toPlainText())

    @Slot(object)
    def _on_draft_loaded(self, draft: Draft) -> None:
        if self.editor.toPlainText() != draft.text:
            self.editor.setPlainText(draft.text)
        self.metadata_bar.load(draft, self.service.can_edit(draft))
        self.draft_list.select_draft(draft.id)
        self._update_window_title()
        self.banner.hide()
        self._show_lock(draft)
        self._show_images()
        if self.session.report is not None:
            self._show_readiness(self.session.report)
        self.settings.setValue("session/lastDraft", draft.id)

    @Slot(object, object)
    def _on_report_ready(self, report: checks.Report, hidden: set[int]) -> None:
        platforms = self.metadata_bar.platforms()
        overflow = report.lengths.get("x", {}).get("overflow_at") if "x" in platforms else None
        self.editor.show_report(report, overflow, hidden)
        self.checker_panel.show_report(report, hidden)
        self._show_readiness(report)
        audiences = self.session.draft.audiences if self.session.draft else ()
        self.checker_panel.set_stats(report.metrics, reading_age_target(self.policy, audiences))
        self.metadata_bar.set_lengths(report.lengths)
        draft = self.session.draft
        title = draft.title if draft else ""
        pictures = [(i.path, i.alt) for i in self.service.store.images(draft.id)] if draft else []
        self.previews.show_post(report.text, title, report.lengths, self.author(), pictures)

    @Slot()
    def _on_details_changed(self) -> None:
        self.session.update_details(self.metadata_bar.values())
        self._update_window_title()
        self._refresh_lists()
        self._show_images()

    @Slot(int, object)
    def _on_draft_rescheduled(self, draft_id: int, day: dt.date) -> None:
        del day
        if self.session.draft is not None and self.session.draft.id == draft_id:
            self.session.details_changed_elsewhere()
        self.draft_list.refresh()

    @Slot(str)
    def _on_add_to_dictionary(self, word: str) -> None:
        PersonalWords(default_path()).add(word)
        self.session.request_check(now=True)
        self.statusBar().showMessage(f"Added \u2018{word}\u2019 to your dictionary.", 4000)

    @Slot(int)
    def _on_paste_refused(self, length: int) -> None:
        self.inform(
            "Paste too long",
            f"The text you pasted has {length:,} characters, far more than any post. "
            "Nothing was pasted: copy a shorter part.",
        )

    @Slot(object)
    def _on_saved(self, when: dt.datetime) -> None:
        self.save_label.setText(f"Saved {when:%H:%M:%S}")
        if self.session.draft is not None and self.session.autosaver is not None:
            self.calendar_pane.note_saved(self.session.draft.id, self.session.autosaver.version)
        if self.team is not None:
            self.team.saved()
        if not self.keep_button.isVisible():
            self.banner.hide()

    @Slot(str, bool)
    def _on_save_failed(self, message: str, conflict: bool) -> None:
        self.banner_label.setText(f"\u26a0 {message}")
        self.keep_button.setVisible(conflict)
        self.theirs_button.setVisible(conflict)
        self.banner.show()
        self.save_label.setText("Not saved")

    @Slot()
    def _on_draft_gone(self) -> None:
        self.banner_label.setText(
            "\u26a0 This draft is no longer in the database (a backup was restored, or it "
            "was deleted elsewhere). Your text is all here and nothing is lost: save it as "
            "a new draft."
        )
        self.keep_button.hide()
        self.theirs_button.hide()
        self.save_new_button.show()
        self.banner.show()
        self.save_label.setText("Not saved")

    def save_as_new_draft(self) -> bool:
        """Keep the words of a draft that has gone from the database in a new draft."""
        try:
            draft = self.session.save_as_new()
        except StorageError as exc:
            self.inform("Not saved", f"Could not save the text as a new draft: {exc}")
            return False
        self.save_new_button.hide()
        self.open_draft(draft.id)
        self._refresh_lists()
        self.statusBar().showMessage(f"Saved as a new draft ({draft.id}).", 5000)
        return True

    @Slot(str)
    def _on_check_failed(self, message: str) -> None:
        self.checker_panel.set_status(f"The checker stopped on this text ({message}).")

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.checker_panel.set_status("Checking\u2026" if busy else self._engine_status())
        self.checker_panel.set_busy(busy)

    @Slot()
    def _on_keep_mine(self) -> None:
        self.session.keep_mine()
        self.banner.hide()

    @Slot()
    def _on_take_theirs(self) -> None:
        self.session.take_theirs()
        self.banner.hide()

    # helpers

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        def action(
            text: str,
            slot: object,
            shortcut: QKeySequence.StandardKey | str | None = None,
        ) -> QAction:
            item = QAction(text, self)
            if shortcut is not None:
                item.setShortcut(QKeySequence(shortcut))
            item.triggered.connect(slot)
            self.addAction(item)
            return item

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(action("&New draft", self.new_draft, QKeySequence.StandardKey.New))
        file_menu.addAction(action("&Save now", self.save_now, QKeySequence.StandardKey.Save))
        file_menu.addSeparator()
        file_menu.addAction(action("&Export approval pack\u2026", self.export_pack))
        file_menu.addAction(action("&Open approval pack\u2026", self.open_pack, "Ctrl+O"))
        file_menu.addAction(action("&Import decisions\u2026", self.import_decisions))
        file_menu.addSeparator()
        file_menu.addAction(action("&Profile\u2026", self.edit_profile, "Ctrl+,"))
        file_menu.addSeparator()
        file_menu.addAction(action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(action("&Undo", self.undo, QKeySequence.StandardKey.Undo))
        edit_menu.addAction(action("&Redo", self.editor.redo, QKeySequence.StandardKey.Redo))
        edit_menu.addSeparator()
        edit_menu.addAction(
            action("&Find drafts", self._focus_search, QKeySequence.StandardKey.Find)
        )
        check_menu = self.menuBar().addMenu("&Check")
        check_menu.addAction(action("&Next finding", self.next_finding, "F7"))
        view_panes = action("Next &pane", self.next_pane, "F6")
        view_panes.setToolTip("Move between the drafts, the post, the checker and the calendar")
        check_menu.addAction(
            action("&Check now", lambda: self.session.request_check(now=True), "F5")
        )
        view_menu = self.menuBar().addMenu("&View")
        self.planning_action = action("Plan the &month", self.set_planning, "Ctrl+Shift+M")
        self.planning_action.setCheckable(True)
        self.planning_action.setToolTip("The calendar fills the window; again to write")
        view_menu.addAction(self.planning_action)
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        post_menu = self.menuBar().addMenu("&Post")
        self.post_actions = {
            Action.SUBMIT: action("&Submit for approval", self.submit_for_approval),
            Action.WITHDRAW: action("&Withdraw and edit", self.withdraw),
            Action.REOPEN: action("&Edit again", self.reopen),
            Action.PUBLISH: action("Mark as &published", self.publish),
            Action.ARCHIVE: action("&Archive", lambda: self._on_current(self.archive_draft)),
            Action.RESTORE: action("&Restore", lambda: self._on_current(self.restore_draft)),
            Action.DELETE: action("&Delete\u2026", lambda: self._on_current(self.delete_draft)),
        }
        self.post_actions[Action.SUBMIT].setShortcut(QKeySequence("Ctrl+Return"))
        for item in self.post_actions.values():
            post_menu.addAction(item)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(action(f"&About {APP_NAME}", self.show_about))

    def undo(self) -> None:
        """Undo in the calendar puts back the last moved post; elsewhere it undoes typing."""
        focus = QApplication.focusWidget()
        in_calendar = focus is not None and self.calendar_pane.isAncestorOf(focus)
        if in_calendar and self.calendar_pane.can_undo():
            self.calendar_pane.undo_move()
        else:
            self.editor.undo()

    def set_planning(self, on: bool) -> None:
        """Give the whole window to the calendar (a month readable at 1366x768), or go back.

        The writing layout is kept and comes back as it was; opening a post from the
        calendar goes back to writing.
        """
        if on == (self._planning_state is not None):
            return
        if on:
            self._planning_state = self.saveState()
            self.editor_area().hide()
            for name in ("checker", "previews", "drafts"):
                self.docks[name].hide()
            self.docks["calendar"].show()
            self.docks["calendar"].raise_()
            self.calendar_pane.set_planning(True)
            self.calendar_pane.focus_target().setFocus()
        else:
            state, self._planning_state = self._planning_state, None
            self.calendar_pane.set_planning(False)
            self.editor_area().show()
            if state is not None:
                self.restoreState(state)
        self.planning_action.setChecked(on)

    def _set_tab_order(self) -> None:
        """Tab goes from the title to the text, then the post's details, then its images."""
        chain = [
            self.metadata_bar.title_edit,
            self.editor,
            *self.metadata_bar.details(),
            self.image_strip.add_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def editor_area(self) -> QWidget:
        """The middle of the window: the post's details, text and images."""
        central = self.centralWidget()
        assert central is not None  # set in __init__, never removed
        return central

    def _open_from_calendar(self, draft_id: int) -> None:
        self.set_planning(False)
        self.open_draft(draft_id)

    def _new_post_from_calendar(self, day: dt.date) -> None:
        self.set_planning(False)
        self.new_post_on(day)

    def _focus_search(self) -> None:
        self.docks["drafts"].show()
        self.draft_list.search_edit.setFocus()
        self.draft_list.search_edit.selectAll()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is None or not self.restoreState(state, LAYOUT_VERSION):
            # The previews sit in a tab beside the checker, in view while typing; the
            # calendar has the space below the post to itself.
            self.tabifyDockWidget(self.docks["checker"], self.docks["previews"])
            self.docks["checker"].raise_()
            self.resizeDocks([self.docks["checker"]], [420], Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks["drafts"]], [240], Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks["calendar"]], [360], Qt.Orientation.Vertical)

    def _open_first_draft(self) -> None:
        """Reopen the draft last edited here, else the first in the list, else a new one."""
        last = self.settings.value("session/lastDraft")
        try:
            if last is not None:
                self.open_draft(int(str(last)))
                self._update_profile_hint()
                return
        except (UnknownDraftError, ValueError):
            pass
        recent = self.store.list_drafts(limit=1)
        if recent:
            self.open_draft(recent[0].id)
        elif not self.store.read_only:  # nothing can be written: the editor stays empty
            self.new_draft()
        self._update_profile_hint()

    def _adopt_profile_from_settings(self) -> None:
        """Earlier versions kept the author's name in the window's settings: move it."""
        legacy = str(self.settings.value("profile/name", "") or "")
        if legacy and not self.service.author() and not self.store.read_only:
            self.service.set_profile(legacy)

    def _apply(self, action: Action, done: str, refused_title: str = "") -> bool:
        if self.session.draft is None or not self.session.flush():
            return False
        if action is Action.SUBMIT and not self._wait_for_check():
            self.inform(
                refused_title or "Not possible now",
                "The post changed while it was being checked: submit it again.",
            )
            return False
        try:
            self.session.apply(action)
        except RefusedError as refused:
            intro = "This post cannot be submitted yet:\n\n" if action is Action.SUBMIT else ""
            self.inform(
                refused_title or "Not possible now",
                intro + "\n".join(f"\u2022 {reason}" for reason in refused.reasons),
            )
            return False
        except StorageError as exc:
            self.inform(refused_title or "Not possible now", str(exc))
            return False
        self._refresh_lists()
        self.statusBar().showMessage(done, 5000)
        return True

    def _wait_for_check(self, timeout_ms: int = 120_000) -> bool:
        """Make sure the worker has checked the text as it is; never check it here.

        A check of a long post can take a while, and on the window's thread it froze the
        window: Submit waits for the worker's report instead, the window still drawing
        and the bar under the findings moving. False when the text changed meanwhile.
        """
        if self.session.current_report() is not None:
            return True
        loop = QEventLoop(self)
        tick = QTimer(self)
        tick.setInterval(100)
        tick.timeout.connect(loop.quit)
        self.session.report_ready.connect(loop.quit)
        deadline = time.monotonic() + timeout_ms / 1000
        self.statusBar().showMessage("Checking the post before it is submitted\u2026")
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            self.session.request_check(now=True)
            tick.start()
            while (
                self.session.current_report() is None
                and self.session.dispatcher.is_busy()
                and time.monotonic() < deadline
            ):
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            tick.stop()
            QApplication.restoreOverrideCursor()
            self.session.report_ready.disconnect(loop.quit)
            self.statusBar().clearMessage()
        return self.session.current_report() is not None

    def _show_lock(self, draft: Draft) -> None:
        """Read-only unless the workflow lets the author edit; the bar says what to do."""
        editable = self.service.can_edit(draft)
        self.editor.setReadOnly(not editable)
        offers = {
            Status.SUBMITTED: ("Waiting for approval: the text is locked.", "Withdraw and edit"),
            Status.APPROVED: ("Approved: the text is locked.", "Edit (voids approval)"),
            Status.PUBLISHED: ("Published: the text is locked.", "Edit again"),
            Status.REJECTED: ("Rejected by the approver.", "Edit again"),
            Status.ARCHIVED: ("Archived.", "Restore"),
        }
        for name, item in self.post_actions.items():
            why = self.service.refusal(draft, name)
            item.setEnabled(why is None)
            item.setToolTip(why or "")
            item.setStatusTip(why or "")
        offer = offers.get(draft.status)
        decision = self._last_decision(draft)
        if draft.status is Status.CHANGES_REQUESTED:
            offer = (decision or "Changes requested by the approver.", "")
        elif offer is not None and decision and draft.status in (Status.APPROVED, Status.REJECTED):
            offer = (f"{decision} The text is locked.", offer[1])
        self.lock_bar.setVisible(offer is not None)
        self.lock_button.setVisible(bool(offer and offer[1]))
        self.publish_button.setVisible(draft.status is Status.APPROVED)
        out = draft.status in (Status.APPROVED, Status.PUBLISHED)
        for platform, button in self.copy_buttons.items():
            button.setVisible(out and platform in draft.platforms)
        self.engagement_button.setVisible(draft.status is Status.PUBLISHED)
        if offer is not None:
            self.lock_label.setText(offer[0])
            self.lock_button.setText(offer[1])

    @Slot()
    def _on_lock_button(self) -> None:
        draft = self.session.draft
        if draft is None:
            return
        if draft.status is Status.SUBMITTED:
            self.withdraw()
        elif draft.status is Status.ARCHIVED:
            self.restore_draft(draft.id)
        else:
            self.reopen()

    @Slot()
    def _on_undo_archive(self) -> None:
        if self._undo_id is not None:
            self.restore_draft(self._undo_id)
            self._undo_id = None

    @Slot()
    def _update_window_title(self) -> None:
        label = self.metadata_bar.title_edit.text().strip() or "Untitled draft"
        self.setWindowTitle(f"{label} \u2013 {APP_NAME}")

    def _show_readiness(self, report: checks.Report) -> None:
        """The checker's headline says what submitting would say (the service's readiness)."""
        draft = self.session.draft
        if draft is None:
            return
        if not self.service.can_edit(draft):
            where = " (the database is read-only)" if self.store.read_only else ""
            self.checker_panel.set_readiness(
                f"{STATUS_LABELS[draft.status]}{where}.", [], ready=True
            )
            return
        result = self.service.readiness_of(draft, report)
        if result.ready:
            self.checker_panel.set_readiness("Ready for approval.", [], ready=True)
            return
        count = len(result.reasons)
        things = "thing" if count == 1 else "things"
        self.checker_panel.set_readiness(
            f"Not ready for approval: {count} {things} to do (hover for the list).",
            result.reasons,
            ready=False,
        )

    def _last_decision(self, draft: Draft) -> str:
        """The approver's last decision on the draft, with its comment, in words."""
        decisions = self.service.store.approvals(draft.id)
        if not decisions:
            return ""
        last = decisions[-1]
        verb = {"approve": "Approved", "changes": "Changes requested", "reject": "Rejected"}
        said = f": \u201c{last.comment}\u201d" if last.comment else "."
        return f"{verb.get(last.decision, last.decision)} by {last.approver}{said}"

    @Slot()
    def next_pane(self) -> QWidget | None:
        """F6, as in Office: move the focus to the next pane (drafts, post, checker, calendar)."""
        panes: list[QWidget] = [
            self.draft_list.drafts_view,
            self.editor,
            self.checker_panel.findings_tree,
            self.calendar_pane,
        ]
        visible = [p for p in panes if p.isVisible()]
        if not visible:
            return None
        focus = QApplication.focusWidget()
        current = next(
            (
                i
                for i, p in enumerate(visible)
                if focus is not None and (focus is p or p.isAncestorOf(focus))
            ),
            -1,
        )
        target = visible[(current + 1) % len(visible)]
        if target is self.calendar_pane:
            target = self.calendar_pane.focus_target()
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return target

    def _on_current(self, act: Callable[[int], bool]) -> None:
        if self.session.draft is not None:
            act(self.session.draft.id)

    def _is_open(self, draft_id: int) -> bool:
        return self.session.draft is not None and self.session.draft.id == draft_id

    def _refresh_lists(self) -> None:
        self.draft_list.refresh()
        self.calendar_pane.refresh()

    def _update_profile_hint(self) -> None:
        if not self.author():
            self.statusBar().showMessage(
                "Welcome: set your name and Data Protection training date in File \u203a "
                "Profile (Ctrl+,) before submitting posts."
            )
        else:
            self.statusBar().clearMessage()

    def _engine_status(self) -> str:
        """Why a check family is not working (a missing dictionary, an unreachable server)."""
        notes = []
        for checker in self.policy.checkers:
            for part in (checker, *vars(checker).values()):
                problem = getattr(part, "problem", "")
                if isinstance(problem, str) and problem and problem not in notes:
                    notes.append(problem)
        return " ".join(notes)


def _reasons(exc: Exception) -> str:
    if isinstance(exc, RefusedError):
        return "\n".join(exc.reasons)
    return str(exc)
