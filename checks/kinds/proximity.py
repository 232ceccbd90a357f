# SPDX-License-Identifier: MIT
"""Proximity: an anchor term with every ``near`` group close by (Vale's ``conditional``)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, TermGroup, string_list


class Proximity:
    """Flag ``anchor`` when each group of ``near`` occurs within ``window`` words.

    Options: ``anchor`` and each ``near`` entry are tables of terms/patterns; ``window``
    is a number of words (default 8) or ``"sentence"``; the window stays inside the
    anchor's sentence unless ``across_sentences`` is true; ``unless`` clears a match
    when it occurs in the same window; ``suggestions`` are offered as fixes.
    """

    def __init__(self, rule: Rule, lexicon: Lexicon) -> None:
        """Compile the anchor, the near groups and the exceptions."""
        self.rule = rule
        options = rule.options
        self.anchor = TermGroup(options.get("anchor", {}), rule.id, lexicon, "anchor")
        near: Any = options.get("near", [])
        if isinstance(near, dict):
            near = [near]
        if self.anchor.empty or not isinstance(near, list) or not near:
            raise PolicyError(f"rule {rule.id}: proximity needs an 'anchor' and 'near' groups")
        self.near = [TermGroup(g, rule.id, lexicon, f"near[{i}]") for i, g in enumerate(near)]
        self.unless = TermGroup(options.get("unless", {}), rule.id, lexicon, "unless")
        window = options.get("window", 8)
        if window != "sentence" and not (isinstance(window, int) and window > 0):
            raise PolicyError(f"rule {rule.id}: 'window' must be a positive number or 'sentence'")
        self.window: int | None = None if window == "sentence" else window
        self.across = bool(options.get("across_sentences", False))
        self.suggestions = string_list(options, "suggestions", rule.id)

    def _range(self, ctx: Context, start: int, end: int) -> tuple[int, int]:
        doc = ctx.doc
        lo, hi = doc.sentence_span(start)
        if self.window is None:
            return lo, hi
        words = doc.words
        if not words:
            return lo, hi
        first = max(doc.word_index(start) - self.window, 0)
        last = min(doc.word_index(max(end - 1, start)) + self.window, len(words) - 1)
        wlo, whi = words[first][0], words[last][1]
        if self.across:
            return wlo, whi
        return max(lo, wlo), min(max(hi, end), whi)

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield one finding per anchor whose window holds every near group."""
        anchors = self.anchor.spans(ctx)
        if not anchors:
            return
        # Each near group is searched once over the whole text, then looked up by window.
        near = [group.spans(ctx) for group in self.near]
        if not all(near):
            return
        starts = [[s[0] for s in spans] for spans in near]
        reported_to = -1
        for start, end in anchors:
            if start < reported_to:
                continue
            lo, hi = self._range(ctx, start, end)
            chosen: list[tuple[int, int]] = []
            for spans, keys in zip(near, starts, strict=True):
                window = spans[bisect.bisect_left(keys, lo) : bisect.bisect_left(keys, hi)]
                inside = [s for s in window if s[1] <= hi and (s[1] <= start or s[0] >= end)]
                if not inside:
                    break
                chosen.append(min(inside, key=lambda s: abs(s[0] - start)))
            else:
                if not self.unless.empty and self.unless.present(ctx, lo, hi):
                    continue
                first = min([start, *(s[0] for s in chosen)])
                last = max([end, *(s[1] for s in chosen)])
                reported_to = last
                yield self.rule.finding(ctx.doc, first, last, self.suggestions)
