# SPDX-License-Identifier: MIT
"""pyenchant behind a wrapper that never fails: without a dictionary it accepts every word."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import Protocol

logger = logging.getLogger(__name__)

_CACHE_SIZE = 20_000  # distinct words remembered (a 10,000-word article has ~1,500)
_LONGEST_EDITED = 20  # longer words get enchant's suggestions only
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Dictionary(Protocol):
    """The part of ``enchant.Dict`` the speller uses (tests pass a stand-in)."""

    def check(self, word: str) -> bool:
        """True when ``word`` is spelled correctly."""
        ...

    def suggest(self, word: str) -> list[str]:
        """Corrections for ``word``, best first."""
        ...


def open_enchant(tag: str) -> Dictionary:
    """``enchant.Dict(tag)``; raises ImportError, OSError or enchant's error when unavailable."""
    import enchant  # the C library loads on first use

    dictionary: Dictionary = enchant.Dict(tag)
    return dictionary


@functools.lru_cache(maxsize=8)
def shared_speller(tag: str) -> EnchantSpeller:
    """One speller per dictionary tag for the whole process, so a reloaded policy reuses it."""
    return EnchantSpeller(tag)


class EnchantSpeller:
    """An enchant dictionary opened on first use, with a cache of checked words.

    When the enchant library or the dictionary for ``tag`` is missing, `problem` says so
    in one sentence, one warning is logged, and every word is accepted: the other checks
    still run.
    """

    def __init__(
        self, tag: str = "en_GB", opener: Callable[[str], Dictionary] = open_enchant
    ) -> None:
        """Remember ``tag`` (``en_GB``); ``opener`` opens the dictionary (a stand-in in tests)."""
        self.tag = tag
        self._opener = opener
        self._dictionary: Dictionary | None = None
        self._loaded = False
        self._problem = ""
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}
        self._searched: set[str] = set()
        self._lock = threading.Lock()

    @property
    def problem(self) -> str:
        """Why spelling is not checked (empty when it is, or before first use)."""
        return self._problem

    def status(self) -> str:
        """One sentence for the UI: what checks spelling, or why nothing does."""
        if self._problem:
            return self._problem
        if not self._loaded:
            return f"Spelling: enchant dictionary {self.tag} not loaded yet."
        return f"Spelling: enchant dictionary {self.tag}."

    @property
    def loaded(self) -> bool:
        """True once the dictionary has been opened (or has failed to open)."""
        return self._loaded

    def load(self) -> bool:
        """Open the dictionary now (it opens on first use otherwise); True when available."""
        if not self._loaded:
            with self._lock:
                self._load()
        return self._dictionary is not None

    def check(self, word: str) -> bool:
        """True when ``word`` is spelled correctly, or when no dictionary is available."""
        known = self._known.get(word)
        if known is not None:
            return known
        with self._lock:
            if not self._loaded:
                self._load()
            if self._dictionary is None:
                return True
            try:
                known = bool(self._dictionary.check(word))
            except Exception:  # enchant refuses some strings
                known = True
            if len(self._known) >= _CACHE_SIZE:
                self._known.clear()
            self._known[word] = known
        return known

    def suggest(self, word: str, limit: int = 5, *, thorough: bool = True) -> tuple[str, ...]:
        """Up to ``limit`` corrections for ``word``, best first, cached.

        Known words one edit away (a swap, an insertion, a deletion, a replacement) come
        first: a few milliseconds. Only when there are none and ``thorough`` is set does
        enchant's own search run, which takes 40-70 ms a word.
        """
        if not self.load():
            return ()
        cached = self._suggestions.get(word)
        if cached is None or (thorough and not cached and word not in self._searched):
            found = self._one_edit(word)
            if not found and thorough:
                self._searched.add(word)
                with self._lock:
                    try:
                        found = self._dictionary.suggest(word) if self._dictionary else []
                    except Exception:
                        found = []
            cached = tuple(dict.fromkeys(s for s in found if s != word))
            if len(self._suggestions) >= _CACHE_SIZE:
                self._suggestions.clear()
                self._searched.clear()
            self._suggestions[word] = cached
        return cached[:limit]

    def _one_edit(self, word: str) -> list[str]:
        """Known words one edit away from ``word`` (letters a-z only), swaps first."""
        lower = word.lower()
        if not lower.isascii() or not lower.isalpha() or len(lower) > _LONGEST_EDITED:
            return []
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and b[0] != b[1]]
        inserts = [a + c + b for a, b in splits for c in _LETTERS]
        deletes = [a + b[1:] for a, b in splits if b]
        replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]]
        found = []
        for candidate in dict.fromkeys([*swaps, *inserts, *deletes, *replaces]):
            if candidate and candidate != lower and self.check(candidate):
                found.append(candidate)
        if word[:1].isupper():
            found = [c[:1].upper() + c[1:] for c in found]
        return found

    def _load(self) -> None:
        self._loaded = True
        try:
            self._dictionary = self._opener(self.tag)
        except Exception as exc:  # ImportError, OSError, DictNotFoundError
            self._problem = (
                f"Spelling is not checked: no {self.tag} dictionary is available "
                f"({type(exc).__name__}: {exc})."
            )
            logger.warning("%s", self._problem)
