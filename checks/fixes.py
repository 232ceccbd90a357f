# SPDX-License-Identifier: MIT
"""Applying a fix to the text: which characters a replacement takes, and what goes there.

A removal ("" in a finding's replacements) takes a space with it so no gap is left:
the space after the words ("a total moron today" -> "a total today"), or the space
before them when punctuation follows ("a total moron." -> "a total."). Words removed
from the start of a sentence hand its capital on ("Fuck yes! ..." -> "Yes! ...").
The editor and the tests apply fixes through `fix_edit`, so what is tested is what the
author gets.
"""

from __future__ import annotations

from typing import NamedTuple

_PUNCTUATION = frozenset(".,;:!?)")
_SENTENCE_END = frozenset(".!?\n")


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str


def fix_edit(text: str, start: int, end: int, replacement: str) -> Edit:
    """The edit that applies ``replacement`` to a finding at ``start:end``."""
    if replacement:
        return Edit(start, end, replacement)
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    if before in ("", " ", "\n") and after == " ":
        end += 1
        if _starts_sentence(text, start) and text[end : end + 1].islower():
            return Edit(start, end + 1, text[end].upper())
        return Edit(start, end, "")
    if before == " " and (after in _PUNCTUATION or after in ("", "\n")):
        return Edit(start - 1, end, "")
    return Edit(start, end, "")


def applied(text: str, start: int, end: int, replacement: str) -> str:
    """``text`` with the fix applied."""
    edit = fix_edit(text, start, end, replacement)
    return text[: edit.start] + edit.new + text[edit.end :]


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in _SENTENCE_END
