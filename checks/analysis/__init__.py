# SPDX-License-Identifier: MIT
"""A shared analysis of each post: what it talks about, computed once, read by many rules.

The judgement clauses are situations, not phrases: "a count of bidders for a tender before
award", "a meeting with bidders, with a date or a place". An `Analyser`, built once from
the policy, finds the parts of such situations in a post, and an `Analysis`, made once per
post and kept in the check's ``ctx.cache``, hands them to every rule that asks.

The parts are **cues**, each a sorted list of spans:

- every named vocabulary of the policy (``[vocabulary]``, such as ``councils``, ``hope``,
  ``praise``, ``stage_awarded``, ``meetings``, ``not_yet_public``) is a cue of the same
  name; those the rules name are found through the shared lexicon's one scan of the post;
- a few cues are shapes that a word list cannot hold (`checks.analysis.shapes`):
  ``money`` (£2.1m, 18%, £80k), ``count`` (a number of bidders or bids: "seven back",
  "the final two", "two of the three firms"), ``when`` (an upcoming date or time:
  "Tuesday 15th, 2pm", "tomorrow"), ``organisation`` (a named firm: "Kestrel Civils",
  "@GreenPathFM", a live tender's bidder), ``tender`` (a tender or contract: "the
  gritting contract", a live tender's name or reference).

``stage_awarded`` adds to its vocabulary the policy's tenders that are no longer live and a
tender mention just after one of ``award_verbs`` ("won the uniform recycling contract").

Each ``tender`` mention also gets a **stage**, ``live``, ``shortlisting``, ``evaluation``
or ``awarded`` (from the ``stage_*`` vocabularies in its sentence, else in the post, else
the policy's status for a registered tender), or ``unstated``.

Nothing is computed until a rule asks for it, and nothing twice.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from checks.analysis import shapes
from checks.families.tenders import read_tenders
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, TermGroup

Span = tuple[int, int]

#: Tender stages, from the earliest; ``unstated`` when nothing in the post says.
STAGES = ("live", "shortlisting", "evaluation", "awarded")
UNSTATED = "unstated"
#: Where a post says more than one stage, the later one holds ("the panel is scoring the
#: bids that came in": evaluation).
_STAGE_ORDER = {stage: number for number, stage in enumerate(STAGES)}
#: Cues computed in code (`checks.analysis.shapes`), not read from a vocabulary.
SHAPE_CUES = ("money", "count", "when", "organisation", "tender", "stage_awarded")
#: The vocabularies (and computed cues) each computed cue reads; a tender's stage reads
#: the ``stage_*`` vocabularies.
NEEDS: Mapping[str, tuple[str, ...]] = {
    "count": ("numbers", "bid_units", "count_leads"),
    "organisation": ("org_references", "org_suffixes", "firm_words"),
    "tender": (
        "tender_things",
        "stage_live",
        "stage_shortlisting",
        "stage_evaluation",
        "stage_awarded",
    ),
    "when": ("months", "weekdays", "soon", "past_markers"),
    "stage_awarded": ("award_verbs", "tender"),
}
#: The key of the analysis in a check's ``ctx.cache``.
CACHE_KEY = "analysis"


@dataclass(frozen=True, slots=True)
class TenderMention:
    """A tender or contract the post talks about, and the stage the post puts it at."""

    start: int
    end: int
    stage: str
    #: True for a tender of the policy's ``[[tenders]]`` whose status is live.
    registered: bool = False


def check_cues(vocabulary: Mapping[str, object], cues: Iterable[str], rule_id: str) -> None:
    """Raise `PolicyError` naming the first of ``cues`` that is no vocabulary or shape."""
    for cue in cues:
        if cue not in vocabulary and cue not in SHAPE_CUES:
            known = ", ".join(sorted([*vocabulary, *SHAPE_CUES]))
            raise PolicyError(f"rule {rule_id}: unknown cue '{cue}' (known: {known})")


class Analyser:
    """The cues of a policy, compiled once: build it while the policy loads.

    ``data`` is the merged policy (its ``[[tenders]]``); the lexicon's vocabulary gives the
    term cues; ``cues`` are the ones the policy's rules name (every vocabulary when
    None). Those vocabularies, and the ones the computed cues read (`NEEDS`), are
    registered with the lexicon here, before it is frozen, so that finding them later
    costs nothing more than the lexicon's scan. Raises `PolicyError` for an unknown cue.
    """

    def __init__(
        self, data: Mapping[str, Any], lexicon: Lexicon, cues: Iterable[str] | None = None
    ) -> None:
        """Register the cues' vocabularies and read the policy's tenders."""
        self.vocabulary = lexicon.vocabulary
        wanted = set(self.vocabulary if cues is None else cues)
        check_cues(self.vocabulary, sorted(wanted), "analysis")
        while True:  # add what the computed cues read, and what those read
            more = {need for cue in wanted for need in NEEDS.get(cue, ())} - wanted
            if not more:
                break
            wanted |= more
        self.groups: dict[str, TermGroup] = {
            name: TermGroup({"terms": [f"{{{name}}}"]}, f"analysis.{name}", lexicon)
            for name in sorted(wanted)
            if name in self.vocabulary
        }
        live: list[str] = []
        names: list[str] = []
        bidders: list[str] = []
        for tender in read_tenders(data):
            names += tender.names
            if tender.status == "live":
                live += tender.names
                bidders += tender.bidders
        self.live_names = frozenset(n.lower() for n in live)
        self.awarded_names = frozenset(n.lower() for n in names) - self.live_names
        self.registered = TermGroup({"terms": names}, "analysis.tenders", lexicon)
        self.bidders = TermGroup({"terms": bidders}, "analysis.bidders", lexicon)
        #: Which term groups each lexicon key belongs to: one pass over a post's hits
        #: then gives every vocabulary's spans at once.
        index: dict[int, list[TermGroup]] = {}
        for group in [*self.groups.values(), self.registered, self.bidders]:
            for key in group.keys:
                index.setdefault(key, []).append(group)
        self.groups_of_key = {key: tuple(groups) for key, groups in index.items()}
        self.shapes = shapes.Shapes(self, lexicon)

    def analyse(self, ctx: Context) -> Analysis:
        """The post's analysis, made on the first call for ``ctx`` and kept in its cache."""
        found = ctx.cache.get(CACHE_KEY)
        if not isinstance(found, Analysis):
            found = ctx.cache[CACHE_KEY] = Analysis(self, ctx)
        return found


class Analysis:
    """What one post talks about: its cues' spans and its tenders' stages, on demand."""

    def __init__(self, analyser: Analyser, ctx: Context) -> None:
        """Wrap the post; cues are found when a rule first asks for them."""
        self.analyser = analyser
        self.ctx = ctx
        self.doc = ctx.doc
        self._spans: dict[str, list[Span]] = {}
        self._starts: dict[str, list[int]] = {}
        self._tenders: list[TenderMention] | None = None
        self._words: int | None = None
        self._terms: dict[int, list[Span]] | None = None
        #: Intermediate results the cue finders share (the digit runs of the text).
        self.memo: dict[str, Any] = {}

    def fewer_words_than(self, limit: int) -> bool:
        """True when the post has fewer than ``limit`` words (runs without a space)."""
        if self._words is None:
            self._words = len(self.doc.text.split())
        return self._words < limit

    def spans(self, cue: str) -> list[Span]:
        """Sorted spans of ``cue`` in the post."""
        found = self._spans.get(cue)
        if found is None:
            group = self.analyser.groups.get(cue)
            found = self.terms(group) if group is not None else []
            if cue in self.analyser.shapes.finders:
                found = sorted({*found, *self.analyser.shapes.find(cue, self)})
            self._spans[cue] = found
            self._starts[cue] = [s for s, _ in found]
        return found

    def terms(self, group: TermGroup) -> list[Span]:
        """Sorted spans of one of the analyser's term groups, from the lexicon's one scan."""
        found = self._terms
        if found is None:
            found = {}
            groups_of_key = self.analyser.groups_of_key
            for key, spans in self.ctx.hits.items():
                for owner in groups_of_key.get(key, ()):
                    found.setdefault(id(owner), []).extend(spans)
            for spans in found.values():
                spans.sort()
            self._terms = found
        return list(found.get(id(group), ()))

    def within(self, cue: str, lo: int, hi: int) -> list[Span]:
        """Spans of ``cue`` that lie inside ``[lo, hi)``."""
        spans = self.spans(cue)
        starts = self._starts[cue]
        first, last = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        return [s for s in spans[first:last] if s[1] <= hi]

    def present(self, cue: str, lo: int = 0, hi: int | None = None) -> bool:
        """True when ``cue`` occurs inside ``[lo, hi)`` (the whole post by default)."""
        return bool(self.within(cue, lo, len(self.doc.text) if hi is None else hi))

    @property
    def tenders(self) -> list[TenderMention]:
        """Each tender the post mentions, with its stage."""
        if self._tenders is None:
            post = self._stage(0, len(self.doc.text))
            mentions = []
            for start, end in self.spans("tender"):
                name = self.doc.folded[start:end]
                registered = name in self.analyser.live_names
                lo, hi = self.doc.sentence_span(start)
                stage = self._stage(lo, hi) or post
                if stage is None:
                    stage = "awarded" if name in self.analyser.awarded_names else UNSTATED
                if name in self.analyser.awarded_names and stage != "awarded":
                    stage = "awarded"
                mentions.append(TenderMention(start, end, stage, registered))
            self._tenders = mentions
        return self._tenders

    def tenders_within(self, lo: int, hi: int) -> list[TenderMention]:
        """The tender mentions inside ``[lo, hi)``."""
        return [t for t in self.tenders if lo <= t.start and t.end <= hi]

    def _stage(self, lo: int, hi: int) -> str | None:
        """The latest stage that the ``stage_*`` vocabularies find inside ``[lo, hi)``."""
        said = [s for s in STAGES if f"stage_{s}" in self.analyser.groups]
        found = [s for s in said if self.present(f"stage_{s}", lo, hi)]
        return max(found, key=_STAGE_ORDER.__getitem__) if found else None
