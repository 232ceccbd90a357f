# SPDX-License-Identifier: MIT
"""What a calendar day cell shows and how it is drawn and described: chips, hatching, text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from star_desktop.calendar import ElectionPeriod
from star_desktop.storage import DraftSummary, Event
from ui.calendar_paint import (
    election_brush,
    long_date,
    mix,
    paint_status_icon,
    status_fill,
    status_ink,
    status_label,
)

if TYPE_CHECKING:
    from ui.calendar_views import DayGrid

PAD = 4


@dataclasses.dataclass(frozen=True, slots=True)
class DayData:
    """What the views show: posts and events per day, the election and flagged posts.

    Attributes:
        month: The first day of the month in focus; other days are drawn muted.
        drafts: Posts per day, in time order.
        events: Events per day.
        election: The pre-election period, or None.
        flagged: Ids of posts that break the pre-election rules.
        today: Today's date, ringed in the grid.
    """

    month: dt.date
    drafts: Mapping[dt.date, tuple[DraftSummary, ...]] = dataclasses.field(default_factory=dict)
    events: Mapping[dt.date, tuple[Event, ...]] = dataclasses.field(default_factory=dict)
    election: ElectionPeriod | None = None
    flagged: frozenset[int] = frozenset()
    today: dt.date = dataclasses.field(default_factory=dt.date.today)

    def in_election(self, day: dt.date) -> bool:
        """True when ``day`` is inside the pre-election period."""
        return self.election is not None and day in self.election


def describe_post(draft: DraftSummary, flagged: bool = False) -> str:
    """A post as one line for tooltips, menus and screen readers."""
    parts = [f"'{draft.title}'", status_label(draft.status)]
    if draft.time is not None:
        parts.insert(1, f"{draft.time:%H:%M}")
    if not draft.mine:
        parts.append(f"{draft.author}'s post (read-only)")
    if flagged:
        parts.append("breaks the pre-election rules")
    return ", ".join(parts)


def chip_title(draft: DraftSummary) -> str:
    """The title a chip shows: a team member's post starts with its author's first name."""
    if draft.mine:
        return draft.title
    return f"{draft.author.split()[0]}: {draft.title}"


def describe_day(day: dt.date, data: DayData) -> str:
    """A day cell as one sentence for screen readers."""
    posts = data.drafts.get(day, ())
    parts = [long_date(day)]
    if data.in_election(day):
        parts.append("pre-election period")
    parts += [f"event: {event.title}" for event in data.events.get(day, ())]
    if posts:
        count = "1 post" if len(posts) == 1 else f"{len(posts)} posts"
        parts.append(
            count + ": " + "; ".join(describe_post(d, d.id in data.flagged) for d in posts)
        )
    else:
        parts.append("no posts")
    return ". ".join(parts)


def paint_chip(
    painter: QPainter, rect: QRectF, draft: DraftSummary, grid: DayGrid, flagged: bool
) -> None:
    """Draw one post: its status tint, status shape, time and title (and a warning mark)."""
    palette = grid.palette()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(status_ink(draft.status, palette))
    fill = status_fill(draft.status, palette)
    if not draft.mine:  # a team member's post: paler, dashed, read-only here
        pen.setStyle(Qt.PenStyle.DashLine)
        fill = mix(fill, palette.color(QPalette.ColorRole.Base), 0.6)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
    title = chip_title(draft)
    metrics = grid.fontMetrics()
    line = metrics.height()
    icon = QRectF(rect.left() + 3, rect.top() + 3, line, line)
    paint_status_icon(painter, icon, draft.status, status_ink(draft.status, palette))
    left = icon.right() + 4
    text_rect = QRectF(left, rect.top() + 3, rect.right() - left - 3, line)
    if flagged:
        warn = QRectF(text_rect.right() - line, text_rect.top(), line, line)
        text_rect.setRight(warn.left() - 2)
        bold = QFont(grid.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(status_ink(draft.status, palette))
        painter.drawText(warn, Qt.AlignmentFlag.AlignCenter, "!")
        painter.setFont(grid.font())
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    if grid.week:
        # status word beside its shape, then the time and title over two lines
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(
                status_label(draft.status), Qt.TextElideMode.ElideRight, int(text_rect.width())
            ),
        )
        body = QRectF(rect.left() + 4, text_rect.bottom(), rect.width() - 8, line * 2)
        time = f"{draft.time:%H:%M} " if draft.time else ""
        painter.save()
        painter.setClipRect(body)
        painter.drawText(body, Qt.TextFlag.TextWordWrap, time + title)
        painter.restore()
    elif rect.height() >= 2 * line + 6:  # wrap the title under the shape, eliding line two
        width = int(text_rect.width())
        first, rest = _split_line(title, metrics, width)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, first)
        second = QRectF(text_rect.left(), text_rect.bottom(), text_rect.width(), line)
        elided = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        painter.drawText(second, Qt.AlignmentFlag.AlignVCenter, elided)
    else:
        width = int(text_rect.width())
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, elided)
    painter.restore()


def _split_line(text: str, metrics: QFontMetrics, width: int) -> tuple[str, str]:
    """The words of ``text`` that fit on one line of ``width``, and the rest."""
    words = text.split()
    for count in range(len(words), 0, -1):
        head = " ".join(words[:count])
        if metrics.horizontalAdvance(head) <= width:
            return head, " ".join(words[count:])
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width), ""


class DayDelegate(QStyledItemDelegate):
    """Paints a day cell: number, pre-election hatching, events, post chips, focus."""

    def __init__(self, grid: DayGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the cell of ``index``."""
        grid = self.grid
        day = grid._day_of(index)
        if day is None:
            return
        data = grid.data()
        palette = grid.palette()
        rect = QRectF(option.rect)
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        outside = (day.year, day.month) != (data.month.year, data.month.month)
        painter.save()
        painter.fillRect(rect, mix(base, text, 0.06) if outside else base)
        if data.in_election(day):
            painter.fillRect(rect, election_brush(palette))
        metrics = QFontMetrics(grid.font())
        line = metrics.height()
        header = QRectF(rect.left() + PAD, rect.top() + PAD, rect.width() - 2 * PAD, line)
        number = str(day.day) if day.day != 1 else f"1 {day:%b}"
        if grid.week:  # the column header names the day
            number = "Today" if day == data.today else ""
        font = QFont(grid.font())
        font.setBold(day == data.today)
        painter.setFont(font)
        muted = mix(text, base, 0.45)
        if day == data.today and number:
            ring = QRectF(
                header.left() - 2, header.top() - 1, metrics.horizontalAdvance(number) + 8, line + 2
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(ring, 4, 4)
        painter.setPen(muted if outside else text)
        painter.drawText(header.adjusted(2, 0, 0, 0), Qt.AlignmentFlag.AlignLeft, number)
        if (
            data.in_election(day)
            and header.width()
            > metrics.horizontalAdvance(number) + metrics.horizontalAdvance("Pre-election") + 12
        ):
            painter.setPen(muted)
            painter.drawText(header, Qt.AlignmentFlag.AlignRight, "Pre-election")
        painter.setFont(grid.font())
        events, chips, hidden = grid.layout_day(day, rect)
        italic = QFont(grid.font())
        italic.setItalic(True)
        for event_rect, event in events:
            painter.setPen(text)
            painter.setFont(italic)
            painter.drawText(
                event_rect,
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(
                    f"◆ {event.title}", Qt.TextElideMode.ElideRight, int(event_rect.width())
                ),
            )
        painter.setFont(grid.font())
        for chip_rect, draft in chips:
            paint_chip(painter, chip_rect, draft, grid, draft.id in data.flagged)
        if hidden:
            more = QRectF(
                rect.left() + PAD, rect.bottom() - PAD - line, rect.width() - 2 * PAD, line
            )
            painter.setPen(text)
            painter.drawText(more, Qt.AlignmentFlag.AlignLeft, f"+{hidden} more (Enter to list)")
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected or day == grid.drop_target():
            pen_colour = palette.color(QPalette.ColorRole.Highlight)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            pen = painter.pen()
            pen.setColor(pen_colour)
            pen.setWidth(2)
            pen.setStyle(
                Qt.PenStyle.DashLine if day == grid.drop_target() else Qt.PenStyle.SolidLine
            )
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()
