# SPDX-License-Identifier: MIT
"""One Aho-Corasick automaton for every literal term of every rule, scanned once per text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ahocorasick

from checks.prefilter import PatternSet
from checks.text import Document, fold


class Lexicon:
    """Literal terms shared by all rules: add terms while compiling, then scan documents.

    Terms are folded (lower case, straight quotes) and matched on whole words only.
    ``patterns`` collects the rules' regular expressions for the same one-pass treatment.
    """

    def __init__(
        self,
        trusted_patterns: frozenset[str] = frozenset(),
        vocabulary: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Start empty; call `add` for each term, then `freeze`.

        ``trusted_patterns`` are the shipped policy's patterns: run on ``re`` and compiled
        on first use, where any other pattern runs on RE2 and is compiled at once, to
        report a fault while loading (see `checks.rules.TermGroup`).
        ``vocabulary`` holds the policy's named word lists, which rules name as
        ``{councils}`` in their terms and patterns (see `checks.rules.TermGroup`).
        """
        self.trusted_patterns = trusted_patterns
        self.vocabulary: Mapping[str, Sequence[str]] = vocabulary or {}
        self._keys: dict[str, int] = {}
        self._automaton = ahocorasick.Automaton()
        self._frozen = False
        self.patterns = PatternSet()

    def add(self, term: str) -> int:
        """Register ``term`` and return its key; the same folded term gets the same key."""
        folded = " ".join(fold(term).split())
        if not folded:
            raise ValueError("empty term")
        key = self._keys.get(folded)
        if key is None:
            if self._frozen:
                raise RuntimeError("lexicon is frozen")
            key = len(self._keys)
            self._keys[folded] = key
            self._automaton.add_word(folded, (key, len(folded)))
        return key

    def freeze(self) -> None:
        """Build the automaton; no terms can be added afterwards."""
        if self._keys:
            self._automaton.make_automaton()
        self.patterns.freeze()
        self._frozen = True

    def __len__(self) -> int:
        """Number of distinct terms."""
        return len(self._keys)

    def scan(self, doc: Document) -> dict[int, list[tuple[int, int]]]:
        """Whole-word spans of every known term in ``doc``, by term key, in text order."""
        hits: dict[int, list[tuple[int, int]]] = {}
        if not self._keys:
            return hits
        for last, (key, length) in self._automaton.iter(doc.folded):
            start, end = last - length + 1, last + 1
            if doc.whole_word(start, end):
                hits.setdefault(key, []).append((start, end))
        return hits
