# SPDX-License-Identifier: MIT
"""The learned layer: a small classifier per judgement family, for what the rules miss.

The model (`resources/policy/model/learned.json`, made by `scripts/train_classifier.py`
from the labelled posts in `tests/corpus/`) is a logistic regression per family over the
features of `checks.features`. A post is scored in passages of a few sentences, so a
problem in the middle of a long article is not diluted by the rest of it; the finding
marks the sentence that weighs most and names the words that drove it.

A finding resting on the classifier alone is a warning for the approver, raised to the
rule's ``backed_severity`` only when the policy's own data backs it: a live tender or one
of its bidders named (``backed_by = ["live-tender"]``), a party, councillor or candidate
named in a post dated in the pre-election period (``"election"``), or one of
``backing_terms`` (a protective marking). The engine drops a classifier finding where a
rule of the same family has already found something.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks import features
from checks.families import elections
from checks.findings import Finding, Severity
from checks.lexicon import Lexicon
from checks.policy import shipped_policy_dir
from checks.rules import Context, PolicyError, Rule, TermGroup, string_list
from checks.text import Document

KIND = "classifier"
#: Passages are runs of whole sentences of at most this many words.
PASSAGE_WORDS = 60
_OPTIONS = frozenset({"suggestions", "threshold", "backed_by", "backed_severity", "backing_terms"})
_BACKING = ("live-tender", "election")


@dataclass(frozen=True)
class Model:
    """A trained model: per feature ``[idf, family, weight, family, weight, ...]``.

    Only weights that matter are kept, so a feature names the few families it moves.
    """

    families: tuple[str, ...]
    intercepts: tuple[float, ...]
    thresholds: tuple[float, ...]
    rows: Mapping[str, list[Any]]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        """A model from the object the training script writes."""
        families = tuple(str(f) for f in data["families"])
        rows = data["features"]
        if not isinstance(rows, dict):
            raise ValueError("'features' must be an object")
        for feature, row in rows.items():
            if (
                not isinstance(row, list)
                or len(row) % 2 != 1
                or not all(0 <= index < len(families) for index in row[1::2])
            ):
                raise ValueError(f"feature {feature!r}: expected [idf, family, weight, ...]")
        return cls(
            families=families,
            intercepts=tuple(float(b) for b in data["intercepts"]),
            thresholds=tuple(float(t) for t in data["thresholds"]),
            rows=rows,
        )

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a model file written by the training script."""
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise PolicyError(f"{path}: not a usable classifier model ({exc})") from None

    @functools.cached_property
    def idf(self) -> dict[str, float]:
        """Each feature's inverse document frequency."""
        return {feature: row[0] for feature, row in self.rows.items()}

    def probabilities(self, words: Sequence[str]) -> list[float]:
        """Probabilities per family for a run of tokens (the hot path: one pass, no vector)."""
        rows = self.rows
        sums = [0.0] * len(self.intercepts)
        norm = 0.0
        log = math.log
        for feature, count in features.counts(words).items():
            row = rows.get(feature)
            if row is None:
                continue
            value = row[0] if count == 1 else (1.0 + log(count)) * row[0]
            norm += value * value
            for k in range(1, len(row), 2):
                sums[row[k]] += value * row[k + 1]
        scale = 1.0 / math.sqrt(norm) if norm else 0.0
        return [_sigmoid(b + s * scale) for b, s in zip(self.intercepts, sums, strict=True)]

    def scores(self, words: Sequence[str]) -> tuple[list[float], dict[str, float]]:
        """`probabilities` and the feature vector they came from (for explaining a finding)."""
        vec = features.vector(features.counts(words), self.idf)
        totals = list(self.intercepts)
        rows = self.rows
        for feature, value in vec.items():
            row = rows[feature]
            for k in range(1, len(row), 2):
                totals[row[k]] += value * row[k + 1]
        return [_sigmoid(t) for t in totals], vec

    def weight(self, feature: str, family: int) -> float:
        """The weight of ``feature`` for ``family`` (0 when it has none)."""
        row = self.rows[feature]
        return next((row[k + 1] for k in range(1, len(row), 2) if row[k] == family), 0.0)

    def cues(self, vec: Mapping[str, float], family: int, limit: int = 3) -> list[str]:
        """The word features that pushed ``family`` up most, strongest first."""
        pushed = [
            (value * weight, feature)
            for feature, value in vec.items()
            if feature[0].isalnum() and (weight := self.weight(feature, family)) > 0
        ]
        return [feature for _, feature in sorted(pushed, reverse=True)[:limit]]


def _sigmoid(value: float) -> float:
    if value < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


@dataclass(frozen=True)
class Passage:
    """A run of whole sentences: its span and its tokens."""

    start: int
    end: int
    words: list[str]


def sentences(doc: Document) -> list[Passage]:
    """Each sentence of ``doc`` with its tokens."""
    return [Passage(lo, hi, features.tokens(doc.text[lo:hi])) for lo, hi in doc.sentences]


def passages(parts: Sequence[Passage], limit: int | None = None) -> list[Passage]:
    """Runs of whole sentences of at most ``limit`` tokens (a longer sentence alone).

    ``limit`` defaults to `PASSAGE_WORDS`.
    """
    limit = PASSAGE_WORDS if limit is None else limit
    runs: list[Passage] = []
    current: Passage | None = None
    for part in parts:
        if current is not None and len(current.words) + len(part.words) > limit:
            runs.append(current)
            current = None
        current = (
            part
            if current is None
            else Passage(current.start, part.end, current.words + part.words)
        )
    if current is not None:
        runs.append(current)
    return runs


def strongest(model: Model, parts: Sequence[Passage]) -> list[tuple[float, Passage]]:
    """For each family of ``model``: its highest probability over the passages, and where."""
    best = [(0.0, Passage(0, 0, [])) for _ in model.families]
    for passage in passages(parts):
        for index, p in enumerate(model.probabilities(passage.words)):
            if p > best[index][0]:
                best[index] = (p, passage)
    return best


class _Family:
    """One classifier rule: its family's column of the model and what backs a hit."""

    def __init__(self, rule: Rule, model: Model, data: Mapping[str, Any], lexicon: Lexicon) -> None:
        options = rule.options
        if rule.family not in model.families:
            raise PolicyError(f"rule {rule.id}: the model has no column for '{rule.family}'")
        self.rule = rule
        self.index = model.families.index(rule.family)
        threshold = options.get("threshold", model.thresholds[self.index])
        if not isinstance(threshold, float | int) or not 0 < threshold < 1:
            raise PolicyError(f"rule {rule.id}: 'threshold' must be a number between 0 and 1")
        self.threshold = float(threshold)
        backed_by = string_list(options, "backed_by", rule.id)
        unknown = [b for b in backed_by if b not in _BACKING]
        if unknown:
            raise PolicyError(f"rule {rule.id}: 'backed_by' takes {', '.join(_BACKING)}")
        try:
            self.backed_severity = Severity(options.get("backed_severity", rule.severity.value))
        except ValueError:
            raise PolicyError(f"rule {rule.id}: 'backed_severity' must be a severity") from None
        names: list[str] = []
        if "live-tender" in backed_by:
            for tender in data.get("tenders", []):
                if isinstance(tender, Mapping) and tender.get("status", "live") == "live":
                    names += [str(tender.get("title", "")), str(tender.get("reference", ""))]
                    names += [str(b) for b in tender.get("bidders", [])]
        terms = [n for n in names if n] + string_list(options, "backing_terms", rule.id)
        self.backing = TermGroup({"terms": terms}, rule.id, lexicon, "backing")
        election = data.get("election", {})
        self.election = (
            elections.PreElection(rule, election, lexicon) if "election" in backed_by else None
        )

    def backed(self, ctx: Context) -> bool:
        """True when the policy's data backs a hit: see the module's docstring."""
        if self.election and self.election.active(ctx.date) and any(self.election.run(ctx)):
            return True
        return not self.backing.empty and self.backing.present(ctx, 0, len(ctx.doc.text))


class Classifier:
    """Score the post's passages once for every family; report each family over threshold."""

    def __init__(self, members: Sequence[_Family], model: Model) -> None:
        self.members = members
        self.model = model

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield at most one finding per family: its strongest passage's weightiest sentence."""
        if not self.members or not ctx.doc.text.strip():
            return
        doc = ctx.doc
        parts = sentences(doc)
        best = strongest(self.model, parts)
        for member in self.members:
            p, passage = best[member.index]
            if p < member.threshold:
                continue
            sentence, vec = self._sentence(parts, passage, member.index)
            cues = self.model.cues(vec, member.index)
            rule = member.rule
            if member.backed(ctx) and member.backed_severity is not rule.severity:
                rule = dataclasses.replace(rule, severity=member.backed_severity)
            excerpt = doc.text[sentence.start : sentence.end].strip()
            if len(excerpt) > 90:
                excerpt = excerpt[:87].rstrip() + "..."
            yield rule.finding(
                doc,
                sentence.start,
                sentence.end,
                string_list(rule.options, "suggestions", rule.id),
                excerpt=excerpt,
                cues=", ".join(f"'{c}'" for c in cues) or "the passage as a whole",
            )

    def _sentence(
        self, parts: Sequence[Passage], passage: Passage, family: int
    ) -> tuple[Passage, dict[str, float]]:
        """The sentence of ``passage`` that scores highest for ``family``, and its features."""
        inside = [s for s in parts if passage.start <= s.start and s.end <= passage.end]
        scored = [(self.model.scores(s.words), s) for s in inside] if len(inside) > 1 else []
        if not scored:
            return passage, self.model.scores(passage.words)[1]
        (_, vec), sentence = max(scored, key=lambda item: item[0][0][family])
        return sentence, vec


def model_path(data: Mapping[str, Any]) -> Path:
    """The model file: the shipped one unless the policy names another."""
    name = data.get("settings", {}).get("classifier_model")
    return Path(name) if name else shipped_policy_dir() / "model" / "learned.json"


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Classifier:
    """One classifier over the shipped model for every rule of this kind."""
    for rule in rules:
        unknown = sorted(set(rule.options) - _OPTIONS)
        if unknown:
            raise PolicyError(f"rule {rule.id}: unknown option '{unknown[0]}'")
    model = Model.load(model_path(data))
    return Classifier([_Family(rule, model, data, lexicon) for rule in rules], model)
