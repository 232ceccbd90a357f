"""An administrator's patterns run on RE2: linear time by construction (issue 15).

A pattern that RE2 cannot run is refused when the file loads, with its file, line and
reason; one it can run finds what Python's ``re`` would (`checks.prefilter.LinearPattern`
documents the three differences, at word boundaries, ``$`` and after empty matches).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
from checks.lexicon import Lexicon
from checks.prefilter import LinearPattern, _code_points, to_re2
from checks.rules import Context, TermGroup
from checks.text import Document

HOSTILE_TEXT = "Join us at the supplier event in Rochdale on Monday morning. Great.\nVote now!"


def admin_policy(tmp_path, patterns, *, extra="", name="admin.toml"):
    listed = ", ".join(json.dumps(p) for p in patterns)
    text = (
        "# An administrator's rules\n\n"
        '[[rules]]\nid = "jargon.admin"\nkind = "existence"\nclause_line = 163\n'
        f"message = \"Found '{{match}}'\"\npatterns = [{listed}]\n{extra}"
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def admin_findings(policy, text):
    report = checks.check(text, policy=policy)
    return [(f.start, f.end, f.text) for f in report.findings if f.check == "jargon.admin"]


def test_the_hostile_pattern_of_issue_15_loads_and_its_check_ends(tmp_path):
    path = admin_policy(tmp_path, [r"(\w+\s?)+!$"])
    child = (
        "import json, sys, checks\n"
        "policy = checks.load_policy(sys.argv[1])\n"
        "report = checks.check(sys.argv[2], policy=policy)\n"
        "print(json.dumps([(f.start, f.end, f.text) for f in report.findings"
        " if f.check == 'jargon.admin']))\n"
    )
    # The child starts Python and loads the policy in about 2 s; on 're' the check never
    # ended (hours), so the bound is wide enough for a busy machine and still a bound.
    done = subprocess.run(
        [sys.executable, "-c", child, str(path), HOSTILE_TEXT],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert json.loads(done.stdout) == [[68, 77, "Vote now!"]]


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(?<!our\s)scheme", "invalid perl operator: (?<!): it has a lookbehind"),
        (r"\bkey\b(?!\s+stage)", "invalid perl operator: (?!): it has a lookahead"),
        (r"(\w+) \1", r"a backreference (\1) is not supported"),
        (r"(?P<w>\w+) (?P=w)", "a backreference ((?P=name)) is not supported"),
        (r"(?>\w+)!", "invalid perl operator: (?>): it has an atomic group"),
        (r"\w++!", "bad repetition operator: ++): it has a possessive repeat"),
    ],
)
def test_a_pattern_re2_cannot_run_is_refused_with_file_line_rule_and_reason(
    tmp_path, pattern, reason
):
    path = admin_policy(tmp_path, ["\\bfine\\b", pattern])
    with pytest.raises(checks.PolicyError) as error:
        checks.load_policy(path)
    message = str(error.value)
    assert message.startswith(f"{path}:4: rule jargon.admin: pattern {pattern!r}")
    assert reason in message
    assert "must run in linear time" in message


def test_a_pattern_re2_cannot_run_in_a_nested_table_is_refused_when_the_file_loads(tmp_path):
    extra = '[rules.unless]\npatterns = ["(?=x)(\\\\w+\\\\s?)+!"]\n'
    path = admin_policy(tmp_path, ["\\bfine\\b"], extra=extra)
    with pytest.raises(checks.PolicyError) as error:
        checks.load_policy(path)
    assert str(error.value).startswith(f"{path}:4: rule jargon.admin: pattern ")
    assert "cannot run on RE2" in str(error.value)


@pytest.fixture(scope="module")
def admin(tmp_path_factory):
    path = admin_policy(
        tmp_path_factory.mktemp("admin"),
        [r"\bsupplier\s+event\b", r"\bcaf\w*", r"\bdon't\b"],
    )
    return checks.load_policy(path)


def test_an_administrators_pattern_ignores_case_and_reports_the_span(admin):
    text = "Come to our SUPPLIER  Event today."
    assert admin_findings(admin, text) == [(12, 27, "SUPPLIER  Event")]


def test_an_administrators_pattern_can_be_case_sensitive(tmp_path):
    path = admin_policy(tmp_path, [r"\bSTAR\b"], extra="case_sensitive = true\n")
    policy = checks.load_policy(path)
    assert admin_findings(policy, "Thanks to STAR and the star of the show") == [(10, 14, "STAR")]


def test_word_classes_hold_accented_letters_as_re_does(admin):
    # \w is Unicode, as in Python: the whole word, accent included.
    assert admin_findings(admin, "Meet at the Café Royal") == [(12, 16, "Café")]


def test_apostrophes_straight_or_curly_match_a_straight_one(admin):
    text = "We don't and we don\u2019t"
    assert admin_findings(admin, text) == [(3, 8, "don't"), (16, 21, "don\u2019t")]


def test_a_no_break_space_is_white_space_as_in_re(tmp_path):
    path = admin_policy(tmp_path, [r"\b\d{4}\s\d{3}\s\d{4}\b"], extra="case_sensitive = true\n")
    text = "Call 0161\u00a0496 0123 today"
    assert admin_findings(checks.load_policy(path), text) == [(5, 18, "0161\u00a0496 0123")]


def test_word_boundaries_are_ascii_as_documented():
    # RE2's \b knows A-Z, a-z, 0-9 and _ only: an accented letter is not part of a word
    # for it. The docstring of LinearPattern says so; this keeps it true.
    assert list(LinearPattern(r"\bcaf\b").finditer("café")) == [(0, 3)]
    assert list(LinearPattern(r"\bcafé\b").finditer("un café")) == []
    assert [m.span() for m in re.finditer(r"\bcafé\b", "un café")] == [(3, 7)]


@pytest.mark.parametrize(
    ("pattern", "translated"),
    [
        (r"x\Z", r"x\z"),
        (r"x{,3}", "x{0,3}"),
        (r"x{,}", "x*"),
        (r"\u00e9\N{EM DASH}\x41\101\0", r"\x{00e9}\x{2014}\x{41}\x{41}\x{0}"),
        (r"\bvote\s*\.", None),
    ],
)
def test_python_syntax_is_translated_for_re2(pattern, translated):
    result = to_re2(pattern)
    if translated is not None:
        assert result == translated
    else:  # classes become explicit ranges; the rest is unchanged
        assert result.startswith(r"\bvote[")
        assert result.endswith(r"]*\.")


@pytest.mark.parametrize("shorthand", ["\\w", "\\W", "\\d", "\\D", "\\s", "\\S", "[^\\W_]"])
def test_each_class_holds_exactly_the_characters_re_matches(shorthand):
    python = re.compile(f"(?:{shorthand})+")
    linear = LinearPattern(f"(?:{shorthand})+")
    for run in _code_points():
        assert list(linear.finditer(run)) == [m.span() for m in python.finditer(run)]


def test_a_lone_surrogate_is_matched_as_one_character():
    text = "a\ud800bc éd"
    assert list(LinearPattern(r"\w+").finditer(text)) == [(0, 1), (2, 4), (5, 7)]


def test_a_range_ends_the_text_for_dollar_and_boundaries_as_in_re():
    text = "vote now! and vote now! again"
    for pattern in [r"now!$", r"now\b", r"\Bow!\Z", r"^vote"]:
        for lo, hi in [(0, 9), (5, 9), (14, 23), (0, len(text))]:
            expected = [m.span() for m in re.compile(pattern).finditer(text, lo, hi)]
            assert list(LinearPattern(pattern).finditer(text, lo, hi)) == expected, (pattern, lo)


# Generated patterns and texts: RE2 finds exactly the spans ``re`` finds.

_ATOMS = [
    "a", "b", "é", "'", "-", " ", "\\.", ".", "\\w", "\\W", "\\s", "\\S", "\\d", "\\D",
    "[^\\W_]", "[a-cé]", "[^a ]", "(?:a|bb)", "(?:é|\\d\\d)", "(?i:B)",
]  # fmt: skip
_ANCHORS = ["^", "$", "\\A", "\\Z"]
_REPEATS = ["", "", "*", "+", "?", "*?", "+?", "{1,2}", "{,2}", "{2}"]


@st.composite
def patterns(draw, *, boundaries: bool) -> str:
    anchors = _ANCHORS + (["\\b", "\\B"] if boundaries else [])
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 5)) == 0:
            parts.append(draw(st.sampled_from(anchors)))
        else:
            parts.append(draw(st.sampled_from(_ATOMS)) + draw(st.sampled_from(_REPEATS)))
    # Ending on one character to match: no empty matches, where RE2 moves on sooner.
    parts.append(draw(st.sampled_from(_ATOMS)) + draw(st.sampled_from(["", "+", "{1,2}"])))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(anchors)))
    return "".join(parts)


def _same_spans(pattern, text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    expected = [m.span() for m in re.compile(pattern).finditer(text, lo, hi)]
    assert list(LinearPattern(pattern).finditer(text, lo, hi)) == expected


@settings(max_examples=300, deadline=None)
@given(
    patterns(boundaries=False), st.text("abé' -.1\t\u00a0\u2019\U0001f389B", max_size=30), st.data()
)
def test_generated_patterns_find_the_spans_re_finds(pattern, text, data):
    _same_spans(pattern, text, data)


@settings(max_examples=200, deadline=None)
@given(patterns(boundaries=True), st.text("ab' -.1\tB_", max_size=30), st.data())
def test_generated_patterns_with_word_boundaries_match_re_on_ascii_text(pattern, text, data):
    _same_spans(pattern, text, data)


def test_a_group_on_both_engines_reports_what_one_alternation_would():
    # A shipped pattern (on 're') and an administrator's added to its rule (on RE2): a
    # match starting inside the other's is not reported, as with the two joined on 're'.
    shipped, added = r"\bvote\s+labour\b", r"\blabour\s+today\b"
    lexicon = Lexicon(trusted_patterns=frozenset({shipped}))
    group = TermGroup({"patterns": [shipped, added]}, "political.vote", lexicon)
    lexicon.freeze()
    doc = Document("Vote Labour today! Labour today, vote labour.")
    ctx = Context(doc, lexicon.scan(doc), dt.date(2027, 4, 1))
    joined = re.compile(f"(?:{shipped})|(?:{added})")
    assert group.spans(ctx) == [m.span() for m in joined.finditer(doc.folded)]
    assert group.spans(ctx) == [(0, 11), (19, 31), (33, 44)]


def _substitution_policy(tmp_path, unless_after):
    path = tmp_path / "admin-substitution.toml"
    path.write_text(
        '[[rules]]\nid = "jargon.admin-words"\nkind = "substitution"\nclause_line = 163\n'
        "message = \"Try '{suggestion}' rather than '{match}'.\"\n\n[rules.replace]\n"
        f'"leverage" = {{ suggest = "use", unless_after = {json.dumps(unless_after)} }}\n',
        encoding="utf-8",
    )
    return path


def test_an_administrators_unless_after_runs_on_re2_and_still_clears(tmp_path):
    policy = checks.load_policy(_substitution_policy(tmp_path, r"\s+(?:ratio|RATIO)\b"))
    found = [f.text for f in checks.check("We leverage the leverage ratio.", policy=policy)
             .findings if f.check == "jargon.admin-words"]  # fmt: skip
    assert found == ["leverage"]  # the first is jargon; "leverage ratio" is finance


def test_a_hostile_unless_after_of_an_administrator_cannot_hang_a_check(tmp_path):
    path = _substitution_policy(tmp_path, r"(\s?\w+\s?)+!$")
    child = (
        "import sys, checks\n"
        "policy = checks.load_policy(sys.argv[1])\n"
        "report = checks.check(sys.argv[2], policy=policy)\n"
        "print(sum(f.check == 'jargon.admin-words' for f in report.findings))\n"
    )
    text = "We leverage " + "our supplier events in Rochdale " * 8 + "x\nVote now"
    done = subprocess.run(  # on re this took hours: the bound is wide, and still a bound
        [sys.executable, "-c", child, str(path), text], capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"


def test_an_administrators_alt_file_pattern_runs_on_re2(tmp_path):
    path = tmp_path / "admin-alt.toml"
    path.write_text("[accessibility]\nalt_file_patterns = ['(\\w+\\s?)+!']\n", encoding="utf-8")
    policy = checks.load_policy(path)
    child = (
        "import sys, checks\n"
        "from checks.families.alt_text import AltTextRules\n"
        "rules = AltTextRules(checks.load_policy(sys.argv[1]).data['accessibility'])\n"
        "print(rules.is_file_name(sys.argv[2], 'photo.png'), rules.is_file_name('Wow now!', ''))\n"
    )
    alt = "Our supplier event in Rochdale on Monday morning with buyers " * 3 + "?"
    done = subprocess.run(  # hours on re: the bound is wide, and still a bound
        [sys.executable, "-c", child, str(path), alt], capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
    assert "(\\w+\\s?)+!" in policy.data["accessibility"]["alt_file_patterns"]


def test_an_administrators_alt_file_pattern_re2_cannot_run_is_refused(tmp_path):
    path = tmp_path / "admin-alt.toml"
    path.write_text("\n[accessibility]\nalt_file_patterns = ['(?<=x)img']\n", encoding="utf-8")
    with pytest.raises(checks.PolicyError, match=r"admin-alt.toml:3: \[accessibility\]: .*RE2"):
        checks.load_policy(path)


def test_an_administrators_nested_pattern_re2_cannot_run_is_refused_at_load(tmp_path):
    path = tmp_path / "admin-nested.toml"
    path.write_text(
        '[[rules]]\nid = "jargon.admin-nested"\nkind = "existence"\nclause_line = 163\n'
        'message = "m"\nterms = ["synergy"]\n[rules.unless]\npatterns = ["(?=a)b"]\n',
        encoding="utf-8",
    )
    with pytest.raises(checks.PolicyError, match=r"jargon.admin-nested.*cannot run on RE2"):
        checks.load_policy(path)


def test_classes_worked_out_once_are_read_back_from_the_cache(tmp_path, monkeypatch):
    from checks import prefilter

    monkeypatch.setenv("STAR_DESKTOP_CACHE", str(tmp_path))
    for cached in (prefilter._re2_class, prefilter._class_table):
        cached.cache_clear()
    worked: list[str] = []
    real = prefilter._work_out_class
    monkeypatch.setattr(prefilter, "_work_out_class", lambda c: worked.append(c) or real(c))
    first = prefilter._re2_class(r"[\w'-]")
    for cached in (prefilter._re2_class, prefilter._class_table):  # as a new process
        cached.cache_clear()
    assert prefilter._re2_class(r"[\w'-]") == first
    assert worked == [r"[\w'-]"]  # the second run read it back
    (tmp_path / next(p.name for p in tmp_path.iterdir())).write_bytes(b"damaged")
    for cached in (prefilter._re2_class, prefilter._class_table):
        cached.cache_clear()
    assert prefilter._re2_class(r"[\w'-]") == first  # a damaged cache is worked out again
    for cached in (prefilter._re2_class, prefilter._class_table):
        cached.cache_clear()
