"""accessibility: CamelCase hashtags, at most two hashtags, at most three emoji."""

from __future__ import annotations

import emoji
import pytest

import checks
from checks.families.accessibility import EMOJI_RUN, Accessibility, emoji_spans

CASE_FLAGGED = {
    "lower-two-words": ("Great day for #socialvalue", "#socialvalue", "#SocialValue"),
    "lower-three-words": ("Come to #meetthebuyer", "#meetthebuyer", "#MeetTheBuyer"),
    "capitals": ("#SOCIALVALUE matters", "#SOCIALVALUE", "#SocialValue"),
    "acronym-kept": ("Now hiring #nhsjobs", "#nhsjobs", "#NHSJobs"),
    "digits": ("Our #socialvalue2026 report", "#socialvalue2026", "#SocialValue2026"),
    "supply-chain": ("Resilient #supplychain", "#supplychain", "#SupplyChain"),
    "buy-local": ("Please #buylocal", "#buylocal", "#BuyLocal"),
    "four-words": ("Join #womeninprocurement", "#womeninprocurement", "#WomenInProcurement"),
    "before-punctuation": (
        "Read more: #greatermanchester.",
        "#greatermanchester",
        "#GreaterManchester",
    ),
}

CASE_NEAR_MISSES = {
    "one-word": "All about #procurement",
    "place": "Proud of #Stockport",
    "place-lower": "Proud of #stockport and #rochdale",
    "camel-case": "Celebrating #SocialValue",
    "lower-camel-case": "Celebrating #socialValue",
    "acronym": "Thank you #NHS",
    "acronym-split-badly": "With #GMCA and #GDPR",
    "new-word": "After #covid and #brexit",
    "underscore": "Celebrating #social_value",
    "number": "We are #1",
    "year": "Plans for #2026",
    "url-fragment": "See https://x.com/page#socialvalue",
    "url-no-scheme": "See x.com/#socialvalue",
    "html-entity": "It&#39;s here",
}

EMOJI_NEAR_MISSES = {
    "three": "Well done team 🎉👏🙌",
    "none": "Well done team!",
    "symbols": "© 2026 STAR Procurement® and Chest™ — 'quoted' “text”",
    "three-complex": "Family day 👨‍👩‍👧 thumbs 👍🏽 flag 🇬🇧",
}


def findings(policy, text, check_id):
    return [f for f in checks.check(text, policy=policy).findings if f.check == check_id]


@pytest.mark.parametrize(("text", "tag", "camel"), CASE_FLAGGED.values(), ids=CASE_FLAGGED.keys())
def test_hashtag_case_suggests_camel_case(policy, text, tag, camel):
    [finding] = findings(policy, text, "accessibility.hashtag-case")
    assert finding.text == tag
    assert text[finding.start : finding.end] == tag
    assert finding.suggestions == (camel,)
    assert camel in finding.message
    assert finding.severity is checks.Severity.WARN


@pytest.mark.parametrize("text", CASE_NEAR_MISSES.values(), ids=CASE_NEAR_MISSES.keys())
def test_hashtag_case_ignores(policy, text):
    assert not findings(policy, text, "accessibility.hashtag-case")


def test_hashtag_case_cites_the_guidance(policy):
    [finding] = findings(policy, "#socialvalue", "accessibility.hashtag-case")
    assert "policy line 148" in finding.clause
    assert "Use plain English wherever possible" in finding.clause
    assert "CamelCase hashtags" in finding.clause


@pytest.mark.parametrize(
    ("text", "extra"),
    [
        ("#SocialValue #MeetTheBuyer", []),
        ("#SocialValue #MeetTheBuyer #Stockport", ["#Stockport"]),
        ("#A1 #B2 #C3 #D4", ["#C3", "#D4"]),
        ("#SocialValue and #MeetTheBuyer, see https://x.com/a#b, we're #1 in #2026", []),
    ],
    ids=["two", "three", "four", "urls-and-numbers-not-counted"],
)
def test_hashtag_count_flags_the_third_and_later(policy, text, extra):
    found = findings(policy, text, "accessibility.hashtag-count")
    assert [f.text for f in found] == extra
    assert all(f.suggestions == ("Remove this hashtag",) for f in found)


def test_hashtag_count_threshold_is_policy_data(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text("[accessibility]\nmax_hashtags = 3\n", encoding="utf-8")
    admin = checks.load_policy(path)
    text = "#SocialValue #MeetTheBuyer #Stockport #Trafford"
    assert [f.text for f in findings(admin, text, "accessibility.hashtag-count")] == ["#Trafford"]
    assert "More than 3 hashtags" in findings(admin, text, "accessibility.hashtag-count")[0].message


@pytest.mark.parametrize(
    ("text", "extra"),
    [
        ("Well done 🎉👏🙌💪", ["💪"]),
        ("🎉 one 🎉 two 🎉 three 🎉 four 🎉 five", ["🎉", "🎉"]),
        ("Family 👨‍👩‍👧 skin 👍🏽 flag 🇬🇧 keycap 1️⃣", ["1️⃣"]),
        ("Ticks ✔️ ✔️ ✔️ ✔️", ["✔️"]),
    ],
    ids=["four", "five", "sequences-count-once", "ticks-as-bullets"],
)
def test_emoji_count_flags_the_fourth_and_later(policy, text, extra):
    found = findings(policy, text, "accessibility.emoji-count")
    assert [f.text for f in found] == extra
    assert all(text[f.start : f.end] == f.text for f in found)
    assert all(f.suggestions == ("Remove this emoji",) for f in found)


@pytest.mark.parametrize("text", EMOJI_NEAR_MISSES.values(), ids=EMOJI_NEAR_MISSES.keys())
def test_emoji_count_ignores(policy, text):
    assert not findings(policy, text, "accessibility.emoji-count")


def test_emoji_threshold_is_policy_data(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text("[accessibility]\nmax_emoji = 1\n", encoding="utf-8")
    admin = checks.load_policy(path)
    assert [f.text for f in findings(admin, "🎉 and 👏", "accessibility.emoji-count")] == ["👏"]


def test_emoji_spans_are_python_string_offsets():
    text = "a🎉b 👨‍👩‍👧 c"
    assert [text[s:e] for s, e in emoji_spans(text)] == ["🎉", "👨‍👩‍👧"]
    assert emoji_spans(text)[0] == (1, 2)


def test_emoji_prefilter_covers_every_emoji_the_library_knows():
    missed = [e for e in emoji.EMOJI_DATA if not EMOJI_RUN.fullmatch(e)]
    assert missed == []


def test_segmenter_loads_only_for_a_hashtag_in_one_case():
    policy = checks.load_policy()
    checker = next(c for c in policy.checkers if isinstance(c, Accessibility))
    checks.check("#SocialValue #NHS and #1 at https://x.com/#page", policy=policy)
    assert not checker.segmenter_loaded
    checks.check("#socialvalue", policy=policy)
    assert checker.segmenter_loaded


def test_segmenter_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    policy = checks.load_policy()
    [finding] = findings(policy, "#meetthebuyer", "accessibility.hashtag-case")
    assert finding.suggestions == ("#MeetTheBuyer",)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("max_hashtags = -1", "max_hashtags"),
        ('max_emoji = "three"', "max_emoji"),
        ("words = 3", "words"),
    ],
    ids=["negative", "not-a-number", "words-not-a-list"],
)
def test_bad_accessibility_data_is_refused(tmp_path, data, reason):
    path = tmp_path / "admin.toml"
    path.write_text(f"[accessibility]\n{data}\n", encoding="utf-8")
    with pytest.raises(checks.PolicyError, match=reason):
        checks.load_policy(path)


def test_unknown_accessibility_test_is_refused(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text(
        '[[rules]]\nid = "accessibility.alt"\nkind = "accessibility"\ntest = "alt-text"\n'
        'clause_line = 148\nmessage = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(checks.PolicyError, match="'test' must be one of"):
        checks.load_policy(path)
