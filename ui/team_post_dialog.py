# SPDX-License-Identifier: MIT
"""A team member's post, read-only: what they plan and when, without opening it to edit."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from star_desktop.calendar import CATEGORY_SHORT, PLATFORM_LABELS, STATUS_LABELS
from star_desktop.storage import Status
from star_desktop.team.posts import TeamPost
from ui.calendar_paint import long_date, status_label


class TeamPostDialog(QDialog):
    """Shows one team post, its images and its history; its author edits it on their PC."""

    def __init__(
        self,
        post: TeamPost,
        history: list[tuple[str, str, str, str, str]],
        pictures: list[tuple[bytes | None, str]],
        parent: QWidget | None = None,
    ) -> None:
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
            CATEGORY_SHORT.get(summary.category or "", "No category"),
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
        self.pictures = QHBoxLayout()
        self.picture_labels: list[QLabel] = []
        for data, alt in pictures:
            label = QLabel(self)
            pixmap = QPixmap()
            if data is not None and pixmap.loadFromData(data):
                label.setPixmap(
                    pixmap.scaled(
                        120, 90, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )  # fmt: skip
            else:
                label.setText("(image not fetched yet)")
            label.setToolTip(alt or "No alt text")
            label.setAccessibleName(f"Image: {alt or 'no alt text'}")
            self.picture_labels.append(label)
            self.pictures.addWidget(label)
        self.pictures.addStretch(1)
        lines = [
            f"{_when(at)} \u00b7 {html.escape(who)}: {html.escape(action)}"
            + (f" ({html.escape(_status_word(status))})" if status else "")
            + (f" \u2014 {html.escape(detail)}" if detail else "")
            for at, who, action, status, detail in history
        ]
        self.history = QLabel("<b>History</b><br>" + "<br>".join(lines), self)
        self.history.setObjectName("teamPostHistory")
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setWordWrap(True)
        self.history.setVisible(bool(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details)
        layout.addWidget(self.text, 1)
        layout.addLayout(self.pictures)
        layout.addWidget(self.history)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 420)


def _when(at: str) -> str:
    """An audit entry's UTC time as the PC's local date and time ("3 Dec 2026 09:15")."""
    try:
        moment = dt.datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return f"{moment.day} {moment:%b %Y %H:%M}"


def _status_word(status: str) -> str:
    """A status in words; one this version does not know (a newer PC's) as it came."""
    try:
        return STATUS_LABELS[Status(status)]
    except (ValueError, KeyError):
        return status
