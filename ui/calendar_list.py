# SPDX-License-Identifier: MIT
"""The calendar's list view, its legend of statuses, and the dialog that picks a new day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from star_desktop.calendar import CATEGORY_LABELS, CATEGORY_SHORT, PLATFORM_LABELS
from star_desktop.storage import DraftSummary, Status
from ui.calendar_paint import (
    election_brush,
    long_date,
    paint_status_icon,
    status_icon,
    status_ink,
    status_label,
)
from ui.calendar_views import DayData

COLUMNS = ("Date", "Time", "Title", "Status", "Platforms", "Category", "Notes")


class PostList(QTreeWidget):
    """The month's posts as a sortable table; Enter or double-click opens one."""

    draft_activated = Signal(int)
    move_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postList")
        self.setAccessibleName("Posts this month")
        self.setAccessibleDescription("Enter opens a post. The menu key moves it to another day.")
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        # The title is what the author reads: it always shows whole, and the columns after
        # it scroll; long categories and notes get a share the author can widen (their
        # full text is in the tooltip).
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((5, 150), (6, 160)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.itemActivated.connect(self._on_item_activated)

    def set_drafts(self, data: DayData) -> None:
        """Show the posts of the month in focus, in calendar order."""
        self.clear()
        ratio = self.devicePixelRatioF()
        month = (data.month.year, data.month.month)
        for day in sorted(data.drafts):
            if (day.year, day.month) != month:
                continue
            for draft in data.drafts[day]:
                self.addTopLevelItem(self._item(draft, day, data, ratio))

    def _item(
        self, draft: DraftSummary, day: dt.date, data: DayData, ratio: float
    ) -> QTreeWidgetItem:
        notes = []
        if draft.id in data.flagged:
            notes.append("Breaks the pre-election rules")
        elif data.in_election(day):
            notes.append("Pre-election period")
        if draft.example:
            notes.append("Example")
        if not draft.mine:
            notes.insert(0, f"{draft.author}'s post (read-only)")
        item = QTreeWidgetItem(
            [
                f"{day:%a} {day.day} {day:%b}",
                f"{draft.time:%H:%M}" if draft.time else "",
                draft.title,
                status_label(draft.status),
                ", ".join(PLATFORM_LABELS.get(p, p) for p in draft.platforms),
                CATEGORY_SHORT.get(draft.category or "", "No category"),
                "; ".join(notes),
            ]
        )
        item.setIcon(3, status_icon(draft.status, self.palette(), 16, ratio))
        item.setData(0, Qt.ItemDataRole.UserRole, draft.id)
        item.setToolTip(2, draft.excerpt)
        item.setToolTip(5, CATEGORY_LABELS.get(draft.category or "", "No category"))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, long_date(day))
        return item

    def draft_ids(self) -> list[int]:
        """The ids of the posts listed, in order."""
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [int(item.data(0, Qt.ItemDataRole.UserRole)) for item in items if item is not None]

    def contextMenuEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        """Open or move the post under the pointer or the current one."""
        item = self.currentItem()
        if item is None:
            return
        draft_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        menu = QMenu(self)
        mine = draft_id > 0  # a team member's post (a negative id) is only viewed here
        menu.addAction("Open" if mine else "View (read-only)").triggered.connect(
            lambda: self.draft_activated.emit(draft_id)
        )
        if mine:
            menu.addAction("Move to another day…").triggered.connect(
                lambda: self.move_requested.emit(draft_id)
            )
        rect = self.visualItemRect(item)
        menu.exec(self.viewport().mapToGlobal(rect.center() if rect.isValid() else QPoint()))

    def _on_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        del column
        self.draft_activated.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))


class StatusLegend(QWidget):
    """A key to the calendar: each status's shape and name, and the pre-election hatching."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLegend")
        self.setAccessibleName("Key")
        self.show_election = False
        #: Team members' posts are shown: a dashed chip is one (read-only).
        self.show_team = False
        names = ", ".join(f"{status_label(s)}: {_SHAPES[s]}" for s in _SHOWN)
        self.setAccessibleDescription(f"Post status shapes. {names}.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        """The key wraps onto more lines when the pane is narrow."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        """As many lines as the entries need at ``width``."""
        rows = max(y for _, _, y in self._placed(width)) + 1
        return rows * (self.fontMetrics().height() + 4) + 4

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """The width it is given, and the lines that need."""
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """A new width may need another line."""
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(self.width()))

    def _entries(self) -> list[str]:
        labels = [status_label(status) for status in _SHOWN]
        if self.show_election:
            labels.append(_ELECTION)
        if self.show_team:
            labels.append(_TEAM)
        return labels

    def _placed(self, width: int) -> list[tuple[str, float, int]]:
        """Each entry's label with its x and its line, wrapping at ``width``."""
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        placed, x, row = [], 0.0, 0
        for label in self._entries():
            swatch = line * 1.6 if label in (_ELECTION, _TEAM) else line
            needed = swatch + 4 + metrics.horizontalAdvance(label)
            if x > 0 and x + needed > width:
                x, row = 0.0, row + 1
            placed.append((label, x, row))
            x += needed + 16
        return placed

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Draw each status shape with its name, then the hatching sample."""
        del event
        painter = QPainter(self)
        palette = self.palette()
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        statuses = dict(zip([status_label(s) for s in _SHOWN], _SHOWN, strict=True))
        for label, x, row in self._placed(self.width()):
            y = 2 + row * (line + 4)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            status = statuses.get(label)
            if status is not None:
                paint_status_icon(
                    painter, QRectF(x, y, line, line), status, status_ink(status, palette)
                )
                x += line + 4
            elif label == _TEAM:
                swatch = QRectF(x + 0.5, y + 0.5, line * 1.6 - 1, line - 1)
                pen = QPen(status_ink(Status.DRAFT, palette))
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(palette.color(QPalette.ColorRole.Base))
                painter.drawRoundedRect(swatch, 3, 3)
                x += line * 1.6 + 4
            else:
                swatch = QRectF(x, y, line * 1.6, line)
                painter.fillRect(swatch, palette.color(QPalette.ColorRole.Base))
                painter.fillRect(swatch, election_brush(palette))
                painter.setPen(palette.color(QPalette.ColorRole.WindowText))
                painter.drawRect(swatch)
                x += swatch.width() + 4
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(x, y, metrics.horizontalAdvance(label) + 2, line), label)
        painter.end()


_ELECTION = "Pre-election period"
_TEAM = "A team member's post (read-only)"
_SHAPES = {
    Status.DRAFT: "open circle",
    Status.SUBMITTED: "triangle",
    Status.APPROVED: "tick",
    Status.PUBLISHED: "filled circle",
    Status.REJECTED: "cross",
    Status.CHANGES_REQUESTED: "open triangle",
    Status.ARCHIVED: "open square",
}
#: The statuses the calendar shows (archived posts leave it).
_SHOWN = tuple(s for s in Status if s is not Status.ARCHIVED)


def ask_date(parent: QWidget, title: str, day: dt.date) -> dt.date | None:
    """Ask for the day to move the post ``title`` to; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Move post")
    dialog.setAccessibleName("Move post to another day")
    edit = QDateEdit(QDate(day.year, day.month, day.day), dialog)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dddd d MMMM yyyy")
    edit.setAccessibleName("New date")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Move")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(QLabel(f"Move '{title}' to:", dialog))
    form.addRow("New &date:", edit)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    picked = edit.date()
    return dt.date(picked.year(), picked.month(), picked.day())
