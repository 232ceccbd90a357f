# SPDX-License-Identifier: MIT
"""Before a post with an image is submitted, the author checks the image for privacy.

The policy: "when posting images online, those posting must be careful that the image
does not reveal personal information, or information about buildings, facilities,
security or equipment". The dialog asks exactly that, and who can be identified; the
answers go into readiness and approval packs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from star_desktop.storage import Image

_PEOPLE = (
    ("none", "No one can be identified"),
    ("adults", "Adults can be identified"),
    ("children", "Children can be identified"),
)


class ImageCheckDialog(QDialog):
    """The author's privacy checks of one image."""

    def __init__(self, number: int, image: Image, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageCheckDialog")
        self.setWindowTitle(f"Check image {number}")
        preview = QLabel()
        picture = QPixmap(image.path)
        if not picture.isNull():
            preview.setPixmap(
                picture.scaled(320, 200, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
            )  # fmt: skip
        intro = QLabel(
            "Look at the whole picture, background included, before you confirm. The policy "
            "asks that an image reveals no personal information, and nothing about "
            "buildings, facilities, security or equipment."
        )
        intro.setWordWrap(True)
        self.personal_box = QCheckBox(
            "It shows no personal information (names, faces in a private setting, screens, "
            "documents, number plates, addresses)"
        )
        self.personal_box.setObjectName("noPersonal")
        self.security_box = QCheckBox(
            "It shows no security details of buildings, facilities or equipment (entry "
            "points, key pads, alarms, server rooms, floor plans)"
        )
        self.security_box.setObjectName("noSecurity")
        self.people_group = QButtonGroup(self)
        self.people_buttons: dict[str, QRadioButton] = {}
        for value, label in _PEOPLE:
            button = QRadioButton(label)
            button.setObjectName(f"people_{value}")
            self.people_group.addButton(button)
            self.people_buttons[value] = button
        self.consent_edit = QLineEdit(image.consent)
        self.consent_edit.setObjectName("consentReference")
        self.consent_edit.setPlaceholderText("e.g. the consent form's reference")
        self.consent_note = QLabel("")
        self.consent_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.personal_box.setChecked(image.no_personal)
        self.security_box.setChecked(image.no_security)
        if image.people in self.people_buttons:
            self.people_buttons[image.people].setChecked(True)
        self.people_group.buttonToggled.connect(self._update)
        self.consent_edit.textChanged.connect(self._update)

        form = QFormLayout()
        form.addRow(self.personal_box)
        form.addRow(self.security_box)
        for button in self.people_buttons.values():
            form.addRow(button)
        form.addRow("Consent &reference:", self.consent_edit)
        form.addRow(self.consent_note)
        layout = QVBoxLayout(self)
        layout.addWidget(preview)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def values(self) -> dict[str, bool | str]:
        """The answers, as `DraftsService.confirm_image` takes them."""
        people = next((v for v, b in self.people_buttons.items() if b.isChecked()), "")
        return {
            "no_personal": self.personal_box.isChecked(),
            "no_security": self.security_box.isChecked(),
            "people": people,
            "consent": self.consent_edit.text().strip() if people != "none" else "",
        }

    def _update(self) -> None:
        people = self.values()["people"]
        identifiable = people in ("adults", "children")
        self.consent_edit.setEnabled(identifiable)
        self.consent_note.setText(
            "Children: a parent's or guardian's written consent is needed for each child."
            if people == "children"
            else "Record the reference of each identifiable person's consent."
            if people == "adults"
            else ""
        )
