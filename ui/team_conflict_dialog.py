# SPDX-License-Identifier: MIT
"""A draft changed on this PC and on another: both copies side by side, the author chooses."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from star_desktop.team.conflicts import Conflict

KEEP_MINE, TAKE_THEIRS, LATER = "mine", "theirs", "later"


class TeamConflictDialog(QDialog):
    """Keep this PC's copy, take the server's, or decide later; `choice` says which."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamConflictDialog")
        self.setWindowTitle("Changed on two PCs")
        self.choice = LATER
        intro = QLabel(
            f"'{conflict.title}' was also changed on another PC and sent to the team server "
            "first. Both copies are kept until you choose which one stays.",
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.mine_text = self._copy(conflict.title, conflict.text, "mineText")
        self.their_text = self._copy(conflict.their_title, conflict.their_text, "theirText")
        grid.addWidget(QLabel("<b>On this PC</b>", self), 0, 0)
        grid.addWidget(QLabel("<b>On the team server</b>", self), 0, 1)
        grid.addWidget(self.mine_text, 1, 0)
        grid.addWidget(self.their_text, 1, 1)
        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton("&Keep mine", self)
        self.keep_button.setToolTip("Send this PC's copy to the server at the next sync")
        self.take_button = QPushButton("&Take theirs", self)
        self.take_button.setToolTip(
            "Put the server's copy in this draft (this PC's text stays among its saved versions)"
        )
        self.later_button = QPushButton("Decide &later", self)
        for button, role in (
            (self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.take_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.later_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(button, role)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def _copy(self, title: str, text: str, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(f"{title}\n\n{text}", self)
        box.setObjectName(name)
        box.setReadOnly(True)
        return box

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
