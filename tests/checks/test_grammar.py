"""grammar: Harper in process, British English; offsets are Python string indices."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
from checks.adapters import harper_linter, personal_words
from checks.adapters.harper_linter import REMOVE_SUGGESTION, HarperLinter, batches, paragraphs
from checks.adapters.personal_words import PersonalWords
from checks.adapters.word_lists import NotProse, not_prose
from checks.engine import tidy
from checks.families.grammar import Grammar
from checks.rules import PolicyError


@pytest.fixture(autouse=True)
def words_file(tmp_path, monkeypatch):
    path = tmp_path / "personal-words.txt"
    monkeypatch.setenv(personal_words.ENV_VAR, str(path))
    return path


def grammar(policy, text):
    report = checks.check(text, policy=policy, date=dt.date(2026, 12, 1))
    return [f for f in report.findings if f.rule == "grammar"]


FLAGGED = {
    "a-an": ("We bought a apple for the team.", "a", "grammar.harper.AnA", "an"),
    "doubled": (
        "Register on the the portal today.",
        "the the",
        "grammar.harper.RepeatedWords",
        "the",
    ),
    "its": ("Its a great day for suppliers.", "Its", "grammar.harper.ItsContraction", "It's"),
    "it's": ("The council published it's report.", "it's", "grammar.harper.ItsPossessive", "its"),
    "their": ("Their are three lots.", "Their", "grammar.harper.TheirToThere", "There"),
    "effect": ("The rules will effect suppliers.", "effect", "grammar.harper.NounVerbConfusion",
               "affect"),
    "could-of": ("We could of done more.", "could of", "grammar.harper.ModalOf", "could have"),
    "agreement": ("He are the new buyer.", "are", "grammar.harper.PronounInflectionBe", "is"),
    "then-than": ("We are better then before.", "then", "grammar.harper.ThenThan", "than"),
    "capital": ("the team met suppliers on Monday.", "the", "grammar.harper.SentenceCapitalization",
                "The"),
    "spaces": ("We met  suppliers.", "  ", "grammar.harper.Spaces", " "),
}  # fmt: skip

NEAR_MISSES = {
    "clean": "STAR Procurement buys goods and services for Stockport, Trafford and Rochdale.",
    "misspelling-is-spelling": "We will recieve bids until noon.",  # enchant's job, not Harper's
    "american-is-spelling": "The color of the logo is blue.",
    "names": "Meet the buyers from Bramhall and Littleborough on The Chest.",
    "hashtag": "Celebrating #socialvalue with our partners.",
    "url": "Read https://www.the-chest.org.uk/a-apple now.",
    "handle-and-email": "Thanks @STARProcurement, write to name@example.gov.uk today.",
    # rules left out of harper_enabled for false alarms on clean posts
    "more-older": "The service reached more older people this year.",
    "your-kind-of": "Set up alerts for your kind of work.",
    "oxford-comma": "They spend their wages in local shops, cafes and pubs.",
    "north-west": "Firms in the North West can bid.",
}


@pytest.mark.parametrize(("text", "match", "check", "fix"), FLAGGED.values(), ids=FLAGGED.keys())
def test_grammar_flags(policy, text, match, check, fix):
    found = [f for f in grammar(policy, text) if f.check == check]
    assert [f.text for f in found] == [match]
    assert text[found[0].start : found[0].end] == match
    assert fix in found[0].suggestions
    assert fix in found[0].replacements  # the editor's Fix button can apply it
    assert found[0].severity is checks.Severity.ADVICE
    assert found[0].message.startswith("Grammar: ")


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_grammar_leaves_near_misses_alone(policy, text):
    assert grammar(policy, text) == []


@pytest.mark.parametrize(
    "prefix", ["Caf\u00e9 \u00a35 ", "\U0001f600\U0001f389 ", "\u00e9\u00e8\U0001f44d\U0001f3fd "]
)
def test_grammar_offsets_are_string_indices_after_non_ascii(policy, prefix):
    text = prefix + "I want a apple."
    [finding] = [f for f in grammar(policy, text) if f.check == "grammar.harper.AnA"]
    assert finding.start == len(prefix) + len("I want ")
    assert finding.text == "a"


def test_grammar_offsets_in_a_later_paragraph(policy):
    text = "First paragraph is fine.\n\nSecond \U0001f600 has a apple.\n\n\nThird has the the end."
    found = {f.check: f for f in grammar(policy, text)}
    assert found["grammar.harper.AnA"].start == text.index("a apple")
    assert found["grammar.harper.RepeatedWords"].text == "the the"


def test_paragraph_cache_gives_the_same_findings_after_an_edit(policy):
    before = "Intro text.\n\nWe want a apple.\n\nThe end."
    after = "Intro text, edited.\n\nWe want a apple.\n\nThe end."
    grammar(policy, before)
    edited = grammar(policy, after)
    next(c for c in policy.checkers if isinstance(c, Grammar)).harper.clear_cache()
    assert grammar(policy, after) == edited
    assert [f.start for f in edited] == [after.index("a apple")]


def test_a_removal_is_offered_with_an_empty_replacement(policy):
    text = "We met suppliers , and they were happy."
    [finding] = [f for f in grammar(policy, text) if f.check == "grammar.harper.CommaFixes"]
    assert finding.replacements == ("",)
    assert finding.suggestions == (REMOVE_SUGGESTION,)
    fixed = text[: finding.start] + finding.replacements[0] + text[finding.end :]
    assert fixed == "We met suppliers, and they were happy."


def test_grammar_runs_only_the_enabled_harper_rules(policy):
    grammar(policy, "A post.")
    checker = next(c for c in policy.checkers if isinstance(c, Grammar))
    active = set(checker.harper.active_rules())
    assert {"AnA", "RepeatedWords", "ItsContraction", "SentenceCapitalization"} <= active
    assert "OxfordComma" not in active
    assert "SpellCheck" not in active
    assert len(active) < 100  # of Harper's 900 or so


def test_star_in_harper_enabled_runs_every_default_rule(tmp_path):
    admin = tmp_path / "central.toml"
    admin.write_text('[grammar]\nharper_enabled = ["*"]\n', encoding="utf-8")
    found = {
        f.check
        for f in grammar(
            checks.load_policy(admin), "They spend their wages in local shops, cafes and pubs."
        )
    }
    assert "grammar.harper.OxfordComma" in found


def test_harper_prints_nothing_to_standard_output(tmp_path, capfd):
    admin = tmp_path / "central.toml"
    admin.write_text('[grammar]\nharper_enabled = ["*"]\n', encoding="utf-8")
    grammar(checks.load_policy(admin), "We are looking forward to meet you.")
    assert capfd.readouterr().out == ""  # `check --format json` prints only its JSON


def test_central_policy_adds_a_harper_rule(tmp_path):
    admin = tmp_path / "central.toml"
    admin.write_text('[grammar]\nharper_enabled = ["OxfordComma"]\n', encoding="utf-8")
    found = {
        f.check
        for f in grammar(
            checks.load_policy(admin), "They spend their wages in shops, cafes and pubs. A apple."
        )
    }
    assert {"grammar.harper.OxfordComma", "grammar.harper.AnA"} <= found


def test_unknown_harper_rule_names_are_reported_in_the_status():
    linter = HarperLinter(enabled={"AnA", "NoSuchRule"})
    assert [x.rule for x in linter.lint("We bought a apple.")] == ["AnA"]
    assert "NoSuchRule" in linter.status()


def test_batches_keep_order_and_size():
    texts = ["a" * 10, "b" * 10, "c" * 10, "d" * 30, "e"]
    assert batches(texts, size=25) == [["a" * 10, "b" * 10], ["c" * 10], ["d" * 30], ["e"]]


def test_long_text_in_several_batches_keeps_offsets(policy):
    paragraph = "Paragraph {} of the article has a apple in it. " + "More words follow here. " * 9
    text = "\n\n".join(paragraph.format(i) for i in range(40))
    assert len(batches([p for p in text.split("\n\n")])) > 1
    found = [f for f in grammar(policy, text) if f.check == "grammar.harper.AnA"]
    assert len(found) == 40
    assert all(text[f.start : f.end] == "a" and text[f.end : f.end + 6] == " apple" for f in found)


def test_two_threads_find_what_one_thread_finds():
    paragraph = "Part {} has a apple and the the end. Its a good day, " + "really good. " * 30
    text = "\n\n".join(paragraph.format(i) for i in range(30))
    one = HarperLinter(enabled={"AnA", "RepeatedWords", "ItsContraction"}, threads=1)
    two = HarperLinter(enabled={"AnA", "RepeatedWords", "ItsContraction"}, threads=2)
    expected = one.lint(text)
    assert two.lint(text) == expected
    assert len(two._helpers) == 1  # the second linter did take part
    assert len(expected) == 90
    assert {text[x.start : x.end] for x in expected} == {"a", "the the", "Its"}


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="htpswukco.:/@#_- \n\u00a0", max_size=40),
    st.integers(0, 40),
    st.integers(1, 5),
)
def test_not_prose_overlap_agrees_with_a_scan_of_every_span(text, start, width):
    start = min(start, len(text))
    end = min(start + width, len(text))
    whole = any(a < end and b > start for a, b in not_prose(text))
    assert NotProse(text).overlaps(start, end) == whole


def test_paragraphs_skip_blank_lines():
    text = "\n\nOne\nstill one\n\n  \n\nTwo\n\n"
    assert [text[a:b] for a, b in paragraphs(text)] == ["One\nstill one", "Two"]


def test_grammar_rule_can_be_switched_off_by_check_id(tmp_path):
    admin = tmp_path / "central.toml"
    admin.write_text('[settings]\ndisabled = ["grammar.harper.AnA"]\n', encoding="utf-8")
    policy = checks.load_policy(admin)
    checks_found = {f.check for f in grammar(policy, "A apple and the the end.")}
    assert "grammar.harper.AnA" not in checks_found
    assert "grammar.harper.RepeatedWords" in checks_found


def test_harper_is_built_on_first_use_not_at_load(monkeypatch):
    def refuse(self):
        raise AssertionError("Harper built while loading the policy")

    monkeypatch.setattr(HarperLinter, "_load", refuse)
    checks.load_policy()


def test_harper_is_told_the_star_and_personal_words(policy, words_file):
    PersonalWords(words_file).add("Zorblax")
    grammar(policy, "A short post.")
    checker = next(c for c in policy.checkers if isinstance(c, Grammar))
    imported = set(checker.harper.imported_words())
    assert {"Bramhall", "Zorblax", "SMEs"} <= imported


def test_grammar_runs_safely_from_several_threads(policy):
    text = "We bought a apple.\n\nRegister on the the portal."
    expected = grammar(policy, text)
    results, errors = [], []

    def work():
        try:
            for _ in range(10):
                results.append(grammar(policy, text))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(r == expected for r in results)


def test_harper_unavailable_gives_a_status_and_no_findings(monkeypatch):
    linter = HarperLinter()
    monkeypatch.setitem(__import__("sys").modules, "harper", None)  # import fails
    assert linter.lint("We bought a apple.") == []
    assert "Harper is unavailable" in linter.status()


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        ('[grammar]\ndialect = "klingon"\n', "dialect"),
        ('[grammar]\nlanguagetool_url = "ftp://x"\n', "languagetool_url"),
        ("[grammar]\nlanguagetool_timeout = 0\n", "languagetool_timeout"),
        ("[grammar]\nharper_threads = 0\n", "harper_threads"),
        ("[grammar]\nharper_threads = 9\n", "harper_threads"),
        ("[grammar]\nharper_threads = true\n", "harper_threads"),
        ('[grammar]\nharper_threads = "two"\n', "harper_threads"),
        (
            '[[rules]]\nid = "grammar.x"\nkind = "grammar"\nengine = "word"\nclause = "c"\nmessage = "m"\n',
            "engine",
        ),
    ],
)
def test_bad_grammar_settings_are_refused(tmp_path, toml, reason):
    admin = tmp_path / "central.toml"
    admin.write_text(toml, encoding="utf-8")
    with pytest.raises(PolicyError, match=reason):
        checks.load_policy(admin)


def test_spelling_and_grammar_on_one_span_give_one_finding():
    spelling = checks.Finding(
        "spelling", "spelling.unknown-word", checks.Severity.ADVICE, 4, 11, "recieve", "s", "c"
    )
    grammar = checks.Finding(
        "grammar", "grammar.harper.X", checks.Severity.ADVICE, 4, 11, "recieve", "g", "c"
    )
    wider = checks.Finding(
        "grammar", "grammar.harper.AnA", checks.Severity.ADVICE, 2, 11, "a recieve", "g", "c"
    )
    assert tidy([grammar, spelling, wider]) == [wider, spelling]


def test_suggestion_kinds_match_harpers():
    import harper

    kinds = (harper_linter._REPLACE, harper_linter._REMOVE, harper_linter._INSERT_AFTER)
    assert kinds == (
        harper.SuggestionKind.REPLACE,
        harper.SuggestionKind.REMOVE,
        harper.SuggestionKind.INSERT_AFTER,
    )


def test_a_before_a_spoken_acronym_is_not_corrected(policy):
    report = checks.check("Meet a STAR procurement officer. We ate a apple.", policy=policy)
    articles = [f for f in report.findings if f.check == "grammar.harper.AnA"]
    assert [f.start for f in articles] == [report.text.index("a apple")]
