# SPDX-License-Identifier: MIT
"""Previews: the post as X, LinkedIn and the website would show it."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QTextDocument
from PySide6.QtWidgets import QTabWidget, QTextBrowser, QWidget

from star_desktop.images import x_timeline_crop

#: Width of a picture in the previews, in pixels (about a phone's timeline column).
PICTURE_WIDTH = 360

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
        self._pictures: dict[tuple[str, bool], QImage] = {}

    def show_post(
        self,
        text: str,
        title: str,
        lengths: dict[str, dict[str, Any]],
        author: str,
        images: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Render ``text`` for each platform with the figures of the last check.

        ``images`` are (stored file, alt text) pairs: X shows each cropped to 16:9 as its
        timeline does, LinkedIn and the website show them whole.
        """
        name = html.escape(author or "STAR Procurement")
        x = lengths.get("x", {})
        fits = x.get("overflow_at")
        body = _rich(text if fits is None else text[:fits])
        overflow = (
            "" if fits is None else f"<span style='background:#f9d6d5'>{_rich(text[fits:])}</span>"
        )
        count = f"{x.get('weighted', 0)}/{x.get('limit', 280)}" if x else ""
        self.views["x"].setHtml(
            _card(
                self._avatar("x"),
                "<b>STAR Procurement</b> <span style='color:gray'>@STARProcurement"
                " \u00b7 now</span>",
                f"{body}{overflow}",
                self._pictures_html("x", images, crop=True),
                "Reply \u00a0\u00a0 Repost \u00a0\u00a0 Like \u00a0\u00a0 Share",
            )
            + f"<p style='color:gray'>{count} \u00b7 drafted by {name}</p>"
        )
        linkedin = lengths.get("linkedin", {})
        fold = linkedin.get("fold_at")
        shown = text if fold is None else text[:fold]
        more = "" if fold is None else " <span style='color:gray'>\u2026see more</span>"
        self.views["linkedin"].setHtml(
            _card(
                self._avatar("linkedin"),
                "<b>STAR Procurement</b><br><span style='color:gray'>Shared procurement for "
                "Stockport, Trafford and Rochdale<br>now</span>",
                f"{_rich(shown)}{more}",
                self._pictures_html("linkedin", images, crop=False),
                "Like \u00a0\u00a0 Comment \u00a0\u00a0 Repost \u00a0\u00a0 Send",
            )
            + (
                "<p style='color:gray'>LinkedIn folds the post here: readers see the rest "
                "only after \u2018see more\u2019.</p>"
                if fold is not None
                else ""
            )
        )
        paragraphs = "".join(f"<p>{_rich(p)}</p>" for p in text.split("\n\n") if p.strip())
        heading = html.escape(title) if title else "<span style='color:gray'>(no title)</span>"
        pictures = self._pictures_html("website", images, crop=False, captions=True)
        self.views["website"].setHtml(f"<h2>{heading}</h2>{pictures}{paragraphs}")

    def _avatar(self, platform: str) -> str:
        """The organisation's round avatar, registered with the platform view's document."""
        url = QUrl(f"star-image://{platform}/avatar")
        self.views[platform].document().addResource(
            QTextDocument.ResourceType.ImageResource, url, _avatar_image()
        )
        return url.toString()

    def _pictures_html(
        self,
        platform: str,
        images: Sequence[tuple[str, str]],
        *,
        crop: bool,
        captions: bool = False,
    ) -> str:
        """``<img>`` tags for ``images``, their pictures registered with the view's document."""
        document: QTextDocument = self.views[platform].document()
        parts = []
        for number, (path, alt) in enumerate(images, 1):
            picture = self._picture(path, crop)
            if picture.isNull():
                parts.append(f"<p style='color:gray'>[image {number}: file missing]</p>")
                continue
            url = QUrl(f"star-image://{platform}/{number}")
            document.addResource(QTextDocument.ResourceType.ImageResource, url, picture)
            label = html.escape(alt or f"image {number}, no alt text")
            tag = f"<img src='{url.toString()}' alt='{label}' title='{label}'>"
            note = (
                "<br><span style='color:gray'>As the X timeline crops it (16:9); the whole "
                "picture opens when tapped</span>"
                if crop and _cropped(path)
                else ""
            )
            caption = f"<br><i>{html.escape(alt)}</i>" if captions and alt else ""
            parts.append(f"<p>{tag}{note}{caption}</p>")
        return "".join(parts)

    def _picture(self, path: str, crop: bool) -> QImage:
        key = (path, crop)
        cached = self._pictures.get(key)
        if cached is not None:
            return cached
        reader = QImageReader(path)
        reader.setAutoTransform(True)
        picture = reader.read()
        if not picture.isNull():
            if crop:
                left, top, right, bottom = x_timeline_crop(picture.width(), picture.height())
                picture = picture.copy(QRect(left, top, right - left, bottom - top))
            picture = picture.scaledToWidth(
                min(PICTURE_WIDTH, picture.width()), Qt.TransformationMode.SmoothTransformation
            )
        if len(self._pictures) > 32:
            self._pictures.clear()
        self._pictures[key] = picture
        return picture


def _cropped(path: str) -> bool:
    """Whether X's timeline cuts part of the picture at ``path`` off."""
    size = QImageReader(path).size()
    if not size.isValid():
        return False
    width, height = size.width(), size.height()
    return x_timeline_crop(width, height) != (0, 0, width, height)


def _rich(text: str) -> str:
    escaped = html.escape(text).replace("\n", "<br>")
    escaped = _URL.sub(lambda m: f"<a href='#'>{m.group(0)}</a>", escaped)
    return _TAG.sub(r"<span style='color:#1d6fb8'>\1</span>", escaped)


def _card(avatar: str, header: str, body: str, pictures: str, actions: str) -> str:
    """A post as a timeline shows it: avatar, name and handle, text, pictures, actions."""
    return (
        "<table width='100%' cellspacing='0' cellpadding='8' border='1' "
        "style='border-color:#cfd9de; border-style:solid'><tr>"
        f"<td width='52' valign='top'><img src='{avatar}' width='40' height='40'></td>"
        f"<td valign='top'>{header}<p>{body}</p>{pictures}"
        f"<p style='color:gray'>{actions}</p></td></tr></table>"
    )


_AVATAR: list[QImage] = []


def _avatar_image() -> QImage:
    """A round blue badge with 'STAR' in it, drawn once."""
    if not _AVATAR:
        size = 80
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#1d4f91"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(0, 0, size, size)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(22)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "STAR")
        painter.end()
        _AVATAR.append(image)
    return _AVATAR[0]
