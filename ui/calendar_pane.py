# SPDX-License-Identifier: MIT
"""The calendar pane: month, week and list views, the month's theme and its gauges."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import checks
from star_desktop.calendar import (
    PLATFORM_LABELS,
    MonthSummary,
    add_months,
    check_period,
    month_end,
    month_start,
    summarise_month,
)
from star_desktop.drafts import DraftsService
from star_desktop.storage import ConflictError, DraftSummary, StorageError
from star_desktop.team import team_url
from star_desktop.team.posts import team_post
from star_desktop.team.shared import events_of, image_data
from ui.calendar_filters import CalendarFilters
from ui.calendar_list import PostList, StatusLegend, ask_date
from ui.calendar_paint import long_date
from ui.calendar_tray import UnscheduledTray
from ui.calendar_views import DayData, DayGrid
from ui.dialogs import saved
from ui.gauges import MonthGauges
from ui.team_post_dialog import TeamPostDialog

VIEWS = ("month", "week", "list")


class CalendarPane(QWidget):
    """Plan posts on a calendar: drag a post to another day to reschedule it.

    Signals:
        draft_activated: The user opens a post (double-click or Enter): its draft id.
        draft_rescheduled: A post moved to another day, after the database update:
            its draft id and the new ``datetime.date``.
        month_changed: The month shown changed: its first day.
    """

    draft_activated = Signal(int)
    new_post_requested = Signal(object)  # a day (an empty day was opened)
    draft_rescheduled = Signal(int, object)
    month_changed = Signal(object)
    planning_toggled = Signal(bool)  # the Plan the month button: fill the window, or not

    def __init__(self, service: DraftsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPane")
        self.setAccessibleName("Content calendar")
        self._service = service
        self._store = service.store
        self._policy: checks.Policy = service.policy
        #: The version of each post as the calendar shows it: a drag of an older one is
        #: refused (the post changed since), never applied over the newer.
        self._versions: dict[int, int] = {}
        self._day = dt.date.today()
        self._summary: MonthSummary | None = None
        self._loading = False
        #: Moves that Ctrl+Z puts back, newest last: (draft id, the day it had, or None).
        self._moves: list[tuple[int, dt.date | None]] = []
        #: Planning (the calendar fills the window): filters and the tray show.
        self._planning = False
        #: A team server is named: the team members' posts show too (read-only).
        self._team = team_url(self._policy) is not None
        self.team_dialog: TeamPostDialog | None = None
        #: The check of pre-election posts under way, what it was last given (not sent
        #: again straight after), and a moved post's message to finish when it is done.
        self._period_job: PeriodJob | None = None
        self._period_tried: set[tuple[str, dt.date]] = set()
        self._period_note: tuple[int, str] | None = None

        # widgets
        self.prev_button = self._arrow(Qt.ArrowType.LeftArrow, "Previous month", "Ctrl+Page Up")
        self.next_button = self._arrow(Qt.ArrowType.RightArrow, "Next month", "Ctrl+Page Down")
        self.month_label = QLabel(self)
        self.month_label.setObjectName("monthLabel")
        title_font = QFont(self.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9) * 1.5)
        title_font.setBold(True)
        self.month_label.setFont(title_font)
        self.today_button = QPushButton("To&day", self)
        self.today_button.setAccessibleName("Go to today")
        self.view_group = QButtonGroup(self)
        self.view_buttons: dict[str, QPushButton] = {}
        for number, (name, label) in enumerate(
            zip(VIEWS, ("&Month", "&Week", "&List"), strict=True)
        ):
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setObjectName(f"{name}ViewButton")
            button.setAccessibleName(f"{name.title()} view")
            self.view_group.addButton(button, number)
            self.view_buttons[name] = button
        self.theme_label = QLabel("&Theme:", self)
        self.theme_edit = QLineEdit(self)
        self.theme_edit.setObjectName("themeEdit")
        self.theme_edit.setPlaceholderText("No theme yet: type this month's theme")
        self.theme_label.setBuddy(self.theme_edit)
        self.focus_label = QLabel(self)
        self.focus_label.setObjectName("focusLabel")
        self.focus_label.setWordWrap(True)
        self.election_label = QLabel(self)
        self.election_label.setObjectName("electionLabel")
        self.election_label.setWordWrap(True)
        self.election_label.setAccessibleName("Pre-election period")
        self.election_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.election_label.setMargin(6)
        self.election_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_label.setMargin(8)
        self.month_grid = DayGrid(week=False, parent=self)
        self.week_grid = DayGrid(week=True, parent=self)
        self.post_list = PostList(self)
        self.view_stack = QStackedWidget(self)
        for view in (self.month_grid, self.week_grid, self.post_list):
            self.view_stack.addWidget(view)
        self.legend = StatusLegend(self)
        self.filters = CalendarFilters(self)
        self.tray = UnscheduledTray(self)
        self.tray_label = QLabel("Un&scheduled drafts: drag one onto a day", self)
        self.tray_label.setBuddy(self.tray)
        self.undo_button = QPushButton("&Undo move", self)
        self.undo_button.setObjectName("undoMove")
        self.undo_button.setToolTip("Put the last moved post back on its day (Ctrl+Z)")
        self.undo_button.setVisible(False)
        self.plan_button = QPushButton("Pla&n the month", self)
        self.plan_button.setObjectName("planMonth")
        self.plan_button.setCheckable(True)
        self.plan_button.setToolTip(
            "Let the calendar fill the window, with filters and unscheduled drafts (Ctrl+Shift+M)"
        )
        self.plan_button.clicked.connect(self.planning_toggled)
        self.whose_box = QComboBox(self)
        self.whose_box.setObjectName("whoseFilter")
        self.whose_box.setAccessibleName("Whose posts the calendar and its gauges count")
        self.whose_box.addItem("Everyone's posts", "team")
        self.whose_box.addItem("My posts only", "mine")
        self.whose_box.setToolTip(
            "The team's posts come from the team server at each sync and are read-only here"
        )
        self.whose_box.setVisible(self._team)
        self.gauges = MonthGauges(self)
        self.targets_button = QPushButton("Targets\u2026", self)
        self.targets_button.setObjectName("editTargets")
        self.targets_button.setToolTip("Set how many posts this month should have per platform")
        self.targets_button.clicked.connect(self.edit_targets)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("calendarStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Calendar messages")

        # signals
        self.prev_button.clicked.connect(lambda: self._step_month(-1))
        self.next_button.clicked.connect(lambda: self._step_month(1))
        self.today_button.clicked.connect(lambda: self.show_month(dt.date.today()))
        self.view_group.idClicked.connect(self._on_view_group_clicked)
        self.theme_edit.editingFinished.connect(self._on_theme_edit_finished)
        for grid in (self.month_grid, self.week_grid):
            grid.draft_activated.connect(self._on_activated)
            grid.new_post_requested.connect(self.new_post_requested)
            grid.draft_dropped.connect(self.move_draft)
            grid.move_requested.connect(self._on_move_requested)
            grid.day_selected.connect(self._on_day_selected)
            grid.outside_requested.connect(self._on_outside_requested)
        self.post_list.draft_activated.connect(self._on_activated)
        self.whose_box.currentIndexChanged.connect(lambda _: self._on_filters_changed())
        self.filters.changed.connect(self._on_filters_changed)
        self.tray.schedule_requested.connect(lambda draft_id: self.move_draft(draft_id, self._day))
        self.tray.unschedule_requested.connect(lambda draft_id: self.move_draft(draft_id, None))
        self.tray.draft_activated.connect(self.draft_activated)
        self.undo_button.clicked.connect(self.undo_move)
        self.post_list.move_requested.connect(self._on_move_requested)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in ((Qt.Key.Key_PageUp, -1), (Qt.Key.Key_PageDown, 1)):
            shortcut = QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(lambda s=step: self._step_month(s))

        # layout
        top = QHBoxLayout()
        top.addWidget(self.prev_button)
        top.addWidget(self.month_label)
        top.addWidget(self.next_button)
        top.addWidget(self.today_button)
        top.addWidget(self.plan_button)
        top.addStretch(1)
        top.addWidget(self.whose_box)
        for button in self.view_buttons.values():
            top.addWidget(button)
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme_label)
        theme_row.addWidget(self.theme_edit, 1)
        theme_row.addWidget(self.targets_button)
        left = QVBoxLayout()
        left.addWidget(self.filters, 0, Qt.AlignmentFlag.AlignRight)
        left.addWidget(self.empty_label)
        left.addWidget(self.view_stack, 1)
        left.addWidget(self.legend)
        left.addWidget(self.tray_label)
        left.addWidget(self.tray)
        gauges_area = QScrollArea(self)
        gauges_area.setWidget(self.gauges)
        gauges_area.setWidgetResizable(True)
        gauges_area.setFrameShape(QScrollArea.Shape.NoFrame)
        gauges_area.setFixedWidth(300)
        gauges_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(gauges_area)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addLayout(theme_row)
        outer.addWidget(self.focus_label)
        outer.addWidget(self.election_label)
        outer.addLayout(body, 1)
        messages = QHBoxLayout()
        messages.addWidget(self.status_label, 1)
        messages.addWidget(self.undo_button)
        outer.addLayout(messages)

        # state
        self.view_buttons["month"].setChecked(True)
        self.show_month(self._day)

    def _arrow(self, arrow: Qt.ArrowType, name: str, keys: str) -> QToolButton:
        button = QToolButton(self)
        button.setArrowType(arrow)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({keys})")
        button.setAutoRaise(True)
        return button

    # public interface

    def refresh(self) -> None:
        """Reload the shown month from the store (a draft changed elsewhere)."""
        self._loading = True
        self._versions.clear()
        first = month_start(self._day)
        summary = summarise_month(
            self._store, first.year, first.month, self._policy, team=self.shows_team(),
            check=False,
        )  # fmt: skip
        self._summary = summary
        self._check_period(summary)
        month_name = f"{first:%B %Y}"
        self.month_label.setText(month_name)
        self.month_label.setAccessibleName(f"Showing {month_name}")
        if not self.theme_edit.hasFocus():
            self.theme_edit.setText(summary.theme)
        self.theme_edit.setAccessibleName(f"Theme for {month_name}")
        self.focus_label.setText(summary.focus)
        self.focus_label.setVisible(bool(summary.focus))
        self.legend.show_team = any(not draft.mine for draft in summary.drafts)
        self._show_election(summary)
        self._show_empty(summary)
        self.gauges.show_summary(summary)
        month_days = _grid_days(first, month_end(first))
        week_start = self._day - dt.timedelta(days=self._day.weekday())
        week_days = [week_start + dt.timedelta(days=i) for i in range(7)]
        data = self._day_data(summary, month_days[0], max(month_days[-1], week_days[-1]))
        week_data = self._day_data(summary, min(week_days[0], month_days[0]), week_days[-1])
        self.month_grid.setAccessibleName(f"Month of {month_name}")
        self.month_grid.set_days(month_days, data)
        self.week_grid.setAccessibleName(f"Week beginning {long_date(week_days[0])}")
        self.week_grid.set_days(week_days, week_data)
        self.post_list.set_drafts(data)
        # The tray shows only while planning: below the post it is not read at all.
        undated = self._store.list_drafts(unscheduled=True) if self._planning else []
        unscheduled = [d for d in undated if self.filters.matches(d)]
        self.tray.set_drafts(unscheduled)
        self.tray_label.setText(
            f"Un&scheduled drafts ({len(unscheduled)}): drag one onto a day, or press Enter"
        )
        self.tray.setMaximumHeight(self.tray.sizeHintForRow(0) * 4 + 6 if unscheduled else 0)
        self.tray.setVisible(bool(unscheduled))
        self.tray_label.setVisible(bool(unscheduled))
        self.filters.setVisible(self._planning)
        for grid in (self.month_grid, self.week_grid):
            grid.select_day(self._day)
        self._loading = False

    def show_month(self, day: dt.date) -> None:
        """Show the month holding ``day``, with ``day`` focused."""
        changed = month_start(day) != month_start(self._day) or self._summary is None
        self._day = day
        self.refresh()
        if changed:
            self._say("")  # a message about another month ("Theme for December saved") goes
            self.month_changed.emit(month_start(day))

    def summary(self) -> MonthSummary | None:
        """The summary of the month shown."""
        return self._summary

    def period_pending(self) -> bool:
        """True while posts in the pre-election period are being checked (off this thread)."""
        return self._period_job is not None

    def _check_period(self, summary: MonthSummary) -> None:
        """Check the month's unchecked pre-election posts on a worker, then refresh."""
        posts = [p for p in summary.unchecked if (p[1], p[2]) not in self._period_tried]
        if not posts or self._period_job is not None:
            return
        # The last batch only: enough never to send a text twice running, and small.
        self._period_tried = {(text, day) for _, text, day in posts}
        job = PeriodJob(self._policy, posts)
        job.signals.done.connect(self._on_period_checked)
        self._period_job = job
        QThreadPool.globalInstance().start(job)

    @Slot()
    def _on_period_checked(self) -> None:
        self._period_job = None
        self.refresh()
        note, self._period_note = self._period_note, None
        if note is not None and self._summary is not None:
            draft_id, message = note
            findings = self._summary.findings_for(draft_id)
            if findings:
                self._say(f"{message} That day is in the pre-election period: "
                          f"{findings[0].message}")  # fmt: skip

    def shows_team(self) -> bool:
        """True when the team members' posts show and count (a team server is named)."""
        return self._team and self.whose_box.currentData() == "team"

    def view_team_post(self, post_id: int) -> bool:
        """Show a team member's post read-only (its calendar id is negative)."""
        post = team_post(self._store, post_id)
        if post is None:
            self.refresh()
            self._say("That post is no longer on the team calendar: its author removed it.")
            return False
        history = events_of(self._store, post.uuid)
        pictures = [(image_data(self._store, i["sha256"]), i.get("alt", "")) for i in post.images]
        self.team_dialog = TeamPostDialog(post, history, pictures, self)
        self.team_dialog.open()
        return True

    def current_day(self) -> dt.date:
        """The focused day."""
        return self._day

    def set_view(self, name: str) -> None:
        """Show the ``month``, ``week`` or ``list`` view."""
        index = VIEWS.index(name)
        self.view_buttons[name].setChecked(True)
        self.view_stack.setCurrentIndex(index)

    def move_draft(self, draft_id: int, day: dt.date | None, *, undoing: bool = False) -> bool:
        """Reschedule a post to ``day`` (its time is kept) through the drafts service.

        ``None`` takes its date away (back to the unscheduled tray). The move is made
        over the version the calendar shows; if the post changed since (or cannot be
        moved in its status), it is refused with a message and the calendar reloads.
        Emits `draft_rescheduled` after the database update. Ctrl+Z (`undo_move`) puts
        it back. Returns True when it moved.
        """
        if draft_id < 0:
            self._say("That is a team member's post: only its author can move it.")
            return False
        try:
            draft = self._store.get(draft_id)
            if draft.date == day:
                return False
            version = self._versions.get(draft_id, draft.version)
            self._service.reschedule(draft_id, day, version=version)
        except ConflictError:
            self.refresh()
            self._say(
                f"'{draft.title}' changed since the calendar showed it, so it was not moved. "
                "The calendar now shows it as it is: drag it again if you still want to."
            )
            return False
        except StorageError as exc:
            self.refresh()
            self._say(f"Could not move '{draft.title}': {exc}")
            return False
        if not undoing:
            self._moves.append((draft_id, draft.date))
        self.undo_button.setVisible(bool(self._moves))
        if day is None:
            self.draft_rescheduled.emit(draft_id, day)
            self.refresh()
            self._say(f"'{draft.title}' has no date now: it is in the unscheduled drafts.")
            return True
        where = "back to" if undoing else "to"
        message = f"Moved '{draft.title}' {where} {long_date(day)}."
        if not undoing:
            message += " Ctrl+Z puts it back."
        self.draft_rescheduled.emit(draft_id, day)
        self.refresh()  # the pre-election rules are checked off this thread, then it says
        findings = self._summary.findings_for(draft_id) if self._summary else ()
        if findings:
            message += f" That day is in the pre-election period: {findings[0].message}"
        elif self._summary is not None and self._summary.in_election(day):
            if self._period_job is not None:
                self._period_note = (draft_id, message)
            message += " That day is in the pre-election period, whose rules now apply."
        self._say(message)
        return True

    def set_planning(self, on: bool) -> None:
        """Show the filters and the unscheduled drafts while the calendar fills the window.

        Below the post there is room for the month only, so it shows every post there.
        """
        self._planning = on
        self.plan_button.setChecked(on)
        self.plan_button.setText("&Back to writing" if on else "Pla&n the month")
        if not on and self.filters.active():
            self.filters.clear()
        self.refresh()

    def can_undo(self) -> bool:
        """True when a move can be put back (Edit > Undo in the calendar does it)."""
        return bool(self._moves)

    def undo_move(self) -> bool:
        """Put the last moved post back where it was (Ctrl+Z in the calendar)."""
        if not self._moves:
            self._say("There is no move to undo.")
            return False
        draft_id, day = self._moves.pop()
        moved = self.move_draft(draft_id, day, undoing=True)
        self.undo_button.setVisible(bool(self._moves))
        return moved

    # slots

    @Slot()
    def _on_filters_changed(self) -> None:
        self.refresh()
        mine = "Showing your posts only: the gauges count them alone." if (
            self._team and not self.shows_team()
        ) else ""  # fmt: skip
        self._say(" ".join(m for m in (mine, self.filters.describe()) if m))

    @Slot(int)
    def _on_view_group_clicked(self, number: int) -> None:
        self.set_view(VIEWS[number])

    @Slot()
    def _on_theme_edit_finished(self) -> None:
        summary = self._summary
        theme = self.theme_edit.text().strip()
        if summary is None or theme == summary.theme:
            return
        key = f"{summary.first:%Y-%m}"
        months = self._store.months(key, key)
        targets = months[0].targets if months else {}
        try:
            self._store.set_month(key, theme, focus=summary.focus, targets=targets)
        except StorageError as exc:
            self._say(f"Could not save the theme: {exc}")
            return
        self.refresh()
        self._say(f"Theme for {summary.first:%B %Y} saved.")

    @Slot()
    def edit_targets(self) -> bool:
        """Ask for the month's posting targets per platform and save them."""
        summary = self._summary
        if summary is None:
            return False
        key = f"{summary.first:%Y-%m}"
        months = self._store.months(key, key)
        current = months[0].targets if months else {}
        targets = self.target_answers(summary.first, current)
        if targets is None:
            return False
        try:
            self._store.set_month(key, summary.theme, focus=summary.focus, targets=targets)
        except StorageError as exc:
            self._say(f"Could not save the targets: {exc}")
            return False
        self.refresh()
        self._say(f"Posting targets for {summary.first:%B %Y} saved.")
        return True

    def target_answers(self, first: dt.date, current: dict[str, int]) -> dict[str, int] | None:
        """The targets dialog's answers (0: no target), or None when cancelled."""
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Posting targets for {first:%B %Y}")
        form = QFormLayout(dialog)
        boxes = {}
        for platform in checks.PLATFORMS:
            box = QSpinBox(dialog)
            box.setObjectName(f"target_{platform}")
            box.setRange(0, 200)
            box.setSpecialValueText("no target")
            box.setValue(current.get(platform, 0))
            form.addRow(PLATFORM_LABELS.get(platform, platform), box)
            boxes[platform] = box
        if not saved(dialog, form):
            return None
        return {p: box.value() for p, box in boxes.items() if box.value()}

    @Slot(int)
    def _on_activated(self, draft_id: int) -> None:
        if draft_id < 0:
            self.view_team_post(draft_id)
        else:
            self.draft_activated.emit(draft_id)

    @Slot(int)
    def _on_move_requested(self, draft_id: int) -> None:
        if draft_id < 0:
            self.move_draft(draft_id, None)  # says why not
            return
        try:
            draft = self._store.get(draft_id)
        except StorageError as exc:
            self._say(f"Could not open the post: {exc}")
            return
        day = ask_date(self, draft.title, draft.date or self._day)
        if day is not None:
            self.move_draft(draft_id, day)

    @Slot(object)
    def _on_day_selected(self, day: dt.date) -> None:
        if self._loading:
            return
        if month_start(day) == month_start(self._day):
            self._day = day
        else:
            self.show_month(day)

    @Slot(object)
    def _on_outside_requested(self, day: dt.date) -> None:
        self.show_month(day)

    # helpers

    def _step_month(self, step: int) -> None:
        first = add_months(self._day, step)
        self.show_month(first.replace(day=min(self._day.day, month_end(first).day)))

    def _say(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setAccessibleDescription(message)

    def focus_target(self) -> QWidget:
        """The widget that takes the focus when the author moves to the calendar (F6)."""
        return self.view_stack.currentWidget() or self

    def note_saved(self, draft_id: int, version: int) -> None:
        """The window saved a post's text: the calendar's copy is current at ``version``."""
        if draft_id in self._versions:
            self._versions[draft_id] = version

    def _day_data(self, summary: MonthSummary, first: dt.date, last: dt.date) -> DayData:
        drafts: dict[dt.date, list[DraftSummary]] = {}
        month = first.replace(day=1)
        while month <= last:
            posts = summary.drafts if month == summary.first else self._month_drafts(month)
            for draft in posts:
                self._versions[draft.id] = draft.version
                if draft.date is None or not first <= draft.date <= last:
                    continue
                if self.filters.matches(draft):
                    drafts.setdefault(draft.date, []).append(draft)
            month = add_months(month, 1)
        events: dict[dt.date, tuple[object, ...]] = {}
        for event in self._store.events(first, last):
            events[event.date] = (*events.get(event.date, ()), event)
        return DayData(
            month=summary.first,
            drafts={day: tuple(posts) for day, posts in drafts.items()},
            events=events,  # type: ignore[arg-type]
            election=summary.election,
            flagged=frozenset(f.draft_id for f in summary.period_findings),
        )

    def _month_drafts(self, month: dt.date) -> list[DraftSummary]:
        return self._store.list_drafts(month=f"{month:%Y-%m}")

    def _show_election(self, summary: MonthSummary) -> None:
        period = summary.election
        overlaps = (
            period is not None and period.start <= summary.last and period.end >= summary.first
        )
        self.election_label.setVisible(overlaps)
        self.legend.show_election = overlaps
        self.legend.setMinimumHeight(self.legend.heightForWidth(max(self.legend.width(), 200)))
        self.legend.update()
        if period is None or not overlaps:
            return
        text = (
            f"<b>Pre-election period</b> from {long_date(period.start)} to "
            f"{long_date(period.end)} (hatched days): party, councillor and candidate names "
            "must not appear in posts scheduled inside it."
        )
        flagged = {f.draft_id for f in summary.period_findings}
        if flagged:
            titles = [html.escape(d.title) for d in summary.drafts if d.id in flagged]
            count = "1 post breaks" if len(titles) == 1 else f"{len(titles)} posts break"
            text += f" <b>{count} this rule</b> (marked !): " + "; ".join(titles) + "."
        self.election_label.setText(text)

    def _show_empty(self, summary: MonthSummary) -> None:
        empty = not summary.drafts
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText(
                f"No posts planned for {summary.first:%B} yet. Give a post a date in "
                f"{summary.first:%B} in the editor and it appears here."
            )


class _PeriodSignals(QObject):
    done = Signal()


class PeriodJob(QRunnable):
    """Check posts against the pre-election rules on a pool thread (`check_period`)."""

    def __init__(self, policy: checks.Policy, posts: list[tuple[int, str, dt.date]]) -> None:
        super().__init__()
        self.policy, self.posts = policy, posts
        self.signals = _PeriodSignals()

    def run(self) -> None:
        """Check, then say so (the pane summarises again, from the findings now known)."""
        try:
            check_period(self.policy, self.posts)
        finally:
            self.signals.done.emit()


def _grid_days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Whole weeks, Monday to Sunday, covering ``first`` to ``last``."""
    start = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=6 - last.weekday())
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
