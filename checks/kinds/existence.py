# SPDX-License-Identifier: MIT
"""Existence: any of these terms or patterns is a finding (Vale's ``existence``)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, TermGroup, string_list


class Existence:
    """Flag every occurrence of ``terms`` or ``patterns``.

    Options: ``terms``, ``patterns``, ``case_sensitive``, ``suggestions`` (offered as
    fixes), ``unless`` (a table of terms/patterns that, in the same sentence, clear it).
    """

    def __init__(self, rule: Rule, lexicon: Lexicon) -> None:
        """Compile the rule's options."""
        self.rule = rule
        self.group = TermGroup(rule.options, rule.id, lexicon)
        if self.group.empty:
            raise PolicyError(f"rule {rule.id}: existence needs 'terms' or 'patterns'")
        self.unless = TermGroup(rule.options.get("unless", {}), rule.id, lexicon, "unless")
        self.suggestions = string_list(rule.options, "suggestions", rule.id)

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield one finding per occurrence not cleared by ``unless``."""
        for start, end in self.group.spans(ctx):
            if not self.unless.empty:
                lo, hi = ctx.doc.sentence_span(start)
                if self.unless.present(ctx, lo, hi):
                    continue
            yield self.rule.finding(ctx.doc, start, end, self.suggestions)
