# SPDX-License-Identifier: MIT
"""Train the learned layer's model from the labelled posts in the repository.

    .venv/bin/python scripts/train_classifier.py [--out resources/policy/model/learned.json]

Training posts: `tests/corpus/*.toml` (development) and `tests/corpus/train/*.toml`.
Thresholds: chosen on `tests/corpus/validation/*.toml`, written by other writers, as the
lowest score at which at most `TARGET_FALSE_ALARMS` of the validation posts without the
family are flagged. The frozen evaluation set (`tests/corpus/frozen/`) is never read here.
The result is deterministic: the same posts give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks import features  # noqa: E402
from checks.families.learned import ARRAYS, Model, pack, sentences, strongest  # noqa: E402
from checks.text import Document  # noqa: E402
from tests.checks.corpus import CORPUS, Post, load_posts  # noqa: E402

FAMILIES = (
    "bidder-meeting", "tender-detail", "bidder-favour", "council-favour", "breaking-news",
    "political", "criticism", "internal-shortcoming", "personal-opinion", "confidential",
    "offensive",
)  # fmt: skip
#: At most this share of the validation posts without a family may be flagged for it.
TARGET_FALSE_ALARMS = 0.03
#: Inverse regularisation strength of the logistic regressions.
C = 16.0
#: A feature must occur in this many training posts to be kept.
MIN_DF = 2
#: Weights smaller than this are dropped from the shipped file.
MIN_WEIGHT = 0.1


def training_posts() -> list[Post]:
    return load_posts(CORPUS) + load_posts(CORPUS / "train")


def fit(posts: list[Post], c: float = C) -> dict[str, object]:
    """The model as the JSON object the checker reads, thresholds still at 0.5."""
    counted = [features.text_counts(p.text) for p in posts]
    df: Counter[str] = Counter(f for c_ in counted for f in c_)
    n = len(posts)
    idf = {f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in sorted(df.items()) if d >= MIN_DF}
    names = sorted(idf)
    column = {f: i for i, f in enumerate(names)}
    rows, cols, values = [], [], []
    for row, _post in enumerate(posts):
        for feature, value in features.vector(counted[row], idf).items():
            rows.append(row)
            cols.append(column[feature])
            values.append(value)
    matrix = csr_matrix((values, (rows, cols)), shape=(n, len(names)))
    weights = np.zeros((len(names), len(FAMILIES)))
    intercepts = []
    for index, family in enumerate(FAMILIES):
        labels = np.array([family in p.expect for p in posts], dtype=int)
        model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", random_state=0)
        model.fit(matrix, labels)
        intercepts.append(round(float(model.intercept_[0]), 4))
        weights[:, index] = model.coef_[0]
    # Every feature keeps its idf, so a post's vector length is what training saw; only
    # weights too small to matter are dropped.
    rows, families = np.nonzero(np.abs(weights) >= MIN_WEIGHT)
    return {
        "format": 2,
        "families": list(FAMILIES),
        "intercepts": intercepts,
        "thresholds": [0.5] * len(FAMILIES),
        "features": names,
        "idf": pack([idf[f] for f in names], ARRAYS["idf"]),
        "weight_rows": pack(rows.tolist(), ARRAYS["weight_rows"]),
        "weight_families": pack(families.tolist(), ARRAYS["weight_families"]),
        "weight_values": pack(weights[rows, families].tolist(), ARRAYS["weight_values"]),
    }


def thresholds(model: Model, posts: list[Post]) -> tuple[list[float], list[dict[str, float]]]:
    """Per family the lowest threshold within the false-alarm target, and its figures."""
    scores = [[p for p, _ in strongest(model, sentences(Document(post.text)))] for post in posts]
    chosen, figures = [], []
    for index, family in enumerate(model.families):
        negatives = sorted(
            (s[index] for s, post in zip(scores, posts, strict=True) if family not in post.expect),
            reverse=True,
        )
        allowed = int(TARGET_FALSE_ALARMS * len(negatives))
        threshold = min(max(negatives[allowed] + 1e-4, 0.05), 0.95) if negatives else 0.5
        positives = [
            s[index] for s, post in zip(scores, posts, strict=True) if family in post.expect
        ]
        found = sum(s >= threshold for s in positives)
        false = sum(s >= threshold for s in negatives)
        chosen.append(round(threshold, 4))
        figures.append(
            {
                "positives": len(positives),
                "recall": round(found / len(positives), 3) if positives else 1.0,
                "negatives": len(negatives),
                "false_alarms": false,
            }
        )
    return chosen, figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources/policy/model/learned.json")
    parser.add_argument("-C", type=float, default=C)
    args = parser.parse_args(argv)
    train = training_posts()
    validation = load_posts(CORPUS / "validation")
    data = fit(train, args.C)
    names = data["features"]
    assert isinstance(names, list)
    model = Model(data)
    cut, figures = thresholds(model, validation)
    data["thresholds"] = cut
    data["trained_on"] = {"posts": len(train), "validation_posts": len(validation)}
    data["validation"] = dict(zip(FAMILIES, figures, strict=True))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"{len(train)} training posts, {len(validation)} validation posts, {len(names)} features")
    for family, threshold, figure in zip(FAMILIES, cut, figures, strict=True):
        print(f"{family:22} threshold {threshold:.3f} {figure}")
    recalls = [f["recall"] for f in figures]
    print(f"validation macro recall {sum(recalls) / len(recalls):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
