# SPDX-License-Identifier: MIT
"""Bar-chart gauges drawn with QPainter: the month's content mix, mentions and targets."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from star_desktop.calendar import MonthSummary
from ui.calendar_paint import is_dark, mix

_BAR = 10  # bar thickness in device-independent pixels
_GAP = 6


@dataclasses.dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a gauge.

    Attributes:
        label: What the bar measures ("Self-promotion").
        value: Its value, such as a count of posts.
        maximum: The value that fills the bar.
        text: The figures as words, shown at the right ("3 posts, 30%").
        marker: Where the target lies, in the units of ``value``; None for no target.
        done: A part of ``value`` drawn solid (published of planned); None for all of it.
        warn: True when the bar is off target; the text must say so too.
    """

    label: str
    value: float
    maximum: float
    text: str
    marker: float | None = None
    done: float | None = None
    warn: bool = False


class BarGauge(QWidget):
    """A titled set of horizontal bars with optional target markers and a note below.

    The figures are drawn as text beside every bar and repeated in the accessible
    description, so the chart never relies on colour or shape alone.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._bars: tuple[Bar, ...] = ()
        self._note = ""
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    # data

    def set_bars(self, bars: Sequence[Bar], note: str = "") -> None:
        """Show ``bars`` with ``note`` underneath, and describe them for screen readers."""
        self._bars = tuple(bars)
        self._note = note
        lines = [f"{bar.label}: {bar.text}" for bar in self._bars]
        description = ". ".join([*lines, note] if note else lines)
        self.setAccessibleDescription(description)
        self.setToolTip("\n".join([*lines, note] if note else lines))
        self.updateGeometry()
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        """The bars shown."""
        return self._bars

    def values(self) -> dict[str, float]:
        """Each bar's value by its label."""
        return {bar.label: bar.value for bar in self._bars}

    def note(self) -> str:
        """The note under the bars."""
        return self._note

    def title(self) -> str:
        """The gauge's title."""
        return self._title

    # geometry

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 2 + _BAR + _GAP

    def _note_lines(self, width: int) -> int:
        if not self._note:
            return 0
        metrics = QFontMetrics(self._small_font())
        rect = metrics.boundingRect(
            0, 0, max(width, 50), 10_000, Qt.TextFlag.TextWordWrap, self._note
        )
        return rect.height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for the title, one row per bar and the note."""
        width = max(self.width(), 220)
        title = QFontMetrics(self._title_font()).height() + _GAP
        return QSize(
            260, title + self._row_height() * len(self._bars) + self._note_lines(width) + 4
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As narrow as 180 pixels, as tall as the content."""
        return QSize(180, self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        """The wrapped note makes the height depend on the width."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        """Height needed at ``width``."""
        title = QFontMetrics(self._title_font()).height() + _GAP
        return title + self._row_height() * len(self._bars) + self._note_lines(width) + 4

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    # painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Draw the title, the bars with their figures and markers, and the note."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = mix(text, palette.color(QPalette.ColorRole.Window), 0.35)
        track = mix(palette.color(QPalette.ColorRole.Window), text, 0.12)
        fill = palette.color(QPalette.ColorRole.Highlight)
        warn = QColor.fromHslF(25 / 360, 0.85, 0.62 if is_dark(palette) else 0.45)
        width = self.width()

        painter.setFont(self._title_font())
        title_height = QFontMetrics(self._title_font()).height()
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, width, title_height), Qt.AlignmentFlag.AlignLeft, self._title)
        if self.hasFocus():
            painter.setPen(QPen(fill, 1, Qt.PenStyle.DotLine))
            painter.drawRect(QRectF(0.5, 0.5, width - 1, self.height() - 1))
        y = title_height + _GAP
        painter.setFont(self.font())
        metrics = self.fontMetrics()
        for bar in self._bars:
            label_rect = QRectF(0, y, width, metrics.height())
            painter.setPen(text)
            figures_width = metrics.horizontalAdvance(bar.text) + 4
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight, bar.text)
            label = metrics.elidedText(
                bar.label, Qt.TextElideMode.ElideRight, int(width - figures_width)
            )
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft, label)
            y += metrics.height() + 2
            self._paint_bar(
                painter, QRectF(0, y, width, _BAR), bar, track, warn if bar.warn else fill, text
            )
            y += _BAR + _GAP
        if self._note:
            painter.setFont(self._small_font())
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, y, width, self.height() - y), Qt.TextFlag.TextWordWrap, self._note
            )
        painter.end()

    @staticmethod
    def _paint_bar(
        painter: QPainter, rect: QRectF, bar: Bar, track: QColor, fill: QColor, ink: QColor
    ) -> None:
        radius = rect.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(rect, radius, radius)
        scale = rect.width() / bar.maximum if bar.maximum > 0 else 0.0
        filled = min(bar.value, bar.maximum) * scale
        if filled > 0:
            light = QColor(fill)
            light.setAlphaF(0.45)
            painter.setBrush(light if bar.done is not None else fill)
            painter.drawRoundedRect(
                QRectF(rect.x(), rect.y(), max(filled, radius * 2), rect.height()), radius, radius
            )
            if bar.done:
                done = min(bar.done, bar.maximum) * scale
                painter.setBrush(fill)
                painter.drawRoundedRect(
                    QRectF(rect.x(), rect.y(), max(done, radius * 2), rect.height()), radius, radius
                )
        if bar.marker is not None and bar.maximum > 0:
            x = rect.x() + min(bar.marker, bar.maximum) * scale
            painter.setPen(QPen(ink, 2))
            painter.drawLine(QPointF(x, rect.top() - 3), QPointF(x, rect.bottom() + 3))


class MonthGauges(QWidget):
    """The month's three gauges (content mix, council mentions, posting targets) and its gaps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthGauges")
        self.mix_gauge = BarGauge("Content mix", self)
        self.mix_gauge.setObjectName("mixGauge")
        self.mentions_gauge = BarGauge("Council mentions", self)
        self.mentions_gauge.setObjectName("mentionsGauge")
        self.targets_gauge = BarGauge("Posting targets", self)
        self.targets_gauge.setObjectName("targetsGauge")
        self.gaps_label = QLabel(self)
        self.gaps_label.setObjectName("gapsLabel")
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setAccessibleName("Gaps in the schedule")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        for widget in (self.mix_gauge, self.mentions_gauge, self.targets_gauge, self.gaps_label):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_summary(self, summary: MonthSummary) -> None:
        """Fill the gauges from one month's summary."""
        self.mix_gauge.set_bars(*mix_bars(summary))
        self.mentions_gauge.set_bars(*mention_bars(summary))
        self.targets_gauge.set_bars(*target_bars(summary))
        self.gaps_label.setText(gaps_text(summary))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def mix_bars(summary: MonthSummary) -> tuple[list[Bar], str]:
    """Bars of the content mix against equal thirds, and a note saying what to add."""
    total = sum(m.count for m in summary.mix)
    bars = []
    short = []
    for part in summary.mix:
        off = total >= 3 and abs(part.share - 1 / 3) > 0.15
        if off and part.share < 1 / 3:
            short.append(part.label.lower())
        bars.append(
            Bar(
                part.label,
                part.count,
                max(total, 1),
                f"{_plural(part.count, 'post')}, {part.share:.0%}",
                marker=total / 3 if total else None,
                warn=off,
            )
        )
    if total == 0:
        note = "No categorised posts yet. The strategy wants equal thirds."
    elif short:
        note = f"The strategy wants equal thirds (the line): plan more {' and '.join(short)}."
    elif any(bar.warn for bar in bars):
        note = "The strategy wants equal thirds (the line): one kind of post is ahead."
    else:
        note = "Close to equal thirds (the line), as the strategy wants."
    if summary.uncategorised:
        note += f" {_plural(summary.uncategorised, 'post')} without a category."
    return bars, note


def mention_bars(summary: MonthSummary) -> tuple[list[Bar], str]:
    """Bars of how often each council is named, and a note on the balance."""
    counts = dict(summary.mentions)
    top = max(counts.values(), default=0)
    bars = [
        Bar(name, n, max(top, 1), _plural(n, "mention"), warn=top > 0 and n == 0)
        for name, n in counts.items()
    ]
    missing = [name for name, n in counts.items() if n == 0]
    if top == 0:
        note = "No council named yet this month."
    elif missing:
        note = (
            f"{' and '.join(missing)} not named yet this month: "
            "STAR serves all three councils equally."
        )
    elif top > 2 * min(counts.values()):
        note = "One council is named much more often: keep the balance across all three."
    else:
        note = "Balanced across the three councils."
    return bars, note


def target_bars(summary: MonthSummary) -> tuple[list[Bar], str]:
    """Bars of posts planned and published per platform against the month's target."""
    bars = []
    for p in summary.platforms:
        if p.target is None:
            text = f"{p.planned} planned, no target"
        else:
            text = f"{p.planned} of {p.target} planned"
        if p.published:
            text += f", {p.published} published"
        maximum = max(p.target or 0, p.planned, 1)
        bars.append(Bar(p.label, p.planned, maximum, text, marker=p.target, done=p.published))
    if not bars:
        return bars, "No posting targets set for this month."
    return bars, "Solid: published. Pale: planned. The line marks the month's target."


def gaps_text(summary: MonthSummary) -> str:
    """The weeks of the month with no post, as a sentence."""
    if not summary.gaps:
        return "Every week of the month has a post."
    if len(summary.gaps) >= 4 and not summary.counted:
        return "Gaps: no week has a post yet."
    weeks = ", ".join(f"{start.day}–{end.day} {end:%B}" for start, end in summary.gaps)
    return f"Gaps: no post in {weeks}."
