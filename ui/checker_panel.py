# SPDX-License-Identifier: MIT
"""The checker panel: findings grouped by severity, each with its clause and fix."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checks import Finding, Report, Severity
from ui.style import LOOKS, severity_icon

_FINDING_ROLE = Qt.ItemDataRole.UserRole
#: A check still running after this long shows a moving bar (typing checks take ~0.1 s).
PROGRESS_AFTER_MS = 400


class CheckerPanel(QWidget):
    """List the findings of the last check; select one, apply its fix or ignore it."""

    finding_selected = Signal(object)  # Finding
    fix_requested = Signal(object, str)  # Finding, replacement
    ignore_requested = Signal(object)  # Finding
    back_to_text = Signal()  # Esc in the list: the author returns to the post

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkerPanel")
        self.setAccessibleName("Checker")
        self.setMinimumWidth(330)
        self.findings: list[Finding] = []
        self.ignored: list[Finding] = []

        self.summary_label = QLabel("Start typing: the post is checked as you write.")
        self.summary_label.setObjectName("checkSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Check summary")
        self.stats_label = QLabel("")
        self.stats_label.setObjectName("writingStats")
        self.stats_label.setAccessibleName("Writing statistics")
        self.stats_label.setWordWrap(True)
        self.status_label = QLabel("")
        # A long check (an article, a cold start) shows a moving bar after a moment.
        self.progress = QProgressBar(self)
        self.progress.setObjectName("checkProgress")
        self.progress.setAccessibleName("Checking the post")
        self.progress.setRange(0, 0)  # busy: no percentage to tell
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self.progress.show)
        self.status_label.setObjectName("checkStatus")
        self.status_label.setWordWrap(True)
        self.findings_tree = QTreeWidget()
        self.findings_tree.setObjectName("findingsTree")
        self.findings_tree.setAccessibleName("Findings")
        self.findings_tree.setAccessibleDescription(
            "Findings grouped by severity. Select one to select its text in the post."
        )
        self.findings_tree.setHeaderHidden(True)
        self.findings_tree.setRootIsDecorated(True)
        self.findings_tree.setUniformRowHeights(False)
        # Each line of a row cut to the width with an ellipsis (the whole text is in its
        # tooltip): wrapped rows grew more lines than their height showed.
        self.findings_tree.setWordWrap(False)
        self.findings_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.details_view = QTextBrowser()
        self.details_view.setObjectName("findingDetails")
        self.details_view.setAccessibleName("Finding details")
        self.details_view.setOpenLinks(False)
        self.details_view.setMinimumHeight(90)
        self.fix_button = QPushButton("&Apply fix")
        self.fix_button.setObjectName("applyFix")
        self.fix_button.setToolTip("Replace the text with the suggested fix (Ctrl+Z undoes it)")
        self.ignore_button = QPushButton("&Ignore\u2026")
        self.ignore_button.setObjectName("ignoreFinding")
        self.ignore_button.setToolTip("Ignore this finding, with a reason for the approver")

        self.findings_tree.installEventFilter(self)
        self.findings_tree.currentItemChanged.connect(self._on_current_item_changed)
        self.findings_tree.itemActivated.connect(self._on_item_activated)
        self.fix_button.clicked.connect(self._on_fix_clicked)
        self.ignore_button.clicked.connect(self._on_ignore_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.ignore_button)
        buttons.addStretch(1)
        outer_layout = QVBoxLayout(self)
        outer_layout.addWidget(self.summary_label)
        outer_layout.addWidget(self.stats_label)
        outer_layout.addWidget(self.findings_tree, 3)
        outer_layout.addWidget(self.details_view, 1)
        outer_layout.addLayout(buttons)
        outer_layout.addWidget(self.progress)
        outer_layout.addWidget(self.status_label)
        self._show_details(None)

    # public

    def show_report(self, report: Report, ignored: set[int]) -> None:
        """List ``report``'s findings; those whose index is in ``ignored`` go last, greyed."""
        current = self.current_finding()
        self.findings = [f for i, f in enumerate(report.findings) if i not in ignored]
        self.ignored = [f for i, f in enumerate(report.findings) if i in ignored]
        self.findings_tree.clear()
        for severity in Severity:
            members = [f for f in self.findings if f.severity is severity]
            if not members:
                continue
            look = LOOKS[severity]
            group = QTreeWidgetItem([f"{look.heading} ({len(members)})"])
            group.setIcon(0, severity_icon(severity))
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.findings_tree.addTopLevelItem(group)
            by_check = Counter(f.check for f in members)
            bundles: dict[str, QTreeWidgetItem] = {}
            for finding in members:
                if by_check[finding.check] <= GROUP_ABOVE:
                    group.addChild(_finding_item(finding))
                    continue
                bundle = bundles.get(finding.check)
                if bundle is None:  # many of one kind: one row to open, not a wall of rows
                    bundle = QTreeWidgetItem([_bundle_label(finding, by_check[finding.check])])
                    bundle.setFlags(bundle.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                    bundle.setToolTip(0, finding.message)
                    bundles[finding.check] = bundle
                    group.addChild(bundle)
                bundle.addChild(_finding_item(finding))
            group.setExpanded(True)
        if self.ignored:
            group = QTreeWidgetItem([f"Ignored, with a reason ({len(self.ignored)})"])
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.findings_tree.addTopLevelItem(group)
            for finding in self.ignored:
                item = _finding_item(finding)
                item.setForeground(0, self.palette().placeholderText())
                group.addChild(item)
        self.summary_label.setText(summary_text(self.findings))
        blocked = any(f.severity is Severity.BLOCK for f in self.findings)
        colour = LOOKS[Severity.BLOCK].colour(self.palette()).name() if blocked else ""
        self.summary_label.setStyleSheet(
            f"font-weight: bold; color: {colour};" if blocked else "font-weight: bold;"
        )
        if current is not None:
            self.select_matching(current)
        else:
            self._show_details(None)

    def set_readiness(self, headline: str, reasons: Sequence[str], *, ready: bool) -> None:
        """Say what readiness will say (the drafts service's), with the findings counted.

        ``headline`` is "Ready for approval." or "Not ready for approval: ..." (or the
        status of a post that is no longer a draft); ``reasons`` go in the tooltip.
        """
        counts = counts_text(self.findings)
        self.summary_label.setText(f"{headline}\n{counts}" if counts else headline)
        self.summary_label.setToolTip("\n".join(f"\u2022 {r}" for r in reasons))
        colour = LOOKS[Severity.BLOCK].colour(self.palette()).name()
        self.summary_label.setStyleSheet(
            "font-weight: bold;" if ready else f"font-weight: bold; color: {colour};"
        )

    def set_stats(self, metrics: Mapping[str, Any], target: tuple[float, str] | None) -> None:
        """Reading age against the audiences' target, words, sentences, findings by family."""
        age = float(metrics.get("reading_age", 0))
        words = int(metrics.get("words", 0))
        sentences = int(metrics.get("sentences", 0))
        parts = []
        if words:
            reading = f"Reading age {age:g}"
            if target is not None:
                over = age > target[0]
                reading += f" ({'above' if over else 'within'} {target[0]:g} for {target[1]})"
            parts.append(reading)
        parts.append(f"{words} word{'s' if words != 1 else ''}")
        parts.append(f"{sentences} sentence{'s' if sentences != 1 else ''}")
        families = Counter(f.rule for f in self.findings)
        text = " \u00b7 ".join(parts)
        if families:
            text += "\n" + ", ".join(f"{rule} {n}" for rule, n in sorted(families.items()))
        self.stats_label.setText(text)

    def set_busy(self, busy: bool) -> None:
        """A check started or ended: after `PROGRESS_AFTER_MS` of checking, show the bar."""
        if busy:
            if not self._progress_timer.isActive() and not self.progress.isVisible():
                self._progress_timer.start()
        else:
            self._progress_timer.stop()
            self.progress.hide()

    def set_status(self, text: str) -> None:
        """A line under the list: engine notices (dictionary missing, checking...)."""
        self.status_label.setText(text)

    def current_finding(self) -> Finding | None:
        """The finding selected in the list, if any."""
        item = self.findings_tree.currentItem()
        finding: Finding | None = item.data(0, _FINDING_ROLE) if item is not None else None
        return finding

    def select_matching(self, finding: Finding) -> bool:
        """Select the listed finding with the same check and text as ``finding``."""
        for item in self._finding_items():
            listed: Finding = item.data(0, _FINDING_ROLE)
            if (listed.check, listed.text, listed.start) == (
                finding.check,
                finding.text,
                finding.start,
            ):
                _reveal(item)
                self.findings_tree.setCurrentItem(item)
                return True
        return False

    def select_next(self) -> Finding | None:
        """Select the next finding in the list (wrapping), and return it."""
        items = self._finding_items(include_ignored=False)
        if not items:
            return None
        current = self.findings_tree.currentItem()
        index = items.index(current) + 1 if current in items else 0
        item = items[index % len(items)]
        _reveal(item)
        self.findings_tree.setCurrentItem(item)
        finding: Finding = item.data(0, _FINDING_ROLE)
        return finding

    # slots

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_item_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        del previous
        finding = current.data(0, _FINDING_ROLE) if current is not None else None
        self._show_details(finding)
        if finding is not None:
            self.finding_selected.emit(finding)

    @Slot(QTreeWidgetItem, int)
    def _on_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        """Enter (or a double-click) on a finding applies its fix, as in Word's Editor."""
        del column
        finding = item.data(0, _FINDING_ROLE)
        if finding is None:
            return
        if finding.replacements and finding not in self.ignored:
            self._on_fix_clicked()
        else:
            self.finding_selected.emit(finding)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Esc in the list of findings returns the author to the post."""
        if (
            watched is self.findings_tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.back_to_text.emit()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _on_fix_clicked(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.replacements:
            self.fix_requested.emit(finding, finding.replacements[0])
            # The finding is gone from the text: its details and buttons go with it until
            # the next check lists what is left.
            self.findings_tree.clearSelection()
            self.findings_tree.setCurrentIndex(QModelIndex())
            self._show_details(None)

    @Slot()
    def _on_ignore_clicked(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.ignore_requested.emit(finding)

    # helpers

    def _finding_items(self, include_ignored: bool = True) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for g in range(self.findings_tree.topLevelItemCount()):
            group = self.findings_tree.topLevelItem(g)
            if group is None:
                continue
            if not include_ignored and group.text(0).startswith("Ignored"):
                continue
            items.extend(_leaves(group))
        return items

    def _show_details(self, finding: Finding | None) -> None:
        self.fix_button.setEnabled(bool(finding and finding.replacements))
        self.ignore_button.setEnabled(finding is not None and finding not in self.ignored)
        if finding is None:
            self.details_view.setHtml(
                "<p>Select a finding to see why it matters, the policy clause it "
                "enforces and how to fix it.</p>"
            )
            return
        fix = finding.replacements[0] if finding.replacements else None
        parts = [
            f"<p><b>{LOOKS[finding.severity].label}</b> ({escape(finding.check)}): "
            f"{escape(finding.message)}</p>",
            f"<p><i>Policy:</i> {escape(finding.clause)}</p>",
        ]
        if fix is not None:
            shown = f"replace with \u2018{escape(fix)}\u2019" if fix else "remove it"
            parts.append(f"<p><i>Fix:</i> {shown}</p>")
        advice = [s for s in finding.suggestions if s not in finding.replacements]
        if advice:
            parts.append("<p><i>Suggestions:</i> " + "; ".join(map(escape, advice)) + "</p>")
        self.details_view.setHtml("".join(parts))


#: More findings of one check than this in a severity group are listed under one row.
GROUP_ABOVE = 3
_BUNDLES = {
    "plain-english.long-sentence": "Long sentences",
    "plain-english.passive": "Passive verbs",
    "plain-english.long-word": "Simpler words",
    "spelling": "Spellings",
}


def _bundle_label(finding: Finding, count: int) -> str:
    name = _BUNDLES.get(finding.check) or _BUNDLES.get(finding.rule) or finding.check
    return f"{name} ({count}) \u2013 {finding.rule}"


def _reveal(item: QTreeWidgetItem) -> None:
    """Open the rows above ``item`` so that selecting it shows it."""
    parent = item.parent()
    while parent is not None:
        parent.setExpanded(True)
        parent = parent.parent()


def _leaves(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The finding rows under ``item``, in order, through any bundle rows."""
    out: list[QTreeWidgetItem] = []
    for index in range(item.childCount()):
        child = item.child(index)
        if child is None:
            continue
        if child.data(0, _FINDING_ROLE) is not None:
            out.append(child)
        else:
            out.extend(_leaves(child))
    return out


def _finding_item(finding: Finding) -> QTreeWidgetItem:
    if finding.start == finding.end:  # about the post as a whole, such as an image
        label = f"{finding.message} \u2013 {finding.rule}"
    else:
        label = f"\u2018{excerpt(finding.text)}\u2019 \u2013 {finding.rule}"
    if finding.part == "title":
        label = f"Title: {label}"
    item = QTreeWidgetItem([f"{label}\n{row_detail(finding)}"])
    item.setIcon(0, severity_icon(finding.severity))
    item.setData(0, _FINDING_ROLE, finding)
    item.setToolTip(0, f"\u2018{finding.text}\u2019\n{finding.message}\nPolicy: {finding.clause}")
    return item


#: Words kept from each end of a long quoted span: two long sentences that start alike
#: ("The council will be working ...") still read differently by their ends.
_HEAD_CHARS, _TAIL_CHARS, _SHORT = 24, 16, 42


def excerpt(text: str) -> str:
    """``text`` whole when short, else its first and last words around an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= _SHORT:
        return text
    words = text.split(" ")
    head: list[str] = []
    while words and len(" ".join(head)) < _HEAD_CHARS:
        head.append(words.pop(0))
    tail: list[str] = []
    while words and len(" ".join(tail)) < _TAIL_CHARS:
        tail.insert(0, words.pop())
    if not words:  # nothing left out: the whole text is barely over the limit
        return " ".join(head + tail)
    return f"{' '.join(head)} \u2026 {' '.join(tail)}"


_POLICY_LINE = re.compile(r"\(policy line (\d+)\)")


def row_detail(finding: Finding) -> str:
    """The second line of a finding's row: its clause, short, and its fix."""
    line = _POLICY_LINE.search(finding.clause)
    clause = f"Policy line {line.group(1)}" if line else finding.clause
    if finding.replacements:
        first = finding.replacements[0]
        fix = f"fix: \u2018{first}\u2019" if first else "fix: remove it"
    elif finding.suggestions:
        first = finding.suggestions[0]
        fix = f"advice: {first}"
    else:
        fix = ""
    return f"{clause} \u00b7 {fix}" if fix else clause


def counts_text(findings: Sequence[Finding]) -> str:
    """The findings counted by severity, advice apart: "1 blocking issue, 2 warnings, 3 advice"."""
    parts = []
    for severity, one, many in (
        (Severity.BLOCK, "blocking issue", "blocking issues"),
        (Severity.WARN, "warning", "warnings"),
        (Severity.ADVICE, "piece of advice", "pieces of advice"),
    ):
        count = sum(f.severity is severity for f in findings)
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts)


def summary_text(findings: list[Finding]) -> str:
    """The panel's top line: ready for approval, or a count of what stands in the way."""
    blocking = sum(f.severity is Severity.BLOCK for f in findings)
    warnings = sum(f.severity is Severity.WARN for f in findings)
    if blocking:
        noun = "issue" if blocking == 1 else "issues"
        return f"{blocking} blocking {noun}: fix before submitting."
    if warnings:
        noun = "warning" if warnings == 1 else "warnings"
        return f"Ready for approval ({warnings} {noun} to review)."
    return "Ready for approval."
