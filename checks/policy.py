# SPDX-License-Identifier: MIT
"""Read the policy files: the shipped rules, then an administrator's file merged over them."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checks import policy_schema
from checks.findings import Severity
from checks.rules import Example, PolicyError, Rule

#: The rule families of DESIGN.md and their default severities.
FAMILIES: dict[str, Severity] = {
    "bidder-meeting": Severity.BLOCK,
    "tender-detail": Severity.BLOCK,
    "bidder-favour": Severity.BLOCK,
    "council-favour": Severity.WARN,
    "breaking-news": Severity.WARN,
    "political": Severity.BLOCK,
    "criticism": Severity.WARN,
    "internal-shortcoming": Severity.WARN,
    "personal-opinion": Severity.WARN,
    "confidential": Severity.BLOCK,
    "personal-data": Severity.BLOCK,
    "offensive": Severity.BLOCK,
    "jargon": Severity.WARN,
    "acronym": Severity.WARN,
    "plain-english": Severity.ADVICE,
    "length": Severity.BLOCK,
    "accessibility": Severity.WARN,
    "spelling": Severity.ADVICE,
    "grammar": Severity.ADVICE,
}

#: Top-level tables a policy file may hold besides ``version`` and ``rules``.
SECTIONS = frozenset(
    {
        "settings",
        "acronyms",
        "contacts",
        "councils",
        "election",
        "tenders",
        "offensive",
        "personal_data",
        "accessibility",
        "length",
        "plain_english",
        "spelling",
        "grammar",
        "vocabulary",
        "images",
        "approvers",
        "team",
    }
)

_RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        "severity",
        "clause",
        "clause_line",
        "message",
        "enabled",
        "source",
        "examples",
        "fixes",
    }
)
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_HEADINGS = ("Unacceptable Content", "Acceptable Content", "Appendix A")


def shipped_policy_dir() -> Path:
    """The folder of policy files that ships with the package."""
    return Path(str(resources.files("resources"))) / "policy"


@dataclass(frozen=True, slots=True)
class Source:
    """A policy file as read: its path, its text and its parsed tables."""

    path: Path
    text: str
    data: dict[str, Any]

    def line_of(self, needle: str, after: int = 1) -> int:
        """First line number (from 1) at or after ``after`` that contains ``needle``."""
        lines = _lines(self.text)
        for number in range(max(after, 1), len(lines) + 1):
            if needle in lines[number - 1]:
                return number
        return after

    @property
    def shipped(self) -> bool:
        """True for the policy files shipped with the app (trusted; not an administrator's)."""
        return self.path.resolve().is_relative_to(shipped_policy_dir().resolve())

    def error(self, reason: str, line: int) -> PolicyError:
        """A `PolicyError` saying ``path:line: reason``."""
        return PolicyError(f"{self.path}:{line}: {reason}")


@functools.lru_cache(maxsize=64)
def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.splitlines())


def read_source(path: Path) -> Source:
    """Read and parse one policy file, refusing it with its path, line and reason."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad's byte order mark is fine
    except FileNotFoundError:
        raise PolicyError(f"{path}: policy file not found") from None
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{path}: policy file is not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read policy file ({exc.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = int(found.group(1)) if found else 1
        reason = _TOML_POSITION.sub("", message)
        raise PolicyError(f"{path}:{line}: invalid TOML: {reason}") from None
    source = Source(path, text, data)
    for key in data:
        if key not in SECTIONS and key not in ("version", "rules"):
            known = ", ".join(sorted(SECTIONS))
            raise source.error(
                f"unknown section '{key}' (expected one of: {known})", source.line_of(key)
            )
    if not isinstance(data.get("rules", []), list):
        raise source.error(
            "'rules' must be an array of tables ([[rules]])", source.line_of("rules")
        )
    for key, reason in policy_schema.problems(data):
        section, _, name = key.partition(".")
        header = source.line_of(f"[{section}]") if name else 1
        raise source.error(reason, source.line_of(name or section, header))
    return source


def merge(base: Any, extra: Any) -> Any:  # noqa: ANN401 (any TOML value)
    """Merge ``extra`` over ``base``: tables key by key, lists extended, scalars replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


class StrategyText:
    """The policy document that clauses quote, by line number."""

    def __init__(self, path: Path) -> None:
        """Read the shipped copy of the strategy."""
        self.lines = path.read_text(encoding="utf-8").splitlines()

    def clause(self, number: int) -> str:
        """``Appendix A, unacceptable content (policy line 152): "Details of ..."``."""
        if not 1 <= number <= len(self.lines) or not self.lines[number - 1].strip():
            raise ValueError(f"policy line {number} is empty or out of range")
        quote = self.lines[number - 1].strip().removeprefix("- ").strip()
        section = "Social Media Strategy 2017-18"
        for line in reversed(self.lines[: number - 1]):
            heading = next((h for h in _HEADINGS if line.strip().startswith(h)), None)
            if heading:
                section = {
                    "Unacceptable Content": "Appendix A, unacceptable content",
                    "Acceptable Content": "Appendix A, acceptable content",
                }.get(heading, "Appendix A")
                break
        return f'{section} (policy line {number}): "{quote}"'


def collect_rules(
    sources: Iterable[Source], strategy: StrategyText, disabled: Iterable[str] = ()
) -> list[Rule]:
    """Merge the ``[[rules]]`` of every source by id and validate each entry."""
    entries: dict[str, dict[str, Any]] = {}
    origin: dict[str, tuple[Source, int]] = {}
    for source in sources:
        seen: dict[str, int] = {}
        administrators = not source.shipped
        if administrators:
            for pattern in patterns_in(source.data.get("accessibility", {})):
                problem = policy_schema.pattern_problem(pattern)
                if problem is not None:
                    line = source.line_of("alt_file_patterns")
                    raise source.error(f"[accessibility]: {problem}", line)
        for position, entry in enumerate(source.data.get("rules", [])):
            rule_id = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(rule_id, str):
                line = _nth_line(source, "[[rules]]", position)
                raise source.error("every [[rules]] entry needs a string 'id'", line)
            line = source.line_of(f'"{rule_id}"')
            if rule_id in seen:
                again = source.line_of(f'"{rule_id}"', seen[rule_id] + 1)
                raise source.error(f"rule '{rule_id}' is defined twice in this file", again)
            seen[rule_id] = line
            if administrators:
                _check_patterns(source, rule_id, entry, line)
            entries[rule_id] = merge(entries.get(rule_id, {}), entry)
            origin[rule_id] = (source, line)
    off = tuple(disabled)
    rules = []
    for rule_id, entry in entries.items():
        source, line = origin[rule_id]
        try:
            rule = _validate(rule_id, entry, strategy)
        except PolicyError as exc:
            raise source.error(str(exc), line) from None
        if entry.get("enabled", True) and not any(
            rule_id == p or rule_id.startswith(p + ".") for p in off
        ):
            rules.append(rule)
    return rules


def _check_patterns(source: Source, rule_id: str, entry: Mapping[str, Any], line: int) -> None:
    """Refuse an administrator's pattern that RE2 cannot run (`pattern_problem`).

    Every pattern of the entry is looked at, however deep: ``patterns`` lists of its
    tables (``unless``, ``anchor``, ``near`` ...) and ``unless_*`` strings.
    """
    for pattern in patterns_in(entry):
        problem = policy_schema.pattern_problem(pattern)
        if problem is not None:
            raise source.error(f"rule {rule_id}: {problem}", line)


def patterns_in(data: object) -> Iterator[str]:
    """Every pattern anywhere in ``data``: ``patterns`` lists and ``unless_*`` strings."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key in ("patterns", "alt_file_patterns") and isinstance(value, list):
                yield from (p for p in value if isinstance(p, str))
            elif str(key).startswith("unless_") and isinstance(value, str):
                yield value
            else:
                yield from patterns_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from patterns_in(value)


def _nth_line(source: Source, needle: str, n: int) -> int:
    line = 0
    for _ in range(n + 1):
        line = source.line_of(needle, line + 1)
    return line


def _validate(rule_id: str, entry: Mapping[str, Any], strategy: StrategyText) -> Rule:
    family, _, name = rule_id.partition(".")
    if family not in FAMILIES or not name:
        raise PolicyError(
            f"rule id '{rule_id}' must be '<family>.<name>' with a family of DESIGN.md"
        )
    kind = entry.get("kind")
    if not isinstance(kind, str):
        raise PolicyError(f"rule {rule_id}: 'kind' is missing")
    severity_name = entry.get("severity", FAMILIES[family].value)
    try:
        severity = Severity(severity_name)
    except ValueError:
        raise PolicyError(
            f"rule {rule_id}: severity must be block, warn or advice, not {severity_name!r}"
        ) from None
    message = entry.get("message")
    if not isinstance(message, str) or not message:
        raise PolicyError(f"rule {rule_id}: 'message' is missing")
    problem = policy_schema.message_problem(message)
    if problem is not None:
        raise PolicyError(f"rule {rule_id}: {problem}")
    clause = _clause(rule_id, entry, strategy)
    options = {k: v for k, v in entry.items() if k not in _RULE_KEYS}
    return Rule(
        id=rule_id,
        family=family,
        kind=kind,
        severity=severity,
        clause=clause,
        message=message,
        options=MappingProxyType(options),
        source=str(entry.get("source", "")),
        examples=_examples(rule_id, entry.get("examples", {})),
        fixes=_fixes(rule_id, entry.get("fixes", [])),
    )


def _fixes(rule_id: str, value: object) -> tuple[str, ...]:
    """``fixes``: a list of verbatim replacements ("" removes the text)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"rule {rule_id}: 'fixes' must be a list of texts (\"\" removes)")
    return tuple(value)


def _examples(rule_id: str, table: object) -> tuple[Example, ...]:
    """``[rules.examples]``: ``fail`` and ``pass`` lists of texts or {text, date, platforms}."""
    if not isinstance(table, Mapping) or set(table) - {"fail", "pass"}:
        raise PolicyError(f"rule {rule_id}: 'examples' takes a 'fail' and a 'pass' list")
    examples = []
    for verdict, flagged in (("fail", True), ("pass", False)):
        entries = table.get(verdict, [])
        if not isinstance(entries, list):
            raise PolicyError(f"rule {rule_id}: examples.{verdict} must be a list")
        for entry in entries:
            settings = entry if isinstance(entry, Mapping) else {"text": entry}
            text, date = settings.get("text"), settings.get("date")
            platforms = settings.get("platforms", ["x"])
            images = settings.get("images", [])
            title = settings.get("title", "")
            if (
                not isinstance(text, str)
                or not isinstance(title, str)
                or not (date is None or isinstance(date, dt.date))
                or not isinstance(platforms, list)
                or not isinstance(images, list)
            ):
                raise PolicyError(
                    f"rule {rule_id}: each of examples.{verdict} is a text or a table"
                    " {text, date = YYYY-MM-DD, platforms = [...], images = [alt, ...], title}"
                )
            examples.append(Example(text, flagged, date, tuple(platforms), tuple(images), title))
    return tuple(examples)


def _clause(rule_id: str, entry: Mapping[str, Any], strategy: StrategyText) -> str:
    line, text = entry.get("clause_line"), entry.get("clause")
    if line is None and not text:
        raise PolicyError(f"rule {rule_id}: needs 'clause_line' (a line of the policy) or 'clause'")
    parts = []
    if line is not None:
        if not isinstance(line, int):
            raise PolicyError(f"rule {rule_id}: 'clause_line' must be a line number")
        try:
            parts.append(strategy.clause(line))
        except ValueError as exc:
            raise PolicyError(f"rule {rule_id}: {exc}") from None
    if text:
        parts.append(str(text))
    return "; ".join(parts)
