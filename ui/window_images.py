# SPDX-License-Identifier: MIT
"""The main window's image actions: attach (button, drop, paste), check, shrink, remove.

A mixin of `ui.main_window.MainWindow`; every change goes through the drafts service.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QStatusBar, QWidget

import checks
from star_desktop.drafts import DraftsService
from star_desktop.images import ImageError, file_size
from star_desktop.storage import Image, StorageError
from ui.draft_list import DraftList
from ui.draft_session import DraftSession
from ui.image_dialog import ImageCheckDialog
from ui.image_strip import ImageStrip


class ImageActions:
    """Attach, check, shrink and remove the open draft's images."""

    service: DraftsService
    session: DraftSession
    policy: checks.Policy
    image_strip: ImageStrip
    draft_list: DraftList

    if TYPE_CHECKING:

        def inform(self, title: str, text: str) -> None: ...  # noqa: D102
        def confirm(self, title: str, text: str) -> bool: ...  # noqa: D102
        def statusBar(self) -> QStatusBar: ...  # noqa: D102, N802
        def window(self) -> QWidget: ...  # noqa: D102

    def attach_images(self, paths: list[str]) -> int:
        """Attach image files to the open draft; says what was removed. Returns how many."""
        draft = self.session.draft
        if draft is None:
            return 0
        attached, said = 0, []
        for path in paths:
            name = Path(path).name
            # A 12-megapixel photo takes about a third of a second to strip.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                image = self.service.attach(draft.id, Path(path))
            except (ImageError, StorageError) as exc:
                QApplication.restoreOverrideCursor()
                self.inform("Image not attached", str(exc))
                continue
            QApplication.restoreOverrideCursor()
            attached += 1
            removed = ", ".join(image.removed) if image.removed else "nothing identifying found"
            said.append(f"Removed from {name}: {removed}.")
        if attached:
            self.image_strip.say(" ".join(said))
            self.statusBar().showMessage(" ".join(said), 10_000)
            self._images_changed()
        return attached

    def attach_picture(self, picture: QImage) -> bool:
        """Attach a picture pasted from the clipboard (saved as PNG first)."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pasted-image.png"
            if not picture.save(str(path)):  # PNG, from the file name
                self.inform("Image not attached", "The pasted picture could not be read.")
                return False
            return self.attach_images([str(path)]) == 1

    def check_image(self, number: int) -> bool:
        """Ask the author's privacy checks of image ``number`` and record them."""
        draft = self.session.draft
        if draft is None:
            return False
        image = self.service.image_of(draft.id, number)
        answers = self.image_check_answers(number, image)
        if answers is None:
            return False
        try:
            self.service.confirm_image(
                draft.id, number, no_personal=bool(answers["no_personal"]),
                no_security=bool(answers["no_security"]), people=str(answers["people"]),
                consent=str(answers["consent"]),
            )  # fmt: skip
        except StorageError as exc:
            self.inform("Checks not saved", str(exc))
            return False
        self._images_changed()
        return True

    def image_check_answers(self, number: int, image: Image) -> dict[str, bool | str] | None:
        """The privacy checks dialog's answers, or None when cancelled."""
        dialog = ImageCheckDialog(number, image, self.window())
        if dialog.exec() != ImageCheckDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    def remove_image(self, number: int) -> bool:
        """Take image ``number`` off the draft, after asking."""
        draft = self.session.draft
        if draft is None or not self.confirm("Remove image", f"Remove image {number}?"):
            return False
        try:
            self.service.detach(draft.id, number)
        except StorageError as exc:
            self.inform("Image not removed", str(exc))
            return False
        self._images_changed()
        return True

    def choose_image_files(self) -> list[str]:
        """Ask for image files to attach."""
        files, _ = QFileDialog.getOpenFileNames(
            self.window(),
            "Add images",
            str(Path.home()),
            "Images (*.png *.jpg *.jpeg *.gif *.webp)",
        )
        return list(files)

    def _on_add_image(self) -> None:
        files = self.choose_image_files()
        if files:
            self.attach_images(files)

    def _on_alt_changed(self, number: int, text: str) -> None:
        draft = self.session.draft
        if draft is None:
            return
        try:
            self.service.set_alt(draft.id, number, text)
        except StorageError as exc:
            self.inform("Alt text not saved", str(exc))
            return
        self._images_changed()

    def _on_shrink_image(self, number: int) -> None:
        draft = self.session.draft
        if draft is None:
            return
        try:
            image = self.service.shrink_image(draft.id, number, "x")
        except (ImageError, StorageError) as exc:
            self.inform("Image not shrunk", str(exc))
            return
        self.statusBar().showMessage(
            f"Image {number} is now {image.width} x {image.height}, {file_size(image.bytes)}.",
            8000,
        )
        self._images_changed()

    def _images_changed(self) -> None:
        """An image was attached, checked or removed: show it and check the post again."""
        self._show_images()
        self.session.request_check(now=True)
        self.draft_list.refresh()

    def _show_images(self) -> None:
        draft = self.session.draft
        if draft is None:
            return
        self.image_strip.show_images(
            self.service.store.images(draft.id),
            draft.platforms,
            self.policy.images,
            editable=self.service.can_edit(draft),
        )
