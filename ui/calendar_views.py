# SPDX-License-Identifier: MIT
"""The calendar's views: a grid of days (month or week) with draggable posts, and a list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QWidget,
)

from star_desktop.storage import DraftSummary, Event
from ui.calendar_cells import PAD, DayData, DayDelegate, describe_day, describe_post, paint_chip
from ui.calendar_paint import draft_from_mime, draft_mime, long_date


class DayGrid(QTableWidget):
    """Days in rows of seven (a month, or one week) with posts drawn as chips.

    Arrow keys move between days (past the edge they ask for the next month or week),
    Enter opens the day's post (a menu picks one of several), the context menu moves a
    post, and posts can be dragged to another day.
    """

    draft_activated = Signal(int)
    draft_dropped = Signal(int, object)
    move_requested = Signal(int)
    day_selected = Signal(object)
    new_post_requested = Signal(object)  # an empty day opened: the day for a new post
    outside_requested = Signal(object)

    def __init__(self, week: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.week = week
        self._days: list[dt.date] = []
        self._data = DayData(dt.date.today().replace(day=1))
        self._press: tuple[QPoint, int] | None = None
        self._drop_day: dt.date | None = None
        self.setObjectName("weekGrid" if week else "monthGrid")
        self.setItemDelegate(DayDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # one Tab stop: the arrow keys move between days
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setMouseTracking(True)
        self.setShowGrid(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(64)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleDescription(
            "Arrow keys move between days. Enter opens a post. The menu key moves a post. "
            "Drag a post to another day to reschedule it. Ctrl+Page Up and Ctrl+Page Down "
            "change month."
        )
        self.currentCellChanged.connect(self._on_current_cell_changed)

    # data

    def set_days(self, days: Sequence[dt.date], data: DayData) -> None:
        """Show ``days`` (a multiple of seven, Monday first) with ``data``."""
        self._days = list(days)
        self._data = data
        self.blockSignals(True)
        self.setRowCount(len(days) // 7)
        self._set_header_labels()
        for index, day in enumerate(self._days):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, day)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, describe_day(day, data))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.setItem(index // 7, index % 7, item)
        self.blockSignals(False)
        self.viewport().update()

    def _set_header_labels(self) -> None:
        """Day names in full where the columns have room, else short ("Wed")."""
        wide = self.viewport().width() >= 7 * 110
        if self.week:
            labels = [f"{d:%a} {d.day} {d:%b}" for d in self._days[:7]]
        else:
            labels = [f"{d:%A}" if wide else f"{d:%a}" for d in self._days[:7]]
        self.setHorizontalHeaderLabels(labels)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Shorten or lengthen the day names to fit."""
        super().resizeEvent(event)
        if self._days:
            self._set_header_labels()

    def data(self) -> DayData:
        """The data shown."""
        return self._data

    def days(self) -> list[dt.date]:
        """The days shown, in order."""
        return list(self._days)

    def day_at(self, pos: QPoint) -> dt.date | None:
        """The day under ``pos`` (viewport coordinates), or None."""
        index = self.indexAt(pos)
        return self._day_of(index) if index.isValid() else None

    def cell_rect(self, day: dt.date) -> QRectF:
        """The viewport rectangle of ``day``'s cell (empty when not shown)."""
        if day not in self._days:
            return QRectF()
        i = self._days.index(day)
        return QRectF(self.visualRect(self.model().index(i // 7, i % 7)))

    def current_day(self) -> dt.date | None:
        """The day with the keyboard focus."""
        return self._day_of(self.currentIndex())

    def select_day(self, day: dt.date) -> bool:
        """Move the focus to ``day``; False when it is not shown."""
        if day not in self._days:
            return False
        i = self._days.index(day)
        self.setCurrentCell(i // 7, i % 7)
        return True

    def _day_of(self, index: QModelIndex | QPersistentModelIndex) -> dt.date | None:
        if not index.isValid():
            return None
        i = index.row() * 7 + index.column()
        return self._days[i] if i < len(self._days) else None

    # chip layout, shared by painting and hit tests

    def chip_height(self, lines: int | None = None) -> int:
        """Height of one post chip of ``lines`` lines (three in the week view, else one)."""
        lines = lines or (3 if self.week else 1)
        return self.fontMetrics().height() * lines + 6

    def layout_day(
        self, day: dt.date, rect: QRectF
    ) -> tuple[list[tuple[QRectF, Event]], list[tuple[QRectF, DraftSummary]], int]:
        """Where the events and post chips of ``day`` go in ``rect``, and how many do not fit."""
        line = self.fontMetrics().height()
        y = rect.top() + PAD + line + 2
        width = rect.width() - 2 * PAD
        events = []
        for event in self._data.events.get(day, ()):
            events.append((QRectF(rect.left() + PAD, y, width, line), event))
            y += line + 2
        chips: list[tuple[QRectF, DraftSummary]] = []
        posts = self._data.drafts.get(day, ())
        height = self.chip_height()
        if not self.week and posts:
            # two-line chips (the title wrapped) when every post of the day fits that way
            tall = self.chip_height(2)
            if len(posts) * (tall + 3) <= rect.bottom() - PAD - y:
                height = tall
        for n, draft in enumerate(posts):
            room = rect.bottom() - PAD - y
            last = n == len(posts) - 1
            if room < height or (not last and room < height + 3 + line):
                return events, chips, len(posts) - n
            chips.append((QRectF(rect.left() + PAD, y, width, height), draft))
            y += height + 3
        return events, chips, 0

    def draft_at(self, pos: QPoint) -> DraftSummary | None:
        """The post chip under ``pos`` (viewport coordinates), or None."""
        day = self.day_at(pos)
        if day is None:
            return None
        for rect, draft in self.layout_day(day, self.cell_rect(day))[1]:
            if rect.contains(QPointF(pos)):
                return draft
        return None

    # events: keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Arrows move by day and week; Enter opens a post; other keys as usual."""
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        key = Qt.Key(event.key())
        day = self.current_day()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if key in steps and plain and day is not None:
            target = day + dt.timedelta(days=steps[key])
            if not self.select_day(target):
                self.outside_requested.emit(target)
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and day is not None:
            self._open_day(day)
            event.accept()
        else:
            super().keyPressEvent(event)

    def _open_day(self, day: dt.date) -> None:
        posts = self._data.drafts.get(day, ())
        if not posts:
            self.new_post_requested.emit(day)
        elif len(posts) == 1:
            self.draft_activated.emit(posts[0].id)
        elif posts:
            menu = QMenu(self)
            menu.setAccessibleName(f"Posts on {long_date(day)}")
            for draft in posts:
                action = menu.addAction(describe_post(draft, draft.id in self._data.flagged))
                action.setData(draft.id)
            chosen = menu.exec(self.viewport().mapToGlobal(self.cell_rect(day).center().toPoint()))
            if chosen is not None:
                self.draft_activated.emit(int(chosen.data()))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        """A menu to open or move the post under the mouse, or the focused day's posts."""
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            pos = self.viewport().mapFrom(self, event.pos())
            chip = self.draft_at(pos)
            day = self.day_at(pos)
            posts: Sequence[DraftSummary] = (
                (chip,) if chip else self._data.drafts.get(day, ()) if day else ()
            )
        else:
            day = self.current_day()
            posts = self._data.drafts.get(day, ()) if day else ()
            pos = self.cell_rect(day).center().toPoint() if day else QPoint()
        if not posts:
            return
        menu = QMenu(self)
        for draft in posts:
            if not draft.mine:
                menu.addAction(f"View {draft.author}'s '{draft.title}'").triggered.connect(
                    lambda _=False, i=draft.id: self.draft_activated.emit(i)
                )
                continue
            menu.addAction(f"Open '{draft.title}'").triggered.connect(
                lambda _=False, i=draft.id: self.draft_activated.emit(i)
            )
            menu.addAction(f"Move '{draft.title}' to another day…").triggered.connect(
                lambda _=False, i=draft.id: self.move_requested.emit(i)
            )
        menu.exec(self.viewport().mapToGlobal(pos))

    # events: mouse and drag and drop

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """Remember a press on a post: it may start a drag."""
        chip = self.draft_at(event.position().toPoint())
        # A team member's post is read-only here: it opens, but does not drag.
        self._press = (event.position().toPoint(), chip.id) if chip and chip.mine else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """Drag a post once the mouse has moved far enough with the button held."""
        pressed = event.buttons() & Qt.MouseButton.LeftButton
        if self._press and pressed:
            start, draft_id = self._press
            distance = (event.position().toPoint() - start).manhattanLength()
            if distance >= QApplication.startDragDistance():
                self._press = None
                self._start_drag(draft_id)
                return
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """Open the post double-clicked; on an empty day, start a new post on it."""
        where = event.position().toPoint()
        chip = self.draft_at(where)
        if chip is not None:
            self.draft_activated.emit(chip.id)
            event.accept()
            return
        day = self.day_at(where)
        if day is not None and not self._data.drafts.get(day):
            self.new_post_requested.emit(day)  # an empty day: start a post on it
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _start_drag(self, draft_id: int) -> None:
        drag = QDrag(self)
        drag.setMimeData(draft_mime(draft_id))
        for day in self._days:
            for rect, draft in self.layout_day(day, self.cell_rect(day))[1]:
                if draft.id == draft_id:
                    drag.setPixmap(self._chip_pixmap(rect, draft))
        drag.exec(Qt.DropAction.MoveAction)

    def _chip_pixmap(self, rect: QRectF, draft: DraftSummary) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_chip(painter, QRectF(0, 0, rect.width(), rect.height()), draft, self, False)
        painter.end()
        return pixmap

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        """Accept only our posts."""
        if draft_from_mime(event.mimeData()) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt's name)
        """Mark the day under the pointer as the drop target."""
        day = self.day_at(event.position().toPoint())
        if day is None or draft_from_mime(event.mimeData()) is None:
            event.ignore()
            return
        if day != self._drop_day:
            self._drop_day = day
            self.viewport().update()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 (Qt's name)
        """Clear the drop target."""
        self._drop_day = None
        self.viewport().update()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        """Ask for the dropped post to move to the day under the pointer."""
        self._drop_day = None
        self.viewport().update()
        draft_id = draft_from_mime(event.mimeData())
        day = self.day_at(event.position().toPoint())
        if draft_id is None or day is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.draft_dropped.emit(draft_id, day)

    def drop_target(self) -> dt.date | None:
        """The day a drag is over, if any."""
        return self._drop_day

    def viewportEvent(self, event: object) -> bool:  # noqa: N802 (Qt's name)
        """Tooltips name the post under the pointer, or describe the day."""
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            chip = self.draft_at(event.pos())
            day = self.day_at(event.pos())
            if chip is not None:
                text = describe_post(chip, chip.id in self._data.flagged)
                text += "\nDouble-click to open; drag to another day to reschedule."
            elif day is not None:
                text = describe_day(day, self._data)
            else:
                text = ""
            QToolTip.showText(event.globalPos(), text, self.viewport())
            return True
        return bool(super().viewportEvent(event))  # type: ignore[arg-type]

    def _on_current_cell_changed(self, row: int, column: int, *_: int) -> None:
        i = row * 7 + column
        if row >= 0 and column >= 0 and i < len(self._days):
            self.day_selected.emit(self._days[i])


__all__ = ["DayData", "DayGrid"]
