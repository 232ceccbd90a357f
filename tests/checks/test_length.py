"""length: X weighted length, LinkedIn characters and fold, website title; findings and lengths."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
from checks.families.length import Limits, fold_at, lengths_of, measure, utf16_prefix
from checks.policy import FAMILIES
from checks.rules import Context, PolicyError
from checks.text import Document


def _length_only_policy():
    """The shipped policy with every other family switched off, so tests stay fast."""
    others = sorted(set(FAMILIES) - {"length"})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "length-only.toml"
        path.write_text(f"[settings]\ndisabled = {json.dumps(others)}\n", encoding="utf-8")
        return checks.load_policy(path)


POLICY = _length_only_policy()
URL = "https://www.star-procurement.gov.uk/opportunities/current-tenders-and-frameworks"


def length_findings(text, **kwargs):
    report = checks.check(text, policy=POLICY, **kwargs)
    return [f for f in report.findings if f.rule == "length"]


def test_lengths_shape_for_every_platform():
    lengths = checks.check(
        "Meet the buyer on Tuesday.",
        platforms=("x", "linkedin", "website"),
        title="Meet the buyer",
        policy=POLICY,
    ).to_dict()["lengths"]
    assert lengths == {
        "x": {"weighted": 26, "limit": 280, "valid": True, "overflow_at": None},
        "linkedin": {
            "characters": 26,
            "limit": 3000,
            "valid": True,
            "overflow_at": None,
            "fold_at": None,
        },
        "website": {
            "characters": 26,
            "title_characters": 14,
            "title_limit": 70,
            "valid": True,
        },
    }


def test_lengths_only_for_the_selected_platforms():
    lengths = checks.check("Hello", platforms=("linkedin",), policy=POLICY).lengths
    assert set(lengths) == {"linkedin"}


def test_x_over_the_limit_blocks_with_the_overflow():
    text = "word " * 58 + "end"  # 293 characters
    [finding] = length_findings(text, platforms=("x",))
    assert finding.check == "length.x"
    assert finding.severity is checks.Severity.BLOCK
    assert (finding.start, finding.end) == (280, len(text))
    assert finding.message.startswith("13 characters over X's 280")
    assert finding.suggestions == ("Shorten by 13 characters",)
    assert "policy line 109" in finding.clause


def test_one_character_over_is_singular():
    [finding] = length_findings("a" * 281, platforms=("x",))
    assert finding.message.startswith("1 character over X's 280")


def test_a_300_character_post_for_linkedin_only_raises_nothing():
    assert not length_findings("a" * 300, platforms=("linkedin",))


def test_x_limit_exactly_is_fine():
    assert not length_findings("a" * 280, platforms=("x",))


def test_overflow_offset_after_emoji_and_urls():
    # 10 emoji (2 each, 2 to 11 code points each) and two long links (23 each) come first.
    emoji = (
        "\U0001f389\U0001f468\u200d\U0001f469\u200d\U0001f467\U0001faf6\U0001f3fd" * 3
        + "\U0001f1ec\U0001f1e7"
    )
    head = f"{emoji} {URL} and {URL} "
    assert checks.check(head, policy=POLICY).lengths["x"]["weighted"] == 20 + 1 + 23 + 5 + 23 + 1
    text = head + "x" * 300
    lengths = checks.check(text, policy=POLICY).lengths["x"]
    expected = len(head) + (280 - 73)
    assert lengths["overflow_at"] == expected
    [finding] = length_findings(text, platforms=("x",))
    assert (finding.start, finding.end) == (expected, len(text))
    assert finding.message.startswith(f"{73 + 300 - 280} characters over")


def test_overflow_never_splits_an_emoji():
    text = "a" * 279 + "\U0001f469\u200d\U0001f4bb" + "b"
    assert checks.check(text, policy=POLICY).lengths["x"]["overflow_at"] == 279


def test_linkedin_over_3000_blocks():
    text = "a" * 3010
    [finding] = length_findings(text, platforms=("linkedin",))
    assert finding.check == "length.linkedin"
    assert (finding.start, finding.end) == (3000, 3010)
    assert finding.message == "10 characters over LinkedIn's 3,000."
    assert "policy line 110" in finding.clause


def test_linkedin_counts_emoji_as_two_units():
    text = "\U0001f389" * 1500 + "a"
    lengths = checks.check(text, platforms=("linkedin",), policy=POLICY).lengths["linkedin"]
    assert lengths["characters"] == 3001
    assert lengths["overflow_at"] == 1500
    assert utf16_prefix(text, 3000) == 1500


def test_linkedin_fold_breaks_at_a_word():
    text = "Supplier day " * 20
    lengths = checks.check(text, platforms=("linkedin",), policy=POLICY).lengths["linkedin"]
    fold = lengths["fold_at"]
    assert fold is not None
    assert fold <= 140
    assert text[fold - 1] == " "
    assert text[fold] != " "
    assert fold > 120


@pytest.mark.parametrize(
    ("text", "fold", "expected"),
    [
        ("aaa bbb ccc", 5, 4),
        ("aaa bbb ccc", 7, 8),
        ("aaa bbb ccc", 3, 4),
        ("aaaaaaaaaa", 4, 4),
        ("aaa bbb", 7, None),
        ("aaa    ", 3, None),
    ],
)
def test_fold_at(text, fold, expected):
    assert fold_at(text, fold) == expected


def test_website_title_over_its_limit():
    title = "Meet the buyer: how to bid for catering, cleaning and care contracts in 2027"
    text = "Meet the buyer events run all year.\nBook a place."
    [finding] = length_findings(text, platforms=("website",), title=title)
    assert finding.check == "length.website-title"
    assert (finding.start, finding.end) == (0, 4)
    assert finding.message == (
        f"The title is {len(title)} characters, {len(title) - 70} characters over the 70 "
        "that search results show."
    )
    report = checks.check(text, platforms=("website",), title=title, policy=POLICY)
    assert report.lengths["website"]["valid"] is False


def test_website_body_has_no_limit():
    assert not length_findings("word " * 5000, platforms=("website",), title="Short")


def test_title_finding_does_not_hide_the_x_finding():
    findings = length_findings("a" * 300, platforms=("x", "website"), title="t" * 80)
    assert {f.check for f in findings} == {"length.x", "length.website-title"}


def test_limits_come_from_the_policy(tmp_path):
    central = tmp_path / "central.toml"
    others = json.dumps(sorted(set(FAMILIES) - {"length"}))
    central.write_text(
        f"[settings]\ndisabled = {others}\n[length.x]\nlimit = 100\n[length.linkedin]\nfold = 10\n",
        encoding="utf-8",
    )
    policy = checks.load_policy(central)
    report = checks.check("a" * 120, platforms=("x", "linkedin"), policy=policy)
    assert report.lengths["x"]["limit"] == 100
    assert report.lengths["x"]["overflow_at"] == 100
    assert report.lengths["linkedin"]["fold_at"] == 10
    assert [f.check for f in report.findings if f.rule == "length"] == ["length.x"]


def test_a_bad_limit_is_refused_with_its_file(tmp_path):
    central = tmp_path / "central.toml"
    central.write_text('[length.x]\nlimit = "long"\n', encoding="utf-8")
    with pytest.raises(PolicyError, match=r"central\.toml:1: length: length\.x\.limit"):
        checks.load_policy(central)


def test_measured_once_per_check():
    ctx = Context(Document("a" * 300), {}, dt.date(2026, 1, 1), ("x",))
    first = lengths_of(ctx, Limits())
    assert lengths_of(ctx, Limits()) is first
    assert measure(ctx, POLICY.data) == first


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                ["word ", URL, " example.com ", "\U0001f389", "\u6545", "e\u0301", "x" * 50]
            )
        ).map("".join),
    )
)
def test_any_text_has_offsets_inside_it(text):
    lengths = checks.check(text, platforms=("x", "linkedin"), policy=POLICY).lengths
    assert lengths["x"]["weighted"] >= 0
    for measured in lengths.values():
        overflow = measured["overflow_at"]
        assert overflow is None or 0 <= overflow < len(text)
    fold = lengths["linkedin"]["fold_at"]
    assert fold is None or 0 < fold <= len(text)
