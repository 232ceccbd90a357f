"""Every control a screen reader meets has a name, and no Alt+letter is taken twice."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

pytestmark = pytest.mark.ui

_CONTROLS = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
)
_MNEMONIC = re.compile(r"&([A-Za-z0-9])")


@pytest.fixture
def window(make_window):
    return make_window()


def _visible_controls(window) -> list[QWidget]:
    return [
        w
        for kind in _CONTROLS
        for w in window.findChildren(kind)
        if w.isVisible()
        and w.window() is window
        and w.focusPolicy() != 0
        and not isinstance(w.parent(), QAbstractSpinBox)  # a spin box's own line edit
    ]


def _name(widget: QWidget) -> str:
    """What a screen reader says: the accessible name, the text, or a buddy label's text."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.toolTip():
        return widget.toolTip()
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text()
    return ""


def _mnemonics(window) -> Counter[str]:
    texts = [a.text() for a in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
    return Counter(m.group(1).lower() for t in texts for m in _MNEMONIC.finditer(t))


@pytest.fixture(params=[False, True], ids=["writing", "planning"])
def laid_out(request, qtbot, window):
    """The window at 1366x768, writing or with the calendar filling it."""
    window.resize(1366, 768)
    window.set_planning(request.param)
    qtbot.wait(50)
    return window


def test_every_visible_control_has_a_name(laid_out):
    controls = _visible_controls(laid_out)
    assert len(controls) > 10
    unnamed = [
        f"{type(w).__name__} {w.objectName() or '(no object name)'}"
        for w in controls
        if not _name(w).replace("&", "").strip()
    ]
    assert unnamed == []


def test_no_alt_letter_is_taken_twice(laid_out):
    taken = _mnemonics(laid_out)
    assert len(taken) > 8
    assert [letter for letter, count in taken.items() if count > 1] == []


def _tab_chain(qtbot, start, steps):
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = []
    for _ in range(steps):
        widget = QApplication.focusWidget()
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return seen


def test_tab_goes_from_the_title_to_the_text_then_the_details(qtbot, window):
    bar = window.metadata_bar
    chain = _tab_chain(qtbot, bar.title_edit, 4)
    assert chain[:3] == [bar.title_edit, window.editor, next(iter(bar.platform_boxes.values()))]


def test_the_month_grid_is_one_tab_stop(qtbot, window):
    grid = window.calendar_pane.month_grid
    chain = _tab_chain(qtbot, grid, 2)
    assert chain[0] is grid
    assert QApplication.focusWidget() is not grid  # Tab left the grid at once
    assert chain[1] is not grid
