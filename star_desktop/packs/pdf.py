# SPDX-License-Identifier: MIT
"""The approval pack's PDF (fpdf2): a manager can approve from it alone, on paper or screen.

Fonts are embedded (DejaVu Sans for text in most scripts, Noto Emoji as a fallback for
emoji), so the approver reads exactly the characters that will be posted. Each page's
footer names the pack and the fingerprint of the key that signed it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from star_desktop.calendar import CATEGORY_LABELS, MIX_LABELS, count_mentions
from star_desktop.packs.model import PLATFORM_TITLES
from star_desktop.storage import CATEGORIES

_MIX_OF = {c.name: c.mix for c in CATEGORIES}
_PEOPLE = {
    "": "not answered",
    "none": "no one identifiable",
    "adults": "adults identifiable",
    "children": "children identifiable",
}
_GREY = (110, 110, 110)
_SEVERITY = {"block": "Blocking", "warn": "Warning", "advice": "Advice"}


def fonts_dir() -> Path:
    """The fonts that ship with the app (resources/fonts)."""
    return Path(str(resources.files("resources"))) / "fonts"


class _PackPDF(FPDF):
    def __init__(self, pack_id: str, fingerprint: str) -> None:
        super().__init__(format="A4")
        self.pack_id = pack_id
        self.fingerprint = fingerprint
        folder = fonts_dir()
        self.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
        self.add_font("NotoEmoji", "", str(folder / "NotoEmoji-Regular.ttf"))
        self.set_fallback_fonts(["NotoEmoji"], exact_match=False)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(16, 16, 16)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*_GREY)
        self.cell(
            0,
            5,
            f"STAR Procurement approval pack {self.pack_id[:8]} \u00b7 signed by key "
            f"{self.fingerprint} \u00b7 page {self.page_no()} of {{nb}}",
            align="C",
        )
        self.set_text_color(0, 0, 0)


def render(manifest: Mapping[str, Any], images: Mapping[str, bytes]) -> bytes:
    """The PDF of a pack's manifest; ``images`` maps each image's member name to its bytes."""
    pdf = _PackPDF(str(manifest["pack_id"]), str(manifest["fingerprint"]))
    posts: Sequence[Mapping[str, Any]] = manifest["posts"]
    _cover(pdf, manifest, posts)
    for number, post in enumerate(posts, 1):
        _post(pdf, number, len(posts), post, images)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: float = 14) -> None:
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 10)


def _line(
    pdf: FPDF, text: str, *, size: float = 10, grey: bool = False, bold: bool = False
) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    if grey:
        pdf.set_text_color(*_GREY)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 10)


def _cover(pdf: FPDF, manifest: Mapping[str, Any], posts: Sequence[Mapping[str, Any]]) -> None:
    pdf.add_page()
    _heading(pdf, "STAR Procurement \u2013 approval pack", 18)
    pdf.ln(2)
    period = manifest.get("period") or {}
    dates = [p["date"] for p in posts if p.get("date")]
    first = period.get("from") or (min(dates) if dates else "")
    last = period.get("to") or (max(dates) if dates else "")
    created = str(manifest["created"])[:16].replace("T", " ")
    _line(pdf, f"Period: {_long(first)} to {_long(last)}" if first else "Period: not scheduled")
    _line(pdf, f"Prepared by {manifest['author'] or 'an unnamed author'} on {created} (UTC)")
    _line(pdf, f"Pack {manifest['pack_id']}", grey=True)
    pdf.ln(3)
    with_images = sum(1 for p in posts if p["images"])
    warnings = sum(len(p["findings"]) for p in posts)
    overrides = sum(len(p["overrides"]) for p in posts)
    _heading(pdf, "In this pack", 12)
    _line(
        pdf,
        f"{len(posts)} post{'s' if len(posts) != 1 else ''} for approval; "
        f"{with_images} with images; {warnings} remaining warning"
        f"{'s' if warnings != 1 else ''}; {overrides} ignored finding"
        f"{'s' if overrides != 1 else ''}, each with the author's reason.",
    )
    pdf.ln(1)
    for number, post in enumerate(posts, 1):
        when = _long(post["date"]) if post.get("date") else "not scheduled"
        where = ", ".join(PLATFORM_TITLES.get(p, p) for p in post["platforms"])
        flags = []
        if post["findings"]:
            flags.append(
                f"{len(post['findings'])} warning{'s' if len(post['findings']) != 1 else ''}"
            )
        if post["overrides"]:
            flags.append(f"{len(post['overrides'])} ignored")
        extra = f" \u2013 {'; '.join(flags)}" if flags else ""
        _line(pdf, f"{number}. {when}: {post['title'] or '(no title)'} ({where}){extra}", size=9)
    pdf.ln(2)
    _heading(pdf, "Content mix (the strategy wants equal thirds)", 12)
    mix = Counter(_MIX_OF.get(p.get("category") or "", "") for p in posts)
    for group, label in MIX_LABELS.items():
        share = mix[group] / len(posts) if posts else 0
        _line(pdf, f"{label}: {mix[group]} ({share:.0%})")
    if mix[""]:
        _line(pdf, f"No category: {mix['']}")
    pdf.ln(2)
    _heading(pdf, "Council balance (mentions in titles and texts)", 12)
    mentions = count_mentions(
        (f"{p['title']}\n{p['text']}" for p in posts), ("Stockport", "Trafford", "Rochdale")
    )
    _line(pdf, "; ".join(f"{name}: {count}" for name, count in mentions.items()))
    pdf.ln(3)
    _heading(pdf, "How to decide", 12)
    _line(
        pdf,
        "For each post, tick Approve, Request changes or Reject and add a comment where you "
        "ask for changes or reject. Record your decisions in STAR Desktop (File \u203a Open "
        "approval pack) so they are signed with your key; the author imports them. Each "
        "post's text fingerprint (SHA-256) is printed with it: an approval counts only for "
        "that exact text.",
    )


def _post(
    pdf: FPDF, number: int, total: int, post: Mapping[str, Any], images: Mapping[str, bytes]
) -> None:
    pdf.add_page()
    _heading(pdf, f"Post {number} of {total}: {post['title'] or '(no title)'}", 14)
    when = _long(post["date"]) + (f" at {post['time']}" if post.get("time") else "")
    _line(pdf, f"Scheduled: {when if post.get('date') else 'not scheduled'}")
    _line(pdf, "Platforms: " + ", ".join(PLATFORM_TITLES.get(p, p) for p in post["platforms"]))
    _line(pdf, "Audiences: " + (", ".join(a.capitalize() for a in post["audiences"]) or "none"))
    category = CATEGORY_LABELS.get(post.get("category") or "", "none")
    _line(pdf, f"Category: {category}")
    trained = post.get("training_date")
    _line(
        pdf,
        f"Author: {post['author'] or 'unnamed'}; Data Protection training "
        f"{_long(trained) if trained else 'not recorded'}",
    )
    _line(
        pdf,
        f"Draft {post['id']}, revision {post['revision']}; text SHA-256 {post['text_sha256']}",
        size=8,
        grey=True,
    )
    lengths = post.get("lengths") or {}
    for platform in post["platforms"]:
        pdf.ln(2)
        _appearance(pdf, platform, post, lengths.get(platform) or {})
    for index, image in enumerate(post["images"], 1):
        pdf.ln(2)
        _image(pdf, index, image, images.get(image["file"]))
    if post["findings"]:
        pdf.ln(2)
        _heading(pdf, "Remaining findings", 11)
        for finding in post["findings"]:
            where = " (title)" if finding.get("part") == "title" else ""
            _line(
                pdf,
                f"\u2022 {_SEVERITY.get(finding['severity'], '')}{where}: "
                f"\u2018{finding['text']}\u2019 \u2013 {finding['message']}",
                size=9,
            )
    if post["overrides"]:
        pdf.ln(2)
        _heading(pdf, "Findings the author ignored, and why", 11)
        for override in post["overrides"]:
            _line(
                pdf,
                f"\u2022 {override['check']} on {_ignored_text(override['text'])}: "
                f"\u201c{override['reason']}\u201d ({override['person']})",
                size=9,
            )
    pdf.ln(3)
    _decision_boxes(pdf)


def _appearance(
    pdf: FPDF, platform: str, post: Mapping[str, Any], figures: Mapping[str, Any]
) -> None:
    text = post["text"]
    if platform == "x":
        count = f"{figures.get('weighted', '?')}/{figures.get('limit', 280)} (X's weighted count)"
        _heading(pdf, f"On X \u2013 {count}", 11)
        _boxed(pdf, text)
    elif platform == "linkedin":
        fold = figures.get("fold_at")
        _heading(pdf, f"On LinkedIn \u2013 {figures.get('characters', len(text)):,} characters", 11)
        if fold is not None:
            _boxed(pdf, text[:fold] + " \u2026see more")
            _line(
                pdf,
                "Readers see the text above before \u201csee more\u201d; the rest:",
                size=8,
                grey=True,
            )
            _boxed(pdf, text[fold:])
        else:
            _boxed(pdf, text)
    else:
        _heading(pdf, "On the website", 11)
        _boxed(pdf, f"{post['title'] or '(no title)'}\n\n{text}")


def _boxed(pdf: FPDF, text: str) -> None:
    pdf.set_font("DejaVu", "", 10)
    pdf.set_fill_color(244, 246, 250)
    pdf.multi_cell(
        0,
        5,
        text or " ",
        border=1,
        fill=True,
        padding=2,
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _image(pdf: FPDF, index: int, image: Mapping[str, Any], data: bytes | None) -> None:
    _heading(pdf, f"Image {index}: {image.get('name', '')}", 11)
    if data:
        width = 70.0
        height = width * image["height"] / image["width"] if image.get("width") else 40.0
        if pdf.get_y() + height > pdf.h - 25:
            pdf.add_page()
        pdf.image(io.BytesIO(data), w=width, h=height, alt_text=image.get("alt") or None)
    _line(pdf, f"Alt text: {image['alt'] or '(none)'}", size=9)
    checks = [
        "no personal information" if image["no_personal"] else "personal information NOT checked",
        "no security details" if image["no_security"] else "security details NOT checked",
        _PEOPLE.get(image["people"], image["people"]),
    ]
    if image.get("consent"):
        checks.append(f"consent {image['consent']}")
    _line(pdf, "Author confirms: " + "; ".join(checks), size=9)
    removed = ", ".join(image["removed"]) or "nothing identifying was found"
    _line(pdf, f"Removed on attach: {removed}", size=8, grey=True)


def _decision_boxes(pdf: FPDF) -> None:
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    _heading(pdf, "Decision", 11)
    y = pdf.get_y() + 1
    x = pdf.l_margin
    for label in ("Approve", "Request changes", "Reject"):
        pdf.rect(x, y, 5, 5)
        pdf.set_xy(x + 7, y)
        pdf.cell(40, 5, label)
        x += 55
    pdf.set_xy(pdf.l_margin, y + 9)
    pdf.cell(0, 5, "Comment:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.rect(pdf.l_margin, pdf.get_y(), pdf.w - pdf.l_margin - pdf.r_margin, 24)
    pdf.set_y(pdf.get_y() + 26)
    pdf.cell(0, 5, "Approver: ______________________    Date: ____________")


def _ignored_text(text: str) -> str:
    """What an override covers, in words: the text quoted, or every finding of its check."""
    return "every finding of it in this post" if text == "*" else f"\u2018{text}\u2019"


def _long(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return f"{dt.date.fromisoformat(iso):%A %d %B %Y}"
    except ValueError:
        return iso
