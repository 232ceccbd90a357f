# SPDX-License-Identifier: MIT
"""The features the learned layer reads: word and word-pair counts, numbers by their shape.

The training script (`scripts/train_classifier.py`) and the shipped checker use this one
module, so a post is seen the same way when the model is trained and when it runs.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

# Money, times and other numbers become their shape: "£2.1m" -> "<money>".
_TOKEN_RE = re.compile(
    r"£\s?\d[\d,.]*\s?(?:k|m|bn|million|billion)?\b"
    r"|\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b"
    r"|\d[\d,.]*(?:st|nd|rd|th|%)?"
    r"|[#@]?[^\W\d_](?:[\w'-]*[^\W_])?"
    r"|[!?]"
    r"|[^\w\s.,;:'\"()\[\]/\\&*+=<>|~`^-]"
)
_TIME_RE = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)|\d{1,2}:\d\d")


def tokens(text: str) -> list[str]:
    """The text's tokens, lower-cased, with money, times and numbers replaced by their shape."""
    return [
        _shape(token) if token[0].isdigit() or token[0] == "£" else token
        for token in _TOKEN_RE.findall(text.lower().replace("\u2019", "'"))
    ]


def _shape(token: str) -> str:
    if token[0] == "£":
        return "<money>"
    return "<time>" if _TIME_RE.fullmatch(token) else "<number>"


def counts(words: Sequence[str]) -> Counter[str]:
    """Feature counts of a run of tokens: the words and each pair of neighbours (``a b``)."""
    features: Counter[str] = Counter(words)
    features.update([f"{a} {b}" for a, b in itertools.pairwise(words)])
    return features


def text_counts(text: str) -> Counter[str]:
    """`counts` of the tokens of ``text``."""
    return counts(tokens(text))


def vector(features: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    """Feature counts as TF-IDF weights (1 + log tf, times idf), unit length; unknown ones go."""
    weights = {
        feature: (1.0 + math.log(count)) * idf[feature] if count > 1 else idf[feature]
        for feature, count in features.items()
        if feature in idf
    }
    norm = math.sqrt(sum(w * w for w in weights.values()))
    if norm == 0.0:
        return {}
    return {feature: w / norm for feature, w in weights.items()}
