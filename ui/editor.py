# SPDX-License-Identifier: MIT
"""The draft editor: live underlines, tooltips and a context menu of fixes."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QImage, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip, QWidget

from checks import Finding, Report
from checks.fixes import fix_edit
from ui.highlighter import FindingsHighlighter, Mark
from ui.image_strip import image_files
from ui.offsets import Utf16Map
from ui.style import LOOKS

#: A paste longer than this many characters is refused with a message (no post is this long).
MAX_PASTE = 200_000


class DraftEditor(QPlainTextEdit):
    """A plain-text editor for one post that shows the checker's findings in place."""

    add_to_dictionary = Signal(str)  # a word the author wants the speller to accept
    ignore_requested = Signal(object)  # a Finding the author wants to ignore, with a reason
    paste_refused = Signal(int)  # the length of a paste that was too long
    images_dropped = Signal(list)  # local image files dropped or pasted: attach them
    image_pasted = Signal(QImage)  # a picture pasted from the clipboard: attach it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftEditor")
        self.setAccessibleName("Post text")
        self.setAccessibleDescription(
            "Type the post here. Problems are underlined: wavy for blocking, dashed for "
            "warnings, dotted for advice. Press F7 for the next one."
        )
        self.setPlaceholderText("Write your post here. Checks run as you type.")
        self.setTabChangesFocus(True)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        self.highlighter = FindingsHighlighter(self.document())
        self.report: Report | None = None

    # public

    def show_report(self, report: Report, overflow_at: int | None, hidden: set[int]) -> None:
        """Underline ``report``'s findings (those whose index is not in ``hidden``).

        ``report`` must be for the text now in the editor; ``overflow_at`` is the Python
        offset from which the text does not fit (shaded), or None.
        """
        self.report = report
        offsets = Utf16Map(report.text)
        marks = [
            Mark(offsets.to_qt(f.start), offsets.to_qt(f.end), f)
            for i, f in enumerate(report.findings)
            if i not in hidden and f.end > f.start and f.part == "text"
        ]
        shade = None if overflow_at is None else offsets.to_qt(overflow_at)
        self.highlighter.set_marks(marks, shade)

    def select_finding(self, finding: Finding) -> bool:
        """Select the span of ``finding`` if it is still where the last check found it."""
        mark = self._mark_of(finding)
        if mark is None:
            return False
        cursor = self.textCursor()
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def apply_replacement(self, finding: Finding, replacement: str) -> bool:
        """Replace the span of ``finding`` with ``replacement`` as one undoable step.

        Nothing changes while the editor is read-only (a submitted or approved post):
        a cursor's edits would otherwise go through where typing cannot.
        """
        mark = self._mark_of(finding)
        if mark is None or self.isReadOnly():
            return False
        text = self.document().toPlainText()
        offsets = Utf16Map(text)
        edit = fix_edit(text, offsets.from_qt(mark.start), offsets.from_qt(mark.end), replacement)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(offsets.to_qt(edit.start))
        cursor.setPosition(offsets.to_qt(edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.new)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        return True

    def next_mark(self) -> Mark | None:
        """The first mark after the cursor, wrapping to the top."""
        marks = sorted(self.highlighter.marks, key=lambda m: m.start)
        if not marks:
            return None
        here = self.textCursor().selectionEnd()
        return next((m for m in marks if m.start >= here), marks[0])

    # Qt events

    def event(self, event: QEvent) -> bool:
        """Show the message and clause of the finding under the mouse as a tooltip."""
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            marks = self.highlighter.marks_at(position)
            if marks:
                QToolTip.showText(event.globalPos(), tooltip_for(marks[0].finding), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        """Fixes for the finding under the mouse first, then the usual edit actions.

        From the keyboard (the Menu key, Shift+F10) the menu opens at the text cursor and
        offers the fixes of the finding there.
        """
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.open_menu_at_cursor()
            return
        menu = self.menu_at(event.pos())
        menu.exec(event.globalPos())

    def open_menu_at_cursor(self) -> QMenu:
        """Open the fixes menu where the text cursor is (Shift+F10, the Menu key)."""
        where = self.cursorRect().center()
        menu = self.menu_at(where)
        self.keyboard_menu = menu
        menu.popup(self.viewport().mapToGlobal(where))
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Alt with a letter is a shortcut or a menu's mnemonic, never text in the post.

        (Ctrl+Alt is AltGr on Windows keyboards, which types characters such as \u20ac:
        that still types.)
        """
        modifiers = event.modifiers()
        if event.key() == Qt.Key.Key_F10 and modifiers == Qt.KeyboardModifier.ShiftModifier:
            self.open_menu_at_cursor()
            return
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if alt and not ctrl and event.text():
            event.ignore()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt's name)
        """Pictures and image files can be pasted or dropped too (they are attached)."""
        if source.hasImage() or image_files(source):
            return not self.isReadOnly()
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        """Attach pasted or dropped images; refuse a paste too long to be a post."""
        files = image_files(source)
        if files:
            self.images_dropped.emit(files)
            return
        if source.hasImage() and not source.hasText():
            picture = source.imageData()
            if isinstance(picture, QImage) and not picture.isNull():
                self.image_pasted.emit(picture)
            return
        length = len(source.text()) if source.hasText() else 0
        if length > MAX_PASTE:
            self.paste_refused.emit(length)
            return
        super().insertFromMimeData(source)

    # helpers

    def menu_at(self, pos: QPoint) -> QMenu:
        """The context menu for widget position ``pos`` (built, not shown: tests read it)."""
        menu = self.createStandardContextMenu(pos)
        marks = self.highlighter.marks_at(self.cursorForPosition(pos).position())
        if not marks:
            return menu
        first = menu.actions()[0] if menu.actions() else None
        finding = marks[0].finding
        actions: list[QAction] = []
        title = QAction(f"{LOOKS[finding.severity].label}: {finding.rule}", menu)
        title.setEnabled(False)
        actions.append(title)
        for replacement in finding.replacements:
            label = f"Replace with \u2018{replacement}\u2019" if replacement else "Remove it"
            action = QAction(label, menu)
            action.triggered.connect(
                lambda _=False, f=finding, r=replacement: self.apply_replacement(f, r)
            )
            actions.append(action)
        for suggestion in finding.suggestions:
            if suggestion not in finding.replacements:
                hint = QAction(f"Suggestion: {suggestion}", menu)
                hint.setEnabled(False)
                actions.append(hint)
        if finding.rule == "spelling":
            add = QAction(f"Add \u2018{finding.text}\u2019 to my dictionary", menu)
            add.triggered.connect(lambda _=False, w=finding.text: self.add_to_dictionary.emit(w))
            actions.append(add)
        ignore = QAction("Ignore, with a reason\u2026", menu)
        ignore.triggered.connect(lambda _=False, f=finding: self.ignore_requested.emit(f))
        actions.append(ignore)
        separator = QAction(menu)
        separator.setSeparator(True)
        actions.append(separator)
        menu.insertActions(first, actions)  # type: ignore[arg-type]
        return menu

    def _mark_of(self, finding: Finding) -> Mark | None:
        return next((m for m in self.highlighter.marks if m.finding is finding), None)


def tooltip_for(finding: Finding) -> str:
    """The tooltip of a finding: its severity, message and the policy clause it enforces."""
    look = LOOKS[finding.severity]
    lines = [f"<b>{look.label}</b> \u2013 {escape(finding.message)}"]
    if finding.clause:
        lines.append(f"<i>Policy:</i> {escape(finding.clause)}")
    if finding.suggestions:
        lines.append(f"<i>Fix:</i> {escape(finding.suggestions[0])}")
    return "<br>".join(lines)
