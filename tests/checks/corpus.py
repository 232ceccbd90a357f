"""Load the labelled corpus and score the engine on it, rule by rule."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import checks

CORPUS = Path(__file__).parent.parent / "corpus"
DEFAULT_DATE = dt.date(2026, 12, 1)


@dataclass(frozen=True)
class Post:
    id: str
    text: str
    expect: frozenset[str]
    kind: str
    platform: str
    audiences: tuple[str, ...]
    date: dt.date
    file: str


def load_posts(folder: Path = CORPUS) -> list[Post]:
    """Every labelled post in the TOML files of ``folder`` (not its subfolders)."""
    posts = []
    for path in sorted(folder.glob("*.toml")):
        if path.name == "admin-policy.toml":
            continue
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("post", []):
            date = entry.get("date", DEFAULT_DATE)
            posts.append(
                Post(
                    id=entry["id"],
                    text=entry["text"],
                    expect=frozenset(entry.get("expect", [])),
                    kind=entry.get("kind", "positive" if entry.get("expect") else "clean"),
                    platform=entry.get("platform", "x"),
                    audiences=tuple(entry.get("audiences", ())),
                    date=dt.date.fromisoformat(date) if isinstance(date, str) else date,
                    file=path.name,
                )
            )
    return posts


@dataclass
class Score:
    tp: Counter[str]
    fn: Counter[str]
    fp: Counter[str]
    clean: int
    clean_blocked: list[str]
    misses: list[tuple[str, str]]
    false_alarms: list[tuple[str, str, str]]

    def recall(self, rule: str) -> float:
        total = self.tp[rule] + self.fn[rule]
        return self.tp[rule] / total if total else 1.0

    def precision(self, rule: str) -> float:
        total = self.tp[rule] + self.fp[rule]
        return self.tp[rule] / total if total else 1.0

    def macro_recall(self, rules: list[str]) -> float:
        return sum(self.recall(r) for r in rules) / len(rules)

    def table(self) -> str:
        """Recall with its 95% Wilson interval and precision, per rule; clean posts blocked."""
        rules = sorted(set(self.tp) | set(self.fn) | set(self.fp))
        lines = [
            f"{'rule':22} {'posts':>5} {'TP':>4} {'FN':>4} {'FP':>4} {'recall':>7} "
            f"{'95% CI':>13} {'precision':>9}"
        ]
        for rule in rules:
            lo, hi = wilson(self.tp[rule], self.tp[rule] + self.fn[rule])
            lines.append(
                f"{rule:22} {self.tp[rule] + self.fn[rule]:5} {self.tp[rule]:4} {self.fn[rule]:4} "
                f"{self.fp[rule]:4} {self.recall(rule):7.2f} {f'{lo:.2f}-{hi:.2f}':>13} "
                f"{self.precision(rule):9.2f}"
            )
        labelled = [r for r in rules if self.tp[r] + self.fn[r]]
        if labelled:
            lines.append(
                f"macro recall over {len(labelled)} rules: {self.macro_recall(labelled):.3f}"
            )
        blocked = len(self.clean_blocked)
        lo, hi = wilson(blocked, self.clean)
        rate = blocked / self.clean if self.clean else 0.0
        lines.append(
            f"clean posts with a blocking finding: {blocked}/{self.clean} = {rate:.1%}"
            f" (95% CI {lo:.1%}-{hi:.1%})"
        )
        return "\n".join(lines)


def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (0-1 when there are no trials)."""
    if total == 0:
        return 0.0, 1.0
    p = successes / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    denominator = 1 + z * z / total
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


def score(posts: list[Post], policy: checks.Policy) -> Score:
    result = Score(Counter(), Counter(), Counter(), 0, [], [], [])
    for post in posts:
        report = checks.check(
            post.text,
            platforms=(post.platform,),
            audiences=post.audiences,
            date=post.date,
            policy=policy,
        )
        raised = {f.rule for f in report.findings}
        for rule in post.expect:
            if rule in raised:
                result.tp[rule] += 1
            else:
                result.fn[rule] += 1
                result.misses.append((post.id, rule))
        for finding in report.findings:
            if finding.rule not in post.expect:
                result.false_alarms.append((post.id, finding.check, finding.text))
        for rule in raised - post.expect:
            result.fp[rule] += 1
        if not post.expect:
            result.clean += 1
            if report.blocking:
                result.clean_blocked.append(post.id)
    return result
