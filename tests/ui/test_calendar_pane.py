"""The calendar pane: drag and drop reschedules, gauges follow the posts, keyboard, empty state."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent, QPalette

import checks
from star_desktop.calendar import clear_caches
from star_desktop.drafts import DraftsService
from star_desktop.storage import Status
from tests.ui.conftest import SAMPLE_DAY
from ui.calendar_paint import DRAFT_MIME, draft_from_mime, draft_mime, status_fill
from ui.calendar_pane import CalendarPane

pytestmark = pytest.mark.ui

MARCH = dt.date(2027, 3, 1)


@pytest.fixture
def make_pane(qtbot, policy):
    def make(store, pane_policy: checks.Policy | None = None, day: dt.date = SAMPLE_DAY):
        pane = CalendarPane(DraftsService(store, pane_policy or policy))
        qtbot.addWidget(pane)
        pane.resize(1200, 800)
        pane.show_month(day)
        with qtbot.waitActive(pane):
            pane.show()
            pane.activateWindow()
        return pane

    return make


def drop_on(grid, day: dt.date, mime: QMimeData) -> QDropEvent:
    centre = grid.cell_rect(day).center()
    event = QDropEvent(
        QPointF(centre),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    grid.dropEvent(event)
    return event


def test_mime_round_trip_carries_the_draft_id():
    mime = draft_mime(42)
    assert mime.hasFormat(DRAFT_MIME)
    assert draft_from_mime(mime) == 42
    other = QMimeData()
    other.setText("42")
    assert draft_from_mime(other) is None


def test_dropping_a_post_on_a_day_reschedules_it_in_the_database(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 3)
    target = MARCH.replace(day=12)
    with qtbot.waitSignal(pane.draft_rescheduled) as signal:
        event = drop_on(pane.month_grid, target, draft_mime(draft.id))
    assert event.isAccepted()
    assert signal.args == [draft.id, target]
    stored = sample_store.get(draft.id)
    assert stored.date == target
    assert stored.time == draft.time  # the time is kept
    assert [d.id for d in pane.summary().drafts_on(target)] == [draft.id]
    assert draft.id in [d.id for d in pane.month_grid.data().drafts[target]]
    assert "Moved" in pane.status_label.text()


def test_a_stale_drag_is_refused_with_a_message_and_not_applied(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 3)
    # Another window changes the post after the calendar showed it.
    sample_store.update(draft.id, category="useful-content")
    with qtbot.assertNotEmitted(pane.draft_rescheduled):
        drop_on(pane.month_grid, MARCH.replace(day=12), draft_mime(draft.id))
    stored = sample_store.get(draft.id)
    assert (stored.date, stored.category) == (draft.date, "useful-content")
    assert "changed since the calendar showed it" in pane.status_label.text()
    # The calendar reloaded, so the next drag of the post as it is now goes through.
    with qtbot.waitSignal(pane.draft_rescheduled):
        drop_on(pane.month_grid, MARCH.replace(day=12), draft_mime(draft.id))
    assert sample_store.get(draft.id).date == MARCH.replace(day=12)


def test_a_submitted_post_cannot_be_dragged_to_another_day(make_pane, sample_store, qtbot):
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 3)
    sample_store.set_status(draft.id, "submitted", version=draft.version, action="submit")
    pane = make_pane(sample_store)
    with qtbot.assertNotEmitted(pane.draft_rescheduled):
        drop_on(pane.month_grid, MARCH.replace(day=12), draft_mime(draft.id))
    assert sample_store.get(draft.id).date == draft.date
    assert "waiting for approval: withdraw it first" in pane.status_label.text()


def test_dropping_foreign_data_changes_nothing(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    before = [(d.id, d.date) for d in sample_store.list_drafts()]
    mime = QMimeData()
    mime.setText("not a post")
    with qtbot.assertNotEmitted(pane.draft_rescheduled):
        event = drop_on(pane.month_grid, MARCH.replace(day=12), mime)
    assert not event.isAccepted()
    assert [(d.id, d.date) for d in sample_store.list_drafts()] == before


def test_drop_in_the_week_view_reschedules_too(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store, day=MARCH.replace(day=17))
    pane.set_view("week")
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 17)
    with qtbot.waitSignal(pane.draft_rescheduled):
        drop_on(pane.week_grid, MARCH.replace(day=19), draft_mime(draft.id))
    assert sample_store.get(draft.id).date == MARCH.replace(day=19)


def test_move_draft_to_another_month_leaves_this_months_gauges(make_pane, sample_store):
    pane = make_pane(sample_store)
    draft = sample_store.list_drafts(month="2027-03")[0]
    assert pane.move_draft(draft.id, dt.date(2027, 4, 2))
    assert sample_store.get(draft.id).date == dt.date(2027, 4, 2)
    assert draft.id not in [d.id for d in pane.summary().drafts]
    assert sum(pane.gauges.mix_gauge.values().values()) == 2


def test_gauges_follow_the_months_posts(make_pane, store):
    store.set_month("2027-03", "Meet the Buyer", targets={"x": 4})
    pane = make_pane(store)
    mix = pane.gauges.mix_gauge
    assert mix.values() == {"Internal good news": 0, "Self-promotion": 0, "Topical stories": 0}
    assert pane.gauges.targets_gauge.values() == {"X (Twitter)": 0}

    store.create_draft(
        "Stockport award",
        "Stockport's team won.",
        platforms=("x",),
        category="good-news-star",
        date=MARCH.replace(day=4),
    )
    store.create_draft(
        "Meet the Buyer in Rochdale",
        "Come along.",
        platforms=("x", "linkedin"),
        category="upcoming-event",
        date=MARCH.replace(day=9),
        status=Status.PUBLISHED,
    )
    pane.refresh()
    assert mix.values() == {"Internal good news": 1, "Self-promotion": 1, "Topical stories": 0}
    assert pane.gauges.mentions_gauge.values() == {"Stockport": 2, "Trafford": 0, "Rochdale": 1}
    targets = {
        bar.label: (bar.value, bar.marker, bar.done) for bar in pane.gauges.targets_gauge.bars()
    }
    assert targets == {"X (Twitter)": (2, 4, 1), "LinkedIn": (1, None, 1)}
    assert "Trafford not named" in pane.gauges.mentions_gauge.note()
    assert "Trafford" in pane.gauges.mentions_gauge.accessibleDescription()


def test_empty_month_says_so(make_pane, store):
    pane = make_pane(store)
    assert pane.empty_label.isVisible()
    assert pane.empty_label.text().startswith("No posts planned for March yet")
    store.create_draft("A post", date=MARCH.replace(day=2))
    pane.refresh()
    assert not pane.empty_label.isVisible()


def test_ctrl_page_down_and_up_change_month(make_pane, store, qtbot):
    pane = make_pane(store)
    pane.month_grid.setFocus()
    with qtbot.waitSignal(pane.month_changed) as signal:
        qtbot.keyClick(pane.month_grid, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [dt.date(2027, 4, 1)]
    assert pane.month_label.text() == "April 2027"
    qtbot.keyClick(pane.month_grid, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.month_grid, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert pane.month_label.text() == "February 2027"


def test_arrow_keys_move_between_days_and_across_months(make_pane, store, qtbot):
    pane = make_pane(store, day=MARCH.replace(day=30))
    grid = pane.month_grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.current_day() == MARCH.replace(day=31)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert grid.current_day() == MARCH.replace(day=24)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # 7 April: past the grid's last row
    assert pane.month_label.text() == "April 2027"
    assert pane.current_day() == dt.date(2027, 4, 7)
    assert grid.current_day() == dt.date(2027, 4, 7)


def test_enter_opens_the_post_of_the_focused_day(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store, day=MARCH.replace(day=10))
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 10)
    pane.month_grid.setFocus()
    with qtbot.waitSignal(pane.draft_activated) as signal:
        qtbot.keyClick(pane.month_grid, Qt.Key.Key_Return)
    assert signal.args == [draft.id]


def test_enter_in_the_list_opens_the_post(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    pane.set_view("list")
    listed = pane.post_list.draft_ids()
    assert listed == [d.id for d in sample_store.list_drafts(month="2027-03")]
    pane.post_list.setFocus()
    pane.post_list.setCurrentItem(pane.post_list.topLevelItem(1))
    with qtbot.waitSignal(pane.draft_activated) as signal:
        qtbot.keyClick(pane.post_list, Qt.Key.Key_Return)
    assert signal.args == [listed[1]]


def test_theme_edit_saves_the_months_theme_and_keeps_targets(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    before = sample_store.months("2027-03", "2027-03")[0]
    pane.theme_edit.setFocus()
    pane.theme_edit.selectAll()
    qtbot.keyClicks(pane.theme_edit, "Social value in Trafford")
    qtbot.keyClick(pane.theme_edit, Qt.Key.Key_Return)
    after = sample_store.months("2027-03", "2027-03")[0]
    assert after.theme == "Social value in Trafford"
    assert after.targets == before.targets
    assert after.focus == before.focus


def test_days_and_posts_have_accessible_text_with_status_words(make_pane, sample_store):
    pane = make_pane(sample_store)
    grid = pane.month_grid
    index = grid.model().index(*divmod(grid.days().index(MARCH.replace(day=3)), 7))
    text = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert text.startswith("Wednesday 3 March 2027")
    assert "Example: new opportunities on The Chest" in text
    assert "Draft" in text
    assert pane.theme_edit.accessibleName() == "Theme for March 2027"


def test_pre_election_days_are_marked_and_breaking_posts_flagged(
    make_pane, store, admin_policy, qtbot, monkeypatch
):
    breaking = store.create_draft(
        "Depot opening", "Cllr Margaret Ashworth opened it.", date=MARCH.replace(day=26)
    )
    store.create_draft("Depot", "Cllr Margaret Ashworth opened it.", date=MARCH.replace(day=24))
    threads = []
    real_check = checks.check
    monkeypatch.setattr(
        checks,
        "check",
        lambda *a, **k: threads.append(threading.current_thread()) or real_check(*a, **k),
    )
    clear_caches()
    pane = make_pane(store, admin_policy)
    qtbot.waitUntil(lambda: not pane.period_pending())
    assert threads  # the post inside the period was checked ...
    assert threading.main_thread() not in threads  # ... never on the window's thread
    data = pane.month_grid.data()
    assert data.in_election(MARCH.replace(day=25))
    assert not data.in_election(MARCH.replace(day=24))
    assert data.flagged == {breaking.id}
    assert pane.election_label.isVisible()
    assert "Depot opening" in pane.election_label.text()


def test_moving_into_the_pre_election_period_warns(make_pane, store, admin_policy, qtbot):
    draft = store.create_draft(
        "Depot", "Cllr Margaret Ashworth opened it.", date=MARCH.replace(day=2)
    )
    pane = make_pane(store, admin_policy)
    clear_caches()
    assert pane.move_draft(draft.id, MARCH.replace(day=30))
    assert "pre-election period" in pane.status_label.text()
    qtbot.waitUntil(lambda: not pane.period_pending())
    assert pane.month_grid.data().flagged == {draft.id}
    assert "Cllr" in pane.status_label.text()  # the rule's own words, once checked


@pytest.mark.parametrize("window_lightness", [245, 30], ids=["light", "dark"])
def test_status_tints_follow_the_palettes_lightness(window_lightness):
    palette = QPalette()
    palette.setColor(
        QPalette.ColorRole.Window, QColor(window_lightness, window_lightness, window_lightness)
    )
    fill = status_fill(Status.APPROVED, palette)
    assert (fill.lightnessF() > 0.5) == (window_lightness > 128)


def test_targets_are_editable_and_the_gauge_follows(make_pane, sample_store, monkeypatch):
    pane = make_pane(sample_store)
    monkeypatch.setattr(type(pane), "target_answers", lambda self, first, current: {"x": 20})
    assert pane.edit_targets()
    assert sample_store.months("2027-03", "2027-03")[0].targets == {"x": 20}
    (x_bar,) = [b for b in pane.gauges.targets_gauge.bars() if b.label.startswith("X")]
    assert x_bar.marker == 20
    assert "of 20 planned" in x_bar.text


def test_the_targets_dialog_returns_the_numbers_set(make_pane, sample_store):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSpinBox

    pane = make_pane(sample_store)

    def answer():
        dialog = QApplication.activeModalWidget()
        assert dialog.findChild(QSpinBox, "target_x").value() == 5  # the current target
        dialog.findChild(QSpinBox, "target_x").setValue(12)
        dialog.findChild(QSpinBox, "target_linkedin").setValue(0)  # 0: no target
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert pane.target_answers(MARCH, {"x": 5, "linkedin": 3}) == {"x": 12}


def test_a_message_about_one_month_goes_when_another_is_shown(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    pane.theme_edit.setText("Social value month")
    pane.theme_edit.editingFinished.emit()
    assert "saved" in pane.status_label.text()
    qtbot.keyClick(pane, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert pane.status_label.text() == ""


def test_the_list_view_shows_titles_whole_in_a_narrow_pane(make_pane, sample_store):
    pane = make_pane(sample_store)
    pane.resize(700, 360)
    pane.set_view("list")
    titles = pane.post_list
    assert titles.columnWidth(2) >= titles.sizeHintForColumn(2)  # no "Exam..." titles


def test_undo_puts_a_moved_post_back_on_its_day(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 3)
    drop_on(pane.month_grid, MARCH.replace(day=12), draft_mime(draft.id))
    assert "Ctrl+Z puts it back" in pane.status_label.text()
    assert pane.undo_button.isVisibleTo(pane)
    with qtbot.waitSignal(pane.draft_rescheduled):
        assert pane.undo_move()
    assert sample_store.get(draft.id).date == draft.date
    assert "back to" in pane.status_label.text()
    assert not pane.undo_button.isVisibleTo(pane)
    assert not pane.undo_move()  # nothing more to undo
    assert sample_store.get(draft.id).date == draft.date


def test_the_tray_lists_unscheduled_drafts_and_enter_schedules_one(make_pane, sample_store, qtbot):
    service = DraftsService(sample_store, checks.default_policy())
    idea = service.create(title="Ideas: supplier stories", text="Supplier stories.")
    pane = make_pane(sample_store)
    assert not pane.tray.isVisibleTo(pane)  # below the post there is room for the month only
    pane.set_planning(True)
    assert pane.tray.isVisibleTo(pane)
    titles = [pane.tray.item(i).text() for i in range(pane.tray.count())]
    assert "Ideas: supplier stories" in titles
    pane.month_grid.select_day(MARCH.replace(day=9))
    pane._on_day_selected(MARCH.replace(day=9))
    pane.tray.setFocus()
    pane.tray.setCurrentRow(titles.index("Ideas: supplier stories"))
    with qtbot.waitSignal(pane.draft_rescheduled):
        qtbot.keyClick(pane.tray, Qt.Key.Key_Return)
    assert sample_store.get(idea.id).date == MARCH.replace(day=9)
    assert "Ideas: supplier stories" not in [
        pane.tray.item(i).text() for i in range(pane.tray.count())
    ]
    assert pane.undo_move()  # back to the tray
    assert sample_store.get(idea.id).date is None


def test_a_post_dropped_on_the_tray_loses_its_date(make_pane, sample_store, qtbot):
    pane = make_pane(sample_store)
    pane.set_planning(True)  # the tray shows while the calendar fills the window
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 3)
    mime = draft_mime(draft.id)  # the event does not own it: keep it alive
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(pane.draft_rescheduled):
        pane.tray.dropEvent(event)
    assert sample_store.get(draft.id).date is None
    assert draft.title in [pane.tray.item(i).text() for i in range(pane.tray.count())]
    assert "unscheduled drafts" in pane.status_label.text()


def test_filters_narrow_the_days_but_not_the_gauges(make_pane, sample_store, qtbot):
    draft = next(d for d in sample_store.list_drafts(month="2027-03") if d.date.day == 3)
    sample_store.update(draft.id, platforms=["linkedin"])
    pane = make_pane(sample_store)
    pane.set_planning(True)
    every = [d for posts in pane.month_grid.data().drafts.values() for d in posts]
    assert any("x" not in d.platforms for d in every)
    assert any("x" in d.platforms for d in every)
    before = pane.summary()
    box = pane.filters.platform_box
    box.setCurrentIndex(box.findData("x"))
    shown = [d for posts in pane.month_grid.data().drafts.values() for d in posts]
    assert shown
    assert all("x" in d.platforms for d in shown)
    assert len(shown) < len(every)
    assert pane.summary().drafts == before.drafts  # the gauges still count every post
    assert pane.status_label.text() == "Showing only X (Twitter) posts."
    pane.set_planning(False)  # back to writing: the filters go, every post shows again
    assert not pane.filters.isVisibleTo(pane)
    assert len([d for posts in pane.month_grid.data().drafts.values() for d in posts]) == len(every)
