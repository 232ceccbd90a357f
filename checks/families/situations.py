# SPDX-License-Identifier: MIT
"""Situation rules: a judgement clause as cues of the post's analysis seen together.

A rule of kind ``situation`` says, in cue names of `checks.analysis`, what must be seen
together for the clause to apply::

    [[rules]]
    id = "tender-detail.count"
    kind = "situation"
    mark = "count"                       # the cue the finding marks ("seven back")
    with = ["tender|stage_evaluation"]   # each entry: one of these cues in the same scope
    tender_stages = ["live", "shortlisting", "evaluation", "unstated"]
    unless = ["stage_public"]            # cues that clear it in the same scope
    unless_in_post = ["stage_awarded"]   # cues that clear it anywhere in the post

``mark`` and each ``with`` entry may name several cues, ``"a|b"``. ``scope`` is
``"sentence"`` (the default), ``"post"``, or a number of words either side of the mark;
``whole_post_under = 50`` makes a post of fewer words one scope (a tweet says one thing,
often across a few short sentences or a thread). ``tender_stages`` asks for a tender
mention in the scope at one of those stages. The message may name ``{match}``,
``{tender}`` (the tender mention nearest the mark, or "a tender") and ``{stage}``.

Every rule of this kind shares one `checks.analysis.Analyser`, so each post is analysed
once however many rules read it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from checks import analysis
from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, string_list

KIND = "situation"
_OPTIONS = frozenset(
    {
        "mark",
        "with",
        "scope",
        "whole_post_under",
        "tender_stages",
        "unless",
        "unless_in_post",
        "suggestions",
    }
)
_STAGES = (*analysis.STAGES, analysis.UNSTATED)


class _Situation:
    """One situation rule, its cue names checked against the analyser."""

    def __init__(self, rule: Rule) -> None:
        options = rule.options
        unknown = sorted(set(options) - _OPTIONS)
        if unknown:
            raise PolicyError(f"rule {rule.id}: unknown option '{unknown[0]}'")
        mark = options.get("mark")
        if not isinstance(mark, str):
            raise PolicyError(f"rule {rule.id}: 'mark' must name the cue the finding marks")
        self.rule = rule
        self.marks = [c.strip() for c in mark.split("|") if c.strip()]
        self.with_ = [
            [c.strip() for c in entry.split("|") if c.strip()]
            for entry in string_list(options, "with", rule.id)
        ]
        self.unless = string_list(options, "unless", rule.id)
        self.unless_in_post = string_list(options, "unless_in_post", rule.id)
        scope = options.get("scope", "sentence")
        if scope not in ("sentence", "post") and not (isinstance(scope, int) and scope > 0):
            raise PolicyError(
                f"rule {rule.id}: 'scope' must be 'sentence', 'post' or a number of words"
            )
        self.scope: str | int = scope
        whole = options.get("whole_post_under", 0)
        if not isinstance(whole, int) or whole < 0:
            raise PolicyError(f"rule {rule.id}: 'whole_post_under' must be a number of words")
        self.whole_post_under = whole
        stages = string_list(options, "tender_stages", rule.id)
        wrong = [s for s in stages if s not in _STAGES]
        if wrong:
            raise PolicyError(
                f"rule {rule.id}: unknown stage '{wrong[0]}' (known: {', '.join(_STAGES)})"
            )
        self.stages = frozenset(stages)
        self.suggestions = string_list(options, "suggestions", rule.id)

    @property
    def cues(self) -> list[str]:
        """Every cue the rule names; a tender stage asks for the tender cue."""
        named = [*self.marks, *(c for cues in self.with_ for c in cues)]
        return [*named, *self.unless, *self.unless_in_post, "tender"]

    def _range(self, seen: analysis.Analysis, start: int, end: int) -> tuple[int, int]:
        doc = seen.doc
        if self.scope == "post" or seen.fewer_words_than(self.whole_post_under):
            return 0, len(doc.text)
        if self.scope == "sentence":
            return doc.sentence_span(start)
        assert isinstance(self.scope, int)
        words = doc.words
        first = max(doc.word_index(start) - self.scope, 0)
        last = min(doc.word_index(max(end - 1, start)) + self.scope, len(words) - 1)
        return words[first][0], max(words[last][1], end)

    def run(self, seen: analysis.Analysis) -> Iterator[Finding]:
        marks = sorted({s for cue in self.marks for s in seen.spans(cue)})
        if not marks or any(seen.present(cue) for cue in self.unless_in_post):
            return
        reported: set[tuple[int, int]] = set()
        for start, end in marks:
            lo, hi = self._range(seen, start, end)
            if (lo, hi) in reported:
                continue
            chosen: list[tuple[int, int]] = []
            for cues in self.with_:
                near = [s for cue in cues for s in seen.within(cue, lo, hi)]
                if not near:
                    break
                chosen.append(min(near, key=lambda s: abs(s[0] - start)))
            else:
                tenders = seen.tenders_within(lo, hi)
                if self.stages:
                    tenders = [t for t in tenders if t.stage in self.stages]
                    if not tenders:
                        continue
                if any(seen.present(cue, lo, hi) for cue in self.unless):
                    continue
                reported.add((lo, hi))
                yield self._finding(seen, start, end, chosen, tenders)

    def _finding(
        self,
        seen: analysis.Analysis,
        start: int,
        end: int,
        chosen: Sequence[tuple[int, int]],
        tenders: Sequence[analysis.TenderMention],
    ) -> Finding:
        first = min([start, *(s[0] for s in chosen)])
        last = max([end, *(s[1] for s in chosen)])
        tender = min(tenders, key=lambda t: abs(t.start - start), default=None)
        name = seen.doc.text[tender.start : tender.end] if tender else "a tender"
        stage = tender.stage if tender else analysis.UNSTATED
        return self.rule.finding(seen.doc, first, last, self.suggestions, tender=name, stage=stage)


class Situations:
    """Every situation rule of the policy over one shared analysis of each post."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> None:
        """Build the analyser once and check each rule's cues against it."""
        self.members = [_Situation(rule) for rule in rules]
        for member in self.members:
            analysis.check_cues(lexicon.vocabulary, member.cues, member.rule.id)
        cues = {cue for member in self.members for cue in member.cues}
        self.analyser = analysis.Analyser(data, lexicon, cues)

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Analyse the post once, then yield each rule's findings."""
        seen = self.analyser.analyse(ctx)
        for member in self.members:
            yield from member.run(seen)


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Situations:
    """One analyser and every rule of kind ``situation``."""
    return Situations(rules, data, lexicon)
