# SPDX-License-Identifier: MIT
r"""What a policy file may hold: the known keys of each section and their types.

A policy file that IT or an administrator edits by hand is refused, with its file, line
and key, when a key is misspelt (``disabeld``: "did you mean 'disabled'?"), a value has
the wrong type (``settings = 5``, ``disabled = [1, 2]``), a message template could not be
filled in (``"m {"``, ``"{0}"``, ``"{match:>99999999999}"``), or an administrator's
pattern cannot run on RE2 (a lookaround: an administrator's patterns must run in linear
time). Anything else would surface later as a traceback in the middle of a check.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import string
import urllib.parse
from collections.abc import Iterator, Mapping
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from checks.prefilter import LinearPattern

STRING, INTEGER, NUMBER, BOOLEAN = "a text", "a whole number", "a number", "true or false"
STRINGS, LIST, TABLE, DATE = "a list of texts", "a list", "a table", "a date (YYYY-MM-DD)"
TABLES = "an array of tables ([[...]])"

_ACCESSIBILITY = {
    "max_hashtags": INTEGER, "max_emoji": INTEGER, "words": STRINGS, "acronyms": STRINGS,
    "not_emoji": STRINGS, "max_links": INTEGER, "link_platforms": STRINGS,
    "max_alt_length": INTEGER, "alt_redundant_starts": STRINGS, "alt_file_patterns": STRINGS,
    "word_emoji": TABLE, "emoji_words": TABLE,
}  # fmt: skip

#: Section -> key -> type. ``None`` for a section whose keys are free (named word lists).
SCHEMA: Mapping[str, Mapping[str, str] | None] = {
    "settings": {"disabled": STRINGS, "max_text_kb": INTEGER, "classifier_model": STRING},
    "councils": {"names": STRINGS},
    "images": {
        "max_megapixels": NUMBER, "max_frames": INTEGER, "max_file_mb": NUMBER,
        "alt_limits": TABLE, "max_upload_mb": TABLE,
    },
    "election": {
        "period_start": DATE, "period_end": DATE, "parties": STRINGS,
        "not_followed_by": STRINGS, "councillors": STRINGS, "candidates": STRINGS,
        "tenders": STRINGS,
    },
    "plain_english": {
        "max_sentence_words": INTEGER, "reading_age_min_words": INTEGER,
        "simpler_words": TABLE, "reading_age": TABLE,
    },
    "grammar": {
        "dialect": STRING, "spoken_acronyms": STRINGS, "harper_enabled": STRINGS,
        "harper_disabled": STRINGS, "harper_threads": INTEGER, "languagetool_url": STRING,
        "languagetool_language": STRING, "languagetool_timeout": NUMBER,
        "languagetool_disabled": STRINGS,
    },
    "spelling": {
        "language": STRING, "word_lists": STRINGS, "words": STRINGS,
        "max_suggestions": INTEGER, "max_suggested_words": INTEGER,
    },
    "length": {"x": TABLE, "linkedin": TABLE, "website": TABLE},
    "acronyms": {"approved": STRINGS, "words": STRINGS, "glossary": TABLE},
    "accessibility": _ACCESSIBILITY,
    "offensive": {"words": STRINGS, "mild": STRINGS, "allow": STRINGS},
    "contacts": {
        "allowed_emails": STRINGS, "allowed_email_domains": STRINGS,
        "role_mailboxes": STRINGS, "allowed_phones": STRINGS, "allowed_postcodes": STRINGS,
    },
    "personal_data": {"drama_phone_ranges": LIST, "not_name_words": STRINGS},
    "vocabulary": None,
    "team": {"url": STRING},
}  # fmt: skip

#: Sections that are arrays of tables, with the keys of each table.
ARRAYS: Mapping[str, Mapping[str, str]] = {
    "tenders": {
        "title": STRING, "reference": STRING, "bidders": STRINGS, "status": STRING,
        "awarded_to": STRING,
    },
    "approvers": {"name": STRING, "fingerprint": STRING},
}  # fmt: skip

#: Names a rule's message may use ("{match}", "{suggestion}" ...): any word is allowed
#: (each kind fills in its own), numbers and attribute or index lookups are not.
_FIELD = re.compile(r"[a-z_]+\Z")
#: A width or precision of more than three digits in a message field.
_HUGE_SPEC = re.compile(r"\d{4,}")


def problems(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(key path, reason) for each problem in one file's parsed sections."""
    for section, value in data.items():
        if section in ("version", "rules"):
            continue
        if section in ARRAYS:
            yield from _array_problems(section, value)
            continue
        keys = SCHEMA.get(section, {})
        if not isinstance(value, dict):
            yield section, f"[{section}] must be a table of settings, not {_kind(value)}"
            continue
        for key, item in value.items():
            expected = STRINGS if keys is None else keys.get(key)
            if expected is None:
                yield f"{section}.{key}", _unknown(section, key, list(keys or ()))
            elif not _fits(item, expected):
                yield f"{section}.{key}", f"[{section}] {key} must be {expected}, not {_kind(item)}"
            elif (section, key) == ("team", "url") and (problem := team_url_problem(item)):
                yield "team.url", problem


def team_url_problem(url: str) -> str | None:
    """Why ``[team] url`` is refused: not a PostgreSQL address, or it holds a password."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        return "[team] url must be a PostgreSQL address: postgresql://server/database"
    query = urllib.parse.parse_qs(parts.query)
    if parts.password or "password" in query:
        return (
            "[team] url must not hold a password (everyone can read the policy): put it in "
            "the user's own password file (pgpass), or let the server trust the logon"
        )
    return None


def _array_problems(section: str, value: object) -> Iterator[tuple[str, str]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        yield section, f"'{section}' must be {TABLES}, one [[{section}]] per entry"
        return
    keys = ARRAYS[section]
    for entry in value:
        for key, item in entry.items():
            if key not in keys:
                yield f"{section}.{key}", _unknown(f"[{section}]", key, list(keys))
            elif not _fits(item, keys[key]):
                yield f"{section}.{key}", f"[[{section}]] {key} must be {keys[key]}"


def _unknown(section: str, key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f": did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(known))})"
    return f"[{section.strip('[]')}] has no setting '{key}'{hint}"


def _fits(value: object, expected: str) -> bool:
    if expected == STRING:
        return isinstance(value, str)
    if expected == INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected == BOOLEAN:
        return isinstance(value, bool)
    if expected == STRINGS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if expected == LIST:
        return isinstance(value, list)
    if expected == TABLE:
        return isinstance(value, dict)
    if expected == DATE:
        return isinstance(value, dt.date | str)
    return True


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list" + (
            " holding non-texts" if any(not isinstance(v, str) for v in value) else ""
        )
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def message_problem(message: str) -> str | None:
    """Why a rule's message template cannot be filled in, or None when it can."""
    try:
        fields = list(string.Formatter().parse(message))
    except ValueError as exc:
        return f"message {message!r} is not a valid template ({exc}); write {{{{ for a brace"
    for _, name, spec, _ in fields:
        if name is None:
            continue
        if not _FIELD.match(name):
            return f"message {message!r} uses '{{{name}}}': only names such as {{match}}"
        if spec and (_HUGE_SPEC.search(spec) or "{" in spec):
            return f"message {message!r}: the format '{spec}' in '{{{name}}}' is not allowed"
    try:
        message.format_map(_Anything())
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        return f"message {message!r} cannot be filled in ({exc})"
    return None


class _Anything(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "text"


#: What RE2 says, and what it means to an administrator.
_RE2_HINTS = (
    ("(?=", "a lookahead"),
    ("(?!", "a lookahead"),
    ("(?<", "a lookbehind"),
    ("(?P=", "a backreference"),
    ("backreference", "a backreference"),
    ("(?>", "an atomic group"),
    ("*+", "a possessive repeat"),
    ("++", "a possessive repeat"),
    ("?+", "a possessive repeat"),
    ("}+", "a possessive repeat"),
    ("repetition size", "a repeat of more than 1000"),
)


def pattern_problem(pattern: str) -> str | None:
    r"""Why an administrator's pattern is refused: invalid, or RE2 cannot run it.

    An administrator's patterns run on RE2 (`checks.prefilter.LinearPattern`), whose time
    grows with the text only, so a pattern such as ``(\w+\s?)+!$`` cannot hang a check;
    RE2 has no lookarounds, backreferences, atomic groups or possessive repeats.
    """
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"invalid pattern {pattern!r}: {exc}"
    try:
        LinearPattern(pattern)
    except ValueError as exc:
        return not_linear(pattern, str(exc))
    return None


def not_linear(pattern: str, reason: str) -> str:
    """The refusal of a pattern that RE2 cannot run, with RE2's ``reason``."""
    what = next((hint for needle, hint in _RE2_HINTS if needle in reason), "")
    if what and what.split()[-1] in reason:  # RE2 did not say it, our translation did
        what = ""
    return (
        f"pattern {pattern!r} cannot run on RE2 ({reason}){': it has ' + what if what else ''};"
        " an administrator's patterns must run in linear time: write it without"
        " lookarounds, backreferences, atomic groups or possessive repeats"
    )


#: Repeats of repeats take exponential time on a near miss: "(\w+\s?)+!" on a long line.
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}


def backtracking_problem(pattern: str) -> str | None:
    """Why a pattern that must run on Python's ``re`` could hang a check, or None.

    Only for a pattern RE2 cannot run that is not an administrator's top-level pattern
    (those are refused at load): one the code builds from the policy's data, such as the
    election's party names with a lookahead, or one in a nested table.
    """
    if _nested_repeat(sre_parse.parse(pattern), inside=False):
        return "it repeats a part that itself repeats, which can take minutes on one post"
    return None


def _nested_repeat(parsed: Any, *, inside: bool) -> bool:  # noqa: ANN401 (sre's types)
    for op, argument in parsed:
        if op in _REPEATS:
            _, high, sub = argument
            if inside and (high is sre_parse.MAXREPEAT or high > 1):
                return True  # a repeat inside an unbounded repeat ("{0,3}" outside is fine)
            if _nested_repeat(sub, inside=inside or high is sre_parse.MAXREPEAT):
                return True
        elif op is sre_parse.SUBPATTERN:
            if _nested_repeat(argument[-1], inside=inside):
                return True
        elif op is sre_parse.BRANCH:
            if any(_nested_repeat(branch, inside=inside) for branch in argument[1]):
                return True
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            if _nested_repeat(argument[1], inside=inside):
                return True
        elif op is sre_parse.ATOMIC_GROUP and _nested_repeat(argument, inside=inside):
            return True
    return False
