# SPDX-License-Identifier: MIT
"""Filters for the calendar: show only one platform's posts, or one status's.

The filters narrow what the days, the list and the tray show; the month's gauges
(content mix, council balance, targets) always count every post of the month.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from star_desktop.calendar import PLATFORM_LABELS
from star_desktop.storage import DraftSummary, Status
from star_desktop.workflow import STATUS_LABELS

_ALL = ""


class CalendarFilters(QWidget):
    """Two drop-downs, platform and status; `changed` fires when either is changed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.platform_box = QComboBox(self)
        self.platform_box.setObjectName("platformFilter")
        self.platform_box.setAccessibleName("Show posts for platform")
        self.platform_box.addItem("All platforms", _ALL)
        for key, label in PLATFORM_LABELS.items():
            self.platform_box.addItem(label, key)
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("statusFilter")
        self.status_box.setAccessibleName("Show posts with status")
        self.status_box.addItem("All statuses", _ALL)
        for status, label in STATUS_LABELS.items():
            if status is not Status.ARCHIVED:  # archived posts are never on the calendar
                self.status_box.addItem(label, status.value)
        show = QLabel("Sh&ow:", self)
        show.setBuddy(self.platform_box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(show)
        layout.addWidget(self.platform_box)
        layout.addWidget(self.status_box)
        self.platform_box.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.status_box.currentIndexChanged.connect(lambda _: self.changed.emit())

    def matches(self, draft: DraftSummary) -> bool:
        """True when ``draft`` passes both filters."""
        platform = self.platform_box.currentData()
        status = self.status_box.currentData()
        return (not platform or platform in draft.platforms) and (
            not status or draft.status == status
        )

    def clear(self) -> None:
        """Show every post again."""
        self.platform_box.setCurrentIndex(0)
        self.status_box.setCurrentIndex(0)

    def active(self) -> bool:
        """True when a filter hides anything."""
        return bool(self.platform_box.currentData() or self.status_box.currentData())

    def describe(self) -> str:
        """What is shown, for the calendar's message: "Showing LinkedIn, Approved posts"."""
        parts = [
            box.currentText() for box in (self.platform_box, self.status_box) if box.currentData()
        ]
        return f"Showing only {', '.join(parts)} posts." if parts else ""
