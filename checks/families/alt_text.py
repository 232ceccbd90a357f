# SPDX-License-Identifier: MIT
"""Alt text of a post's images: present, not a file name, not "image of", not too long."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checks.prefilter import LinearPattern
from checks.rules import ImageRef, PolicyError, regex, string_list

#: What can be wrong with an image's alt text, in the order it is tested.
PROBLEMS = ("missing", "file-name", "redundant", "too-long")

_X_ALT_LIMIT = 1000  # X refuses alt text longer than this


@dataclass(frozen=True, slots=True)
class AltProblem:
    """One thing wrong with an image's alt text: which, and a better alt text if one exists."""

    problem: str
    better: str = ""


class AltTextRules:
    """The ``[accessibility]`` data the alt-text test reads, validated."""

    def __init__(self, section: Mapping[str, Any]) -> None:
        """Read ``max_alt_length``, ``alt_redundant_starts`` and ``alt_file_patterns``."""
        where = "[accessibility]"
        limit = section.get("max_alt_length", 250)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= _X_ALT_LIMIT:
            raise PolicyError(f"{where} max_alt_length must be a whole number from 1 to 1000")
        self.max_length = limit
        starts = string_list(section, "alt_redundant_starts", where)
        words = sorted({" ".join(s.lower().split()) for s in starts if s.strip()}, key=len)
        alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in reversed(words))
        self._redundant = (
            re.compile(rf"\s*(?:{alternatives})(?:\b|(?<=\W))[\s:,-]*", re.IGNORECASE)
            if words
            else None
        )
        patterns = string_list(section, "alt_file_patterns", where)
        self._file_names = [_whole(p, f"{where} alt_file_patterns") for p in patterns]

    def problems(self, image: ImageRef) -> list[AltProblem]:
        """What is wrong with ``image``'s alt text (an empty list when nothing is)."""
        alt = image.alt.strip()
        if not alt:
            return [AltProblem("missing")]
        found: list[AltProblem] = []
        if self.is_file_name(alt, image.name):
            found.append(AltProblem("file-name"))
        else:
            redundant = self._redundant.match(alt) if self._redundant else None
            if redundant:
                rest = alt[redundant.end() :]
                found.append(AltProblem("redundant", rest[:1].upper() + rest[1:]))
        if len(alt) > self.max_length:
            found.append(AltProblem("too-long"))
        return found

    def is_file_name(self, alt: str, name: str) -> bool:
        """True when ``alt`` is the image's own name or looks like any file name."""
        stem = name.rsplit(".", 1)[0] if "." in name else name
        if name and alt.casefold() in {name.casefold(), stem.casefold()}:
            return True
        return any(matches(alt) for matches in self._file_names)


def reasons(options: Mapping[str, Any], rule_id: str) -> dict[str, str]:
    """The rule's ``reasons`` table: one explanation per entry of `PROBLEMS`."""
    table = options.get("reasons")
    if not isinstance(table, Mapping):
        raise PolicyError(f"rule {rule_id}: 'reasons' must be a table ({', '.join(PROBLEMS)})")
    missing = [p for p in PROBLEMS if not isinstance(table.get(p), str)]
    if missing:
        raise PolicyError(f"rule {rule_id}: 'reasons' needs a text for '{missing[0]}'")
    unknown = sorted(set(table) - set(PROBLEMS))
    if unknown:
        raise PolicyError(f"rule {rule_id}: 'reasons' has an unknown entry '{unknown[0]}'")
    for problem in PROBLEMS:
        try:
            table[problem].format(max=1, length=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise PolicyError(
                f"rule {rule_id}: reason '{problem}' may only use {{max}} and {{length}} ({exc})"
            ) from None
    return {p: str(table[p]) for p in PROBLEMS}


def suggestions_for(problem: AltProblem, general: Sequence[str]) -> list[str]:
    """What to offer the author: a better alt text first, when there is one."""
    return [problem.better, *general] if problem.better else list(general)


def _whole(pattern: str, label: str) -> Callable[[str], bool]:
    """A test that ``pattern`` matches a whole alt text, ignoring case.

    On RE2 (`LinearPattern`: time in proportion to the text) when it can run the pattern,
    as it must an administrator's (the policy refuses one it cannot); else on ``re``.
    """
    compiled = regex(pattern, label)
    try:
        linear = LinearPattern(f"(?i)(?:{pattern})$")
    except ValueError:
        return lambda text: compiled.fullmatch(text) is not None
    return lambda text: linear.match(text, 0) is not None
