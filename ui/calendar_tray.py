# SPDX-License-Identifier: MIT
"""The tray of unscheduled drafts: drag one onto a day to schedule it, or a post back here.

Enter on a draft in the tray schedules it on the day focused in the calendar; a post
dropped on the tray loses its date (it goes back to being unscheduled).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from star_desktop.calendar import PLATFORM_LABELS
from star_desktop.storage import DraftSummary
from star_desktop.workflow import STATUS_LABELS
from ui.calendar_paint import DRAFT_MIME, draft_from_mime, draft_mime

_ID_ROLE = Qt.ItemDataRole.UserRole


class UnscheduledTray(QListWidget):
    """Drafts without a date, each a row to drag onto the calendar."""

    schedule_requested = Signal(int)  # Enter: schedule on the calendar's focused day
    unschedule_requested = Signal(int)  # a post dropped here: take its date away
    draft_activated = Signal(int)  # double-click: open it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unscheduledTray")
        self.setAccessibleName("Unscheduled drafts")
        self.setAccessibleDescription(
            "Drag a draft onto a day, or press Enter to schedule it on the focused day."
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.itemDoubleClicked.connect(lambda item: self.draft_activated.emit(item.data(_ID_ROLE)))

    def set_drafts(self, drafts: Sequence[DraftSummary]) -> None:
        """Show ``drafts`` (those with no date), keeping the selected one if it stays."""
        current = self.current_draft()
        self.clear()
        for draft in drafts:
            item = QListWidgetItem(draft.title or "Untitled draft")
            item.setData(_ID_ROLE, draft.id)
            platforms = ", ".join(PLATFORM_LABELS.get(p, p) for p in draft.platforms) or "none"
            item.setToolTip(
                f"{draft.title or 'Untitled draft'}\n{STATUS_LABELS[draft.status]}"
                f" \u00b7 platforms: {platforms}\nDrag onto a day to schedule it."
            )
            self.addItem(item)
            if draft.id == current:
                self.setCurrentItem(item)

    def current_draft(self) -> int | None:
        """The id of the selected draft, if any."""
        item = self.currentItem()
        return None if item is None else int(item.data(_ID_ROLE))

    # drag and drop

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt's name)
        """Our posts only."""
        return [DRAFT_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802 (Qt's name)
        """The dragged draft, as the calendar's days accept it."""
        return draft_mime(int(items[0].data(_ID_ROLE)))

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt's name)
        """Posts are moved, never copied."""
        return Qt.DropAction.MoveAction

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        """Accept a post from the calendar, not a row of the tray itself."""
        _take_posts(self, event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt's name)
        """Anywhere in the tray takes the post."""
        _take_posts(self, event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        """A post from the calendar loses its date."""
        draft_id = draft_from_mime(event.mimeData())
        if event.source() is self or draft_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.unschedule_requested.emit(draft_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter schedules the selected draft on the calendar's focused day."""
        draft_id = self.current_draft()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and draft_id is not None:
            self.schedule_requested.emit(draft_id)
            event.accept()
            return
        super().keyPressEvent(event)


def _take_posts(tray: UnscheduledTray, event: QDragMoveEvent) -> None:
    """Accept a dragged post from elsewhere (QDragEnterEvent is a QDragMoveEvent)."""
    if event.source() is tray or draft_from_mime(event.mimeData()) is None:
        event.ignore()
        return
    event.setDropAction(Qt.DropAction.MoveAction)
    event.accept()
