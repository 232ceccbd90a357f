"""Fixes that read right: substitutions in the tense of the words they replace, whole-phrase
jargon fixes, removals that leave no gap, and no applied fix that Harper calls ungrammatical."""

from __future__ import annotations

import pytest

import checks
from checks.adapters.harper_linter import HarperLinter
from checks.fixes import applied
from checks.inflect import GERUND, PAST, THIRD, form_of, inflect, verb_forms
from tests.checks.corpus import load_posts

SUBSTITUTION_FAMILIES = ("jargon", "offensive")

# (sentence, the words flagged, the first fix offered)
FITTING = [
    (
        "We will leverage synergies across the three councils.",
        "leverage synergies",
        "work together",
    ),
    ("We are leveraging synergies across councils.", "leveraging synergies", "working together"),
    ("Last year we drove efficiencies in energy.", "drove efficiencies", "saved money"),
    ("The team leveraged its data well.", "leveraged", "used"),
    ("She leverages the framework.", "leverages", "uses"),
    ("Leveraging data helps buyers.", "Leveraging", "Using"),
    ("The event was facilitated by Trafford.", "facilitated", "helped"),
    ("We facilitated a workshop for suppliers.", "facilitated", "helped"),
    ("She reached out to local firms.", "reached out", "contacted"),
    ("We are circling back to suppliers now.", "circling back to", "coming back to"),
    ("The budget was ring fenced for schools.", "ring fenced", "set aside"),
    ("We pledged to pay on time.", "pledged to", "promised to"),
    ("Firms impacted by the delay can call us.", "impacted", "affected"),
    ("Our best-in-class guidance is free.", "best-in-class", "leading"),
    ("Two deep dives into spend are planned.", "deep dives", "detailed looks"),
]


@pytest.mark.parametrize(("text", "words", "fix"), FITTING)
def test_a_substitution_fits_its_sentence(policy, text, words, fix):
    jargon = [f for f in checks.check(text, policy=policy).findings if f.rule == "jargon"]
    assert [(f.text, f.replacements[0]) for f in jargon] == [(words, fix)]


def test_a_phrase_fix_replaces_the_words_inside_it(policy):
    report = checks.check("We will leverage synergies.", policy=policy)
    finding = next(f for f in report.findings if f.rule == "jargon")
    assert applied(report.text, finding.start, finding.end, finding.replacements[0]) == (
        "We will work together."
    )


@pytest.mark.parametrize(
    ("alternative", "base", "form"),
    [
        ("leveraging", "leverage", GERUND),
        ("moving the needle", "move the needle", GERUND),
        ("combatted", "combat", PAST),
        ("leverages", "leverage", THIRD),
        ("leverage", "leverage", None),
        ("silo working", "siloed", None),  # another stem: not a form of the base
    ],
)
def test_form_of_an_alternative(alternative, base, form):
    assert form_of(alternative, base) == form


def test_a_noun_entry_takes_no_verb_ending():
    assert verb_forms(["synergy", "synergies"]) == [None, None]
    assert inflect("working together", verb_forms(["synergy", "synergies"])[1]) == (
        "working together"
    )


@pytest.mark.parametrize(
    ("suggestion", "form", "expected"),
    [
        ("make the most of", GERUND, "making the most of"),
        ("give the power to", "VBN", "given the power to"),
        ("get in touch", "VBN", "got in touch"),  # British participle
        ("will", PAST, "will"),
        ("induction", GERUND, "induction"),  # not a verb
        ("Use", THIRD, "Uses"),
    ],
)
def test_inflect_a_suggestion(suggestion, form, expected):
    assert inflect(suggestion, form) == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("a total moron today", 8, 13, "a total today"),
        ("a total moron.", 8, 13, "a total."),
        ("Morons, all of them", 0, 6, ", all of them"),
        ("run by cowboys, sadly", 7, 14, "run by, sadly"),
        ("end moron", 4, 9, "end"),
        ("Fuck yes! All done", 0, 4, "Yes! All done"),
        ("Done. Bloody hell it rained", 6, 12, "Done. Hell it rained"),
    ],
)
def test_a_removal_leaves_no_gap(text, start, end, expected):
    assert applied(text, start, end, "") == expected


@pytest.fixture(scope="module")
def harper():
    linter = HarperLinter(enabled=None)  # every rule Harper runs by default
    if not linter.load():
        pytest.skip(linter.problem)
    return linter


def _near(linter, text, start, end):
    """Harper's complaints within a few characters of ``start:end`` (not sentence length)."""
    return {
        lint.message
        for lint in linter.lint(text)
        if lint.end >= start - 3 and lint.start <= end + 3 and "words long" not in lint.message
    }


def _sentences_with_fixes(policy):
    """(text, finding) for every substitution finding in the development corpus and examples."""
    texts = [post.text for post in load_posts()]
    texts += [e.text for rule in policy.rules for e in rule.examples if e.flagged]
    texts += [text for text, _, _ in FITTING]
    for text in texts:
        for finding in checks.check(text, policy=policy).findings:
            if finding.rule in SUBSTITUTION_FAMILIES and finding.replacements:
                yield text, finding


def test_no_applied_fix_is_ungrammatical(policy, harper):
    broken = []
    count = 0
    for text, finding in _sentences_with_fixes(policy):
        before = _near(harper, text, finding.start, finding.end)
        for replacement in finding.replacements:
            count += 1
            after_text = applied(text, finding.start, finding.end, replacement)
            after = _near(harper, after_text, finding.start, finding.start + len(replacement))
            if after - before:
                broken.append((finding.check, finding.text, replacement, sorted(after - before)))
    assert count > 100
    assert broken == []
