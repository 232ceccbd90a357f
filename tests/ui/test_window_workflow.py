"""The window and the workflow: locking, the title checked with the text, archive and
delete from the drafts list, new drafts, the window title and reopening the last draft."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt

from star_desktop.drafts import DraftsService
from star_desktop.storage import Status
from tests.ui.test_main_window import fill_details, panel_findings, type_post

pytestmark = pytest.mark.ui

CLEAN = "Join us at the Meet the Buyer event in Rochdale."
TRAINED = dt.date.today() - dt.timedelta(days=30)


def submit_clean_post(qtbot, window):
    type_post(qtbot, window, CLEAN)
    fill_details(window)
    window.save_profile("Sam Taylor", TRAINED)
    assert window.submit_for_approval()


def test_a_submitted_post_is_read_only_and_typing_changes_nothing(qtbot, make_window):
    window = make_window()
    submit_clean_post(qtbot, window)
    assert window.editor.isReadOnly()
    assert not window.metadata_bar.title_edit.isEnabled()
    assert window.lock_bar.isVisible()
    assert window.lock_button.text() == "Withdraw and edit"
    qtbot.keyClicks(window.editor, " Call Dave on 07700 900456")
    window.session.flush()
    stored = window.store.get(window.session.draft.id)
    assert (stored.text, stored.status) == (CLEAN, Status.SUBMITTED)


def test_a_fix_cannot_change_a_submitted_post(qtbot, make_window):
    window = make_window()
    post = "Going forward, join us at the Meet the Buyer event in Rochdale."
    type_post(qtbot, window, post)
    fill_details(window)
    window.save_profile("Sam Taylor", TRAINED)
    assert window.submit_for_approval()
    jargon = next(f for f in panel_findings(window) if f.check.startswith("jargon"))
    assert not window.apply_fix(jargon, jargon.replacements[0])
    assert window.editor.toPlainText() == post
    assert window.session.flush()
    assert window.store.get(window.session.draft.id).text == post


def test_editing_a_submitted_post_asks_then_withdraws_it(qtbot, make_window):
    window = make_window()
    submit_clean_post(qtbot, window)
    window.answers.append(False)  # the author says no: nothing changes
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.session.draft.status is Status.SUBMITTED
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)  # yes this time
    assert window.session.draft.status is Status.DRAFT
    assert not window.editor.isReadOnly()
    assert not window.lock_bar.isVisible()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " See you there.")
    assert window.session.flush()
    stored = window.store.get(window.session.draft.id)
    assert stored.text == CLEAN + " See you there."
    history = [t.action for t in window.service.transitions(stored.id)]
    assert history == ["submit", "withdraw"]


def test_a_title_finding_shows_in_the_checker_and_blocks_submit(qtbot, make_window):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    fill_details(window)
    window.save_profile("Sam Taylor", TRAINED)
    title = window.metadata_bar.title_edit
    with qtbot.waitSignal(window.session.report_ready, timeout=15_000):
        qtbot.keyClicks(title, "Ring Dave on 07700 900456")
    in_title = [f for f in panel_findings(window) if f.part == "title"]
    assert [f.check for f in in_title] == ["personal-data.phone"]
    window.select_finding(in_title[0])
    assert title.selectedText() == "07700 900456"
    assert not window.submit_for_approval()
    assert "Blocking (personal-data.phone) in the title" in window.messages[-1]
    # and no underline lands in the body for it
    assert all(m.finding.part == "text" for m in window.editor.highlighter.marks)


def test_the_window_title_follows_the_drafts_title(qtbot, make_window):
    window = make_window()
    qtbot.keyClicks(window.metadata_bar.title_edit, "Spring forum")
    assert window.windowTitle().startswith("Spring forum \u2013 ")


def test_ctrl_n_on_an_empty_draft_does_not_pile_up_untitled_drafts(qtbot, make_window):
    window = make_window()
    for _ in range(3):
        window.new_draft()
    assert window.store.count_drafts() == 1
    type_post(qtbot, window, CLEAN)
    window.new_draft()
    assert window.store.count_drafts() == 2


def test_the_app_reopens_the_draft_last_edited(qtbot, make_window, tmp_path):
    window = make_window()
    service = window.service
    first = service.create("First", "one")
    second = service.create("Second", "two")
    window.open_draft(second.id)
    window.close()
    window.store.close()
    again = make_window()
    assert again.session.draft.id == second.id != first.id


def test_archive_from_the_list_menu_then_undo(qtbot, make_window):
    window = make_window()
    draft = window.service.create("To archive", "text")
    window.draft_list.refresh()
    view = window.draft_list.drafts_view
    window.draft_list.select_draft(draft.id)
    view.customContextMenuRequested.emit(QPoint(view.visualItemRect(view.currentItem()).center()))
    (archive,) = [a for a in window.draft_list.context_menu.actions() if a.text() == "Archive"]
    window.draft_list.context_menu.close()
    archive.trigger()
    assert window.store.get(draft.id).status is Status.ARCHIVED
    assert draft.id not in [d.id for d in window.store.list_drafts()]
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert window.store.get(draft.id).status is Status.DRAFT


def test_delete_key_deletes_a_never_submitted_draft_after_asking(qtbot, make_window):
    window = make_window()
    draft = window.service.create("Scrap", "text")
    window.draft_list.refresh()
    window.draft_list.select_draft(draft.id)
    window.answers.append(False)
    qtbot.keyClick(window.draft_list.drafts_view, Qt.Key.Key_Delete)
    assert window.store.get(draft.id).title == "Scrap"
    window.draft_list.select_draft(draft.id)
    qtbot.keyClick(window.draft_list.drafts_view, Qt.Key.Key_Delete)
    assert draft.id not in [d.id for d in window.store.list_drafts(archived=True)]


def test_an_approved_post_is_locked_and_editing_it_voids_the_approval(qtbot, make_window):
    window = make_window()
    submit_clean_post(qtbot, window)
    draft = window.session.draft
    from star_desktop.drafts import text_sha256

    window.service.decide(draft.id, "approve", "Pat Manager", text_sha256(draft), "")
    window.open_draft(draft.id)
    assert window.editor.isReadOnly()
    assert window.lock_button.text() == "Edit (voids approval)"
    assert window.publish_button.isVisible()
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.session.draft.status is Status.DRAFT
    last = window.service.transitions(draft.id)[-1]
    assert (last.action, last.reason) == ("reopen", "approval voided")


def test_a_short_reason_cannot_ignore_a_finding(qtbot, make_window):
    window = make_window()
    type_post(qtbot, window, "Call Dave on 07700 900456.")
    phone = next(f for f in panel_findings(window) if f.rule == "personal-data")
    window.record_override(phone, "x")
    assert "at least 3 words" in window.messages[-1]
    assert phone in panel_findings(window)


def test_a_future_training_date_is_refused_in_the_profile(make_window):
    window = make_window()
    window.save_profile("Sam Taylor", dt.date.today() + dt.timedelta(days=400))
    assert "is in the future" in window.messages[-1]
    assert window.person() is None or window.person().dp_training is None


def test_service_is_the_windows_and_the_calendars(make_window):
    window = make_window()
    assert isinstance(window.service, DraftsService)
    assert window.session.service is window.service
    assert window.calendar_pane._service is window.service


def approved_post(qtbot, window):
    from star_desktop.drafts import text_sha256

    submit_clean_post(qtbot, window)
    draft = window.session.draft
    window.service.decide(draft.id, "approve", "Pat Manager", text_sha256(draft), "")
    window.open_draft(draft.id)
    return draft


def test_an_approved_post_can_be_copied_then_marked_published(qtbot, make_window):
    from PySide6.QtWidgets import QApplication

    window = make_window()
    draft = approved_post(qtbot, window)
    assert window.copy_buttons["x"].isVisible()
    assert not window.copy_buttons["linkedin"].isVisible()  # not posted there
    qtbot.mouseClick(window.copy_buttons["x"], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == CLEAN
    qtbot.mouseClick(window.publish_button, Qt.MouseButton.LeftButton)
    assert window.session.draft.status is Status.PUBLISHED
    last = window.service.transitions(draft.id)[-1]
    assert (last.action, last.reason) == ("publish", "https://x.com/STAR/1")
    assert window.engagement_button.isVisible()


def test_engagement_is_recorded_for_a_published_post(qtbot, make_window, monkeypatch):
    window = make_window()
    draft = approved_post(qtbot, window)
    qtbot.mouseClick(window.publish_button, Qt.MouseButton.LeftButton)
    figures = {"x": (1200, 45, 9)}
    monkeypatch.setattr(type(window), "engagement_answers", lambda self, d: figures)
    qtbot.mouseClick(window.engagement_button, Qt.MouseButton.LeftButton)
    (recorded,) = window.store.engagement(draft.id)
    assert (recorded.platform, recorded.impressions, recorded.engagements, recorded.clicks) == (
        "x", 1200, 45, 9,
    )  # fmt: skip


def test_engagement_cannot_be_recorded_before_publishing(qtbot, make_window):
    from star_desktop.drafts import RefusedError

    window = make_window()
    draft = approved_post(qtbot, window)
    with pytest.raises(RefusedError, match="published posts only"):
        window.service.record_engagement(draft.id, "x", impressions=1, engagements=1)


def test_the_approvers_comment_shows_on_a_draft_sent_back(qtbot, make_window):
    from star_desktop.drafts import text_sha256

    window = make_window()
    submit_clean_post(qtbot, window)
    draft = window.session.draft
    window.service.decide(draft.id, "changes", "Pat Manager", text_sha256(draft), "Name the venue")
    window.open_draft(draft.id)
    assert window.lock_bar.isVisible()
    assert (
        window.lock_label.text() == "Changes requested by Pat Manager: \u201cName the venue\u201d"
    )
    assert not window.lock_button.isVisible()
    assert not window.editor.isReadOnly()  # the author can edit and resubmit


def test_the_summary_says_what_submitting_would_say(qtbot, make_window):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    summary = window.checker_panel.summary_label
    assert summary.text().startswith("Not ready for approval:")  # no training, no category
    assert "training is not recorded" in summary.toolTip()
    fill_details(window)
    window.save_profile("Sam Taylor", TRAINED)
    window.session.request_check(now=True)
    qtbot.waitUntil(lambda: summary.text().startswith("Ready for approval."), timeout=15_000)
    assert window.submit_for_approval()  # and submitting agrees
    qtbot.waitUntil(lambda: summary.text().startswith("Submitted for approval."), timeout=15_000)


def test_enter_on_an_empty_day_starts_a_post_scheduled_on_it(qtbot, make_window):
    window = make_window()  # an empty database: every day is empty
    grid = window.calendar_pane.month_grid
    day = window.calendar_pane.current_day()
    grid.select_day(day)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    draft = window.session.draft
    assert (draft.date, draft.status) == (day, Status.DRAFT)
    qtbot.waitUntil(window.metadata_bar.title_edit.hasFocus)


def test_a_new_draft_is_selected_and_visible_in_the_list(qtbot, make_window):
    window = make_window()
    for number in range(40):
        window.service.create(f"Older post {number}", "text")
    window.draft_list.refresh()
    type_post(qtbot, window, CLEAN)  # the open draft has text, so Ctrl+N makes a new one
    window.new_draft()
    view = window.draft_list.drafts_view
    assert view.currentItem().data(Qt.ItemDataRole.UserRole) == window.session.draft.id
    assert view.visualItemRect(view.currentItem()).intersects(view.viewport().rect())
