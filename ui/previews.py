# SPDX-License-Identifier: MIT
"""Previews: the post as X, LinkedIn and the website would show it."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QWidget

_URL = re.compile(r"https?://\S+|www\.\S+")
_TAG = re.compile(r"(?<![\w&])([#@]\w+)")


class PreviewTabs(QTabWidget):
    """One tab per platform, refreshed with each check."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previews")
        self.setAccessibleName("Platform previews")
        self.views: dict[str, QTextBrowser] = {}
        for platform, label in (("x", "X"), ("linkedin", "LinkedIn"), ("website", "Website")):
            view = QTextBrowser()
            view.setObjectName(f"preview_{platform}")
            view.setAccessibleName(f"{label} preview")
            view.setOpenExternalLinks(False)
            view.setOpenLinks(False)
            self.views[platform] = view
            self.addTab(view, label)

    def show_post(
        self, text: str, title: str, lengths: dict[str, dict[str, Any]], author: str
    ) -> None:
        """Render ``text`` for each platform with the figures of the last check."""
        name = html.escape(author or "STAR Procurement")
        x = lengths.get("x", {})
        fits = x.get("overflow_at")
        body = _rich(text if fits is None else text[:fits])
        overflow = (
            "" if fits is None else f"<span style='background:#f9d6d5'>{_rich(text[fits:])}</span>"
        )
        count = f"{x.get('weighted', 0)}/{x.get('limit', 280)}" if x else ""
        self.views["x"].setHtml(
            f"<p><b>STAR Procurement</b> <span style='color:gray'>@STARProcurement</span></p>"
            f"<p>{body}{overflow}</p><p style='color:gray'>{count} \u00b7 drafted by {name}</p>"
        )
        linkedin = lengths.get("linkedin", {})
        fold = linkedin.get("fold_at")
        shown = text if fold is None else text[:fold]
        more = "" if fold is None else " <span style='color:gray'>\u2026see more</span>"
        self.views["linkedin"].setHtml(
            f"<p><b>STAR Procurement</b><br><span style='color:gray'>Shared procurement for "
            f"Stockport, Trafford and Rochdale</span></p><p>{_rich(shown)}{more}</p>"
        )
        paragraphs = "".join(f"<p>{_rich(p)}</p>" for p in text.split("\n\n") if p.strip())
        heading = html.escape(title) if title else "<span style='color:gray'>(no title)</span>"
        self.views["website"].setHtml(f"<h2>{heading}</h2>{paragraphs}")


def _rich(text: str) -> str:
    escaped = html.escape(text).replace("\n", "<br>")
    escaped = _URL.sub(lambda m: f"<a href='#'>{m.group(0)}</a>", escaped)
    return _TAG.sub(r"<span style='color:#1d6fb8'>\1</span>", escaped)
