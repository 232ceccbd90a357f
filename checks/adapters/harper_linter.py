# SPDX-License-Identifier: MIT
"""Harper in process: one linter, built on first use, shared under a lock, paragraphs cached."""

from __future__ import annotations

import bisect
import functools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

#: Harper rules switched off by default: its spell checker, because spelling is enchant's
#: job (en_GB, the STAR and personal word lists) and because it is slow (about 40 ms a
#: word while it finds suggestions).
DEFAULT_DISABLED = ("SpellCheck",)
#: Lint kinds dropped whatever rule made them, for the same reason.
DROPPED_KINDS = frozenset({"Spelling"})
DIALECTS = ("american", "british", "australian", "canadian", "indian")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CACHE_SIZE = 4096  # paragraphs


@dataclass(frozen=True, slots=True)
class Lint:
    """One grammar problem: a span in Python string offsets, the engine's rule and fixes."""

    start: int
    end: int
    rule: str
    message: str
    suggestions: tuple[str, ...] = ()


@functools.lru_cache(maxsize=8)
def shared_linter(dialect: str, disabled: frozenset[str]) -> HarperLinter:
    """One linter per settings for the whole process: each costs about a second to build."""
    return HarperLinter(dialect, disabled)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text`` (separated by blank lines), empty ones left out."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class HarperLinter:
    """Harper's linter for one dialect, built once on first use (about a second).

    Harper's ``Linter`` is not thread-safe, so every call holds one lock. Results are
    cached per paragraph: while an author types, only the changed paragraph is linted.
    """

    def __init__(
        self, dialect: str = "british", disabled: Iterable[str] = DEFAULT_DISABLED
    ) -> None:
        """Remember the settings; nothing is built until `lint` or `load`."""
        if dialect not in DIALECTS:
            raise ValueError(f"dialect must be one of {', '.join(DIALECTS)}")
        self.dialect = dialect
        self.disabled = frozenset(disabled)
        self._linter: Any = None
        self._loaded = False
        self._problem = ""
        self._words: frozenset[str] = frozenset()
        self._cache: OrderedDict[str, tuple[Lint, ...]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def problem(self) -> str:
        """Why grammar is not checked with Harper (empty when it is, or before first use)."""
        return self._problem

    def status(self) -> str:
        """One sentence for the UI."""
        if self._problem:
            return self._problem
        state = "" if self._loaded else " (not loaded yet)"
        return f"Grammar: Harper, {self.dialect} English{state}."

    def load(self) -> bool:
        """Build the linter now; True when Harper is available."""
        with self._lock:
            self._load()
        return self._linter is not None

    def set_words(self, words: Collection[str]) -> None:
        """Make Harper accept ``words`` (the STAR and personal word lists) from now on."""
        wanted = frozenset(words)
        if wanted is self._words or wanted == self._words:
            return
        with self._lock:
            self._words = wanted
            if self._linter is not None:
                self._import_words()

    def lint(self, text: str) -> list[Lint]:
        """Harper's lints on ``text``, spans in Python string offsets, in text order."""
        spans = paragraphs(text)
        with self._lock:
            self._load()
            if self._linter is None:
                return []
            missing = list(
                dict.fromkeys(text[a:b] for a, b in spans if text[a:b] not in self._cache)
            )
            if missing:
                self._lint_paragraphs(missing)
            found: list[Lint] = []
            for start, end in spans:
                paragraph = text[start:end]
                self._cache.move_to_end(paragraph)
                found.extend(
                    Lint(start + x.start, start + x.end, x.rule, x.message, x.suggestions)
                    for x in self._cache[paragraph]
                )
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return found

    def imported_words(self) -> list[str]:
        """The words Harper has been told to accept (empty before it is built)."""
        with self._lock:
            return list(self._linter.export_words()) if self._linter is not None else []

    @property
    def loaded(self) -> bool:
        """True once the linter has been built (or has failed to build)."""
        return self._loaded

    def clear_cache(self) -> None:
        """Forget every linted paragraph (benchmarks measure a cold run with this)."""
        with self._lock:
            self._cache.clear()

    # helpers (called with the lock held)

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            import harper  # the native library loads on first use

            linter = harper.Linter(harper.Dialect[self.dialect.upper()])
            config = linter.get_lint_config()
            unknown = sorted(self.disabled - set(config))
            if unknown:
                logger.warning("Harper has no rule named %s; ignored", ", ".join(unknown))
            linter.set_lint_config(
                {k: (False if k in self.disabled else v) for k, v in config.items()}
            )
        except Exception as exc:  # ImportError, or a failure inside the native library
            self._problem = (
                f"Grammar is not checked: Harper is unavailable ({type(exc).__name__}: {exc})."
            )
            logger.warning("%s", self._problem)
            return
        self._linter = linter
        if self._words:
            self._import_words()

    def _import_words(self) -> None:
        self._linter.clear_words()
        self._linter.import_words(sorted(self._words))
        self._cache.clear()

    def _lint_paragraphs(self, texts: list[str]) -> None:
        """Lint ``texts`` in one call, joined by blank lines, and cache each one's lints."""
        joined = "\n\n".join(texts)
        starts, offset = [], 0
        for paragraph in texts:
            starts.append(offset)
            offset += len(paragraph) + 2
        per_paragraph: list[list[Lint]] = [[] for _ in texts]
        for rule, lints in self._linter.organized_lints(joined, language="plaintext").items():
            for lint in lints:
                if lint.lint_kind in DROPPED_KINDS:
                    continue
                start, end = lint.span.start, lint.span.end
                index = bisect.bisect_right(starts, start) - 1
                base = starts[index]
                if not (0 <= start - base < end - base <= len(texts[index])):
                    continue  # empty, or across a paragraph break
                per_paragraph[index].append(
                    Lint(start - base, end - base, rule, lint.message, _fixes(lint))
                )
        for paragraph, lints in zip(texts, per_paragraph, strict=True):
            self._cache[paragraph] = tuple(sorted(lints, key=lambda x: (x.start, x.end, x.rule)))


def _fixes(lint: Any) -> tuple[str, ...]:  # noqa: ANN401 (harper.Lint)
    """What the span becomes under each suggestion; removals have no replacement text."""
    import harper

    fixes = []
    for suggestion in lint.suggestions:
        if suggestion.kind == harper.SuggestionKind.REPLACE:
            fixes.append(suggestion.replacement_text)
        elif suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
            fixes.append(lint.problem_text + suggestion.replacement_text)
    return tuple(dict.fromkeys(f for f in fixes if f))
