# SPDX-License-Identifier: MIT
"""Grammar: Harper in process by default, a LanguageTool server where one is configured.

Each rule of kind ``grammar`` names its ``engine``: ``harper`` or ``languagetool``. A
finding's check id is the rule id and the engine's own rule name
(``grammar.harper.RepeatedWords``, ``grammar.languagetool.EN_A_VS_AN``), so
``[settings] disabled`` can switch off one engine rule. ``[grammar]`` data:

- ``dialect`` (``british``); ``harper_enabled``: the only Harper rules that run (``"*"``
  runs every rule Harper runs by default); ``harper_disabled``: Harper rules switched off
  even so (``SpellCheck`` by default: spelling is enchant's job); ``harper_threads``:
  how many threads share the paragraphs of a long new text (1 to 8).
- ``languagetool_url`` (``http://host:8081``; empty for none), ``languagetool_language``
  (``en-GB``), ``languagetool_timeout`` (seconds) and ``languagetool_disabled`` (rule ids).
  When the server cannot be reached, Harper checks instead and `Grammar.status` says so.

Nothing is built when the policy loads: Harper (about a second) builds on first use.
Neither engine looks inside URLs, email addresses, @handles or #hashtags.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from checks.adapters.harper_linter import (
    DEFAULT_DISABLED,
    DIALECTS,
    MAX_THREADS,
    Lint,
    shared_linter,
)
from checks.adapters.languagetool import LanguageToolClient
from checks.adapters.personal_words import PersonalWords, default_path
from checks.adapters.word_lists import NotProse, policy_words
from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, string_list

KIND = "grammar"

ENGINES = ("harper", "languagetool")
_OPTIONS = frozenset({"engine"})


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Grammar:
    """Compile the ``grammar`` rules with the ``[grammar]`` policy data."""
    del lexicon  # the engines read whole sentences, not listed terms
    return Grammar(rules, data)


class Grammar:
    """The grammar rules of a policy: one engine per rule, built lazily, shared under locks."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any]) -> None:
        """Validate the rules and ``[grammar]``; build nothing yet."""
        self.rules: dict[str, Rule] = {}
        for rule in rules:
            unknown = sorted(set(rule.options) - _OPTIONS)
            if unknown:
                raise PolicyError(f"rule {rule.id}: unknown option '{unknown[0]}'")
            engine = rule.options.get("engine")
            if engine not in ENGINES:
                raise PolicyError(f"rule {rule.id}: 'engine' must be one of {', '.join(ENGINES)}")
            if engine in self.rules:
                raise PolicyError(f"rule {rule.id}: another rule already uses engine '{engine}'")
            self.rules[engine] = rule
        section = data.get("grammar", {})
        if not isinstance(section, Mapping):
            raise PolicyError("[grammar] must be a table")
        dialect = section.get("dialect", "british")
        if dialect not in DIALECTS:
            raise PolicyError(f"[grammar] dialect must be one of {', '.join(DIALECTS)}")
        disabled = string_list(section, "harper_disabled", "[grammar]") or DEFAULT_DISABLED
        enabled = string_list(section, "harper_enabled", "[grammar]")
        everything = not enabled or "*" in enabled
        threads = section.get("harper_threads", 1)
        if isinstance(threads, bool) or not isinstance(threads, int):
            raise PolicyError("[grammar] harper_threads must be a whole number")
        if not 1 <= threads <= MAX_THREADS:
            raise PolicyError(f"[grammar] harper_threads must be from 1 to {MAX_THREADS}")
        self.harper = shared_linter(
            dialect, frozenset(disabled), None if everything else frozenset(enabled), threads
        )
        self.languagetool = _languagetool(section) if "languagetool" in self.rules else None
        settings = data.get("settings", {})
        self.disabled = tuple(string_list(settings, "disabled", "[settings]"))
        self.words = tuple(w for entry in policy_words(data) for w in entry.split())
        #: Capitals said as a word ("a STAR officer"), not letter by letter ("an NHS trust"):
        #: the article before them is not corrected.
        self.spoken = frozenset(string_list(section, "spoken_acronyms", "[grammar]"))
        self._personal: PersonalWords | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._all_words: frozenset[str] | None = None

    def status(self) -> str:
        """One sentence for the UI: the engine in use, or why the configured one is not."""
        if self.languagetool is not None and not self.languagetool.problem:
            return self.languagetool.status()
        if self.languagetool is not None:
            return f"{self.languagetool.problem} {self.harper.status()}"
        return self.harper.status()

    def prepare(self) -> None:
        """Build Harper now (call from a worker at start-up; it builds lazily anyway)."""
        if "harper" in self.rules:
            self._tell_harper_words()
            self.harper.load()

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield a finding for each lint of the configured engine."""
        text = ctx.doc.text
        if not text.strip():
            return
        lints: Iterable[Lint] | None = None
        rule = self.rules.get("languagetool")
        if rule is not None and self.languagetool is not None:
            lints = self.languagetool.check(text)
        if lints is None:  # no LanguageTool, or it cannot be reached: Harper
            rule = self.rules.get("harper")
            if rule is not None:
                self._tell_harper_words()
                lints = self.harper.lint(text)
        if rule is None or lints is None:
            return
        verbatim = rule.options.get("engine") == "languagetool"  # its fixes are replacements
        skipped: NotProse | None = None
        for lint in lints:
            check = f"{rule.id}.{lint.rule}"
            if any(check == p or check.startswith(p + ".") for p in self.disabled):
                continue
            skipped = skipped or NotProse(text)  # found once, only when there is a lint
            if skipped.overlaps(lint.start, lint.end):
                continue
            if self.spoken and _before_spoken(text, lint.end, self.spoken):
                continue
            replacements = lint.suggestions if verbatim else lint.replacements
            found = rule.finding(
                ctx.doc, lint.start, lint.end, lint.suggestions, replacements, message=lint.message
            )
            yield dataclasses.replace(found, check=check)

    def _tell_harper_words(self) -> None:
        path = default_path()
        if self._personal is None or self._personal.path != path:
            self._personal, self._stamp = PersonalWords(path), None
        stamp = self._personal.stamp()
        if stamp != self._stamp or self._all_words is None:
            self._stamp = stamp
            self._all_words = frozenset({*self.words, *self._personal.words()})
        self.harper.set_words(self._all_words)  # the linter may be shared with another policy


_NEXT_WORD = re.compile(r"\s+([\w&.]+)")


def _before_spoken(text: str, end: int, spoken: frozenset[str]) -> bool:
    """Whether the lint's span is an article ("a", "an") before a spoken acronym."""
    article = text[max(0, end - 2) : end].strip().lower()
    if article not in ("a", "an"):
        return False
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1).rstrip(".") in spoken


def _languagetool(section: Mapping[str, Any]) -> LanguageToolClient | None:
    url = section.get("languagetool_url", "")
    language = section.get("languagetool_language", "en-GB")
    timeout = section.get("languagetool_timeout", 5)
    if not isinstance(url, str) or (url and not url.startswith(("http://", "https://"))):
        raise PolicyError("[grammar] languagetool_url must start with http:// or https://")
    if not isinstance(language, str) or not language:
        raise PolicyError("[grammar] languagetool_language must be a language code such as en-GB")
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise PolicyError("[grammar] languagetool_timeout must be a number of seconds above 0")
    disabled = string_list(section, "languagetool_disabled", "[grammar]")
    return LanguageToolClient(url, language, float(timeout), disabled) if url else None
