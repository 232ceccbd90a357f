# SPDX-License-Identifier: MIT
"""How severities look: underline style, colour and icon, never colour alone."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QIcon, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QStyle

from checks import Severity


@dataclass(frozen=True)
class SeverityLook:
    """The underline, colour, icon and words for one severity."""

    label: str
    heading: str
    underline: QTextCharFormat.UnderlineStyle
    light: str
    dark: str
    icon: QStyle.StandardPixmap

    def colour(self, palette: QPalette | None = None) -> QColor:
        """The colour for the current palette: lighter shades on a dark background."""
        palette = palette or QApplication.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        return QColor(self.dark if dark else self.light)


LOOKS: dict[Severity, SeverityLook] = {
    Severity.BLOCK: SeverityLook(
        "Blocking",
        "Blocking issues",
        QTextCharFormat.UnderlineStyle.WaveUnderline,
        "#c0392b",
        "#ff7b72",
        QStyle.StandardPixmap.SP_MessageBoxCritical,
    ),
    Severity.WARN: SeverityLook(
        "Warning",
        "Warnings",
        QTextCharFormat.UnderlineStyle.DashUnderline,
        "#b9770e",
        "#f0b429",
        QStyle.StandardPixmap.SP_MessageBoxWarning,
    ),
    Severity.ADVICE: SeverityLook(
        "Advice",
        "Advice",
        QTextCharFormat.UnderlineStyle.DotLine,
        "#2471a3",
        "#79c0ff",
        QStyle.StandardPixmap.SP_MessageBoxInformation,
    ),
}


def severity_icon(severity: Severity) -> QIcon:
    """The standard message-box icon for ``severity`` (critical, warning, information)."""
    return QApplication.style().standardIcon(LOOKS[severity].icon)


def overflow_colour(palette: QPalette | None = None) -> QColor:
    """The shade behind text past a platform's limit."""
    palette = palette or QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#5c1f1f" if dark else "#f9d6d5")
