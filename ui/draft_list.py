# SPDX-License-Identifier: MIT
"""The drafts list with full-text search."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from star_desktop.storage import DraftSummary, Status, Store
from star_desktop.workflow import STATUS_LABELS

_ID_ROLE = Qt.ItemDataRole.UserRole
_STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


class _DraftsView(QListWidget):
    """The list itself: the Delete key asks to archive or delete the current draft."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Delete archives (or deletes) the current draft; other keys as usual."""
        if event.key() == Qt.Key.Key_Delete and self.currentItem() is not None:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class DraftList(QWidget):
    """Every draft, newest plans first; typing in the search box searches titles and text.

    The list asks; the window decides (through the drafts service): archive, restore
    and delete come out as signals with the draft's id.
    """

    draft_activated = Signal(int)
    archive_requested = Signal(int)
    restore_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftList")
        self.setMinimumWidth(220)
        self.store = store
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("draftSearch")
        self.search_edit.setPlaceholderText("Search drafts (Ctrl+F)")
        self.search_edit.setAccessibleName("Search drafts")
        self.search_edit.setClearButtonEnabled(True)
        self.drafts_view = _DraftsView()
        self.drafts_view.setObjectName("draftListView")
        self.drafts_view.setAccessibleName("Drafts")
        self.archived_box = QCheckBox("Show archived")
        self.archived_box.setObjectName("showArchived")
        self.drafts_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.empty_label = QLabel("")
        self.empty_label.setWordWrap(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)

        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.refresh)
        self.drafts_view.itemActivated.connect(self._on_item_activated)
        self.drafts_view.itemClicked.connect(self._on_item_activated)
        self.drafts_view.customContextMenuRequested.connect(self._on_context_menu)
        self.drafts_view.delete_pressed.connect(self._on_delete_pressed)
        self.archived_box.toggled.connect(self.refresh)

        outer_layout = QVBoxLayout(self)
        outer_layout.addWidget(self.search_edit)
        outer_layout.addWidget(self.drafts_view, 1)
        outer_layout.addWidget(self.empty_label)
        outer_layout.addWidget(self.archived_box)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Reload the list (after a save elsewhere, or as the search changes)."""
        query = self.search_edit.text().strip()
        archived = self.archived_box.isChecked()
        found = (
            self.store.list_drafts(search=query, limit=200, archived=archived)
            if query
            else self.store.list_drafts(limit=300, archived=archived)
        )
        current = self.current_summary()
        self.drafts_view.clear()
        for summary in found:
            self.drafts_view.addItem(_item(summary))
        if current is not None:
            self.select_draft(current[0])
        if found:
            self.empty_label.setText("")
        elif query:
            self.empty_label.setText(f"No drafts contain \u2018{query}\u2019.")
        else:
            self.empty_label.setText("No drafts yet: press Ctrl+N to start one.")

    def select_draft(self, draft_id: int) -> None:
        """Highlight ``draft_id`` in the list, if shown."""
        for row in range(self.drafts_view.count()):
            item = self.drafts_view.item(row)
            if item.data(_ID_ROLE) == draft_id:
                self.drafts_view.setCurrentItem(item)
                self.drafts_view.scrollToItem(item)
                return

    def current_summary(self) -> tuple[int, Status] | None:
        """The id and status of the selected draft, or None."""
        item = self.drafts_view.currentItem()
        if item is None:
            return None
        return int(item.data(_ID_ROLE)), Status(item.data(_STATUS_ROLE))

    @Slot(QPoint)
    def _on_context_menu(self, where: QPoint) -> None:
        item = self.drafts_view.itemAt(where)
        if item is None:
            return
        self.drafts_view.setCurrentItem(item)
        draft_id, status = int(item.data(_ID_ROLE)), Status(item.data(_STATUS_ROLE))
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.draft_activated.emit(draft_id))
        if status is Status.ARCHIVED:
            menu.addAction("Restore", lambda: self.restore_requested.emit(draft_id))
        else:
            menu.addAction("Archive", lambda: self.archive_requested.emit(draft_id))
        if status is Status.DRAFT:
            menu.addAction("Delete…", lambda: self.delete_requested.emit(draft_id))
        menu.popup(self.drafts_view.viewport().mapToGlobal(where))
        self.context_menu = menu

    @Slot()
    def _on_delete_pressed(self) -> None:
        current = self.current_summary()
        if current is None:
            return
        draft_id, status = current
        if status is Status.DRAFT:
            self.delete_requested.emit(draft_id)
        elif status is not Status.ARCHIVED:
            self.archive_requested.emit(draft_id)

    @Slot(QListWidgetItem)
    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.draft_activated.emit(int(item.data(_ID_ROLE)))


def _item(summary: DraftSummary) -> QListWidgetItem:
    when = summary.date.strftime("%a %d %b") if summary.date else "Not scheduled"
    title = summary.title or "(untitled)"
    pictures = f" \u00b7 {summary.images} image{'s' if summary.images != 1 else ''}"
    shown = pictures if summary.images else ""
    item = QListWidgetItem(f"{title}\n{when} \u00b7 {STATUS_LABELS[summary.status]}{shown}")
    item.setData(_ID_ROLE, summary.id)
    item.setData(_STATUS_ROLE, summary.status.value)
    item.setToolTip(summary.excerpt)
    return item
