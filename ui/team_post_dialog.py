# SPDX-License-Identifier: MIT
"""A team member's post, read-only: what they plan and when, without opening it to edit."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from star_desktop.calendar import CATEGORY_LABELS, PLATFORM_LABELS
from star_desktop.team.posts import TeamPost
from ui.calendar_paint import long_date, status_label


class TeamPostDialog(QDialog):
    """Shows one team post; its author edits it on their own PC."""

    def __init__(self, post: TeamPost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        summary = post.summary
        self.setWindowTitle(f"{summary.author}'s post")
        self.setObjectName("teamPostDialog")
        heading = QLabel(f"<b>{html.escape(summary.title)}</b>", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        when = "Not scheduled"
        if summary.date is not None:
            when = long_date(summary.date)
            if summary.time is not None:
                when += f" at {summary.time:%H:%M}"
        platforms = ", ".join(PLATFORM_LABELS.get(p, p) for p in summary.platforms)
        details = [
            f"By {summary.author}",
            status_label(summary.status),
            when,
            platforms or "No platform",
            CATEGORY_LABELS.get(summary.category or "", "No category"),
        ]
        self.details = QLabel(" \u00b7 ".join(details), self)
        self.details.setObjectName("teamPostDetails")
        self.details.setWordWrap(True)
        self.text = QPlainTextEdit(post.text, self)
        self.text.setObjectName("teamPostText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(f"Text of {summary.author}'s post")
        note = QLabel(
            f"Read-only: only {summary.author} can change this post, on their own PC. "
            "It was fetched from the team server at the last sync.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details)
        layout.addWidget(self.text, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 420)
