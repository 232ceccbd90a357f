# SPDX-License-Identifier: MIT
"""Suggestions that fit the sentence: the verb of a fix takes the tense of the word it replaces.

A substitution entry lists a verb's forms (``"leverage|leverages|leveraged|leveraging"``)
and one set of plain alternatives written for the base form (``"use; make the most of"``).
"We are leveraging data" must be offered "using", not "use". `form_of` says which form an
alternative of the entry is, and `inflect` puts a suggestion into that form with
lemminflect's English lexicon (shipped in its wheel: nothing is downloaded).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

#: Penn Treebank tags lemminflect takes: -ing, past, past participle, third person.
GERUND, PAST, PARTICIPLE, THIRD = "VBG", "VBD", "VBN", "VBZ"

#: Words that never change form ("will" stays "will" in "pledged to" -> "will").
_FIXED = frozenset({"will", "would", "can", "could", "may", "might", "must", "shall", "should"})

#: British participles where lemminflect gives the American one first.
_BRITISH = {("get", PARTICIPLE): "got"}

#: A past form after one of these is a participle: "was facilitated" -> "was helped".
_AUXILIARIES = frozenset(
    {"be", "been", "being", "is", "are", "was", "were", "am", "has", "have", "had", "get", "got"}
)


def form_of(alternative: str, base: str) -> str | None:
    """The tag of ``alternative``'s first word as a form of ``base``'s first word, if any.

    Only forms of the same stem count ("leveraging" of "leverage"); an alternative with
    another stem ("pledged to" beside "commit to") needs an entry of its own.
    """
    word, stem = alternative.split()[0].lower(), base.split()[0].lower()
    root = (stem[:-1] if stem.endswith("e") else stem)[:5]  # "mov" of "move" and "moving"
    if word == stem or not word.startswith(root):
        return None
    if word.endswith("ing"):
        return GERUND
    if word.endswith("ed"):
        return PAST
    if word.endswith("s") and not stem.endswith("s"):
        return THIRD
    return None


def verb_forms(alternatives: Sequence[str]) -> list[str | None]:
    """The form of each alternative, or all ``None`` when the entry is not a verb's forms.

    An entry is a verb's when one alternative is the -ing or past form of the first:
    "synergy|synergies" is a noun and its plural takes no verb ending.
    """
    base = alternatives[0]
    forms = [form_of(alternative, base) for alternative in alternatives]
    if not any(form in (GERUND, PAST) for form in forms):
        return [None] * len(alternatives)
    return forms


def is_auxiliary(word: str) -> bool:
    """True for a word after which a past form is a participle ("was", "have", ...)."""
    return word.lower() in _AUXILIARIES


def inflect(suggestion: str, form: str | None) -> str:
    """``suggestion`` with its first word in ``form``; unchanged when that is not a verb."""
    if form is None:
        return suggestion
    head, _, rest = suggestion.partition(" ")
    changed = _inflected(head.lower(), form)
    if changed is None:
        return suggestion
    if head[:1].isupper():
        changed = changed[:1].upper() + changed[1:]
    return f"{changed} {rest}" if rest else changed


@functools.lru_cache(maxsize=2048)
def _inflected(word: str, form: str) -> str | None:
    if word in _FIXED:
        return None
    # Imported on the first fix in a tense (0.2 s), not at start.
    from lemminflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(word, upos="VERB").get("VERB")
    if not lemmas:  # not a verb in the lexicon: a noun phrase or an adjective stays
        return None
    lemma = lemmas[0]
    if (lemma, form) in _BRITISH:
        return _BRITISH[lemma, form]
    forms = getInflection(lemma, tag=form)
    return forms[0] if forms else None
