"""The learned layer: passages, findings that say what they saw, severity, loading, training."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import checks
from checks import features
from checks.families.learned import ARRAYS, Classifier, Model, model_path, pack, passages, sentences
from checks.rules import Context, PolicyError
from checks.text import Document
from tests.checks.corpus import CORPUS, load_posts

ROOT = Path(__file__).resolve().parents[2]
ADMIN = ROOT / "tests" / "corpus" / "admin-policy.toml"
FAMILIES = [
    "bidder-meeting", "tender-detail", "bidder-favour", "council-favour", "breaking-news",
    "political", "criticism", "internal-shortcoming", "personal-opinion", "confidential",
    "offensive",
]  # fmt: skip


def policy_with(tmp_path: Path, weights: dict[str, float], *, admin: bool = False) -> checks.Policy:
    """The shipped policy with a hand-made model: ``weights`` for bidder-favour, idf 1."""
    index = FAMILIES.index("bidder-favour")
    names = sorted(weights)
    model = {
        "format": 2,
        "families": FAMILIES,
        "intercepts": [-2.0] * len(FAMILIES),
        "thresholds": [0.5] * len(FAMILIES),
        "features": names,
        "idf": pack([1.0] * len(names), ARRAYS["idf"]),
        "weight_rows": pack(range(len(names)), ARRAYS["weight_rows"]),
        "weight_families": pack([index] * len(names), ARRAYS["weight_families"]),
        "weight_values": pack([weights[n] for n in names], ARRAYS["weight_values"]),
    }
    (tmp_path / "model.json").write_text(json.dumps(model))
    settings = f"[settings]\nclassifier_model = {json.dumps(str(tmp_path / 'model.json'))}\n"
    text = (ADMIN.read_text(encoding="utf-8") if admin else "") + "\n" + settings
    (tmp_path / "policy.toml").write_text(text)
    return checks.load_policy(tmp_path / "policy.toml")


def run(policy: checks.Policy, text: str) -> list[checks.Finding]:
    report = checks.check(text, policy=policy, date=dt.date(2026, 12, 1))
    return [f for f in report.findings if f.check == "bidder-favour.learned"]


def test_tokens_keep_words_and_replace_numbers_by_their_shape():
    assert features.tokens("Hoping BrightPath win £2.1m at 2pm on 3 May 🤞!") == [
        "hoping", "brightpath", "win", "<money>", "at", "<time>", "on", "<number>", "may", "🤞", "!",
    ]  # fmt: skip


def test_counts_hold_words_and_pairs():
    found = features.counts(["hoping", "firms", "win", "hoping"])
    assert found["hoping"] == 2
    assert found["hoping firms"] == 1
    assert found["firms win"] == 1
    assert found["win hoping"] == 1
    assert len(found) == 6


def test_batch_scoring_matches_the_logistic_regression_written_out(policy):
    model = Model.load(model_path(policy.data))
    runs = [features.tokens(post.text) for post in load_posts(CORPUS)[::9]]
    for words, got in zip(runs, model.probabilities(runs), strict=True):
        vec = model.vector(words)
        for family, intercept in enumerate(model.intercepts):
            total = intercept + sum(v * model.weight(f, family) for f, v in vec.items())
            assert got[family] == pytest.approx(1 / (1 + math.exp(-total)), abs=1e-6)


def test_long_text_is_scored_in_passages_of_whole_sentences():
    text = " ".join(f"Sentence number {n} has exactly seven words." for n in range(30))
    runs = passages(sentences(Document(text)))
    assert len(runs) > 1
    assert all(len(r.words) <= 60 for r in runs)
    assert runs[0].start == 0
    assert runs[-1].end == len(text)
    assert all(text[r.start - 1] == " " for r in runs[1:])  # each starts a sentence


def test_finding_marks_the_weightiest_sentence_and_names_its_words(tmp_path):
    policy = policy_with(tmp_path, {"cheering": 3.0, "brightpath": 2.0})
    text = "Our new guide is out today. Cheering on BrightPath for the depot work. Read it."
    (finding,) = run(policy, text)
    assert finding.check == "bidder-favour.learned"
    # with the space after it, which a removal takes too
    assert text[finding.start : finding.end] == "Cheering on BrightPath for the depot work. "
    assert "'Cheering on BrightPath for the depot work.'" in finding.message
    assert "'cheering', 'brightpath'" in finding.message
    assert finding.severity is checks.Severity.WARN


def test_removing_the_sentence_is_a_fix_the_editor_can_apply(tmp_path):
    policy = policy_with(tmp_path, {"cheering": 3.0, "brightpath": 2.0})
    text = "Our new guide is out today. Cheering on BrightPath for the depot work. Read it."
    (finding,) = run(policy, text)
    assert finding.replacements == ("",)
    assert text[: finding.start] + text[finding.end :] == "Our new guide is out today. Read it."


def test_a_family_without_a_removal_fix_gives_advice_only():
    policy = checks.load_policy()
    rule = policy.rule("criticism.learned")
    assert "removal_fix" not in rule.options
    assert policy.rule("bidder-favour.learned").options["removal_fix"] is True


def test_cues_leave_out_runs_of_function_words(tmp_path):
    policy = policy_with(tmp_path, {"cheers": 3.0, "for the": 2.0, "the depot": 1.0})
    (finding,) = run(policy, "Cheers for the depot team.")
    assert "'cheers', 'the depot'" in finding.message
    assert "'for the'" not in finding.message


def test_nothing_below_the_threshold(tmp_path):
    policy = policy_with(tmp_path, {"cheering": 1.0})
    assert run(policy, "Cheering on the new guide.") == []


def test_a_live_bidder_named_raises_a_classifier_hit_to_a_block(tmp_path):
    policy = policy_with(tmp_path, {"cheering": 5.0}, admin=True)
    (plain,) = run(policy, "Cheering on Acme today.")
    (backed,) = run(policy, "Cheering on Pennine Roadworks today.")
    assert plain.severity is checks.Severity.WARN
    assert backed.severity is checks.Severity.BLOCK


@pytest.mark.parametrize(
    ("text", "date", "backed"),
    [
        ("Vote for Priya Raman on Thursday.", dt.date(2027, 4, 1), True),
        ("Vote for Priya Raman on Thursday.", dt.date(2026, 12, 1), False),
        ("Vote for the best candidate on Thursday.", dt.date(2027, 4, 1), False),
    ],
)
def test_a_named_candidate_in_the_pre_election_period_backs_a_political_hit(
    admin_policy, text, date, backed
):
    classifier = next(c for c in admin_policy.checkers if isinstance(c, Classifier))
    political = next(m for m in classifier.members if m.rule.family == "political")
    doc = Document(text)
    ctx = Context(doc, admin_policy.lexicon.scan(doc), date, ("x",))
    assert political.backed(ctx) is backed


def test_a_rule_finding_replaces_the_classifier_finding_of_its_family():
    first = checks.Finding(
        "criticism", "criticism.learned", checks.Severity.WARN, 0, 5, "a", "m", "c"
    )
    rule = checks.Finding(
        "criticism", "criticism.labels", checks.Severity.WARN, 8, 9, "b", "m", "c"
    )
    other = checks.Finding(
        "political", "political.learned", checks.Severity.WARN, 0, 5, "a", "m", "c"
    )
    kept = checks.engine.tidy(
        [first, rule, other], frozenset({"criticism.learned", "political.learned"})
    )
    assert kept == [other, rule]


def test_a_broken_model_file_is_refused_with_its_path(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text('{"families": ["criticism"], "features": {"x": [1.0, 5, 0.3]}}')
    policy_file = tmp_path / "policy.toml"
    policy_file.write_text(f"[settings]\nclassifier_model = {json.dumps(str(bad))}\n")
    with pytest.raises(PolicyError, match=r"model\.json: not a usable classifier model"):
        checks.load_policy(policy_file)


def test_the_shipped_model_has_a_column_for_every_classifier_rule(policy):
    model = Model.load(model_path(policy.data))
    rules = [r for r in policy.rules if r.kind == "classifier"]
    assert len(rules) == 11
    assert {r.family for r in rules} == set(model.families)
    assert all(0 < t < 1 for t in model.thresholds)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="needs scikit-learn")
def test_training_reproduces_the_shipped_model_byte_for_byte(tmp_path):
    out = tmp_path / "learned.json"
    subprocess.run(
        [sys.executable, "scripts/train_classifier.py", "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    shipped = ROOT / "resources" / "policy" / "model" / "learned.json"
    assert out.read_bytes() == shipped.read_bytes()
