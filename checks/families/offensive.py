# SPDX-License-Identifier: MIT
"""Offensive language: swear words and slurs from word lists, plain or disguised.

A rule of kind ``offensive`` names its ``test``:

- ``words``: whole words and their inflections, found by the shared lexicon.
- ``disguised``: the same words disguised: masked (``sh*t``, ``f***ing``), in leetspeak
  or symbols (``sh1t``, ``$hit``, ``b@stard``), respelt (``fvck``, ``phuck``), with
  letters repeated (``shiiit``) or spaced out (``s h i t``).

Options: ``files`` (word lists in ``resources/policy/words/``), ``lists`` (keys of the
``[offensive]`` policy table that hold more entries, so an administrator can extend the
lists) and ``suggestions``. ``[offensive] allow`` lists forms that are never flagged.
The entry format is described at the top of ``resources/policy/words/offensive.txt``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.policy import shipped_policy_dir
from checks.rules import Context, PolicyError, Rule, string_list
from checks.text import fold

KIND = "offensive"

_OPTIONS = frozenset({"test", "files", "lists", "suggestions"})
_VOWELS = frozenset("aeiou")
_WORD = re.compile(r"[a-z]+")
_CODE = re.compile(r"[a-z]{1,2}\d+")  # A55, M60, P45: road names and form numbers
_RUN = re.compile(r"([a-z])\1+")
_HASHTAG = re.compile(r"#\w+")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")

# Characters that stand for letters: leetspeak digits and symbols, and masks ('*').
_MASKS = "*#%_"
_SYMBOLS = "*@$!#%|€"
_LEET = str.maketrans("013457@$!|€" + _MASKS, "oieastasiie" + "*" * len(_MASKS))
_LEET_L = str.maketrans("1|", "ll")

# One pass over the folded text finds where a disguise may be: a digit or symbol beside a
# letter ("sh1t", "f***", "$hit", but not "#tag" or "@name"), or a letter written three
# times ("shiiit"). Only there is a token cut out and looked up. Respellings ("fvck") and
# spaced letters ("s h i t") are literal terms of the shared lexicon instead.
_TRIGGER = re.compile(
    rf"[\d{re.escape(_SYMBOLS + '_')}](?:(?<=[a-z].)|(?<![#@])(?=[a-z]))|([a-z])\1\1"
)
_SPACERS = (" ", ".", "-")
_TOKEN_TAIL = re.compile(rf"[\w{re.escape(_SYMBOLS)}]*")
_TOKEN_CHARS = frozenset(_SYMBOLS + "_")

# Respellings that keep the sound: fvck, phuck, fuk, wanka.
_RESPELLINGS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile("u"), ("v",)),
    (re.compile("ck"), ("k", "kk")),
    (re.compile("^f"), ("ph",)),
    (re.compile("er$"), ("a",)),
)


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Offensive:
    """Compile every ``offensive`` rule against the word lists and the policy data."""
    return Offensive(rules, data, lexicon)


class Offensive:
    """All offensive rules of a policy, compiled."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> None:
        """Read the word lists of each rule and compile its test."""
        section = data.get("offensive", {})
        if not isinstance(section, Mapping):
            raise PolicyError("[offensive] must be a table")
        allow = {fold(w) for w in string_list(section, "allow", "[offensive]")}
        self.checkers: list[WordsTest | DisguisedTest] = []
        for rule in rules:
            unknown = sorted(set(rule.options) - _OPTIONS)
            if unknown:
                raise PolicyError(f"rule {rule.id}: unknown option '{unknown[0]}'")
            forms = [f for f in word_forms(_entries(rule, section)) if f not in allow]
            if not forms:
                raise PolicyError(f"rule {rule.id}: no words in 'files' or 'lists'")
            test = rule.options.get("test")
            if test == "words":
                self.checkers.append(WordsTest(rule, forms, lexicon))
            elif test == "disguised":
                self.checkers.append(DisguisedTest(rule, forms, allow, lexicon))
            else:
                raise PolicyError(f"rule {rule.id}: 'test' must be 'words' or 'disguised'")

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of every rule."""
        for checker in self.checkers:
            yield from checker.run(ctx)


class WordsTest:
    """Whole words of the lists, found by the shared lexicon, and words of CamelCase hashtags."""

    def __init__(self, rule: Rule, forms: Iterable[str], lexicon: Lexicon) -> None:
        """Register every form with the lexicon."""
        self.rule = rule
        self.suggestions = string_list(rule.options, "suggestions", rule.id)
        forms = list(forms)
        self.keys = frozenset(lexicon.add(form) for form in forms)
        self.words = frozenset(forms)

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield a finding for each listed word in the text or in a CamelCase hashtag."""
        for key, spans in ctx.hits.items():
            if key in self.keys:
                for start, end in spans:
                    yield self.rule.finding(ctx.doc, start, end, self.suggestions)
        text = ctx.doc.text
        if "#" not in text:
            return
        for tag in _HASHTAG.finditer(text):
            parts = list(_CAMEL_PART.finditer(text, tag.start() + 1, tag.end()))
            if len(parts) == 1 and parts[0].span() == (tag.start() + 1, tag.end()):
                continue  # a one-word hashtag is a whole word: the lexicon saw it
            for part in parts:
                if part.group().lower() in self.words:
                    yield self.rule.finding(ctx.doc, *part.span(), self.suggestions)


class DisguisedTest:
    """Words of the lists written so that a plain word match misses them."""

    def __init__(self, rule: Rule, forms: Iterable[str], allow: set[str], lexicon: Lexicon) -> None:
        """Precompute the masked, collapsed, respelt and spaced forms of every single word."""
        self.rule = rule
        self.suggestions = string_list(rule.options, "suggestions", rule.id)
        words = {f for f in forms if _WORD.fullmatch(f)}
        self.plain = frozenset(words)
        self.masked = frozenset(k for w in words for k in masked_forms(w))
        self.collapsed = frozenset(_collapse(w) for w in words)
        variants = {v for w in words for v in respellings(w)} - words - allow
        variants |= {sep.join(w) for w in words if len(w) > 2 for sep in _SPACERS}
        self.keys = frozenset(lexicon.add(v) for v in variants)

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield a finding for each disguised word: one regex pass, then set look-ups."""
        folded = ctx.doc.folded
        done = 0  # end of the last token looked at: later triggers inside it are skipped
        for trigger in _TRIGGER.finditer(folded):
            if trigger.start() < done:
                continue
            start = trigger.start()
            while start and (folded[start - 1].isalnum() or folded[start - 1] in _TOKEN_CHARS):
                start -= 1
            tail = _TOKEN_TAIL.match(folded, start)
            done = tail.end() if tail else trigger.end()
            span = self._token(folded[start:done], start)
            if span:
                yield self.rule.finding(ctx.doc, *span, self.suggestions)
        for key, spans in ctx.hits.items():
            if key in self.keys:
                for start, end in spans:
                    yield self.rule.finding(ctx.doc, start, end, self.suggestions)

    def _token(self, token: str, start: int) -> tuple[int, int] | None:
        """The span of ``token`` when it disguises a listed word, else None."""
        # Drop hashtag and mention marks, trailing '!', and emphasis stars around a word.
        core = token.lstrip("#|!_")
        stars = len(core) - len(core.lstrip("*"))
        core = core[stars:]
        start += len(token) - len(token.lstrip("#|!_")) + stars
        core = core.rstrip("!|_")
        if stars:
            core = core.rstrip("*")
        if not any("a" <= c <= "z" for c in core) or _CODE.fullmatch(core):
            return None
        for table in (_LEET, _LEET_L):
            normal = core.translate(table).translate(_LEET)  # '1' reads as 'i', then as 'l'
            if "*" in normal:
                hit = normal in self.masked
            else:
                hit = (normal != core and normal in self.plain) or (
                    _RUN.search(normal) is not None and _collapse(normal) in self.collapsed
                )
            if hit:
                return start, start + len(core)
            if "1" not in core and "|" not in core:
                break
        return None


def _collapse(word: str) -> str:
    """``word`` with each run of a repeated letter written once: "shiiit" -> "shit"."""
    return _RUN.sub(lambda m: m.group(1), word)


def _entries(rule: Rule, section: Mapping[str, Any]) -> list[str]:
    """The raw entries of the rule's word files and policy lists."""
    folder = shipped_policy_dir() / "words"
    entries: list[str] = []
    for name in string_list(rule.options, "files", rule.id):
        path = folder / name
        if Path(name).name != name or not path.is_file():
            raise PolicyError(f"rule {rule.id}: word list '{name}' not found in {folder}")
        entries.extend(read_word_list(path))
    for key in string_list(rule.options, "lists", rule.id):
        entries.extend(string_list(section, key, f"{rule.id} ([offensive] {key})"))
    return entries


def read_word_list(path: Path) -> list[str]:
    """The entries of a word file: one a line, '#' starting a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [entry for line in lines if (entry := line.split("#", 1)[0].strip())]


def word_forms(entries: Iterable[str]) -> list[str]:
    """Every folded form of ``entries``, in order, without repeats.

    ``word`` gives the word and its regular inflections; ``word|form`` adds forms as
    they are; a leading ``=`` turns inflection off.
    """
    forms: dict[str, None] = {}
    for entry in entries:
        exact = entry.startswith("=")
        parts = [" ".join(fold(p).split()) for p in entry.removeprefix("=").split("|")]
        parts = [p for p in parts if p]
        if not parts:
            continue
        head, *rest = parts
        for form in [head] if exact else inflections(head):
            forms[form] = None
        for form in rest:
            forms[form] = None
    return list(forms)


def inflections(word: str) -> list[str]:
    """``word`` with -s, -ed, -ing, -in, -er, -ers and -y; phrases are left as they are."""
    if not _WORD.fullmatch(word) or len(word) < 3:
        return [word]
    if word.endswith("e"):
        base, past, agent = word[:-1], word + "d", word + "r"
    else:
        syllables = len(re.findall(r"[aeiou]+", word))
        double = (
            syllables == 1
            and word[-3] not in _VOWELS
            and word[-2] in _VOWELS
            and word[-1] not in _VOWELS | {"w", "x", "y"}
        )
        base = word + word[-1] if double else word
        past, agent = base + "ed", base + "er"
    plural = word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
    return [word, plural, past, base + "ing", base + "in", agent, agent + "s", base + "y"]


def masked_forms(word: str) -> Iterator[str]:
    """``word`` with one run of letters after the first masked by as many '*'.

    A mask that reaches the end needs two stars at least, so "blood*" is not "bloody".
    """
    n = len(word)
    if n < 3:
        return
    for i in range(1, n):
        for j in range(i + 1, n + 1):
            if j == n and j - i < 2:
                continue
            yield word[:i] + "*" * (j - i) + word[j:]


def respellings(word: str) -> set[str]:
    """``word`` respelt the way it sounds (fvck, phuck, fuk), every combination."""
    variants = {word}
    for pattern, replacements in _RESPELLINGS:
        variants |= {pattern.sub(r, v) for v, r in itertools.product(list(variants), replacements)}
    variants.discard(word)
    return variants
