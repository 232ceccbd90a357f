"""accessibility: hashtags, emoji (count, repeats, mid-sentence), links and image alt text."""

from __future__ import annotations

import re

import emoji
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
from checks import ImageRef
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
        ("✔️ Register\n✔️ Read\n✔️ Bid\n✔️ Win", ["✔️"]),
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
        '[[rules]]\nid = "accessibility.contrast"\nkind = "accessibility"\ntest = "colour-contrast"\n'
        'clause_line = 148\nmessage = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(checks.PolicyError, match="'test' must be one of"):
        checks.load_policy(path)


def apply(text, finding, replacement=None):
    """``text`` with ``finding``'s first replacement (or ``replacement``) in place of its span."""
    new = finding.replacements[0] if replacement is None else replacement
    return text[: finding.start] + new + text[finding.end :]


# ---------------------------------------------------------------- emoji-repeated

REPEATED = {
    "three-in-a-row": ("All four passed! 🎉🎉🎉", "🎉🎉🎉", "All four passed! 🎉"),
    "spaced": ("Well done 🎉 🎉 🎉", "🎉 🎉 🎉", "Well done 🎉"),
    "two": ("Thank you 🙏🙏", "🙏🙏", "Thank you 🙏"),
    "variation-selector": ("We ❤️❤", "❤️❤", "We ❤️"),
    "skin-tone": ("Good work 👍🏽👍🏽", "👍🏽👍🏽", "Good work 👍🏽"),
    "flags": ("Go team 🇬🇧🇬🇧", "🇬🇧🇬🇧", "Go team 🇬🇧"),
    "after-another-emoji": ("Done 👏🎉🎉", "🎉🎉", "Done 👏🎉"),
}

REPEATED_NEAR_MISSES = {
    "different": "Well done team 🎉👏🙌",
    "words-between": "🎉 Bids open today. Thank you all 🎉",
    "bullets": "✅ Register on The Chest\n✅ Read the guide\n✅ Send your bid",
    "family-sequence": "Family day 👨‍👩‍👧",
    "different-skin-tones": "Thumbs 👍👍🏽",
    "not-emoji": "© © STAR Procurement®®",
}


@pytest.mark.parametrize(("text", "match", "fixed"), REPEATED.values(), ids=REPEATED.keys())
def test_emoji_repeated_keeps_one(policy, text, match, fixed):
    [finding] = findings(policy, text, "accessibility.emoji-repeated")
    assert finding.text == match
    assert apply(text, finding) == fixed
    assert finding.severity is checks.Severity.WARN
    assert f"{len(emoji_spans(match))} times" in finding.message


@pytest.mark.parametrize("text", REPEATED_NEAR_MISSES.values(), ids=REPEATED_NEAR_MISSES.keys())
def test_emoji_repeated_ignores(policy, text):
    assert not findings(policy, text, "accessibility.emoji-repeated")


def test_emoji_repeated_flags_each_run(policy):
    text = "Passed 🎉🎉 and promoted 👏👏👏"
    found = findings(policy, text, "accessibility.emoji-repeated")
    assert [f.text for f in found] == ["🎉🎉", "👏👏👏"]
    assert apply(apply(text, found[1]), found[0]) == "Passed 🎉 and promoted 👏"


# ---------------------------------------------------------------- emoji-mid-sentence

MID_SENTENCE = {
    "heart-for-love": ("We ❤️ our suppliers", "❤️", "We love our suppliers"),
    "heart-before-a-name": ("We ❤️ Stockport firms", "❤️", "We love Stockport firms"),
    "soon-at-the-end": ("Bids close 🔜", "🔜", "Bids close soon"),
    "soon-before-a-stop": ("Bids close 🔜. Register now", "🔜", "Bids close soon. Register now"),
    "new-mid": ("Our 🆕 guide is out", "🆕", "Our new guide is out"),
}

MID_SENTENCE_NO_WORD = {
    "shop": ("We buy from local 🏪 across the boroughs", "🏪"),
    "run-of-two": ("Our buyers 🚚 📦 every day", "🚚 📦"),
    "before-a-number": ("Meet the buyer 📅 14 January", "📅"),
    "between-clauses": ("Well done to the team 👏 great work", "👏"),
    "after-a-comma": ("Reports done, 📊 holidays next", "📊"),
    "after-a-bullet": ("✅ We buy 🚚 locally", "🚚"),
}

MID_SENTENCE_NEAR_MISSES = {
    "end-of-post": "Well done to every one of them 🎉",
    "end-of-post-heart": "Thank you to all our suppliers ❤️",
    "before-a-line-break": "Well done team 🎉\nNext week: the results",
    "after-final-stop": "Bids are open. 🎉 Good luck everyone!",
    "after-exclamation-and-quote": 'They said "yes!" 🎉 and we celebrated.',
    "start-as-bullet": "📅 14 January: Meet the Buyer",
    "bullets": "✅ Register on The Chest\n✅ read the guide",
    "before-a-capital": "Great news 🎉 Our apprentices all passed",
    "before-a-hashtag": "Register on The Chest once. #TheChest 👍",
    "after-hashtag-at-end": "Good luck #SocialValue 🎉",
    "before-a-link": "Book your place 👉 https://star-procurement.gov.uk/events",
    "before-a-bare-domain": "Book your place 👉 star-procurement.gov.uk",
    "before-a-mention": "Follow us 👉 @STARProcurement",
    "before-punctuation": "Summer social 🍦, then reports",
    "after-colon": "Coming soon: 🎉",
    "spelled-at-the-start": "🆕 Guide for small firms",
    "not-emoji": "© STAR Procurement 2026 and Chest™ users",
}


@pytest.mark.parametrize(("text", "match", "fixed"), MID_SENTENCE.values(), ids=MID_SENTENCE.keys())
def test_emoji_mid_sentence_offers_the_word(policy, text, match, fixed):
    [finding] = findings(policy, text, "accessibility.emoji-mid-sentence")
    assert finding.text == match
    assert apply(text, finding) == fixed
    assert finding.suggestions[0] == finding.replacements[0]


@pytest.mark.parametrize(
    ("text", "match"), MID_SENTENCE_NO_WORD.values(), ids=MID_SENTENCE_NO_WORD.keys()
)
def test_emoji_mid_sentence_flags_emoji_among_words(policy, text, match):
    [finding] = findings(policy, text, "accessibility.emoji-mid-sentence")
    assert finding.text == match
    assert text[finding.start : finding.end] == match
    assert finding.replacements == ()
    assert finding.suggestions == ("Say it in words, or move the emoji to the end of the post",)


@pytest.mark.parametrize(
    "text", MID_SENTENCE_NEAR_MISSES.values(), ids=MID_SENTENCE_NEAR_MISSES.keys()
)
def test_emoji_mid_sentence_ignores(policy, text):
    assert not findings(policy, text, "accessibility.emoji-mid-sentence")


def test_emoji_words_are_policy_data(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text('[accessibility.emoji_words]\n"👍" = "approve"\n', encoding="utf-8")
    admin = checks.load_policy(path)
    text = "We 👍 the plan"
    [finding] = findings(admin, text, "accessibility.emoji-mid-sentence")
    assert apply(text, finding) == "We approve the plan"
    assert findings(admin, "We ❤️ our suppliers", "accessibility.emoji-mid-sentence")


# ---------------------------------------------------------------- link-count

LINKS = {
    "two-urls": (
        "Read https://star-procurement.gov.uk/guide and https://www.gov.uk/find-tender",
        ["https://www.gov.uk/find-tender"],
    ),
    "bare-domains": (
        "See star-procurement.gov.uk or gov.uk/contracts-finder",
        ["gov.uk/contracts-finder"],
    ),
    "three": ("a.gov.uk, b.gov.uk and c.gov.uk", ["b.gov.uk", "c.gov.uk"]),
    "short-link": ("Book https://t.co/abc123 or www.example.com", ["www.example.com"]),
}

LINK_NEAR_MISSES = {
    "one-url": "Read our guide at https://star-procurement.gov.uk/guide today",
    "one-bare-domain": "Register on thechest.nepo.org",
    "email-and-link": "Email procurement@star-procurement.gov.uk or see gov.uk",
    "abbreviations": "Bring ID, e.g. a passport, i.e. anything with a photo. Version 2.0 is out.",
    "no-links": "Our supplier fair is on 15 October.",
}


@pytest.mark.parametrize(("text", "extra"), LINKS.values(), ids=LINKS.keys())
def test_link_count_flags_links_after_the_first(policy, text, extra):
    found = findings(policy, text, "accessibility.link-count")
    assert [f.text for f in found] == extra
    assert all(f.replacements == ("",) for f in found)
    assert all("keep to 1 a post" in f.message for f in found)


@pytest.mark.parametrize("text", LINK_NEAR_MISSES.values(), ids=LINK_NEAR_MISSES.keys())
def test_link_count_ignores(policy, text):
    assert not findings(policy, text, "accessibility.link-count")


def test_link_count_removing_the_extra_link_leaves_one(policy):
    text = "Read a.gov.uk/guide and b.gov.uk/faq"
    [finding] = findings(policy, text, "accessibility.link-count")
    assert apply(text, finding) == "Read a.gov.uk/guide and "


@pytest.mark.parametrize(
    ("platforms", "flagged"),
    [(("x",), True), (("linkedin",), True), (("website",), False), (("website", "x"), True)],
    ids=["x", "linkedin", "website-article", "website-and-x"],
)
def test_link_count_applies_to_social_posts_only(policy, platforms, flagged):
    text = "See a.gov.uk and b.gov.uk"
    report = checks.check(text, policy=policy, platforms=platforms)
    assert any(f.check == "accessibility.link-count" for f in report.findings) is flagged


def test_link_limit_is_policy_data(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text("[accessibility]\nmax_links = 2\n", encoding="utf-8")
    admin = checks.load_policy(path)
    found = findings(admin, "a.gov.uk, b.gov.uk and c.gov.uk", "accessibility.link-count")
    assert [f.text for f in found] == ["c.gov.uk"]


# ---------------------------------------------------------------- alt-text

ALT_FLAGGED = {
    "missing": (ImageRef("fair.jpg"), "no alt text", None),
    "blank": (ImageRef("fair.jpg", "  \n "), "no alt text", None),
    "camera-file-name": (ImageRef("IMG_0042.jpg", "IMG_0042.jpg"), "file name", None),
    "own-name": (ImageRef("supplier-fair", "supplier-fair"), "file name", None),
    "own-name-without-extension": (ImageRef("fair-2026.png", "fair-2026"), "file name", None),
    "other-file-name": (ImageRef("a", "meet_the_buyer_final(2).png"), "file name", None),
    "phone-name": (ImageRef("a", "PXL_20260114_101500"), "file name", None),
    "image-of": (
        ImageRef("fair.jpg", "Image of buyers talking to suppliers"),
        "screen readers announce that already",
        "Buyers talking to suppliers",
    ),
    "picture-of": (
        ImageRef("fair.jpg", "picture of: the Meet the Buyer stand"),
        "screen readers announce that already",
        "The Meet the Buyer stand",
    ),
    "a-photo-of": (
        ImageRef("fair.jpg", "A photo of three apprentices"),
        "screen readers announce that already",
        "Three apprentices",
    ),
    "too-long": (ImageRef("chart.png", "A bar chart " + "y" * 248), "260 characters", None),
}

ALT_GOOD = {
    "short": ImageRef("fair.jpg", "Buyers and suppliers talking at the Meet the Buyer fair"),
    "image-in-text": ImageRef("logo.png", "Images from our 2026 supplier fair, in a collage"),
    "imaginative": ImageRef("art.png", "Imaginative artwork by Rochdale pupils"),
    "photographer": ImageRef("a.jpg", "Photographer Ana Silva with the award"),
    "at-the-limit": ImageRef("chart.png", "x" * 125),
    "with-a-stop": ImageRef("team.jpg", "The team at Trafford Town Hall. Everyone is smiling."),
    "mentions-a-file": ImageRef("doc.png", "Cover of our guide, Bidding.pdf, in blue"),
}


@pytest.mark.parametrize(
    ("image", "reason", "better"), ALT_FLAGGED.values(), ids=ALT_FLAGGED.keys()
)
def test_alt_text_flags_the_image(policy, image, reason, better):
    text = "Our supplier fair was a success."
    report = checks.check(text, policy=policy, images=[image])
    [finding] = [f for f in report.findings if f.check == "accessibility.alt-text"]
    assert (finding.start, finding.end, finding.text) == (0, 0, "")
    assert f"Image '{image.name}'" in finding.message
    assert reason in finding.message
    assert finding.replacements == ()
    assert finding.severity is checks.Severity.WARN
    if better:
        assert finding.suggestions[0] == better


@pytest.mark.parametrize("image", ALT_GOOD.values(), ids=ALT_GOOD.keys())
def test_alt_text_accepts_good_descriptions(policy, image):
    report = checks.check("Our supplier fair", policy=policy, images=[image])
    assert not [f for f in report.findings if f.check == "accessibility.alt-text"]


def test_alt_text_too_long_says_why(policy):
    image = ImageRef("chart.png", "y" * 126)
    [finding] = findings_with_images(policy, "Chart", [image])
    assert "X allows 1,000" in finding.message
    assert "under 125" in finding.message


def test_alt_text_finding_for_each_image_even_beside_text_findings(policy):
    images = [ImageRef("a.jpg"), ImageRef("b.jpg", "b.jpg"), ImageRef("c.jpg", "A good one")]
    text = "#socialvalue 🎉🎉 at https://a.gov.uk and b.gov.uk"
    report = checks.check(text, policy=policy, images=images)
    alt = [f for f in report.findings if f.check == "accessibility.alt-text"]
    assert ["'a.jpg'" in alt[0].message, "'b.jpg'" in alt[1].message] == [True, True]
    assert len(alt) == 2
    others = {f.check for f in report.findings} - {"accessibility.alt-text"}
    assert {"accessibility.hashtag-case", "accessibility.emoji-repeated"} <= others
    assert "accessibility.link-count" in others


def test_no_images_no_alt_text_findings(policy):
    assert not findings(policy, "A post with no pictures", "accessibility.alt-text")


def test_alt_text_limits_are_policy_data(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text(
        '[accessibility]\nmax_alt_length = 20\nalt_redundant_starts = ["shows"]\n',
        encoding="utf-8",
    )
    admin = checks.load_policy(path)
    long_alt = findings_with_images(admin, "x", [ImageRef("a", "Twenty-one characters")])
    assert "under 20" in long_alt[0].message
    [shows] = findings_with_images(admin, "x", [ImageRef("a", "Shows a map")])
    assert shows.suggestions[0] == "A map"


def findings_with_images(policy, text, images):
    report = checks.check(text, policy=policy, images=images)
    return [f for f in report.findings if f.check == "accessibility.alt-text"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("max_links = -2", "max_links"),
        ("max_alt_length = 5000", "max_alt_length"),
        ('link_platforms = "x"', "link_platforms"),
        ('alt_file_patterns = ["(unclosed"]', "invalid pattern"),
        ("emoji_words = 3", "emoji_words"),
        ('word_emoji = { "🔜" = 1 }', "word_emoji"),
    ],
    ids=["links", "alt-length", "platforms", "bad-pattern", "emoji-words", "word-emoji"],
)
def test_bad_new_accessibility_data_is_refused(tmp_path, data, reason):
    path = tmp_path / "admin.toml"
    path.write_text(f"[accessibility]\n{data}\n", encoding="utf-8")
    with pytest.raises(checks.PolicyError, match=re.escape(reason)):
        checks.load_policy(path)


def test_alt_text_rule_needs_every_reason(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text(
        '[[rules]]\nid = "accessibility.alt-text"\n[rules.reasons]\nmissing = "none"\n'
        'file-name = "a name"\nredundant = "says image"\ntoo-long = "long"\nblurry = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(checks.PolicyError, match="unknown entry 'blurry'"):
        checks.load_policy(path)


def test_every_accessibility_rule_has_examples(policy):
    tested = {
        "hashtag-case", "hashtag-count", "emoji-count", "emoji-repeated",
        "emoji-mid-sentence", "link-count", "alt-text",
    }  # fmt: skip
    shipped = {r.id.split(".", 1)[1] for r in policy.rules if r.family == "accessibility"}
    assert shipped == tested


def test_repeated_emoji_mid_sentence_is_fixed_one_step_at_a_time(policy):
    text = "We ❤️❤️❤️ our suppliers"
    [first] = [f for f in checks.check(text, policy=policy).findings if f.rule == "accessibility"]
    assert first.check == "accessibility.emoji-repeated"
    once = apply(text, first)
    [then] = [f for f in checks.check(once, policy=policy).findings if f.rule == "accessibility"]
    assert then.check == "accessibility.emoji-mid-sentence"
    assert apply(once, then) == "We love our suppliers"


PIECES = st.sampled_from(
    [
        "🎉", "❤️", "❤", "🔜", "👍🏽", "🇬🇧", "👨‍👩‍👧", "1️⃣", "©", " ", "  ", "\n", ".", "!", ",", ":",
        "we", "Our", "buyers", "#socialvalue", "#TheChest", "@STAR", "gov.uk", "https://a.gov.uk/x",
        "t.co/abc", "\u200d", "\ufe0f", '"', "…",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=30).map("".join))
def test_accessibility_spans_and_fixes_hold_on_any_post(text):
    policy = checks.default_policy()
    accessible = [
        f for f in checks.check(text, policy=policy).findings if f.rule == "accessibility"
    ]
    for finding in accessible:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.text == text[finding.start : finding.end]
        if finding.check == "accessibility.emoji-repeated":
            fixed = apply(text, finding)
            assert len(emoji_spans(fixed)) < len(emoji_spans(text))
            assert not findings(policy, finding.replacements[0], "accessibility.emoji-repeated")


def test_alt_text_reason_with_an_unknown_field_is_refused(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text(
        '[[rules]]\nid = "accessibility.alt-text"\n[rules.reasons]\nmissing = "none"\n'
        'file-name = "a name"\nredundant = "says image"\ntoo-long = "{lenght} characters"\n',
        encoding="utf-8",
    )
    with pytest.raises(checks.PolicyError, match="reason 'too-long' may only use"):
        checks.load_policy(path)
