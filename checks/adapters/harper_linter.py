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
#: word while it finds suggestions); LookingForwardTo, because it prints debugging text
#: to standard output (harper-py 0.2.0), which would corrupt the command line's JSON.
DEFAULT_DISABLED = ("SpellCheck", "LookingForwardTo")
#: Lint kinds dropped whatever rule made them, for the same reason.
DROPPED_KINDS = frozenset({"Spelling"})
DIALECTS = ("american", "british", "australian", "canadian", "indian")
#: What a removal offers the author; its replacement is "" (delete the span).
REMOVE_SUGGESTION = "Remove this"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CACHE_SIZE = 4096  # paragraphs
#: Paragraphs go to Harper in batches of about this many characters (some 700 words).
#: Harper's plain-text cost grows faster than the text: one call on a 10,000-word
#: article costs twice as much as the same text in batches of 200 to 1,600 words.
BATCH_CHARS = 4000
_WARM_UP = "We checks a apple."
MAX_THREADS = 8
#: Fewer new batches than this are linted on the calling thread alone.
_MIN_SHARED_BATCHES = 3
#: harper.SuggestionKind values (harper.js's): replace, remove, insert after.
_REPLACE, _REMOVE, _INSERT_AFTER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Lint:
    """One grammar problem: a span in Python string offsets, the engine's rule and fixes.

    ``suggestions`` are what the author is offered; ``replacements`` are verbatim fixes
    for the span ("" deletes it), empty when the engine gives none.
    """

    start: int
    end: int
    rule: str
    message: str
    suggestions: tuple[str, ...] = ()
    replacements: tuple[str, ...] = ()


@functools.lru_cache(maxsize=8)
def shared_linter(
    dialect: str,
    disabled: frozenset[str],
    enabled: frozenset[str] | None = None,
    threads: int = 1,
) -> HarperLinter:
    """One linter per settings for the whole process (Harper's dictionary takes a second)."""
    return HarperLinter(dialect, disabled, enabled, threads)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text`` (separated by blank lines), empty ones left out.

    A paragraph longer than `MAX_PART` is cut into parts at the last sentence end (or
    space) before the limit: Harper's time grows with the square of a paragraph's
    length on some text, and a part of bounded length keeps the whole linear.
    """
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            spans.extend(_parts(text, start, match.start()))
        start = match.end()
    if start < len(text):
        spans.extend(_parts(text, start, len(text)))
    return spans


#: The longest text Harper is given at once (a long paragraph is cut before this).
MAX_PART = 1500
_SENTENCE_END = re.compile(r"[.!?]\s+")
#: Runs of symbols (no letter, digit or space) longer than this are hidden from Harper
#: as spaces of the same length: "((((", "@@@@", a line of emoji. Harper takes time
#: growing with the square of such a run and has nothing to say about it.
_SYMBOL_RUN = re.compile(r"[^\w\s]{9,}")


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts = []
    while end - start > MAX_PART:
        limit = start + MAX_PART
        cut = max((m.end() for m in _SENTENCE_END.finditer(text, start, limit)), default=0)
        if cut <= start:
            cut = text.rfind(" ", start, limit) + 1
        if cut <= start:
            cut = limit
        parts.append((start, cut))
        start = cut
    parts.append((start, end))
    return parts


def masked(part: str) -> str:
    """``part`` with runs of symbols replaced by as many spaces (offsets are kept)."""
    return _SYMBOL_RUN.sub(lambda m: " " * len(m.group(0)), part)


def batches(texts: list[str], size: int | None = None) -> list[list[str]]:
    """``texts`` in order, grouped to about ``size`` characters a group (`BATCH_CHARS`)."""
    size = BATCH_CHARS if size is None else size
    groups: list[list[str]] = []
    current: list[str] = []
    count = 0
    for text in texts:
        if current and count + len(text) > size:
            groups.append(current)
            current, count = [], 0
        current.append(text)
        count += len(text) + 2
    if current:
        groups.append(current)
    return groups


class HarperLinter:
    """Harper's linter for one dialect, built once on first use (about a second).

    Harper's ``Linter`` is not thread-safe, so every call holds one lock. Results are
    cached per paragraph: while an author types, only the changed paragraph is linted.
    When many paragraphs are new (a pasted or opened article), ``threads`` native
    linters share them out: Harper releases the GIL, and a further linter costs about
    20 ms to build and no memory to speak of (the dictionary is shared).
    """

    def __init__(
        self,
        dialect: str = "british",
        disabled: Iterable[str] = DEFAULT_DISABLED,
        enabled: Iterable[str] | None = None,
        threads: int = 1,
    ) -> None:
        """Remember the settings; nothing is built until `lint` or `load`.

        ``enabled`` names the only Harper rules to run (less ``disabled``); ``None``
        runs every rule Harper runs by default. Fewer rules cost less time: Harper's
        cost is spread evenly over its 900 or so rules, on top of its parsing.
        """
        if dialect not in DIALECTS:
            raise ValueError(f"dialect must be one of {', '.join(DIALECTS)}")
        if not 1 <= threads <= MAX_THREADS:
            raise ValueError(f"threads must be from 1 to {MAX_THREADS}")
        self.threads = threads
        self.dialect = dialect
        self.disabled = frozenset(disabled)
        self.enabled = None if enabled is None else frozenset(enabled)
        self._linter: Any = None
        self._helpers: list[Any] = []  # more native linters, built for the first long text
        self._settings: dict[str, bool | None] = {}
        self._loaded = False
        self._problem = ""
        self._unknown: list[str] = []
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
        unknown = f"; Harper has no rule named {', '.join(self._unknown)}" if self._unknown else ""
        return f"Grammar: Harper, {self.dialect} English{state}{unknown}."

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
            cache = self._cache
            parts = [(start, masked(text[start:end])) for start, end in spans]
            missing = list(dict.fromkeys(p for _, p in parts if p not in cache))
            groups = batches(missing)
            if len(groups) >= _MIN_SHARED_BATCHES and self.threads > 1:
                self._lint_shared(groups)
            else:
                for group in groups:
                    self._cache_lints(group, _lint_paragraphs(self._linter, group))
            found: list[Lint] = []
            for start, paragraph in parts:
                cache.move_to_end(paragraph)
                found.extend(x if not start else _shifted(x, start) for x in cache[paragraph])
            while len(cache) > _CACHE_SIZE:
                cache.popitem(last=False)
        return found

    def imported_words(self) -> list[str]:
        """The words Harper has been told to accept (empty before it is built)."""
        with self._lock:
            return list(self._linter.export_words()) if self._linter is not None else []

    def active_rules(self) -> list[str]:
        """The names of the Harper rules switched on (empty before it is built)."""
        with self._lock:
            if self._linter is None:
                return []
            return sorted(k for k, v in self._linter.get_lint_config().items() if v)

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
            self._settings = self._config(linter.get_default_lint_config())
            linter.set_lint_config(self._settings)
            linter.lint(_WARM_UP, language="plaintext")  # Harper's first lint costs ~20 ms more
        except Exception as exc:  # ImportError, or a failure inside the native library
            self._problem = (
                f"Grammar is not checked: Harper is unavailable ({type(exc).__name__}: {exc})."
            )
            logger.warning("%s", self._problem)
            return
        self._linter = linter
        if self._words:
            self._import_words()

    def _config(self, defaults: dict[str, bool]) -> dict[str, bool | None]:
        """Harper's lint configuration for these settings; unknown names are noted."""
        named = self.disabled | (self.enabled or frozenset())
        self._unknown = sorted(named - set(defaults))
        if self._unknown:
            logger.warning("Harper has no rule named %s; ignored", ", ".join(self._unknown))
        if self.enabled is None:
            return {k: (False if k in self.disabled else v) for k, v in defaults.items()}
        return {k: (k in self.enabled and k not in self.disabled) for k in defaults}

    def _import_words(self) -> None:
        for linter in (self._linter, *self._helpers):
            linter.clear_words()
            linter.import_words(sorted(self._words))
        self._cache.clear()

    def _cache_lints(self, texts: list[str], found: list[list[Lint]]) -> None:
        for paragraph, lints in zip(texts, found, strict=True):
            self._cache[paragraph] = tuple(sorted(lints, key=lambda x: (x.start, x.end, x.rule)))

    def _lint_shared(self, groups: list[list[str]]) -> None:
        """Lint ``groups`` on ``threads`` threads, each with its own native linter."""
        try:
            while len(self._helpers) < self.threads - 1:
                self._helpers.append(self._build_helper())
        except Exception as exc:  # the main linter works: carry on with it alone
            logger.warning("Harper: no second linter (%s); one thread lints", exc)
            self.threads = 1
        pending = iter(groups)
        take = threading.Lock()
        results: list[tuple[list[str], list[list[Lint]]]] = []
        errors: list[BaseException] = []

        def work(linter: Any) -> None:  # noqa: ANN401 (harper.Linter)
            try:
                while True:
                    with take:
                        group = next(pending, None)
                    if group is None:
                        return
                    results.append((group, _lint_paragraphs(linter, group)))
            except BaseException as exc:  # re-raised on the calling thread
                errors.append(exc)

        workers = [threading.Thread(target=work, args=(x,), daemon=True) for x in self._helpers]
        for worker in workers:
            worker.start()
        work(self._linter)
        for worker in workers:
            worker.join()
        if errors:
            raise errors[0]
        for group, found in results:
            self._cache_lints(group, found)

    def _build_helper(self) -> Any:  # noqa: ANN401 (harper.Linter)
        import harper

        linter = harper.Linter(harper.Dialect[self.dialect.upper()])
        linter.set_lint_config(self._settings)
        linter.lint(_WARM_UP, language="plaintext")
        if self._words:
            linter.import_words(sorted(self._words))
        return linter


def _lint_paragraphs(linter: Any, texts: list[str]) -> list[list[Lint]]:  # noqa: ANN401
    """Each of ``texts``' lints, from one Harper call on them joined by blank lines."""
    joined = "\n\n".join(texts)
    starts, offset = [], 0
    for paragraph in texts:
        starts.append(offset)
        offset += len(paragraph) + 2
    per_paragraph: list[list[Lint]] = [[] for _ in texts]
    for rule, lints in linter.organized_lints(joined, language="plaintext").items():
        for lint in lints:
            if lint.lint_kind in DROPPED_KINDS:
                continue
            start, end = lint.span.start, lint.span.end
            index = bisect.bisect_right(starts, start) - 1
            base = starts[index]
            if not (0 <= start - base < end - base <= len(texts[index])):
                continue  # empty, or across a paragraph break
            suggestions, replacements = _fixes(lint)
            per_paragraph[index].append(
                Lint(start - base, end - base, rule, lint.message, suggestions, replacements)
            )
    return per_paragraph


def _shifted(lint: Lint, offset: int) -> Lint:
    return Lint(
        lint.start + offset,
        lint.end + offset,
        lint.rule,
        lint.message,
        lint.suggestions,
        lint.replacements,
    )


def _fixes(lint: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:  # noqa: ANN401 (harper.Lint)
    """The suggestions and the verbatim replacements of a Harper lint.

    A replacement is what the span becomes: the new text, the span with text inserted
    after it, or "" for a removal (offered to the author as "Remove this").
    """
    replacements = []
    for suggestion in lint.suggestions:
        kind = int(suggestion.kind)
        if kind == _REPLACE:
            replacements.append(suggestion.replacement_text)
        elif kind == _INSERT_AFTER:
            replacements.append(lint.problem_text + suggestion.replacement_text)
        elif kind == _REMOVE:
            replacements.append("")
    unique = tuple(dict.fromkeys(r for r in replacements if r != lint.problem_text))
    suggestions = tuple(r if r else REMOVE_SUGGESTION for r in unique)
    return suggestions, unique
