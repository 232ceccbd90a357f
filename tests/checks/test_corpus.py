"""The labelled corpus: recall per rule at least 0.9, few clean posts blocked."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.checks.corpus import load_posts, score

ISSUE_FAMILIES = [
    "bidder-meeting", "tender-detail", "bidder-favour", "council-favour", "breaking-news",
    "political", "criticism", "internal-shortcoming", "personal-opinion", "confidential",
    "personal-data", "offensive", "jargon", "acronym", "accessibility",
]  # fmt: skip

POSTS = load_posts()


@pytest.fixture(scope="module")
def result(admin_policy):
    return score(POSTS, admin_policy)


def test_corpus_has_at_least_250_posts_with_unique_ids():
    assert len(POSTS) >= 250
    assert len({p.id for p in POSTS}) == len(POSTS)


@pytest.mark.parametrize("family", ISSUE_FAMILIES)
def test_corpus_has_positives_and_near_misses_for(family):
    positives = sum(family in p.expect for p in POSTS)
    near_misses = sum(p.kind == "near-miss" and p.id.startswith(family) for p in POSTS)
    assert positives >= 8
    assert near_misses >= 4


def test_corpus_has_long_articles_and_short_posts():
    lengths = Counter("long" if len(p.text.split()) >= 400 else "short" for p in POSTS)
    assert lengths["long"] >= 10
    assert lengths["short"] >= 150


@pytest.mark.parametrize("family", ISSUE_FAMILIES)
def test_recall_is_at_least_90_percent_for(result, family):
    misses = [post for post, rule in result.misses if rule == family]
    assert result.recall(family) >= 0.9, f"missed: {misses}"


def test_at_most_5_percent_of_clean_posts_are_blocked(result, capsys):
    with capsys.disabled():
        print("\n" + result.table())
    assert result.clean >= 60
    assert len(result.clean_blocked) / result.clean <= 0.05, result.clean_blocked
