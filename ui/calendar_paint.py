# SPDX-License-Identifier: MIT
"""Colours, status icons and drag data shared by the calendar's views, from the palette."""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QByteArray, QMimeData, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from star_desktop.calendar import STATUS_LABELS
from star_desktop.storage import Status

#: The MIME type a dragged post carries: its draft id as ASCII digits.
DRAFT_MIME = "application/x-star-draft-id"

# Hues (degrees) per status; the lightness comes from the palette, so dark themes work.
_HUES = {
    Status.DRAFT: 215,  # blue
    Status.SUBMITTED: 38,  # amber
    Status.APPROVED: 140,  # green
    Status.PUBLISHED: 275,  # violet
    Status.REJECTED: 0,  # red
    Status.CHANGES_REQUESTED: 20,  # orange
    Status.ARCHIVED: 215,  # blue-grey (archived posts leave the calendar)
}


def draft_mime(draft_id: int) -> QMimeData:
    """Drag data for one post."""
    mime = QMimeData()
    mime.setData(DRAFT_MIME, QByteArray(str(draft_id).encode("ascii")))
    mime.setText(f"STAR draft {draft_id}")
    return mime


def draft_from_mime(mime: QMimeData | None) -> int | None:
    """The draft id a drop carries, or None when it is not one of our posts."""
    if mime is None or not mime.hasFormat(DRAFT_MIME):
        return None
    raw = bytes(mime.data(DRAFT_MIME).data()).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark (a dark system theme)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def status_fill(status: Status, palette: QPalette) -> QColor:
    """The tint behind a post of this status: pale on light themes, deep on dark ones."""
    hue = _HUES[status]
    if is_dark(palette):
        return QColor.fromHslF(hue / 360, 0.45, 0.28)
    return QColor.fromHslF(hue / 360, 0.75, 0.90)


def status_ink(status: Status, palette: QPalette) -> QColor:
    """The strong colour of a status (icon and border), readable on its tint."""
    hue = _HUES[status]
    if is_dark(palette):
        return QColor.fromHslF(hue / 360, 0.70, 0.75)
    return QColor.fromHslF(hue / 360, 0.80, 0.30)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0 to 1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def election_brush(palette: QPalette) -> QBrush:
    """The hatching over days in the pre-election period (a pattern, not only a colour)."""
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlphaF(0.22 if is_dark(palette) else 0.16)
    return QBrush(colour, Qt.BrushStyle.BDiagPattern)


def paint_status_icon(painter: QPainter, rect: QRectF, status: Status, ink: QColor) -> None:
    """Draw a status's shape in ``rect``, so status never relies on colour alone.

    Draft: an open circle. Submitted: a right-pointing triangle. Approved: a tick.
    Published: a filled circle. Rejected: a cross.
    """
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    inset = side * 0.14
    box = box.adjusted(inset, inset, -inset, -inset)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(ink, max(1.2, side * 0.13))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    if status is Status.DRAFT:
        painter.drawEllipse(box)
    elif status is Status.PUBLISHED:
        painter.setBrush(ink)
        painter.drawEllipse(box)
    elif status in (Status.SUBMITTED, Status.CHANGES_REQUESTED):
        # a triangle pointing on: filled when waiting for approval, open when sent back
        path = QPainterPath(QPointF(x + w * 0.15, y))
        path.lineTo(QPointF(x + w, y + h / 2))
        path.lineTo(QPointF(x + w * 0.15, y + h))
        path.closeSubpath()
        if status is Status.SUBMITTED:
            painter.setBrush(ink)
        painter.drawPath(path)
    elif status is Status.ARCHIVED:
        painter.drawRect(box)
    elif status is Status.APPROVED:
        path = QPainterPath(QPointF(x, y + h * 0.55))
        path.lineTo(QPointF(x + w * 0.38, y + h * 0.9))
        path.lineTo(QPointF(x + w, y + h * 0.1))
        painter.drawPath(path)
    else:
        painter.drawLine(QPointF(x, y), QPointF(x + w, y + h))
        painter.drawLine(QPointF(x + w, y), QPointF(x, y + h))
    painter.restore()


def status_icon(status: Status, palette: QPalette, size: int = 16, ratio: float = 1.0) -> QIcon:
    """An icon of the status shape, sharp at the screen's device pixel ratio."""
    key = (status, status_ink(status, palette).rgba(), size, ratio)
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = _make_status_icon(status, palette, size, ratio)
    return icon


_ICONS: dict[tuple[Status, int, int, float], QIcon] = {}


def _make_status_icon(status: Status, palette: QPalette, size: int, ratio: float) -> QIcon:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_status_icon(painter, QRectF(0, 0, size, size), status, status_ink(status, palette))
    painter.end()
    return QIcon(pixmap)


def status_label(status: Status) -> str:
    """The status as a word people read ("Approved")."""
    return STATUS_LABELS.get(status, status.value.title())


@functools.lru_cache(maxsize=512)
def long_date(day: dt.date) -> str:
    """A date as people read it in the UK: "Tuesday 9 March 2027"."""
    return f"{day:%A} {day.day} {day:%B %Y}"
