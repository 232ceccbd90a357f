# SPDX-License-Identifier: MIT
"""Compile a policy into checkers once, then run them over texts."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checks.families import FAMILIES as CODE_KINDS
from checks.families import elections, learned, length, plain_english
from checks.findings import Finding, Report
from checks.image_limits import ImageLimits, read_image_limits
from checks.kinds import KINDS
from checks.lexicon import Lexicon
from checks.policy import (
    Source,
    StrategyText,
    collect_rules,
    merge,
    patterns_in,
    read_source,
    shipped_policy_dir,
)
from checks.rules import Checker, Context, ImageRef, PolicyError, Rule
from checks.text import Document

PLATFORMS = ("x", "linkedin", "website")
AUDIENCES = ("stakeholders", "bidders", "residents", "clients", "peers")


#: The longest text a draft or a check takes by default, in KB of characters (1 MB).
DEFAULT_MAX_TEXT_KB = 1024


@dataclass(frozen=True)
class Policy:
    """A loaded, validated and compiled policy: build it once and reuse it."""

    version: str
    paths: tuple[Path, ...]
    rules: tuple[Rule, ...]
    data: Mapping[str, Any]
    lexicon: Lexicon
    checkers: tuple[Checker, ...]
    #: Rule entries that stand in for their family only where its other rules found
    #: nothing (the learned layer's).
    fallbacks: frozenset[str] = frozenset()
    #: The pre-election period of the ``[election]`` table (first and last day), read
    #: once at load: the rules, the calendar and readiness all use this.
    election: tuple[dt.date, dt.date] | None = None
    #: The STAR councils' names from ``[councils]``, read once at load.
    councils: tuple[str, ...] = ()
    #: Who may approve posts: (name, key fingerprint) from ``[[approvers]]``.
    approvers: tuple[tuple[str, str], ...] = ()
    #: What an attached image may be, from ``[images]``.
    images: ImageLimits = field(default_factory=ImageLimits)
    #: The longest text a draft or ``check`` takes, in characters (``[settings]
    #: max_text_kb``, 1,024 by default): a 50 MB file is refused before it is read.
    max_text_chars: int = DEFAULT_MAX_TEXT_KB * 1024

    def rule(self, rule_id: str) -> Rule:
        """The rule entry with this dotted id."""
        return next(r for r in self.rules if r.id == rule_id)

    def prepare(self) -> None:
        """Build what the checkers load lazily and can build without the interpreter lock.

        Harper's linter takes about 0.6 s to build and releases the GIL while it does, so
        the window starts this on a thread of its own at launch: the first check then finds
        it (nearly) ready instead of paying for it after the window shows.
        """
        for checker in self.checkers:
            prepare = getattr(checker, "prepare", None)
            if callable(prepare):
                prepare()


def load_policy(
    path: str | os.PathLike[str] | None = None,
    *,
    central: str | os.PathLike[str] | None = None,
) -> Policy:
    """Load the shipped policy, then IT's ``central`` file, then the file at ``path``.

    Each file is merged over the ones before it. Raises `PolicyError` naming the file,
    line and reason when a file is invalid.
    """
    folder = shipped_policy_dir()
    files = [
        folder / "policy.toml",
        folder / "vocabulary.toml",
        *sorted((folder / "rules").glob("*.toml")),
    ]
    files += [Path(p) for p in (central, path) if p is not None]
    return compile_policy([read_source(f) for f in files], StrategyText(folder / "strategy.txt"))


@functools.lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The shipped policy, loaded on first use and shared."""
    return load_policy()


def compile_policy(sources: Sequence[Source], strategy: StrategyText) -> Policy:
    """Merge ``sources`` in order and compile every rule into a checker."""
    data: dict[str, Any] = {}
    for source in sources:
        data = merge(data, {k: v for k, v in source.data.items() if k != "rules"})
    disabled = data.get("settings", {}).get("disabled", [])
    rules = collect_rules(sources, strategy, disabled)
    trusted = frozenset(
        pattern for source in sources if source.shipped for pattern in patterns_in(source.data)
    )
    councils = _councils(data, sources)
    lexicon = Lexicon(trusted, _vocabulary(data, sources, councils))
    checkers: list[Checker] = []
    grouped: dict[str, list[Rule]] = {}
    for rule in rules:
        if rule.kind in KINDS:
            checkers.append(_compile(KINDS[rule.kind], rule, lexicon, sources))
        elif rule.kind in CODE_KINDS:
            grouped.setdefault(rule.kind, []).append(rule)
        else:
            known = ", ".join(sorted([*KINDS, *CODE_KINDS]))
            raise _located(
                PolicyError(f"rule {rule.id}: unknown kind '{rule.kind}' ({known})"), rule, sources
            )
    for kind, members in grouped.items():
        try:
            checkers.append(CODE_KINDS[kind](members, data, lexicon))
        except PolicyError as exc:
            raise _located_data(exc, sources) or _located(exc, members[0], sources) from None
    try:
        election = elections.read_period(data.get("election", {}))
        images = read_image_limits(data)
        approvers = _approvers(data)
    except PolicyError as exc:
        raise _located_data(exc, sources) or exc from None
    lexicon.freeze()
    return Policy(
        max_text_chars=_max_text_kb(data, sources) * 1024,
        version=str(data.get("version", "unknown")),
        paths=tuple(s.path for s in sources),
        rules=tuple(rules),
        data=MappingProxyType(data),
        lexicon=lexicon,
        checkers=tuple(checkers),
        fallbacks=frozenset(r.id for r in rules if r.kind == learned.KIND),
        election=election,
        councils=councils,
        images=images,
        approvers=approvers,
    )


_FINGERPRINT = re.compile(r"[0-9a-f]{4}(?:-[0-9a-f]{4}){3}")


def _max_text_kb(data: Mapping[str, Any], sources: Sequence[Source]) -> int:
    value = data.get("settings", {}).get("max_text_kb", DEFAULT_MAX_TEXT_KB)
    if not 1 <= value <= 100 * 1024:
        error = PolicyError(f"[settings] max_text_kb must be from 1 to 102400, not {value}")
        raise _located_data(error, sources) or error
    return int(value)


def _approvers(data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The ``[[approvers]]`` tables: each a name and the fingerprint of their key."""
    entries = data.get("approvers", [])
    if not isinstance(entries, list):
        raise PolicyError("approvers: write each as an [[approvers]] table")
    out = []
    for entry in entries:
        name = entry.get("name") if isinstance(entry, Mapping) else None
        key = entry.get("fingerprint") if isinstance(entry, Mapping) else None
        if not isinstance(name, str) or not name.strip():
            raise PolicyError("approvers: each needs a name")
        if not isinstance(key, str) or not _FINGERPRINT.fullmatch(key.strip().lower()):
            raise PolicyError(
                f"approvers: {name}'s fingerprint must look like 1a2b-3c4d-5e6f-7a8b "
                "(star-desktop keys show prints it)"
            )
        out.append((name.strip(), key.strip().lower()))
    return tuple(out)


def _councils(data: Mapping[str, Any], sources: Sequence[Source]) -> tuple[str, ...]:
    """The ``[councils]`` table's names (the one reading: rules, calendar and gauges)."""
    table = data.get("councils", {})
    names = table.get("names", []) if isinstance(table, Mapping) else None
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        error = PolicyError("councils: 'names' must be a list of council names")
        raise _located_data(error, sources) or error
    return tuple(names)


def _vocabulary(
    data: Mapping[str, Any], sources: Sequence[Source], names: Sequence[str]
) -> dict[str, list[str]]:
    """The policy's named word lists; ``{councils}`` defaults to the STAR councils' names."""
    table = data.get("vocabulary", {})
    error = PolicyError("vocabulary: each entry must be a list of strings (name = [...])")
    if not isinstance(table, Mapping):
        raise _located_data(error, sources) or error
    vocabulary = {"councils": [f"{n}|{n}'s" for n in names]}
    for name, entries in table.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            error = PolicyError(f"vocabulary: '{name}' must be a list of strings")
            raise _located_data(error, sources) or error
        vocabulary[name] = entries
    return vocabulary


def _compile(
    kind: Callable[[Rule, Lexicon], Checker],
    rule: Rule,
    lexicon: Lexicon,
    sources: Sequence[Source],
) -> Checker:
    try:
        checker = kind(rule, lexicon)
    except PolicyError as exc:
        raise _located(exc, rule, sources) from None
    return checker


def _located(exc: PolicyError, rule: Rule, sources: Sequence[Source]) -> PolicyError:
    """Prefix ``exc`` with the last file and line that define ``rule``."""
    for source in reversed(sources):
        if f'"{rule.id}"' in source.text:
            return source.error(str(exc), source.line_of(f'"{rule.id}"'))
    return exc


def _located_data(exc: PolicyError, sources: Sequence[Source]) -> PolicyError | None:
    """Prefix a data-section error ("election: ...") with the last file holding that section."""
    section = str(exc).split(":", 1)[0].split("[", 1)[0]
    for source in reversed(sources):
        if section in source.data:
            header = f"[{section}"  # the table's header, else the first mention
            needle = header if header in source.text else section
            return source.error(str(exc), source.line_of(needle))
    return None


def check(
    text: str,
    *,
    platforms: Iterable[str] = ("x",),
    audiences: Iterable[str] = (),
    date: dt.date | None = None,
    policy: Policy | None = None,
    title: str = "",
    images: Iterable[ImageRef] = (),
) -> Report:
    """Check ``text`` against the policy and return its findings, ordered by position.

    ``platforms`` and ``audiences`` take the names of DESIGN.md; ``date`` is the
    scheduled date (today when ``None``), which decides whether a pre-election period
    applies; ``policy`` defaults to the shipped policy; ``title`` is the website
    article's title, measured against its limit; ``images`` are the post's images, whose
    alt text is checked.
    """
    platforms = tuple(platforms)
    audiences = tuple(audiences)
    for name, values, allowed in (
        ("platform", platforms, PLATFORMS),
        ("audience", audiences, AUDIENCES),
    ):
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ValueError(
                f"unknown {name} {unknown[0]!r} (expected one of: {', '.join(allowed)})"
            )
    policy = policy or default_policy()
    doc = Document(text)
    lexicon = policy.lexicon
    ctx = Context(
        doc,
        lexicon.scan(doc),
        date or dt.date.today(),
        platforms,
        audiences,
        title,
        tuple(images),
        matched=lexicon.patterns.matching(doc.text, doc.folded),
    )
    findings = [finding for checker in policy.checkers for finding in checker.run(ctx)]
    return Report(
        text=text,
        findings=tidy(findings, policy.fallbacks),
        lengths=length.measure(ctx, policy.data),
        metrics=plain_english.measure(ctx, policy.data),
    )


#: At most this many findings of one check are listed for a text, the first in it:
#: 50,000 emoji are one problem to fix, not 50,000 rows (and the list stays quick).
MAX_PER_CHECK = 200


def tidy(findings: Iterable[Finding], fallbacks: frozenset[str] = frozenset()) -> list[Finding]:
    """Sort findings and drop duplicates and spans inside another of the same family.

    No check lists more than `MAX_PER_CHECK` findings.

    Where spelling and grammar flag the same span, the spelling finding stands alone:
    its corrections come from the British English dictionary. A finding of a ``fallbacks``
    rule goes where another rule of its family found something.
    """
    findings = list(findings)
    covered = {f.rule for f in findings if f.check not in fallbacks}
    findings = [f for f in findings if f.check not in fallbacks or f.rule not in covered]
    ordered = sorted(findings, key=lambda f: (f.rule, f.start, -f.end, f.check))
    kept: list[Finding] = []
    reach: dict[str, int] = {}
    spelled: set[tuple[int, int]] = set()
    for finding in ordered:
        if finding.start == finding.end:  # about the whole post (an image): never inside
            kept.append(finding)
            continue
        # Sorted by start, so a finding ending before the family's reach lies inside
        # the finding that set it.
        if finding.end <= reach.get(finding.rule, -1):
            continue
        if finding.check not in plain_english.SENTENCE_CHECKS:  # they hold word findings
            reach[finding.rule] = finding.end
        if finding.rule == "spelling":
            spelled.add((finding.start, finding.end))
        kept.append(finding)
    kept = [f for f in kept if f.rule != "grammar" or (f.start, f.end) not in spelled]
    per_check: Counter[str] = Counter()
    listed = []
    for finding in sorted(kept, key=Finding.sort_key):
        per_check[finding.check] += 1
        if per_check[finding.check] <= MAX_PER_CHECK:
            listed.append(finding)
    return listed
