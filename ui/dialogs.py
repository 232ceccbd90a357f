# SPDX-License-Identifier: MIT
"""Small dialogs: the author's profile, a reason to ignore a finding, About."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from checks import Finding
from star_desktop.readiness import reason_problem


class ProfileDialog(QDialog):
    """The author's name and the date of their Data Protection training."""

    def __init__(self, name: str, trained: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle("Your profile")
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("profileName")
        self.name_edit.setAccessibleName("Your name")
        self.trained_box = QCheckBox("I have completed Data Protection training")
        self.trained_box.setObjectName("profileTrained")
        self.trained_edit = QDateEdit()
        self.trained_edit.setObjectName("profileTrainingDate")
        self.trained_edit.setAccessibleName("Date of your Data Protection training")
        self.trained_edit.setCalendarPopup(True)
        self.trained_edit.setDisplayFormat("d MMMM yyyy")
        day = trained or dt.date.today()
        self.trained_edit.setDate(QDate(day.year, day.month, day.day))
        self.trained_box.setChecked(trained is not None)
        self.trained_edit.setEnabled(trained is not None)
        self.trained_box.toggled.connect(self.trained_edit.setEnabled)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            "The social media policy asks every author to complete Data Protection training "
            "before posting. Posts cannot be submitted for approval until it is recorded "
            "here, and it must be less than a year old."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Your &name:", self.name_edit)
        form.addRow(self.trained_box)
        form.addRow("Training &date:", self.trained_edit)
        outer_layout = QVBoxLayout(self)
        outer_layout.addWidget(note)
        outer_layout.addLayout(form)
        outer_layout.addWidget(buttons)

    def set_latest(self, today: dt.date) -> None:
        """Training cannot be in the future: the calendar stops at ``today``."""
        self.trained_edit.setMaximumDate(QDate(today.year, today.month, today.day))

    def values(self) -> tuple[str, dt.date | None]:
        """The name and training date entered (None when not trained)."""
        day = self.trained_edit.date()
        trained = dt.date(day.year(), day.month(), day.day())
        return self.name_edit.text().strip(), trained if self.trained_box.isChecked() else None


class IgnoreDialog(QDialog):
    """Ask why a finding may be ignored: the approver reads the reason."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ignoreDialog")
        self.setWindowTitle("Ignore this finding")
        intro = QLabel(
            f"<p>Ignore <b>\u2018{finding.text}\u2019</b> ({finding.rule})?</p>"
            f"<p>{finding.message}</p><p>Say why it is acceptable here. Your manager sees "
            "this reason when approving the post.</p>"
        )
        intro.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("ignoreReason")
        self.reason_edit.setAccessibleName("Reason for ignoring the finding")
        self.reason_edit.setPlaceholderText("For example: this is our public switchboard number")
        self.every_box = QCheckBox(f"Ignore every \u2018{finding.check}\u2019 finding in this post")
        self.every_box.setObjectName("ignoreEvery")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ignore it")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.reason_edit.textChanged.connect(self._on_reason_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer_layout = QVBoxLayout(self)
        outer_layout.addWidget(intro)
        outer_layout.addWidget(self.reason_edit)
        outer_layout.addWidget(self.every_box)
        outer_layout.addWidget(self.buttons)

    def reason(self) -> str:
        """The reason typed, trimmed."""
        return self.reason_edit.toPlainText().strip()

    def every(self) -> bool:
        """Whether every finding of this check in the post is to be ignored."""
        return self.every_box.isChecked()

    def _on_reason_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        problem = reason_problem(self.reason())
        ok.setEnabled(problem is None)
        ok.setToolTip(problem[0].upper() + problem[1:] if problem else "")


def saved(dialog: QDialog, form: QFormLayout) -> bool:
    """Add Save and Cancel under ``form``, run ``dialog``; True when the author saved."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return dialog.exec() == QDialog.DialogCode.Accepted
