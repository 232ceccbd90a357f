# SPDX-License-Identifier: MIT
"""The images of the draft, under the editor: thumbnail, alt text, checks, remove.

The strip shows and asks; the window does (through the drafts service). Each card's alt
text box counts against the tightest limit of the platforms chosen, and a line says what
still stands in the way for that image (the readiness wording of the drafts service).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from checks.image_limits import ImageLimits
from star_desktop.images import file_size
from star_desktop.readiness import image_problems
from star_desktop.storage import Image

THUMB = 72
#: Files the strip (and the editor) take when dropped: the four formats the app attaches.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def image_files(mime: QMimeData) -> list[str]:
    """Local image files in dropped or pasted data (by extension; content is checked later)."""
    if not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.lower().endswith(IMAGE_SUFFIXES)]


class ImageCard(QFrame):
    """One image: its thumbnail, alt text with a counter, what is missing, and buttons."""

    def __init__(self, number: int, image: Image, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"imageCard{number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = number
        self.image = image
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setPixmap(_thumbnail(image.path))
        self.thumb.setToolTip(_about(image))
        self.thumb.setAccessibleName(f"Image {number}")
        self.alt_edit = QLineEdit(image.alt)
        self.alt_edit.setObjectName(f"altText{number}")
        self.alt_edit.setPlaceholderText("Alt text: what the image shows, for screen readers")
        self.alt_edit.setAccessibleName(f"Alt text of image {number}")
        self.counter = QLabel("")
        self.counter.setObjectName(f"altCounter{number}")
        self.state = QLabel("")
        self.state.setObjectName(f"imageState{number}")
        self.check_button = QPushButton("Check privacy\u2026")
        self.check_button.setObjectName(f"checkImage{number}")
        self.shrink_button = QPushButton("Shrink for X")
        self.shrink_button.setObjectName(f"shrinkImage{number}")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName(f"removeImage{number}")
        self.remove_button.setAccessibleName(f"Remove image {number}")

        top = QHBoxLayout()
        top.addWidget(self.alt_edit, 1)
        top.addWidget(self.counter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.shrink_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.state)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.thumb)
        layout.addLayout(right, 1)
        self.setMinimumWidth(420)


class ImageStrip(QWidget):
    """The draft's images, with "Add image…"; drop image files on it to attach them.

    Signals carry the image's number (1 for the first), as the command line does.
    """

    add_requested = Signal()
    files_dropped = Signal(list)  # local paths
    alt_changed = Signal(int, str)
    check_requested = Signal(int)
    shrink_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageStrip")
        self.setAcceptDrops(True)
        self.cards: list[ImageCard] = []
        self.add_button = QPushButton("Add image\u2026")
        self.add_button.setObjectName("addImage")
        self.add_button.setToolTip(
            "Attach a PNG, JPEG, GIF or WebP (or drop or paste one): its location and camera "
            "details are removed, the original is not changed"
        )
        self.note = QLabel("")
        self.note.setObjectName("imageNote")
        self.note.setWordWrap(True)
        self.cards_box = QWidget()
        self.cards_layout = QHBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.cards_box)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFixedHeight(THUMB + 34)
        self.scroller.hide()
        self._alt_timer = QTimer(self)
        self._alt_timer.setSingleShot(True)
        self._alt_timer.setInterval(600)
        self._alt_timer.timeout.connect(self._flush_alt)
        self._pending_alt: tuple[int, str] | None = None
        self.add_button.clicked.connect(self.add_requested)

        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.scroller)

    def show_images(
        self,
        images: Sequence[Image],
        platforms: Sequence[str],
        limits: ImageLimits,
        *,
        editable: bool,
    ) -> None:
        """Show ``images`` with what each still needs; buttons only while editable."""
        self._flush_alt()
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        alt_most = min(
            (limits.alt_limits[p] for p in platforms if limits.alt_limits.get(p)), default=0
        )
        x_largest = limits.upload_limits.get("x") if "x" in platforms else None
        for number, image in enumerate(images, 1):
            card = ImageCard(number, image, self.cards_box)
            problems = image_problems(number, image, platforms, limits)
            card.state.setText(
                "\u2714 Ready" if not problems else "Needs: " + ", ".join(_needs(problems))
            )
            card.state.setToolTip("\n".join(problems))
            card.alt_edit.setEnabled(editable)
            card.check_button.setEnabled(editable)
            card.remove_button.setEnabled(editable)
            card.shrink_button.setVisible(bool(x_largest and image.bytes > x_largest))
            card.shrink_button.setEnabled(editable)
            _update_counter(card, alt_most)
            card.alt_edit.textEdited.connect(
                lambda text, c=card, most=alt_most: self._on_alt_edited(c, text, most)
            )
            card.check_button.clicked.connect(
                lambda _=False, n=number: self.check_requested.emit(n)
            )
            card.shrink_button.clicked.connect(
                lambda _=False, n=number: self.shrink_requested.emit(n)
            )
            card.remove_button.clicked.connect(
                lambda _=False, n=number: self.remove_requested.emit(n)
            )
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            self.cards.append(card)
        self.scroller.setVisible(bool(self.cards))
        self.add_button.setEnabled(editable)

    def say(self, text: str) -> None:
        """Show a note beside the button (what was removed from the last image)."""
        self.note.setText(text)

    # drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        """Accept image files while the draft can take them."""
        if self.add_button.isEnabled() and image_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        """Attach the dropped image files."""
        files = image_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)

    # slots

    def _on_alt_edited(self, card: ImageCard, text: str, most: int) -> None:
        _update_counter(card, most)
        self._pending_alt = (card.number, text)
        self._alt_timer.start()

    @Slot()
    def _flush_alt(self) -> None:
        self._alt_timer.stop()
        if self._pending_alt is not None:
            number, text = self._pending_alt
            self._pending_alt = None
            self.alt_changed.emit(number, text)


def _update_counter(card: ImageCard, most: int) -> None:
    used = len(card.alt_edit.text().strip())
    if not most:
        card.counter.setText(f"{used}")
        return
    card.counter.setText(f"{used}/{most}")
    over = used > most
    card.counter.setStyleSheet("color: #b3261e; font-weight: bold;" if over else "")
    card.counter.setToolTip(
        f"{used} of the {most} characters of alt text the strictest chosen platform takes"
        + (": too long" if over else "")
    )


#: Short words for each kind of readiness reason about an image (the tooltip has them whole).
_NEEDS = (
    ("no alt text", "alt text"),
    ("alt text has", "shorter alt text"),
    ("MB", "a smaller file"),
    ("confirm it shows", "privacy check"),
    ("say whether", "who is shown"),
    ("consent", "consent reference"),
)


def _needs(problems: Sequence[str]) -> list[str]:
    """What an image still needs, in a word or two each."""
    words = [next((w for key, w in _NEEDS if key in p), p) for p in problems]
    return list(dict.fromkeys(words))


def _about(image: Image) -> str:
    removed = ", ".join(image.removed) if image.removed else "nothing identifying was found"
    return (
        f"{image.format} {image.width} x {image.height}, {file_size(image.bytes)}\n"
        f"Removed on attach: {removed}"
    )


def _thumbnail(path: str) -> QPixmap:
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    picture = reader.read()
    if picture.isNull():
        return QPixmap()
    return QPixmap.fromImage(picture)
