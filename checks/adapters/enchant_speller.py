# SPDX-License-Identifier: MIT
"""pyenchant behind a wrapper that never fails: without a dictionary it accepts every word."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

logger = logging.getLogger(__name__)

_CACHE_SIZE = 20_000  # distinct words remembered (a 10,000-word article has ~1,500)


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

    def suggest(self, word: str, limit: int = 5) -> tuple[str, ...]:
        """Up to ``limit`` corrections for ``word``, best first (cached: enchant is slow)."""
        cached = self._suggestions.get(word)
        if cached is None:
            with self._lock:
                if not self._loaded:
                    self._load()
                try:
                    found = self._dictionary.suggest(word) if self._dictionary else []
                except Exception:
                    found = []
                cached = tuple(dict.fromkeys(s for s in found if s != word))
                if len(self._suggestions) >= _CACHE_SIZE:
                    self._suggestions.clear()
                self._suggestions[word] = cached
        return cached[:limit]

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
