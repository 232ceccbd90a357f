# SPDX-License-Identifier: MIT
"""The drafts list with full-text search."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from star_desktop.storage import DraftSummary, Store
from ui.metadata_bar import STATUS_LABELS

_ID_ROLE = Qt.ItemDataRole.UserRole


class DraftList(QWidget):
    """Every draft, newest plans first; typing in the search box searches titles and text."""

    draft_activated = Signal(int)

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
        self.drafts_view = QListWidget()
        self.drafts_view.setObjectName("draftListView")
        self.drafts_view.setAccessibleName("Drafts")
        self.empty_label = QLabel("")
        self.empty_label.setWordWrap(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)

        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.refresh)
        self.drafts_view.itemActivated.connect(self._on_item_activated)
        self.drafts_view.itemClicked.connect(self._on_item_activated)

        outer_layout = QVBoxLayout(self)
        outer_layout.addWidget(self.search_edit)
        outer_layout.addWidget(self.drafts_view, 1)
        outer_layout.addWidget(self.empty_label)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Reload the list (after a save elsewhere, or as the search changes)."""
        query = self.search_edit.text().strip()
        found = self.store.list_drafts(search=query, limit=200) if query else self._recent()
        self.drafts_view.clear()
        for summary in found:
            self.drafts_view.addItem(_item(summary))
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
                return

    def _recent(self) -> list[DraftSummary]:
        return self.store.list_drafts(limit=300)

    @Slot(QListWidgetItem)
    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.draft_activated.emit(int(item.data(_ID_ROLE)))


def _item(summary: DraftSummary) -> QListWidgetItem:
    when = summary.date.strftime("%a %d %b") if summary.date else "Not scheduled"
    title = summary.title or "(untitled)"
    item = QListWidgetItem(f"{title}\n{when} \u00b7 {STATUS_LABELS[summary.status]}")
    item.setData(_ID_ROLE, summary.id)
    item.setToolTip(summary.excerpt)
    return item
