# SPDX-License-Identifier: MIT
"""Words never flagged: the STAR word list, glossary acronyms, and spans that are not prose."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from checks.adapters.personal_words import read_word_list
from checks.policy import shipped_policy_dir
from checks.rules import PolicyError, string_list

# URLs (with a scheme, www. or a known top-level domain), email addresses, @handles and
# #hashtags: neither spelling nor grammar looks inside them.
# The parts before "@" and between dots are bounded as the standards bound them (64 and
# 63 characters, at most a dozen labels), so no attempt scans a whole run: the search
# takes time in proportion to the text, even on "a.a.a.a..." without a space.
_NOT_PROSE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]{1,64}@[^\W_](?:[\w-]{0,62}\w)?(?:\.[^\W_](?:[\w-]{0,62}\w)?){1,12}"
    r"|(?<![\w@])@\w+"
    r"|(?<![\w&#/])#\w+"
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,12}\.(?:uk|com|org|net|gov|io|co|eu|info)\b(?:/\S*)?",
    re.IGNORECASE,
)


# Every such span lies in a run of non-space characters holding one of "@#/.", so the
# pattern runs only on those runs (about half the time on a long article).
_CANDIDATE_RUN = re.compile(r"(?<!\S)\S*[@#/.]\S*")

#: A run of non-space characters longer than this is no word of prose (a browser's
#: longest address is about 2,000 characters): it is skipped whole, which also keeps the
#: pattern's search, quadratic on a run of dotted words, to runs of bounded length.
MAX_RUN = 2048


def not_prose(text: str) -> list[tuple[int, int]]:
    """Sorted spans of the URLs, email addresses, @handles and #hashtags in ``text``."""
    if not any(c in text for c in "@#/."):
        return []
    spans: list[tuple[int, int]] = []
    for run in _CANDIDATE_RUN.finditer(text):
        if run.end() - run.start() > MAX_RUN:
            spans.append(run.span())
        else:
            spans.extend(m.span() for m in _NOT_PROSE.finditer(text, run.start(), run.end()))
    return spans


class NotProse:
    """The not-prose spans of one text, found once, asked about many times."""

    def __init__(self, text: str) -> None:
        """Find the spans of ``text`` (sorted, never overlapping)."""
        self.spans = not_prose(text)
        self._starts = [start for start, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``start:end`` overlaps a URL, email address, @handle or #hashtag."""
        index = bisect.bisect_left(self._starts, end) - 1  # the last span starting before end
        return index >= 0 and self.spans[index][1] > start


def policy_words(data: Mapping[str, Any]) -> list[str]:
    """Every word the policy accepts: ``[spelling]`` word lists and words, acronyms.

    ``[spelling] word_lists`` names files in the shipped ``words`` folder (or absolute
    paths); ``[spelling] words`` lists more words inline. The acronyms of
    ``[acronyms] approved`` and ``[acronyms.glossary]`` are added.
    """
    section = data.get("spelling", {})
    if not isinstance(section, Mapping):
        raise PolicyError("[spelling] must be a table")
    words = list(string_list(section, "words", "[spelling]"))
    folder = shipped_policy_dir() / "words"
    for name in string_list(section, "word_lists", "[spelling]"):
        path = Path(name) if Path(name).is_absolute() else folder / name
        try:
            words.extend(read_word_list(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(f"[spelling] word_lists: cannot read {path} ({exc})") from None
    acronyms = data.get("acronyms", {})
    if isinstance(acronyms, Mapping):
        approved = acronyms.get("approved", [])
        words.extend(a for a in approved if isinstance(a, str))
        glossary = acronyms.get("glossary", {})
        if isinstance(glossary, Mapping):
            words.extend(str(k) for k in glossary)
    return words
