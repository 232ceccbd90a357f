"""The main window, driven through its real widgets: typing, findings, fixes, submit, restart."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QTreeWidget, QWidget

import checks
from star_desktop.storage import ReadOnlyError, Status, Store
from ui.checker_panel import _leaves
from ui.editor import MAX_PASTE
from ui.main_window import MainWindow

pytestmark = pytest.mark.ui

PHONE_POST = "Questions about the tender? Call Sarah on 07700 900123 any weekday."


@pytest.fixture(scope="module")
def shared_policy():
    return checks.load_policy()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "star.db"


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, db_path, settings, shared_policy, monkeypatch):
    messages = []
    monkeypatch.setattr(MainWindow, "inform", lambda self, title, text: messages.append(text))
    store = Store.open(db_path, sample=False)
    win = MainWindow(store, shared_policy, settings, check_delay_ms=5)
    win.messages = messages
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    store.close()


def type_post(qtbot, window, text):
    editor = window.findChild(QPlainTextEdit, "draftEditor")
    editor.setFocus()
    with qtbot.waitSignal(window.session.report_ready, timeout=15_000):
        if text.isascii():
            qtbot.keyClicks(editor, text)
        else:  # QTest types ASCII keys only; paste-like insertion for the rest
            editor.insertPlainText(text)
    qtbot.waitUntil(lambda: window.session.report and window.session.report.text == text)
    return editor


def panel_findings(window):
    """The findings listed in the checker panel, ignored ones left out."""
    tree = window.findChild(QWidget, "checkerPanel").findChild(QTreeWidget, "findingsTree")
    found = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        if group.text(0).startswith("Ignored"):
            continue
        found += [item.data(0, Qt.ItemDataRole.UserRole) for item in _leaves(group)]
    return found


def underline_at(editor, position):
    block = editor.document().findBlock(position)
    offset = position - block.position()
    for fmt_range in block.layout().formats():
        if fmt_range.start <= offset < fmt_range.start + fmt_range.length:
            return fmt_range.format.underlineStyle()
    return QTextCharFormat.UnderlineStyle.NoUnderline


def test_typing_a_phone_number_shows_a_finding_and_an_underline(qtbot, window):
    editor = type_post(qtbot, window, PHONE_POST)
    phone = [f for f in panel_findings(window) if f.rule == "personal-data"]
    assert [f.text for f in phone] == ["07700 900123"]
    assert phone[0].severity is checks.Severity.BLOCK
    start = PHONE_POST.index("07700")
    assert underline_at(editor, start + 2) == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert underline_at(editor, 2) == QTextCharFormat.UnderlineStyle.NoUnderline
    summary = window.findChild(QWidget, "checkSummary")
    assert "1 blocking issue" in summary.text()


def test_selecting_a_finding_selects_its_text(qtbot, window):
    editor = type_post(qtbot, window, PHONE_POST)
    phone = next(f for f in panel_findings(window) if f.rule == "personal-data")
    assert window.checker_panel.select_matching(phone)
    assert editor.textCursor().selectedText() == "07700 900123"


def test_spans_after_an_emoji_land_on_the_right_text(qtbot, window):
    post = "\U0001f389 Call 07700 900123 today"
    editor = type_post(qtbot, window, post)
    phone = next(f for f in panel_findings(window) if f.rule == "personal-data")
    window.checker_panel.select_matching(phone)
    assert editor.textCursor().selectedText() == "07700 900123"


def test_applying_a_fix_changes_the_text_and_undo_restores_it(qtbot, window):
    post = "Going forward we will publish every tender on The Chest."
    editor = type_post(qtbot, window, post)
    jargon = next(f for f in panel_findings(window) if f.check.startswith("jargon"))
    assert jargon.replacements[0] == "From now on"
    window.checker_panel.select_matching(jargon)
    qtbot.mouseClick(window.checker_panel.fix_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == post.replace("Going forward", "From now on")
    editor.undo()
    assert editor.toPlainText() == post


def test_f7_moves_to_the_next_finding(qtbot, window):
    editor = type_post(qtbot, window, "Going forward, call 07700 900123.")
    qtbot.keyClick(editor, Qt.Key.Key_F7)
    first = editor.textCursor().selectedText()
    qtbot.keyClick(editor, Qt.Key.Key_F7)
    second = editor.textCursor().selectedText()
    assert {first, second} == {"Going forward", "07700 900123"}


def fill_details(window, audience="bidders", category="upcoming-event"):
    """Tick an audience and choose a category in the metadata bar, as an author does."""
    bar = window.metadata_bar
    bar.audience_actions[audience].setChecked(True)
    bar.category_combo.setCurrentIndex(bar.category_combo.findData(category))


def test_submit_is_refused_without_training(qtbot, window):
    type_post(qtbot, window, "Join us at the Meet the Buyer event in Rochdale.")
    window.save_profile("Sam Taylor", None)
    assert not window.submit_for_approval()
    assert "Data Protection training is not recorded" in window.messages[-1]
    assert window.store.get(window.session.draft.id).status is Status.DRAFT


def test_submit_is_refused_while_blocking_findings_remain(qtbot, window):
    type_post(qtbot, window, PHONE_POST)
    fill_details(window)
    window.save_profile("Sam Taylor", dt.date.today() - dt.timedelta(days=30))
    assert not window.submit_for_approval()
    assert "Blocking (personal-data.phone): \u201807700 900123\u2019" in window.messages[-1]


def test_submit_with_training_and_no_blocking_findings(qtbot, window):
    type_post(qtbot, window, "Join us at the Meet the Buyer event in Rochdale.")
    fill_details(window)
    window.save_profile("Sam Taylor", dt.date.today() - dt.timedelta(days=30))
    assert window.submit_for_approval()
    assert window.store.get(window.session.draft.id).status is Status.SUBMITTED


def test_training_older_than_a_year_is_refused(qtbot, window):
    type_post(qtbot, window, "Join us at the Meet the Buyer event in Rochdale.")
    window.save_profile("Sam Taylor", dt.date.today() - dt.timedelta(days=400))
    assert not window.submit_for_approval()
    assert "more than a year old" in window.messages[-1]


def test_an_ignored_finding_with_a_reason_no_longer_blocks(qtbot, window):
    type_post(qtbot, window, PHONE_POST)
    phone = next(f for f in panel_findings(window) if f.rule == "personal-data")
    window.record_override(phone, "This is the team's public enquiries line")
    assert phone not in panel_findings(window)
    assert window.checker_panel.ignored == [phone]
    window.save_profile("Sam Taylor", dt.date.today())
    fill_details(window)
    assert window.submit_for_approval()


def test_the_draft_survives_closing_and_reopening_the_window(
    qtbot, db_path, settings, shared_policy
):
    store = Store.open(db_path, sample=False)
    first = MainWindow(store, shared_policy, settings, check_delay_ms=5)
    qtbot.addWidget(first)
    first.show()
    type_post(qtbot, first, "Our new framework opens on The Chest next week.")
    draft_id = first.session.draft.id
    first.close()
    store.close()

    store = Store.open(db_path, sample=False)
    second = MainWindow(store, shared_policy, settings, check_delay_ms=5)
    qtbot.addWidget(second)
    assert second.session.draft.id == draft_id
    assert second.editor.toPlainText() == "Our new framework opens on The Chest next week."
    second.close()
    store.close()


def test_window_layout_is_restored(qtbot, db_path, settings, shared_policy):
    store = Store.open(db_path, sample=False)
    first = MainWindow(store, shared_policy, settings)
    qtbot.addWidget(first)
    first.show()
    first.docks["previews"].hide()
    first.close()
    second = MainWindow(store, shared_policy, settings)
    qtbot.addWidget(second)
    second.show()
    assert not second.docks["previews"].isVisible()
    assert second.docks["checker"].isVisible()
    second.close()
    store.close()


def test_a_failed_save_keeps_the_text_and_says_why(qtbot, window, monkeypatch):
    editor = type_post(qtbot, window, "Draft one")

    def refuse(*args, **kwargs):
        raise ReadOnlyError("the data folder is read-only")

    monkeypatch.setattr(window.store, "save_text", refuse)
    qtbot.keyClicks(editor, " more")
    assert not window.session.flush()
    assert editor.toPlainText() == "Draft one more"
    assert "read-only" in window.banner_label.text()
    assert window.session.autosaver.pending == "Draft one more"
    monkeypatch.undo()
    assert window.session.flush()
    assert window.store.get(window.session.draft.id).text == "Draft one more"


def test_a_huge_paste_is_refused_with_a_message(qtbot, window):
    editor = window.findChild(QPlainTextEdit, "draftEditor")
    data = QMimeData()
    data.setText("x" * (MAX_PASTE + 1))
    editor.insertFromMimeData(data)
    assert editor.toPlainText() == ""
    assert "Nothing was pasted" in window.messages[-1]


def test_counters_show_the_weighted_length(qtbot, window):
    type_post(qtbot, window, "See https://example.com/a/very/long/path/indeed for details")
    counter = window.findChild(QWidget, "counter_x")
    assert counter.text() == "39/280"  # "See " 4 + the link 23 + " for details" 12


def test_platform_counter_turns_red_past_the_limit(qtbot, window):
    type_post(qtbot, window, "word " * 60)
    counter = window.findChild(QWidget, "counter_x")
    assert counter.text().startswith("\u26a0 300/280")
    assert "color" in counter.styleSheet()


def test_stale_reports_are_dropped(qtbot, window):
    editor = type_post(qtbot, window, "First text")
    old = window.session.report
    editor.setPlainText("Second text, with 07700 900123")
    window.session._on_report_ready(window.session.revision - 1, old)
    assert window.session.report is old  # not replaced by the older revision
    qtbot.waitUntil(lambda: window.session.report.text.startswith("Second"), timeout=15_000)


def test_standard_shortcuts_are_bound(window):
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["&New draft"] == "Ctrl+N"
    assert shortcuts["&Save now"] == "Ctrl+S"
    assert shortcuts["&Find drafts"] == "Ctrl+F"
    assert shortcuts["&Next finding"] == "F7"


def test_about_names_the_policy_version(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.show_about()
    assert window.policy.version in shown[0]


def test_x_overflow_past_280_is_shaded(qtbot, window):
    post = "word " * 60  # 300 characters
    editor = type_post(qtbot, window, post)
    highlighter = editor.highlighter
    assert highlighter.overflow_from == 280
    block = editor.document().findBlock(290)
    shaded = [
        r
        for r in block.layout().formats()
        if r.format.background().style() != Qt.BrushStyle.NoBrush
    ]
    assert shaded
    assert shaded[0].start == 280 - block.position()


def test_context_menu_offers_fixes_dictionary_and_ignore(qtbot, window):
    editor = type_post(qtbot, window, "We will recieve the bids going forward.")
    start = editor.toPlainText().index("recieve")
    cursor = editor.textCursor()
    cursor.setPosition(start + 2)
    point = editor.cursorRect(cursor).center()
    labels = [a.text() for a in editor.menu_at(point).actions()]
    assert "Add \u2018recieve\u2019 to my dictionary" in labels
    assert "Ignore, with a reason\u2026" in labels
    assert any(label == "Replace with \u2018receive\u2019" for label in labels)


def test_tooltip_names_the_message_and_the_clause(qtbot, window):
    from ui.editor import tooltip_for

    type_post(qtbot, window, PHONE_POST)
    phone = next(f for f in panel_findings(window) if f.rule == "personal-data")
    tip = tooltip_for(phone)
    assert "Blocking" in tip
    assert "Data Protection Act" in tip  # the clause it enforces


def test_adding_a_word_to_the_dictionary_clears_its_finding(qtbot, window):
    type_post(qtbot, window, "Our zorblax team is here.")
    assert any(f.text == "zorblax" for f in panel_findings(window))
    with qtbot.waitSignal(window.session.report_ready, timeout=15_000):
        window.editor.add_to_dictionary.emit("zorblax")
    assert not any(f.text == "zorblax" for f in panel_findings(window))


def test_alt_with_a_letter_never_types_into_the_post(qtbot, window):
    editor = type_post(qtbot, window, PHONE_POST)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert editor.toPlainText() == PHONE_POST


def test_after_f7_a_key_does_not_overwrite_the_finding(qtbot, window):
    post = "Going forward, call 07700 900123."
    editor = type_post(qtbot, window, post)
    qtbot.keyClick(editor, Qt.Key.Key_F7)
    tree = window.checker_panel.findings_tree
    assert tree.hasFocus() or QApplication.focusWidget() is tree
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_X)
    assert editor.toPlainText() == post
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is editor


def test_enter_in_the_checker_applies_the_fix_and_the_details_clear(qtbot, window):
    post = "Going forward we will publish every tender on The Chest."
    editor = type_post(qtbot, window, post)
    jargon = next(f for f in panel_findings(window) if f.check.startswith("jargon"))
    window.checker_panel.select_matching(jargon)
    tree = window.checker_panel.findings_tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert editor.toPlainText() == post.replace("Going forward", "From now on")
    assert not window.checker_panel.fix_button.isEnabled()
    assert "Select a finding" in window.checker_panel.details_view.toPlainText()


def test_the_phone_fix_puts_the_switchboard_in_place_of_a_mobile(qtbot, window):
    editor = type_post(qtbot, window, PHONE_POST)
    phone = next(f for f in panel_findings(window) if f.check == "personal-data.phone")
    assert phone.replacements == ("0161 496 0000", "")
    window.checker_panel.select_matching(phone)
    qtbot.mouseClick(window.checker_panel.fix_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == PHONE_POST.replace("07700 900123", "0161 496 0000")


def test_a_removal_fix_takes_the_word_out(qtbot, window):
    post = "Ask the idiots at the depot about the new framework."
    editor = type_post(qtbot, window, post)
    rude = next(f for f in panel_findings(window) if f.rule == "offensive")
    window.checker_panel.select_matching(rude)
    assert "fix: remove it" in window.checker_panel.findings_tree.currentItem().text(0)
    qtbot.mouseClick(window.checker_panel.fix_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == "Ask the at the depot about the new framework."


def test_ignore_all_hides_every_finding_of_that_check_in_the_draft(qtbot, window):
    post = "Going forward we will think going forward about the framework."
    type_post(qtbot, window, post)
    jargon = [f for f in panel_findings(window) if f.check == "jargon.management"]
    assert [f.text for f in jargon] == ["Going forward", "going forward"]
    window.record_override(jargon[0], "Our house style for this campaign", every=True)
    assert [f for f in panel_findings(window) if f.check == "jargon.management"] == []
    assert sorted(f.text for f in window.checker_panel.ignored) == [
        "Going forward",
        "going forward",
    ]


def test_writing_stats_stay_in_view_with_the_audiences_target(qtbot, window):
    type_post(qtbot, window, "Going forward, join us at the Meet the Buyer event in Rochdale.")
    stats = window.checker_panel.stats_label
    assert "12 words" in stats.text()
    assert "1 sentence" in stats.text()
    assert "for a general audience" in stats.text()  # no audience chosen yet: the default
    assert "jargon 1" in stats.text()
    with qtbot.waitSignal(window.session.report_ready, timeout=15_000):
        fill_details(window, audience="residents")
    assert "for residents" in stats.text()


def test_f6_moves_between_the_panes_as_in_office(qtbot, window):
    editor = type_post(qtbot, window, PHONE_POST)
    editor.setFocus()
    order = [window.next_pane() for _ in range(4)]
    assert order[0] is window.checker_panel.findings_tree
    assert window.calendar_pane.isAncestorOf(order[1])
    assert order[2] is window.draft_list.drafts_view
    assert order[3] is editor


def test_shift_f10_opens_the_fixes_menu_at_the_cursor(qtbot, window):
    editor = type_post(qtbot, window, PHONE_POST)
    cursor = editor.textCursor()
    cursor.setPosition(PHONE_POST.index("07700") + 2)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    labels = [a.text() for a in editor.keyboard_menu.actions()]
    assert any("0161 496 0000" in label for label in labels)
    editor.keyboard_menu.close()
    assert editor.toPlainText() == PHONE_POST


def test_many_findings_of_one_kind_are_one_row_to_open(qtbot, window):
    long = "We " + "and we ".join(f"met supplier number {n} at the fair" for n in range(12)) + ". "
    editor = type_post(qtbot, window, long * 5)
    tree = window.checker_panel.findings_tree
    bundles = [
        tree.topLevelItem(g).child(c)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
        if tree.topLevelItem(g).child(c).data(0, Qt.ItemDataRole.UserRole) is None
    ]
    (sentences,) = [b for b in bundles if b.text(0).startswith("Long sentences (5)")]
    assert sentences.childCount() == 5
    assert not sentences.isExpanded()
    qtbot.keyClick(editor, Qt.Key.Key_F7)  # F7 still walks every finding, opening the row
    walked = {window.checker_panel.select_next().check for _ in range(12)}
    assert "plain-english.long-sentence" in walked
    assert sentences.isExpanded()


def _rows_of(tree, check):
    items = []
    for g in range(tree.topLevelItemCount()):
        for item in _leaves(tree.topLevelItem(g)):
            if item.data(0, Qt.ItemDataRole.UserRole).check == check:
                items.append(item)
    return items


def test_two_long_sentences_that_start_alike_read_differently(qtbot, window):
    start = "The council will be working closely with the suppliers on the framework "
    text = (
        start + "over the coming months so that every school in the borough gets a fair "
        "chance at the savings. " + start + "during the spring as well so that every "
        "nursery and care home sees the same savings next year."
    )
    type_post(qtbot, window, text)
    tree = window.checker_panel.findings_tree
    rows = _rows_of(tree, "plain-english.long-sentence")
    assert len(rows) == 2
    first_lines = {row.text(0).split("\n")[0] for row in rows}
    assert len(first_lines) == 2  # the ends of the sentences tell them apart
    assert any("savings.\u2019" in line for line in first_lines)


def test_a_row_is_tall_enough_for_both_its_lines_in_a_narrow_checker(qtbot, window):
    type_post(qtbot, window, "Call Jo on 07700 900123 today please.")
    tree = window.checker_panel.findings_tree
    window.checker_panel.resize(220, 500)
    [row] = _rows_of(tree, "personal-data.phone")
    assert row.text(0).count("\n") == 1
    height = tree.visualItemRect(row).height()
    assert height >= 2 * tree.fontMetrics().lineSpacing()
    assert not tree.wordWrap()  # a wrapped row grows lines its height does not show


def test_plan_the_month_gives_the_calendar_the_window_and_opening_a_post_goes_back(qtbot, window):
    window.resize(1366, 768)
    type_post(qtbot, window, "Our new framework for school meals is live.")
    grid = window.calendar_pane.month_grid
    before = grid.viewport().height()
    qtbot.mouseClick(window.calendar_pane.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.centralWidget().isVisible())
    assert window.planning_action.isChecked()
    assert window.calendar_pane.plan_button.text() == "&Back to writing"
    assert not window.docks["checker"].isVisible()
    assert window.docks["calendar"].isVisible()
    qtbot.waitUntil(lambda: grid.viewport().height() > before)
    rows = grid.rowCount()
    assert grid.rowHeight(0) * rows <= grid.viewport().height() + rows  # the whole month shows
    draft_id = window.session.draft.id
    window.calendar_pane.draft_activated.emit(draft_id)
    assert window.centralWidget().isVisible()
    assert window.docks["checker"].isVisible()
    assert not window.planning_action.isChecked()


def test_undo_in_the_calendar_puts_back_a_move_and_in_the_post_undoes_typing(qtbot, window):
    editor = type_post(qtbot, window, "Meet the buyer")
    day = dt.date.today().replace(day=1) + dt.timedelta(days=40)
    draft_id = window.session.draft.id
    assert window.calendar_pane.move_draft(draft_id, day)
    window.calendar_pane.focus_target().setFocus()
    qtbot.waitUntil(lambda: window.calendar_pane.isAncestorOf(QApplication.focusWidget()))
    window.undo()
    assert window.store.get(draft_id).date is None
    assert editor.toPlainText() == "Meet the buyer"  # the text was not touched
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    window.undo()
    assert editor.toPlainText() != "Meet the buyer"


def test_moving_the_open_post_keeps_the_words_not_saved_yet(qtbot, window):
    editor = type_post(qtbot, window, "Meet the buyer in Stockport")
    assert window.session.autosaver.pending is not None  # typed, not saved yet
    draft_id = window.session.draft.id
    assert window.calendar_pane.move_draft(draft_id, dt.date.today() + dt.timedelta(days=3))
    assert editor.toPlainText() == "Meet the buyer in Stockport"
    assert window.session.flush()
    assert window.store.get(draft_id).text == "Meet the buyer in Stockport"


def test_closing_while_planning_keeps_the_writing_layout(qtbot, db_path, settings, shared_policy):
    store = Store.open(db_path, sample=False)
    first = MainWindow(store, shared_policy, settings, check_delay_ms=5)
    qtbot.addWidget(first)
    first.show()
    first.set_planning(True)
    first.close()
    store.close()
    store = Store.open(db_path, sample=False)
    second = MainWindow(store, shared_policy, settings, check_delay_ms=5)
    qtbot.addWidget(second)
    second.show()
    assert second.centralWidget().isVisible()
    assert second.docks["checker"].isVisible()
    second.close()
    store.close()


def test_the_previews_sit_beside_the_checker_and_an_old_layout_gives_way(
    qtbot, db_path, settings, shared_policy
):
    store = Store.open(db_path, sample=False)
    first = MainWindow(store, shared_policy, settings)
    qtbot.addWidget(first)
    first.show()
    assert first.docks["previews"] in first.tabifiedDockWidgets(first.docks["checker"])
    assert first.docks["previews"] not in first.tabifiedDockWidgets(first.docks["calendar"])
    # A layout saved by an older version (previews behind the calendar) is not restored.
    first.tabifyDockWidget(first.docks["calendar"], first.docks["previews"])
    old = first.saveState(1)
    first.close()
    settings.setValue("window/state", old)
    second = MainWindow(store, shared_policy, settings)
    qtbot.addWidget(second)
    second.show()
    assert second.docks["previews"] in second.tabifiedDockWidgets(second.docks["checker"])
    second.close()
    store.close()


def test_the_x_and_linkedin_previews_look_like_the_platforms(qtbot, window):
    text = "Our new framework is live. " * 12
    window.metadata_bar.platform_boxes["linkedin"].setChecked(True)
    type_post(qtbot, window, text.strip())
    qtbot.waitUntil(lambda: "@STARProcurement" in window.previews.views["x"].toPlainText())
    x_html = window.previews.views["x"].toHtml()
    assert "star-image://x/avatar" in x_html
    assert "Reply" in window.previews.views["x"].toPlainText()
    linkedin = window.previews.views["linkedin"].toPlainText()
    assert "\u2026see more" in linkedin
    assert "LinkedIn folds the post here" in linkedin
    assert linkedin.index("see more") < linkedin.index("Like")


def test_a_long_check_shows_a_moving_bar_until_the_findings_arrive(qtbot, window, monkeypatch):
    from ui import workers

    slow = workers.CheckRequest.run

    def run_slowly(self, policy):
        time.sleep(0.8)  # a long article on a slow PC
        return slow(self, policy)

    monkeypatch.setattr(workers.CheckRequest, "run", run_slowly)
    editor = window.editor
    editor.setFocus()
    editor.insertPlainText("A long article about our new framework.")
    progress = window.checker_panel.progress
    qtbot.waitUntil(progress.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=5000)
    assert window.session.report.text == "A long article about our new framework."


def test_a_text_over_the_policys_limit_is_kept_on_screen_and_not_saved(
    qtbot, make_window, tmp_path
):
    admin = tmp_path / "admin.toml"
    admin.write_text("[settings]\nmax_text_kb = 1\n", encoding="utf-8")
    window = make_window(checks.load_policy(admin))
    editor = type_post(qtbot, window, "Short.")
    assert window.session.flush()
    editor.insertPlainText(" More words." * 120)  # 1,326 characters: over 1,024
    assert not window.session.flush()
    assert editor.toPlainText().startswith("Short. More words.")
    assert window.store.get(window.session.draft.id).text == "Short."
    assert window.save_label.text() == "Not saved"
    assert "at most 1,024" in window.banner_label.text()
    assert "shorten it" in window.banner_label.text()


def test_submit_waits_for_the_workers_check_and_never_checks_on_the_window_thread(
    qtbot, window, monkeypatch
):
    import threading

    from ui import workers

    window.save_profile("Sam Taylor", dt.date.today() - dt.timedelta(days=30))
    threads = []
    real = workers.CheckRequest.run

    def run_slowly(self, policy):
        threads.append(threading.current_thread())
        time.sleep(0.5)
        return real(self, policy)

    monkeypatch.setattr(workers.CheckRequest, "run", run_slowly)
    window.metadata_bar.title_edit.setText("New framework")
    fill_details(window)
    window.editor.setPlainText("Our new framework for school meals is live on The Chest.")
    given = []
    real_submit = window.service.submit
    monkeypatch.setattr(
        window.service,
        "submit",
        lambda draft_id, report=None: given.append(report) or real_submit(draft_id, report=report),
    )
    assert window.session.current_report() is None  # the worker has not finished yet
    assert window.submit_for_approval(), window.messages
    assert threads
    assert threading.main_thread() not in threads
    assert given[0] is not None  # the worker's report: the service did not check again here
    assert given[0].text == window.editor.toPlainText()
    assert window.store.get(window.session.draft.id).status is Status.SUBMITTED


def test_new_findings_repaint_only_the_paragraphs_they_touch(qtbot, window, monkeypatch):
    from ui.highlighter import Mark

    paragraphs = [f"Paragraph {n} about the framework." for n in range(3000)]
    window.editor.setPlainText("\n".join(paragraphs))
    highlighter = window.editor.highlighter
    painted, whole = [], []
    real_block = highlighter.rehighlightBlock
    monkeypatch.setattr(
        highlighter, "rehighlightBlock", lambda b: painted.append(b.blockNumber()) or real_block(b)
    )
    monkeypatch.setattr(highlighter, "rehighlight", lambda: whole.append(1))
    finding = checks.check("Going forward we will.").findings[0]
    block = window.editor.document().findBlockByNumber(1500)
    highlighter.set_marks([Mark(block.position(), block.position() + 9, finding)], None)
    assert (painted, whole) == ([1500], [])
    assert any(
        r.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
        for r in block.layout().formats()
    )
    painted.clear()
    highlighter.set_marks([], None)  # the mark goes: its paragraph is drawn again
    assert (painted, whole) == ([1500], [])
    assert not block.layout().formats()


def _remove_behind_the_windows_back(db_path, draft_id):
    """Another program (a restore of an older backup) takes the draft away."""
    import sqlite3

    with sqlite3.connect(db_path) as other:
        other.execute("PRAGMA foreign_keys = OFF")
        other.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def test_a_draft_gone_from_the_database_keeps_its_words_and_saves_as_new(qtbot, window, db_path):
    editor = type_post(qtbot, window, "Words typed before the restore.")
    assert window.session.flush()
    gone_id = window.session.draft.id
    _remove_behind_the_windows_back(db_path, gone_id)
    qtbot.keyClicks(editor, " And after it.")
    qtbot.waitUntil(window.save_new_button.isVisible, timeout=5000)
    assert "no longer in the database" in window.banner_label.text()
    assert window.save_label.text() == "Not saved"
    assert editor.toPlainText() == "Words typed before the restore. And after it."
    qtbot.mouseClick(window.save_new_button, Qt.MouseButton.LeftButton)
    new_id = window.session.draft.id
    assert new_id != gone_id
    assert window.store.get(new_id).text == "Words typed before the restore. And after it."
    assert not window.banner.isVisible()


def test_opening_another_draft_after_the_draft_went_keeps_its_words(qtbot, window, db_path):
    type_post(qtbot, window, "Only copy of these words.")
    assert window.session.flush()
    gone_id = window.session.draft.id
    _remove_behind_the_windows_back(db_path, gone_id)
    window.editor.insertPlainText(" More.")
    window.new_draft()
    kept = [d for d in window.store.list_drafts() if d.id != gone_id]
    texts = [window.store.get(d.id).text for d in kept]
    assert "Only copy of these words. More." in texts
