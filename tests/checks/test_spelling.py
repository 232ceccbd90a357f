"""spelling: en_GB words through enchant; STAR, acronym and personal words never flagged."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
from checks.adapters import personal_words
from checks.adapters.enchant_speller import EnchantSpeller
from checks.adapters.personal_words import PersonalWords, default_path
from checks.families.spelling import Spelling
from checks.rules import PolicyError


@pytest.fixture(autouse=True)
def words_file(tmp_path, monkeypatch):
    """Every test gets its own personal word list: the real user folder is never touched."""
    path = tmp_path / "words" / "personal-words.txt"
    monkeypatch.setenv(personal_words.ENV_VAR, str(path))
    return path


def spelling(policy, text):
    report = checks.check(text, policy=policy, date=dt.date(2026, 12, 1))
    return [f for f in report.findings if f.rule == "spelling"]


FLAGGED = {
    "misspelling": ("We will recieve bids", "recieve", "receive"),
    "american": ("The color of the logo", "color", "colour"),
    "capitalised": ("Recieve the pack", "Recieve", "Receive"),
    "hyphen-part": ("A well-knwn supplier", "knwn", "known"),
    "curly-apostrophe": ("The supplyer\u2019s bid", "supplyer\u2019s", ""),
    "capitalised-after-quote": ("\u201cRecieve it,\u201d she said.", "Recieve", "Receive"),
}

NEAR_MISSES = {
    "british": "The colour of the organisation's logo",
    "councils": "Stockport, Trafford and Rochdale councils",
    "towns": "From Bramhall and Littleborough to Partington and Milnrow",
    "the-chest": "Register on The Chest today",
    "acronym-plural": "Good news for SMEs and VCSEs",
    "acronym-possessive": "The ITT's deadline",
    "capitals": "FREE WORKSHOP for NHS suppliers",
    "hashtag": "Celebrating #SocialValue and #meetthebuyerr",
    "handle": "Thanks to @STARProcurement and @stockportcouncl",
    "url": "See https://www.the-chest.org.uk/opportunites now",
    "bare-domain": "Visit the-chest.org.uk today",
    "email": "Write to name@example.gov.uk or procurment@star.gov.uk",
    "numbers": "On the 3rd and 21st, 2026, 10am, 4x4, B2B",
    "procurement": "e-tendering helps tenderers and subcontractors",
    "curly-possessive": "Stockport\u2019s and Bramhall\u2019s suppliers",
    "other-script": "\u041f\u0440\u0438\u0432\u0435\u0442 and \u4f60\u597d",
    "name-mid-sentence": "Our buyers met Priyanka from Ashgrove Haulage today",
    "full-name-first": "Priya Raman visited the market",
    "firm-first": "Greenway Ltd won the parks framework",
}


@pytest.mark.parametrize(("text", "word", "fix"), FLAGGED.values(), ids=FLAGGED.keys())
def test_spelling_flags_unknown_words(policy, text, word, fix):
    found = spelling(policy, text)
    assert [f.text for f in found] == [word]
    finding = found[0]
    assert finding.check == "spelling.unknown-word"
    assert finding.severity is checks.Severity.ADVICE
    assert text[finding.start : finding.end] == word
    if fix:
        assert fix in finding.suggestions
    assert len(finding.suggestions) <= 5


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_spelling_leaves_near_misses_alone(policy, text):
    assert spelling(policy, text) == []


def test_spelling_offsets_are_string_indices_after_emoji(policy):
    text = "Caf\u00e9 \U0001f600\U0001f389 \u00a35 recieve"
    [finding] = spelling(policy, text)
    assert (finding.start, finding.end) == (len(text) - 7, len(text))


def test_spelling_searches_hard_for_a_limited_number_of_words(policy):
    text = " ".join(f"zqx{chr(97 + i)}vw" for i in range(5)) + " recieve"
    found = spelling(policy, text)
    assert len(found) == 6
    checker = next(c for c in policy.checkers if isinstance(c, Spelling))
    assert checker.max_suggested_words == 3
    # Past the limit, words one edit away still get corrections; the rest get none.
    assert all(f.suggestions == () for f in found[3:5])
    assert found[5].suggestions[0] == "receive"


def test_personal_word_is_accepted_once_added(policy, words_file):
    assert [f.text for f in spelling(policy, "Our zorblax arrived")] == ["zorblax"]
    PersonalWords(words_file).add("Zorblax")
    assert spelling(policy, "Our zorblax arrived") == []
    PersonalWords(words_file).remove("zorblax")
    assert [f.text for f in spelling(policy, "Our zorblax arrived")] == ["zorblax"]


def test_personal_words_persist_across_instances(words_file):
    first = PersonalWords(words_file)
    first.add("Zorblax")
    first.add("Fenwickshire")
    again = PersonalWords(words_file)
    assert again.contains("zorblax")
    assert "Fenwickshire" in again
    assert again.words() == ("Fenwickshire", "Zorblax")
    assert words_file.read_text(encoding="utf-8") == "Fenwickshire\nZorblax\n"


def test_personal_words_are_written_atomically_in_utf8(words_file):
    words = PersonalWords(words_file)
    words.add("Caf\u00e9teria")
    words.add("Zorblax")
    words.remove("Zorblax")
    assert words_file.read_bytes() == "Caf\u00e9teria\n".encode()
    assert [p.name for p in words_file.parent.iterdir()] == [words_file.name]


def test_personal_words_refuse_a_phrase(words_file):
    with pytest.raises(ValueError, match="single word"):
        PersonalWords(words_file).add("two words")


def test_personal_words_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv(personal_words.ENV_VAR, str(tmp_path / "mine.txt"))
    assert default_path() == tmp_path / "mine.txt"
    monkeypatch.delenv(personal_words.ENV_VAR)
    monkeypatch.setattr(personal_words.platformdirs, "user_data_dir", lambda *a: str(tmp_path))
    assert default_path() == tmp_path / "personal-words.txt"


def test_missing_dictionary_gives_one_message_and_other_checks_run(tmp_path, caplog):
    admin = tmp_path / "central.toml"
    admin.write_text('[spelling]\nlanguage = "xx_XX"\n', encoding="utf-8")
    policy = checks.load_policy(admin)
    checker = next(c for c in policy.checkers if isinstance(c, Spelling))
    text = "We will recieve it. Call 07700 900123."
    with caplog.at_level(logging.WARNING):
        first = checks.check(text, policy=policy)
        checks.check(text, policy=policy)
    assert not [f for f in first.findings if f.rule == "spelling"]
    assert "personal-data" in {f.rule for f in first.findings}
    assert "xx_XX" in checker.status()
    warnings = [r for r in caplog.records if "xx_XX" in r.getMessage()]
    assert len(warnings) <= 1  # at most once per process (the speller is shared)
    assert checker.speller.problem


def test_missing_enchant_library_is_a_stand_in_that_accepts_everything(caplog):
    def no_library(tag):
        raise ImportError("The 'enchant' C library was not found")

    speller = EnchantSpeller("en_GB", opener=no_library)
    with caplog.at_level(logging.WARNING):
        assert speller.check("recieve")
        assert speller.suggest("recieve") == ()
        assert speller.check("colr")
    assert "not checked" in speller.status()
    assert len(caplog.records) == 1


def test_dictionary_opens_on_first_use_not_at_load(monkeypatch):
    def refuse(self):
        raise AssertionError("dictionary opened while loading the policy")

    monkeypatch.setattr(EnchantSpeller, "_load", refuse)
    checks.load_policy()


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        ("[spelling]\nmax_suggestions = -1\n", "max_suggestions"),
        ("[spelling]\nlanguage = 5\n", "language"),
        ('[spelling]\nword_lists = ["no-such-list.txt"]\n', "no-such-list.txt"),
    ],
)
def test_bad_spelling_settings_are_refused(tmp_path, toml, reason):
    admin = tmp_path / "central.toml"
    admin.write_text(toml, encoding="utf-8")
    with pytest.raises(PolicyError, match=reason):
        checks.load_policy(admin)


def test_administrator_words_are_accepted(tmp_path):
    admin = tmp_path / "central.toml"
    admin.write_text('[spelling]\nwords = ["Zorblax"]\n', encoding="utf-8")
    policy = checks.load_policy(admin)
    assert spelling(policy, "Meet Zorblax") == []


POLICY = checks.load_policy()
TEXTS = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(["recieve", "colour", " ", "-", "\u2019s", "#x", "@y", "\U0001f600", "3rd"])
    ).map("".join),
)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_spelling_on_any_text_gives_valid_spans(text):
    for finding in spelling(POLICY, text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.text == text[finding.start : finding.end]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "www.",
                "x",
                ".uk",
                "@",
                "#",
                "/",
                " ",
                "\u00a0",
                "a.b",
                "é",
                "-",
                "&",
                "\n",
                "https://",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_not_prose_on_runs_equals_the_whole_text_pattern(text):
    from checks.adapters.word_lists import _NOT_PROSE, not_prose

    assert not_prose(text) == [m.span() for m in _NOT_PROSE.finditer(text)]
