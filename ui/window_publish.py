# SPDX-License-Identifier: MIT
"""The main window's publishing actions: copy, mark published, record engagement.

Copy the approved text per platform, mark the post published (with its address if
given), and record how it did on each platform.

A mixin of `ui.main_window.MainWindow`; the rules are the drafts service's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QStatusBar,
    QWidget,
)

from star_desktop.drafts import DraftsService, RefusedError
from star_desktop.readiness import PLATFORM_NAMES
from star_desktop.storage import Draft, StorageError
from star_desktop.workflow import Action
from ui.dialogs import saved
from ui.draft_session import DraftSession


def platform_text(draft: Draft, platform: str) -> str:
    """What to paste into ``platform``: the text; the website also takes the title."""
    if platform == "website" and draft.title:
        return f"{draft.title}\n\n{draft.text}"
    return draft.text


class PublishActions:
    """Copy, publish and record engagement for the open (approved or published) post."""

    service: DraftsService
    session: DraftSession
    copy_buttons: dict[str, QPushButton]

    if TYPE_CHECKING:

        def inform(self, title: str, text: str) -> None: ...  # noqa: D102
        def statusBar(self) -> QStatusBar: ...  # noqa: D102, N802
        def window(self) -> QWidget: ...  # noqa: D102
        def _apply(self, action: Action, done: str, refused_title: str = "") -> bool: ...
        def _refresh_lists(self) -> None: ...

    def copy_for(self, platform: str) -> str:
        """Put the post's text for ``platform`` on the clipboard; returns it."""
        draft = self.session.draft
        if draft is None:
            return ""
        text = platform_text(draft, platform)
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(
            f"Copied the text for {PLATFORM_NAMES.get(platform, platform)}: paste it there.", 6000
        )
        return text

    def publish(self) -> bool:
        """Record that the approved post is out, with its address if the author gives one."""
        draft = self.session.draft
        if draft is None:
            return False
        address = self.ask_address()
        if address is None:
            return False
        if not self.session.flush():
            return False
        try:
            self.session.apply(Action.PUBLISH, address)
        except (RefusedError, StorageError) as exc:
            reasons = exc.reasons if isinstance(exc, RefusedError) else (str(exc),)
            self.inform("Not published", "\n".join(reasons))
            return False
        self._refresh_lists()
        self.statusBar().showMessage("Marked as published.", 5000)
        return True

    def ask_address(self) -> str | None:
        """Where the post went (optional); None when the author cancels."""
        text, ok = QInputDialog.getText(
            self.window(), "Mark as published", "Address of the published post (optional):"
        )
        return text.strip() if ok else None

    def record_engagement(self) -> bool:
        """Ask for the post's figures on each platform and record them."""
        draft = self.session.draft
        if draft is None:
            return False
        answers = self.engagement_answers(draft)
        if answers is None:
            return False
        try:
            for platform, (impressions, engagements, clicks) in answers.items():
                self.service.record_engagement(
                    draft.id, platform, impressions=impressions, engagements=engagements,
                    clicks=clicks,
                )  # fmt: skip
        except (RefusedError, StorageError) as exc:
            reasons = exc.reasons if isinstance(exc, RefusedError) else (str(exc),)
            self.inform("Figures not recorded", "\n".join(reasons))
            return False
        self.statusBar().showMessage("Engagement recorded.", 5000)
        return True

    def engagement_answers(self, draft: Draft) -> dict[str, tuple[int, int, int]] | None:
        """The figures dialog's answers per platform, or None when cancelled."""
        dialog = QDialog(self.window())
        dialog.setWindowTitle("Record engagement")
        form = QFormLayout(dialog)
        boxes: dict[str, tuple[QSpinBox, QSpinBox, QSpinBox]] = {}
        recorded = {e.platform: e for e in self.service.store.engagement(draft.id)}
        for platform in draft.platforms:
            form.addRow(QLabel(f"<b>{PLATFORM_NAMES.get(platform, platform)}</b>"))
            row = []
            for label, field in (("Impressions", "impressions"), ("Engagements", "engagements"),
                                 ("Link clicks", "clicks")):  # fmt: skip
                box = QSpinBox()
                box.setObjectName(f"{platform}_{field}")
                box.setRange(0, 10_000_000)
                box.setGroupSeparatorShown(True)
                if platform in recorded:
                    box.setValue(getattr(recorded[platform], field))
                form.addRow(label, box)
                row.append(box)
            boxes[platform] = (row[0], row[1], row[2])
        if not saved(dialog, form):
            return None
        return {p: (a.value(), b.value(), c.value()) for p, (a, b, c) in boxes.items()}
