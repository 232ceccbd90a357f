# SPDX-License-Identifier: MIT
"""The approver's screen: a verified pack, post by post, read-only, with a decision each.

What the pack claims is checked first (`star_desktop.packs.verify`); a pack that fails
shows why and cannot be decided on. Decisions are signed with this installation's key
into a decisions file for the author to import.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from star_desktop.calendar import CATEGORY_LABELS
from star_desktop.packs import decisions
from star_desktop.packs.archive import PackError
from star_desktop.packs.keys import InstallationKey
from star_desktop.packs.model import PLATFORM_TITLES
from star_desktop.packs.verify import Verified
from ui.previews import PreviewTabs

_CHOICES = (("approve", "Approve"), ("changes", "Request changes"), ("reject", "Reject"))


class PackReviewDialog(QDialog):
    """Review a pack's posts and sign the decisions."""

    def __init__(
        self,
        pack: Verified,
        approver: str,
        key: InstallationKey,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("packReview")
        self.setWindowTitle("Review approval pack")
        room = self.screen().availableGeometry() if self.screen() else None
        self.resize(
            min(1200, int(room.width() * 0.95)) if room else 1200,
            min(760, int(room.height() * 0.9)) if room else 760,
        )
        self.pack = pack
        self.approver = approver
        self.key = key
        self.posts: list[dict[str, Any]] = list(pack.manifest.get("posts", []))
        self.choices: dict[int, tuple[str, str]] = {}
        self._folder = Path(tempfile.mkdtemp(prefix="star-pack-"))
        self._current: int | None = None

        manifest = pack.manifest
        state = (
            f"\u2714 Verified: signed by {manifest.get('author') or 'the author'} with key "
            f"{manifest.get('fingerprint')}; every text, image and the PDF match their hashes."
            if pack.ok
            else "\u26a0 This pack did not verify, so it cannot be decided on:\n"
            + "\n".join(pack.problems)
        )
        self.state_label = QLabel(state)
        self.state_label.setObjectName("packState")
        self.state_label.setWordWrap(True)
        self.post_list = QListWidget()
        self.post_list.setObjectName("packPosts")
        self.details = QTextBrowser()
        self.details.setObjectName("packPostDetails")
        self.previews = PreviewTabs()
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        choice_row = QHBoxLayout()
        for value, label in _CHOICES:
            button = QRadioButton(label)
            button.setObjectName(f"decide_{value}")
            self.choice_group.addButton(button)
            self.choice_buttons[value] = button
            choice_row.addWidget(button)
        choice_row.addStretch(1)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("decisionComment")
        self.comment_edit.setPlaceholderText(
            "Comment for the author (needed when you request changes or reject)"
        )
        self.comment_edit.setMaximumHeight(70)
        self.save_button = QPushButton("Sign and save decisions\u2026")
        self.save_button.setObjectName("saveDecisions")
        self.summary_label = QLabel("")
        close = QPushButton("Close")

        for index, post in enumerate(self.posts):
            item = QListWidgetItem(self._label(post))
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.post_list.addItem(item)
        self.post_list.currentRowChanged.connect(self._show_post)
        self.choice_group.buttonToggled.connect(self._on_choice)
        self.comment_edit.textChanged.connect(self._on_choice)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.details, 2)
        right_layout.addWidget(self.previews, 3)
        right_layout.addLayout(choice_row)
        right_layout.addWidget(self.comment_edit)
        splitter = QSplitter()
        splitter.addWidget(self.post_list)
        splitter.addWidget(right)
        splitter.setSizes([300, 900])
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        for button in self.choice_buttons.values():
            button.setEnabled(pack.ok)
        self.comment_edit.setEnabled(pack.ok)
        self.save_button.setEnabled(False)
        if self.posts:
            self.post_list.setCurrentRow(0)
        self._update_summary()

    # public

    def decide(self, draft_id: int, decision: str, comment: str = "") -> None:
        """Record a decision on a post (the screen's buttons call this too)."""
        self.choices[draft_id] = (decision, comment)
        self._update_summary()

    def save(self) -> Path | None:
        """Sign the decisions and write them where the approver chooses."""
        if not self.choices:
            return None
        try:
            data = decisions.make_decisions(self.pack, self.approver, self.key, self.choices)
        except PackError as exc:
            QMessageBox.warning(self, "Decisions not saved", str(exc))
            return None
        target = self.choose_path()
        if target is None:
            return None
        try:
            target.write_bytes(data)
        except OSError as exc:
            QMessageBox.warning(self, "Decisions not saved", f"{target}: {exc.strerror or exc}")
            return None
        self.summary_label.setText(f"Saved and signed: {target}. Send it to the author.")
        return target

    def choose_path(self) -> Path | None:
        """Where to save the decisions file."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Save decisions", str(Path.home() / "decisions.json"), "Decisions (*.json)"
        )
        return Path(name) if name else None

    # slots

    @Slot(int)
    def _show_post(self, row: int) -> None:
        if not 0 <= row < len(self.posts):
            return
        self._current = row
        post = self.posts[row]
        self.details.setHtml(_details_html(post))
        pictures = []
        for image in post.get("images", []):
            data = self.pack.members.get(image["file"])
            if data is not None:
                path = self._folder / Path(image["file"]).name
                if not path.exists():
                    path.write_bytes(data)
                pictures.append((str(path), image.get("alt", "")))
        self.previews.show_post(
            post["text"], post["title"], post.get("lengths") or {}, post.get("author", ""),
            pictures,
        )  # fmt: skip
        decision, comment = self.choices.get(int(post["id"]), ("", ""))
        self.choice_group.setExclusive(False)
        for value, button in self.choice_buttons.items():
            button.blockSignals(True)
            button.setChecked(value == decision)
            button.blockSignals(False)
        self.choice_group.setExclusive(True)
        self.comment_edit.blockSignals(True)
        self.comment_edit.setPlainText(comment)
        self.comment_edit.blockSignals(False)

    @Slot()
    def _on_choice(self) -> None:
        if self._current is None:
            return
        chosen = next((v for v, b in self.choice_buttons.items() if b.isChecked()), "")
        if chosen:
            post = self.posts[self._current]
            self.decide(int(post["id"]), chosen, self.comment_edit.toPlainText().strip())
            item = self.post_list.item(self._current)
            item.setText(self._label(post))

    def _label(self, post: dict[str, Any]) -> str:
        decision = self.choices.get(int(post["id"]), ("", ""))[0]
        mark = dict(_CHOICES).get(decision, "undecided")
        when = post.get("date") or "not scheduled"
        return f"{post['title'] or '(no title)'}\n{when} \u00b7 {mark}"

    def _update_summary(self) -> None:
        missing = [
            d for d, (choice, comment) in self.choices.items()
            if choice != "approve" and not comment
        ]  # fmt: skip
        decided = len(self.choices)
        text = f"{decided} of {len(self.posts)} posts decided"
        if missing:
            text += f"; add a comment for draft {', '.join(str(d) for d in missing)}"
        self.summary_label.setText(text)
        self.save_button.setEnabled(self.pack.ok and decided > 0 and not missing)


def _covered(text: str) -> str:
    """What an override covers: the text quoted, or every finding of its check ("*")."""
    return "every finding" if text == "*" else f"\u2018{escape(text)}\u2019"


def _details_html(post: dict[str, Any]) -> str:
    rows = [
        ("Scheduled", f"{post.get('date') or 'not scheduled'} {post.get('time') or ''}"),
        ("Platforms", ", ".join(PLATFORM_TITLES.get(p, p) for p in post["platforms"])),
        ("Audiences", ", ".join(a.capitalize() for a in post["audiences"]) or "none"),
        ("Category", CATEGORY_LABELS.get(post.get("category") or "", "none")),
        ("Author", f"{post.get('author') or 'unnamed'}; Data Protection training "
                   f"{post.get('training_date') or 'not recorded'}"),
        ("Text SHA-256", post["text_sha256"]),
    ]  # fmt: skip
    parts = [f"<h3>{escape(post['title'] or '(no title)')}</h3><table>"]
    parts += [f"<tr><td><b>{k}</b>&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in rows]
    parts.append("</table>")
    if post.get("findings"):
        parts.append("<p><b>Remaining findings</b></p><ul>")
        parts += [
            f"<li>{escape(f['severity'])}: \u2018{escape(f['text'])}\u2019 \u2013 "
            f"{escape(f['message'])}</li>"
            for f in post["findings"]
        ]
        parts.append("</ul>")
    if post.get("overrides"):
        parts.append("<p><b>Ignored by the author, with reasons</b></p><ul>")
        parts += [
            f"<li>{escape(o['check'])} on {_covered(o['text'])}: "
            f"\u201c{escape(o['reason'])}\u201d</li>"
            for o in post["overrides"]
        ]
        parts.append("</ul>")
    for index, image in enumerate(post.get("images", []), 1):
        people = image.get("people") or "not answered"
        parts.append(
            f"<p><b>Image {index}</b> ({escape(image.get('name', ''))}): alt "
            f"\u201c{escape(image.get('alt', ''))}\u201d; personal information checked: "
            f"{'yes' if image.get('no_personal') else 'NO'}; security details checked: "
            f"{'yes' if image.get('no_security') else 'NO'}; people: {escape(people)}"
            f"{'; consent ' + escape(image['consent']) if image.get('consent') else ''}</p>"
        )
    return "".join(parts)
