"""The frozen evaluation corpus: posts written blind to the rules, never used to tune them.

`tests/corpus/frozen/` was written by three writers who had only the policy and
`tests/corpus/LABELS.md`, and it was committed before any rule or the classifier was
changed against the new training data. Nothing here lists which posts were missed: a
rule, threshold or training example chosen by reading those misses would make these
figures meaningless.

The issue's targets are macro recall 0.9, every rule 0.8 and at most 3% of clean posts
blocked; all are met since the situation rules over the shared analysis (tender-detail,
the last under 0.8, went from 0.78 to 0.84, 95% CI 0.73-0.90).
"""

from __future__ import annotations

import pytest

from tests.checks.corpus import CORPUS, load_posts, score, wilson
from tests.checks.test_corpus import ISSUE_FAMILIES

FROZEN = CORPUS / "frozen"
RULES = [*ISSUE_FAMILIES, "length"]
POSTS = load_posts(FROZEN)


@pytest.fixture(scope="module")
def result(admin_policy):
    return score(POSTS, admin_policy)


def test_frozen_corpus_is_large_enough():
    assert len(POSTS) >= 600
    assert len({p.id for p in POSTS}) == len(POSTS)
    assert sum(not p.expect for p in POSTS) >= 250
    for rule in RULES:
        assert sum(rule in p.expect for p in POSTS) >= 30, rule


def test_frozen_corpus_report(result, capsys):
    with capsys.disabled():
        print("\nfrozen evaluation corpus\n" + result.table())
    assert result.tp or result.fn


def test_frozen_macro_recall_is_at_least_90_percent(result):
    assert result.macro_recall(RULES) >= 0.9


@pytest.mark.parametrize("rule", RULES)
def test_frozen_recall_is_at_least_80_percent_for(result, rule):
    assert result.recall(rule) >= 0.8


def test_frozen_clean_posts_blocked_at_most_3_percent(result):
    blocked = len(result.clean_blocked)
    assert blocked / result.clean <= 0.03, (
        f"{blocked}/{result.clean}, 95% CI {wilson(blocked, result.clean)}"
    )
