"""plain-english: long sentences, reading age per audience, passive voice, abbreviations, long words."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
from checks.families.plain_english import read_word_list, split_hint
from checks.policy import shipped_policy_dir

LONG = (
    "We are writing to let every supplier in the three boroughs know that the new "
    "framework for office supplies opens next month and that small firms can bid for "
    "each of its five lots."
)  # 34 words
EASY = (
    "We met lots of people at the fair. They asked good questions. We had fun. "
    "Come and see us next year. We will be there in May."
)
HARD = (
    "Sustainability considerations, including decarbonisation commitments and circular "
    "economy principles, are increasingly incorporated into evaluation methodologies. "
    "Comprehensive organisational accountability necessitates considerable investigation."
)

PASSIVE_FLAGGED = {
    "one-line-post": ("Contracts were awarded to local firms", "were awarded"),
    "line-before-a-heading": ("Intro.\nNew homes were built\n\nMore soon.", "were built"),
    "was-awarded-by": ("The contract was awarded by STAR Procurement.", "was awarded"),
    "were-built": ("New homes were built in Rochdale.", "were built"),
    "must-be-submitted": ("Bids must be submitted by 5pm on Friday.", "be submitted"),
    "is-being-reviewed": ("Your application is being reviewed.", "is being reviewed"),
    "adverb-between": ("The report was quickly written by the team.", "was quickly written"),
    "has-been-shortlisted": ("Our bid has been shortlisted.", "been shortlisted"),
    "got-paid": ("Suppliers got paid within ten days.", "got paid"),
    "closed-by-agent": ("The road is closed by the police tonight.", "is closed"),
    "negated": ("Late bids are not accepted.", "are not accepted"),
}

PASSIVE_NEAR_MISSES = {
    "heading": "Contracts Were Awarded To Local Firms\n\nSix firms from Rochdale won places.",
    "heading-mid-article": "Our news.\n\nNew Homes Were Built\nTwelve homes opened in May.",
    "excited": "We are excited to announce our new partner.",
    "pleased": "We are pleased to welcome twelve apprentices.",
    "interested": "If your business is interested, get in touch.",
    "located": "Our offices are located in Stockport.",
    "closed": "The office is closed on Monday.",
    "delighted": "We were delighted with the response.",
    "based": "The team is based in Trafford.",
    "get-involved": "Get involved with our supplier day!",
    "indeed": "It was indeed a great day.",
    "active": "We awarded the contract last week.",
    "adjective": "The event was free and open to all.",
    "committed": "We are committed to social value.",
    "called": "The event is called Meet the Buyer.",
}

ABBREVIATION_FLAGGED = {
    "e.g.": ("Local firms, e.g. builders, can bid.", "e.g.", "for example"),
    "eg": ("Local firms, eg builders, can bid.", "eg", "for example"),
    "e. g.": ("Local firms, e. g. builders, can bid.", "e. g.", "for example"),
    "i.e.": ("The closing date, i.e. Friday, is near.", "i.e.", "that is"),
    "ie": ("The closing date, ie Friday, is near.", "ie", "that is"),
    "etc-mid": ("Pens, paper, etc. are in stock.", "etc.", "and so on"),
    "etc-end": ("We buy pens, paper, etc. Ask us.", "etc", "and so on"),
    "etc-comma": ("Pens, paper, etc, are in stock.", "etc", "and so on"),
    "ampersand": ("Terms & conditions apply.", "&", "and"),
    "capital-Eg": ("Eg builders can bid.", "Eg", "for example"),
}

ABBREVIATION_NEAR_MISSES = {
    "M&S": "Thanks to M&S for the donation.",
    "B&Q": "Supplies from B&Q arrived.",
    "R & D": "Our R & D team met today.",
    "url-query": "See https://example.com/page?a=1&b=2 for details.",
    "url-eg": "Visit www.eg.example.com today.",
    "html-entity": "It&#39;s here.",
    "EG-name": "EG Group opened a new site.",
    "IE-caps": "Old browsers such as IE are not supported.",
    "word-with-ie": "The pie and the tie are here.",
    "etcetera-inside": "The fetch went well.",
    "hashtag": "Follow #eg for news.",
}

LONG_WORD_FLAGGED = {
    "additional": ("We have additional places.", "additional", ("extra", "more")),
    "capitalised": ("Additional places are free.", "Additional", ("Extra", "More")),
    "ensure": ("Please ensure you register.", "ensure", ("make sure",)),
    "demonstrate": ("Bidders must demonstrate experience.", "demonstrate", ("show",)),
    "purchase": ("You can purchase a ticket.", "purchase", ("buy", "bought")),
    "therefore": ("We therefore moved the date.", "therefore", ("so",)),
}

LONG_WORD_NEAR_MISSES = {
    "short-words": "We buy things for the three councils.",
    "inside-a-word": "The ensurers met.",
    "jargon-not-doubled": "We will commence work soon.",
    "keep-informed": "We will keep you informed.",
    "determined-adjective": "We are determined to help small firms.",
}


def found(policy, text, check_id, **kwargs):
    report = checks.check(text, policy=policy, **kwargs)
    return [f for f in report.findings if f.check == check_id]


# Long sentences


def test_long_sentence_spans_the_sentence(policy):
    text = f"Hello all. {LONG} Thanks."
    [finding] = found(policy, text, "plain-english.long-sentence")
    assert finding.text == LONG
    assert f"{len(LONG.split())} words" in finding.message
    assert "25" in finding.message
    assert finding.severity is checks.Severity.ADVICE
    assert finding.suggestions == ("Split it into two sentences at 'and'",)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["word"] * 25) + ".",
        "Read more at https://www.star-procurement.gov.uk/news/2026/a-very-long-link-with-many-parts-in-it-that-goes-on today.",
        "One short line.\nAnother short line.\nA third short line with a few more words in it.",
    ],
    ids=["exactly-25-words", "link-is-not-words", "lines-are-sentences"],
)
def test_long_sentence_ignores(policy, text):
    assert not found(policy, text, "plain-english.long-sentence")


def test_long_sentence_limit_is_data(tmp_path, policy):
    path = tmp_path / "admin.toml"
    path.write_text("[plain_english]\nmax_sentence_words = 10\n", encoding="utf-8")
    text = "We met lots of local firms at the fair in Stockport on Friday."
    assert found(checks.load_policy(path), text, "plain-english.long-sentence")
    assert not found(policy, text, "plain-english.long-sentence")


def test_split_hint_without_a_join():
    text = " ".join(["word"] * 30)
    assert split_hint(text, 0, len(text)) == "Split it into two or more sentences"


# Reading age


@pytest.mark.parametrize(
    ("audiences", "expected"),
    [
        (("residents",), True),
        (("bidders",), True),
        (("stakeholders",), True),
        (("peers", "residents"), True),
    ],
    ids=["residents", "bidders", "stakeholders", "lowest-target-wins"],
)
def test_reading_age_flags_hard_text(policy, audiences, expected):
    findings = found(policy, HARD, "plain-english.reading-age", audiences=audiences)
    assert bool(findings) is expected
    [finding] = findings
    assert finding.text.startswith("Comprehensive") or finding.text.startswith("Sustainability")
    assert "Reading age" in finding.message


def test_reading_age_names_the_audience_and_target(policy):
    [finding] = found(policy, HARD, "plain-english.reading-age", audiences=("residents", "peers"))
    assert "target for residents" in finding.message
    assert "above 11" in finding.message


@pytest.mark.parametrize(
    "audiences", [(), ("residents",), ("peers",)], ids=["no-audience", "residents", "peers"]
)
def test_reading_age_passes_easy_text(policy, audiences):
    assert not found(policy, EASY, "plain-english.reading-age", audiences=audiences)


def test_reading_age_target_depends_on_audience(policy):
    # Reading age about 13: too hard for residents, fine for peers.
    text = (
        "Our team buys goods and services for the three councils. Local suppliers can "
        "register on the portal for free, and we welcome questions from businesses of every size."
    )
    assert 11 < checks.check(text, policy=policy).metrics["reading_age"] < 15
    assert found(policy, text, "plain-english.reading-age", audiences=("residents",))
    assert not found(policy, text, "plain-english.reading-age", audiences=("peers",))


def test_reading_age_skips_very_short_texts(policy):
    assert not found(
        policy, "Comprehensive decarbonisation methodologies.", "plain-english.reading-age"
    )


def test_reading_age_underlines_the_hardest_sentence(policy):
    text = f"{EASY} {HARD}"
    [finding] = found(policy, text, "plain-english.reading-age", audiences=("residents",))
    assert finding.start >= len(EASY)


# Passive voice


@pytest.mark.parametrize(("text", "span"), PASSIVE_FLAGGED.values(), ids=PASSIVE_FLAGGED.keys())
def test_passive_flagged(policy, text, span):
    [finding] = found(policy, text, "plain-english.passive")
    assert finding.text == span
    assert finding.suggestions


@pytest.mark.parametrize("text", PASSIVE_NEAR_MISSES.values(), ids=PASSIVE_NEAR_MISSES.keys())
def test_passive_ignores(policy, text):
    assert not found(policy, text, "plain-english.passive")


def test_passive_suggestion_names_the_agent(policy):
    [finding] = found(policy, "The report was written by the team.", "plain-english.passive")
    assert finding.suggestions == ("Start with who did it: 'the team wrote ...'",)


def test_passive_by_a_time_is_not_an_agent(policy):
    [finding] = found(policy, "Bids must be submitted by 5pm.", "plain-english.passive")
    assert "who does it" in finding.suggestions[0]


# Abbreviations


@pytest.mark.parametrize(
    ("text", "span", "suggestion"), ABBREVIATION_FLAGGED.values(), ids=ABBREVIATION_FLAGGED.keys()
)
def test_abbreviation_flagged(policy, text, span, suggestion):
    [finding] = found(policy, text, "plain-english.abbreviation")
    assert finding.text == span
    assert finding.suggestions[0] == suggestion


@pytest.mark.parametrize(
    "text", ABBREVIATION_NEAR_MISSES.values(), ids=ABBREVIATION_NEAR_MISSES.keys()
)
def test_abbreviation_ignores(policy, text):
    assert not found(policy, text, "plain-english.abbreviation")


# Long words


@pytest.mark.parametrize(
    ("text", "span", "suggestions"), LONG_WORD_FLAGGED.values(), ids=LONG_WORD_FLAGGED.keys()
)
def test_long_word_flagged(policy, text, span, suggestions):
    [finding] = found(policy, text, "plain-english.long-word")
    assert finding.text == span
    assert finding.suggestions == suggestions


@pytest.mark.parametrize("text", LONG_WORD_NEAR_MISSES.values(), ids=LONG_WORD_NEAR_MISSES.keys())
def test_long_word_ignores(policy, text):
    assert not found(policy, text, "plain-english.long-word")


def test_long_words_extend_from_the_central_policy(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text(
        '[plain_english]\nsimpler_words = { "endeavouring" = "trying" }\n', encoding="utf-8"
    )
    [finding] = found(checks.load_policy(path), "We are endeavouring.", "plain-english.long-word")
    assert finding.suggestions == ("trying",)


def test_simpler_words_do_not_repeat_the_jargon_family():
    jargon = tomllib.loads((shipped_policy_dir() / "rules" / "jargon.toml").read_text("utf-8"))
    jargon_terms = {
        term.strip().lower()
        for rule in jargon["rules"]
        for key in rule.get("replace", {})
        for term in key.split("|")
    }
    jargon_words = {word for term in jargon_terms for word in term.split()}
    path = shipped_policy_dir() / "words" / "simpler-words.txt"
    ours = {t.strip() for key in read_word_list(path, "test") for t in key.split("|")}
    assert ours
    assert not ours & jargon_words


def test_word_inside_a_passive_is_reported_once(policy):
    text = "Details will be communicated soon."
    report = checks.check(text, policy=policy)
    assert [f.check for f in report.findings if f.rule == "plain-english"] == [
        "plain-english.passive"
    ]


def test_word_findings_inside_a_long_sentence_are_kept(policy):
    text = LONG.replace("let every supplier", "ensure every supplier")
    checks_found = {f.check for f in checks.check(text, policy=policy).findings}
    assert {"plain-english.long-sentence", "plain-english.long-word"} <= checks_found


# Policy


def test_every_check_cites_plain_english_clause(policy):
    rules = [r for r in policy.rules if r.family == "plain-english"]
    assert {r.id.split(".", 1)[1] for r in rules} == {
        "long-sentence", "reading-age", "passive", "abbreviation", "long-word", "exclamations",
    }  # fmt: skip
    for rule in rules:
        assert "policy line 148" in rule.clause
        assert "Use plain English wherever possible" in rule.clause


def test_every_check_has_examples():
    tested = {
        "long-sentence": LONG,
        "reading-age": HARD,
        "passive": PASSIVE_FLAGGED,
        "abbreviation": ABBREVIATION_FLAGGED,
        "long-word": LONG_WORD_FLAGGED,
    }
    rules = tomllib.loads(
        (shipped_policy_dir() / "rules" / "plain-english.toml").read_text("utf-8")
    )["rules"]
    # The code checks name their test; plain-english.exclamations is a pattern, held to its
    # examples by tests/checks/test_rule_examples.py.
    assert {r["test"] for r in rules if "test" in r} == set(tested)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("[plain_english]\nmax_sentence_words = 0\n", "max_sentence_words"),
        ("[plain_english]\nreading_age = 9\n", "reading_age"),
        ('[plain_english.reading_age]\nresidents = "nine"\n', "reading_age.residents"),
        ("[plain_english]\nsimpler_words = { utilise = 1 }\n", "simpler_words"),
        ('[[rules]]\nid = "plain-english.passive"\ntest = "voice"\n', "'test' must be one of"),
        ('[[rules]]\nid = "plain-english.passive"\ncolour = "red"\n', "unknown option 'colour'"),
    ],
    ids=[
        "zero-limit",
        "age-not-table",
        "age-not-number",
        "word-not-text",
        "bad-test",
        "bad-option",
    ],
)
def test_bad_policy_is_refused(tmp_path, data, message):
    path = tmp_path / "admin.toml"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(checks.PolicyError, match=message):
        checks.load_policy(path)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [" e.g. ", " & ", "etc.", " was awarded by ", " ensure ", ". ", "\n", "#Tag ",
                 "https://x.co/a&b ", "\u0130", "\U0001f600", "is", " by", "'s", "-"]
            ),
            st.text(max_size=6),
        ),
        max_size=40,
    ).map("".join)
)  # fmt: skip
def test_any_text_gives_valid_findings_and_metrics(text):
    report = checks.check(text, audiences=("residents",))
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.text == text[finding.start : finding.end]
    metrics = report.metrics
    assert metrics["words"] >= 0
    assert metrics["sentences"] <= metrics["words"]


def test_repeated_exclamation_marks_are_advice_with_a_one_mark_fix(policy):
    report = checks.check("Great news!!! The framework is live.", policy=policy)
    (finding,) = [f for f in report.findings if f.check == "plain-english.exclamations"]
    assert (finding.text, finding.replacements) == ("!!!", ("!",))
    assert finding.severity is checks.Severity.ADVICE
