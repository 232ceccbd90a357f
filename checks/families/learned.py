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
``backing_terms`` (a protective marking), unless one of ``backing_unless`` says the post
keeps to what is public by design ("published on The Chest", "all bidders"). The engine
drops a classifier finding where a rule of the same family has already found something.
"""

from __future__ import annotations

import array
import base64
import dataclasses
import functools
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks import features
from checks.families import elections
from checks.families.tenders import read_tenders
from checks.findings import Finding, Severity
from checks.lexicon import Lexicon
from checks.policy import shipped_policy_dir
from checks.rules import Context, PolicyError, Rule, TermGroup, string_list
from checks.text import Document

KIND = "classifier"
#: Passages are runs of whole sentences of at most this many words.
PASSAGE_WORDS = 60
_OPTIONS = frozenset(
    {
        "suggestions",
        "threshold",
        "backed_by",
        "backed_severity",
        "backing_terms",
        "backing_unless",
        "removal_fix",
    }
)
_BACKING = ("live-tender", "election")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "i",
        "if",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "this",
        "to",
        "up",
        "was",
        "we",
        "with",
        "you",
        "your",
    ]
)


#: How the model file stores its number arrays: little-endian machine types in base64.
ARRAYS = {"idf": "f", "weight_rows": "I", "weight_families": "B", "weight_values": "f"}


def pack(values: Sequence[float], typecode: str) -> str:
    """``values`` as little-endian ``typecode`` items in base64 (see `ARRAYS`)."""
    packed = array.array(typecode, values)
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def unpack(text: str, typecode: str) -> array.array[Any]:
    """The array `pack` wrote."""
    unpacked = array.array(typecode)
    unpacked.frombytes(base64.b64decode(text))
    if sys.byteorder == "big":
        unpacked.byteswap()
    return unpacked


class Model:
    """A trained model: the features' names and idf, and a weight per feature and family.

    The file holds the feature names and, packed (`ARRAYS`), their idf and the non-zero
    weights as ``weight_rows``, ``weight_families`` and ``weight_values``: it reads in a
    few milliseconds. The weight matrix is built with numpy on first use, off the UI thread.
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        """Validate the object the training script writes; raises ValueError when it is not."""
        self.families = tuple(str(f) for f in data["families"])
        self.intercepts = tuple(float(b) for b in data["intercepts"])
        self.thresholds = tuple(float(t) for t in data["thresholds"])
        names = data["features"]
        idf, rows, columns, values = (unpack(data[key], code) for key, code in ARRAYS.items())
        if len(self.intercepts) != len(self.families) or len(self.thresholds) != len(self.families):
            raise ValueError("one intercept and one threshold per family")
        if not len(names) == len(idf) or not len(rows) == len(columns) == len(values):
            raise ValueError("feature and weight lists differ in length")
        self.index = dict(zip(names, range(len(names)), strict=True))
        self._idf, self._weights = idf, (rows, columns, values)

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a model file written by the training script."""
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise PolicyError(f"{path}: not a usable classifier model ({exc})") from None

    @functools.cached_property
    def _arrays(self) -> tuple[Any, Any, Any]:
        """The idf vector, weight matrix (features x families) and intercepts, as numpy arrays."""
        import numpy as np  # imported on the first check, not when the policy loads

        rows, columns, values = (np.asarray(a) for a in self._weights)
        if len(rows) and (rows.max() >= len(self.index) or columns.max() >= len(self.families)):
            raise PolicyError("the classifier model's weights point outside its features")
        weights = np.zeros((len(self.index), len(self.families)))
        weights[rows.astype(np.intp), columns.astype(np.intp)] = values
        return np.asarray(self._idf, dtype=float), weights, np.asarray(self.intercepts)

    def probabilities(self, runs: Sequence[Sequence[str]]) -> list[list[float]]:
        """For each run of tokens, the probability of each family."""
        import numpy as np

        idf, weights, intercepts = self._arrays
        keys: list[str] = []
        counts: list[int] = []
        owners: list[int] = []
        for number, words in enumerate(runs):
            found = features.counts(words)
            keys.extend(found)
            counts.extend(found.values())
            owners.extend([number] * len(found))
        get = self.index.get
        columns = np.fromiter([get(key, -1) for key in keys], dtype=np.intp, count=len(keys))
        known = columns >= 0
        columns, where = columns[known], np.asarray(owners, dtype=np.intp)[known]
        totals = np.zeros((len(runs), len(self.families)))
        if len(columns):
            values = (1.0 + np.log(np.asarray(counts, dtype=float)[known])) * idf[columns]
            norms = np.sqrt(np.bincount(where, values * values, minlength=len(runs)))
            values /= norms[where]
            contributions = weights[columns] * values[:, None]
            starts = np.flatnonzero(np.r_[True, where[1:] != where[:-1]])
            totals[where[starts]] = np.add.reduceat(contributions, starts, axis=0)
        result: list[list[float]] = (1.0 / (1.0 + np.exp(-(totals + intercepts)))).tolist()
        return result

    def vector(self, words: Sequence[str]) -> dict[str, float]:
        """A run's TF-IDF vector (unit length), feature by feature: what explains a finding."""
        idf = self._arrays[0]
        found = features.counts(words)
        known = {f: float(idf[self.index[f]]) for f in found if f in self.index}
        return features.vector(found, known)

    def weight(self, feature: str, family: int) -> float:
        """The weight of ``feature`` for ``family`` (0 for an unknown feature)."""
        column = self.index.get(feature)
        return 0.0 if column is None else float(self._arrays[1][column, family])

    def cues(self, vec: Mapping[str, float], family: int, limit: int = 3) -> list[str]:
        """The word features that pushed ``family`` up most, strongest first.

        Numbers' shapes, symbols and runs of function words ("for the") explain nothing
        to an author, so they are not named.
        """
        pushed = [
            (value * weight, feature)
            for feature, value in vec.items()
            if feature[0].isalnum()
            and not set(feature.split()) <= _FUNCTION_WORDS
            and (weight := self.weight(feature, family)) > 0
        ]
        return [feature for _, feature in sorted(pushed, reverse=True)[:limit]]


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
    group: list[Passage] = []
    size = 0
    for part in [*parts, None]:
        if group and (part is None or size + len(part.words) > limit):
            words = group[0].words if len(group) == 1 else [w for p in group for w in p.words]
            runs.append(Passage(group[0].start, group[-1].end, words))
            group, size = [], 0
        if part is not None:
            group.append(part)
            size += len(part.words)
    return runs


def strongest(model: Model, parts: Sequence[Passage]) -> list[tuple[float, Passage]]:
    """For each family of ``model``: its highest probability over the passages, and where."""
    best = [(0.0, Passage(0, 0, [])) for _ in model.families]
    runs = passages(parts)
    for passage, probabilities in zip(
        runs, model.probabilities([r.words for r in runs]), strict=True
    ):
        for index, p in enumerate(probabilities):
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
            for tender in read_tenders(data):
                if tender.status == "live":
                    names += [*tender.names, *tender.bidders]
        terms = names + string_list(options, "backing_terms", rule.id)
        self.backing = TermGroup({"terms": terms}, rule.id, lexicon, "backing")
        #: Words that say the post keeps to what is public by design ("on The Chest", "all
        #: bidders"): a live tender named beside them backs nothing.
        unless = string_list(options, "backing_unless", rule.id)
        self.unless = TermGroup({"terms": unless}, rule.id, lexicon, "backing_unless")
        #: Whether removing the sentence is the fix the policy implies ("remove this"),
        #: offered as a fix the editor applies; otherwise the suggestions are advice.
        self.removal_fix = bool(options.get("removal_fix", False))
        election = data.get("election", {})
        self.election = (
            elections.PreElection(rule, election, lexicon) if "election" in backed_by else None
        )

    def backed(self, ctx: Context) -> bool:
        """True when the policy's data backs a hit: see the module's docstring."""
        if self.election and self.election.active(ctx.date) and any(self.election.run(ctx)):
            return True
        end = len(ctx.doc.text)
        if self.backing.empty or not self.backing.present(ctx, 0, end):
            return False
        return self.unless.empty or not self.unless.present(ctx, 0, end)


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
            end = sentence.end
            if member.removal_fix:  # take the spaces after it too, so no gap is left
                while end < len(doc.text) and doc.text[end] in " \t":
                    end += 1
            yield rule.finding(
                doc,
                sentence.start,
                end,
                string_list(rule.options, "suggestions", rule.id),
                replacements=("",) if member.removal_fix else (),
                excerpt=excerpt,
                cues=", ".join(f"'{c}'" for c in cues) or "the passage as a whole",
            )

    def _sentence(
        self, parts: Sequence[Passage], passage: Passage, family: int
    ) -> tuple[Passage, dict[str, float]]:
        """The sentence of ``passage`` that scores highest for ``family``, and its features."""
        inside = [s for s in parts if passage.start <= s.start and s.end <= passage.end]
        if len(inside) > 1:
            scored = self.model.probabilities([s.words for s in inside])
            passage = max(zip(inside, scored, strict=True), key=lambda item: item[1][family])[0]
        return passage, self.model.vector(passage.words)


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
