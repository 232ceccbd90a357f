# SPDX-License-Identifier: MIT
"""Words never flagged: the STAR word list, glossary acronyms, and spans that are not prose."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from checks.adapters.personal_words import read_word_list
from checks.policy import shipped_policy_dir
from checks.rules import PolicyError, string_list

# URLs (with a scheme, www. or a known top-level domain), email addresses, @handles and
# #hashtags: neither spelling nor grammar looks inside them.
_NOT_PROSE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[^\W_](?:[\w-]*\w)?(?:\.[^\W_](?:[\w-]*\w)?)+"
    r"|(?<![\w@])@\w+"
    r"|(?<![\w&#/])#\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net|gov|io|co|eu|info)\b(?:/\S*)?",
    re.IGNORECASE,
)


# Every such span lies in a run of non-space characters holding one of "@#/.", so the
# pattern runs only on those runs (about half the time on a long article).
_CANDIDATE_RUN = re.compile(r"(?<!\S)\S*[@#/.]\S*")


def not_prose(text: str) -> list[tuple[int, int]]:
    """Sorted spans of the URLs, email addresses, @handles and #hashtags in ``text``."""
    if not any(c in text for c in "@#/."):
        return []
    return [
        m.span()
        for run in _CANDIDATE_RUN.finditer(text)
        for m in _NOT_PROSE.finditer(text, run.start(), run.end())
    ]


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
