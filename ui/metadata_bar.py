# SPDX-License-Identifier: MIT
"""The bar above the editor: title, platforms and counters, audiences, category, schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QTime, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import checks
from star_desktop.storage import CATEGORIES, Draft, Status
from star_desktop.workflow import STATUS_LABELS
from ui.style import LOOKS

PLATFORM_LABELS = {"x": "X", "linkedin": "LinkedIn", "website": "Website"}
AUDIENCE_LABELS = {a: a.capitalize() for a in checks.AUDIENCES}


class MetadataBar(QWidget):
    """Edit a draft's details; `changed` fires on every edit, `submit_requested` on submit."""

    changed = Signal()
    submit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataBar")
        self._loading = False

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("draftTitle")
        self.title_edit.setPlaceholderText("Title (for the website article and your list)")
        self.title_edit.setAccessibleName("Title")
        self.platform_boxes: dict[str, QCheckBox] = {}
        self.counter_labels: dict[str, QLabel] = {}
        for platform, label in PLATFORM_LABELS.items():
            box = QCheckBox(label)
            box.setObjectName(f"platform_{platform}")
            box.setAccessibleName(f"Post to {label}")
            counter = QLabel("")
            counter.setObjectName(f"counter_{platform}")
            counter.setAccessibleName(f"{label} length")
            counter.setMinimumWidth(70)
            self.platform_boxes[platform] = box
            self.counter_labels[platform] = counter
        self.audience_button = QToolButton()
        self.audience_button.setObjectName("audiences")
        self.audience_button.setAccessibleName("Audiences")
        self.audience_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.audience_menu = QMenu(self.audience_button)
        self.audience_actions: dict[str, QAction] = {}
        for audience, label in AUDIENCE_LABELS.items():
            action = self.audience_menu.addAction(label)
            action.setCheckable(True)
            self.audience_actions[audience] = action
        self.audience_button.setMenu(self.audience_menu)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("category")
        self.category_combo.setAccessibleName("Content category")
        self.category_combo.addItem("Choose a category (Appendix A)\u2026", None)
        for category in CATEGORIES:
            self.category_combo.addItem(category.label, category.name)
        self.category_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_combo.setMinimumContentsLength(24)
        self.scheduled_box = QCheckBox("Scheduled")
        self.scheduled_box.setObjectName("scheduled")
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("scheduledDate")
        self.date_edit.setAccessibleName("Scheduled date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("scheduledTime")
        self.time_edit.setAccessibleName("Scheduled time")
        self.time_edit.setDisplayFormat("HH:mm")
        self.status_label = QLabel("")
        self.status_label.setObjectName("draftStatus")
        self.status_label.setAccessibleName("Status")
        self.submit_button = QPushButton("Submit for approval")
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(
            "Mark the post ready for your manager's approval (no blocking issues, "
            "Data Protection training recorded)"
        )

        self.title_edit.textEdited.connect(self._on_edited)
        for box in self.platform_boxes.values():
            box.toggled.connect(self._on_edited)
        for action in self.audience_actions.values():
            action.toggled.connect(self._on_edited)
        self.category_combo.currentIndexChanged.connect(self._on_edited)
        self.scheduled_box.toggled.connect(self._on_edited)
        self.date_edit.dateChanged.connect(self._on_edited)
        self.time_edit.timeChanged.connect(self._on_edited)
        self.submit_button.clicked.connect(self.submit_requested)

        title_row = QHBoxLayout()
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(QLabel("Status:"))
        title_row.addWidget(self.status_label)
        title_row.addWidget(self.submit_button)
        platforms_row = QHBoxLayout()
        for platform in PLATFORM_LABELS:
            platforms_row.addWidget(self.platform_boxes[platform])
            platforms_row.addWidget(self.counter_labels[platform])
        platforms_row.addStretch(1)
        platforms_row.addWidget(self.audience_button)
        schedule_row = QHBoxLayout()
        schedule_row.addWidget(self.category_combo, 1)
        schedule_row.addWidget(self.scheduled_box)
        schedule_row.addWidget(self.date_edit)
        schedule_row.addWidget(self.time_edit)
        outer_layout = QVBoxLayout(self)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.addLayout(title_row)
        outer_layout.addLayout(platforms_row)
        outer_layout.addLayout(schedule_row)
        self._update_audience_text()
        self._update_schedule_enabled()

    # public

    def details(self) -> list[QWidget]:
        """The post's details in the order Tab visits them, after its text."""
        return [
            *self.platform_boxes.values(),
            self.audience_button,
            self.category_combo,
            self.scheduled_box,
            self.date_edit,
            self.time_edit,
            self.submit_button,
        ]

    def load(self, draft: Draft, editable: bool) -> None:
        """Show ``draft``'s details without firing `changed`.

        ``editable`` is the drafts service's answer (`DraftsService.can_edit`).
        """
        self._loading = True
        try:
            self.title_edit.setText(draft.title)
            for platform, box in self.platform_boxes.items():
                box.setChecked(platform in draft.platforms)
            for audience, action in self.audience_actions.items():
                action.setChecked(audience in draft.audiences)
            index = self.category_combo.findData(draft.category) if draft.category else 0
            self.category_combo.setCurrentIndex(max(index, 0))
            self.scheduled_box.setChecked(draft.date is not None)
            day = draft.date or dt.date.today()
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
            moment = draft.time or dt.time(9, 0)
            self.time_edit.setTime(QTime(moment.hour, moment.minute))
            self.set_status(draft.status, editable)
        finally:
            self._loading = False
        self._update_audience_text()
        self._update_schedule_enabled()

    def values(self) -> dict[str, Any]:
        """The details as `Store.update` takes them."""
        scheduled = self.scheduled_box.isChecked()
        day = self.date_edit.date()
        moment = self.time_edit.time()
        return {
            "title": self.title_edit.text().strip(),
            "platforms": self.platforms(),
            "audiences": self.audiences(),
            "category": self.category_combo.currentData(),
            "date": dt.date(day.year(), day.month(), day.day()) if scheduled else None,
            "time": dt.time(moment.hour(), moment.minute()) if scheduled else None,
        }

    def platforms(self) -> tuple[str, ...]:
        """The platforms ticked (X when none is, since the counters need one)."""
        chosen = tuple(p for p, box in self.platform_boxes.items() if box.isChecked())
        return chosen or ("x",)

    def audiences(self) -> tuple[str, ...]:
        """The audiences ticked."""
        return tuple(a for a, action in self.audience_actions.items() if action.isChecked())

    def set_status(self, status: Status, editable: bool) -> None:
        """Show ``status`` in words; details can change only where the author may edit."""
        status = Status(status)
        self.status_label.setText(STATUS_LABELS[status])
        self.submit_button.setEnabled(editable)
        for widget in (
            self.title_edit,
            *self.platform_boxes.values(),
            self.audience_button,
            self.category_combo,
            self.scheduled_box,
        ):
            widget.setEnabled(editable)
        self.date_edit.setEnabled(editable and self.scheduled_box.isChecked())
        self.time_edit.setEnabled(editable and self.scheduled_box.isChecked())

    def set_lengths(self, lengths: dict[str, dict[str, Any]]) -> None:
        """Update the counters ("231/280"), red with a warning sign past a limit."""
        for platform, label in self.counter_labels.items():
            figures = lengths.get(platform)
            if not figures:
                label.setText("")
                continue
            if platform == "website":
                used, limit = figures["title_characters"], figures["title_limit"]
                text, what = f"title {used}/{limit}", "title characters"
            else:
                used = figures["weighted" if platform == "x" else "characters"]
                limit = figures["limit"]
                text, what = f"{used:,}/{limit:,}", "characters"
            over = used > limit
            colour = LOOKS[checks.Severity.BLOCK].colour(self.palette())
            label.setText(f"\u26a0 {text}" if over else text)
            label.setStyleSheet(f"color: {colour.name()}; font-weight: bold;" if over else "")
            label.setToolTip(
                f"{used:,} of {limit:,} {what}" + (f": {used - limit:,} too many" if over else "")
            )

    # slots

    @Slot()
    def _on_edited(self) -> None:
        self._update_audience_text()
        self._update_schedule_enabled()
        if not self._loading:
            self.changed.emit()

    def _update_audience_text(self) -> None:
        chosen = [AUDIENCE_LABELS[a] for a in self.audiences()]
        self.audience_button.setText("Audiences: " + (", ".join(chosen) if chosen else "none"))

    def _update_schedule_enabled(self) -> None:
        scheduled = self.scheduled_box.isChecked() and self.scheduled_box.isEnabled()
        self.date_edit.setEnabled(scheduled)
        self.time_edit.setEnabled(scheduled)
