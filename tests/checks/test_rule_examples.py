"""Every shipped rule entry carries examples, and each one earns its place.

Each ``[rules.examples]`` lists texts the entry must flag (``fail``) and near misses it
must leave alone (``pass``). The rule-kill check switches each entry off in turn and
requires that, in one of its ``fail`` examples, part of what it flagged is then flagged by
no other rule of its family: an entry whose every example its siblings already cover adds
nothing, and switching it off must make a test fail. A rule entry is held against its
sibling rules (the learned layer, a warning-only fallback, is off for that comparison); a
learned entry is held against every rule of its family.

LanguageTool's entry needs a LanguageTool server; tests/checks/test_languagetool.py runs
it against a local stand-in server instead.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib

import pytest

import checks
from checks.findings import Finding
from checks.rules import Example, ImageRef, Rule
from tests.conftest import CORPUS

ADMIN = CORPUS / "admin-policy.toml"
DEFAULT_DATE = dt.date(2026, 12, 1)
SHIPPED = checks.load_policy(ADMIN)
NEEDS_A_SERVER = {"grammar.languagetool"}
RULES = {rule.id: rule for rule in SHIPPED.rules if rule.id not in NEEDS_A_SERVER}
LEARNED = [rule.id for rule in SHIPPED.rules if rule.kind == "classifier"]


def flagged_by(policy: checks.Policy, example: Example) -> list[Finding]:
    report = checks.check(
        example.text,
        policy=policy,
        platforms=example.platforms,
        date=example.date or DEFAULT_DATE,
        images=[ImageRef(f"image-{n}.png", alt) for n, alt in enumerate(example.images, 1)],
        title=example.title,
    )
    return report.findings


def cases(flagged: bool) -> list[tuple[Rule, Example]]:
    return [
        (rule, example)
        for rule in RULES.values()
        for example in rule.examples
        if example.flagged is flagged
    ]


def case_id(case: tuple[Rule, Example]) -> str:
    rule, example = case
    return f"{rule.id}:{example.text[:30]}"


@pytest.mark.parametrize("rule", RULES.values(), ids=RULES.keys())
def test_rule_has_fail_and_pass_examples(rule):
    assert any(e.flagged for e in rule.examples), "no text it must flag"
    assert any(not e.flagged for e in rule.examples), "no near miss it must leave alone"


def spans_of(rule: Rule, findings: list[Finding]) -> list[tuple[int, int]]:
    """Where ``rule`` (or a sub-check of it, as ``grammar.harper.X``) flagged."""
    return [
        (f.start, f.end)
        for f in findings
        if f.check == rule.id or f.check.startswith(rule.id + ".")
    ]


@pytest.mark.parametrize("case", cases(True), ids=case_id)
def test_rule_flags_its_fail_example(case):
    rule, example = case
    assert spans_of(rule, flagged_by(SHIPPED, example))


@pytest.mark.parametrize("case", cases(False), ids=case_id)
def test_rule_leaves_its_pass_example_alone(case):
    rule, example = case
    assert not spans_of(rule, flagged_by(SHIPPED, example))


@pytest.mark.slow
@pytest.mark.parametrize("rule", RULES.values(), ids=RULES.keys())
def test_switching_the_rule_off_loses_one_of_its_examples(rule, tmp_path):
    settings = tmp_path / "rule-off.toml"
    off = [rule.id] if rule.id in LEARNED else [rule.id, *LEARNED]
    settings.write_text(
        ADMIN.read_text(encoding="utf-8") + f"\n[settings]\ndisabled = {json.dumps(off)}\n",
        encoding="utf-8",
    )
    without = checks.load_policy(settings)
    assert rule.id not in {r.id for r in without.rules}
    lost = []
    for example in (e for e in rule.examples if e.flagged):
        remaining = [
            (f.start, f.end) for f in flagged_by(without, example) if f.rule == rule.family
        ]
        for start, end in spans_of(rule, flagged_by(SHIPPED, example)):
            if not any(lo <= start and end <= hi for lo, hi in remaining):
                lost.append(example.text)
    assert lost, f"all that {rule.id} flags in its fail examples, its siblings flag without it"


def test_every_shipped_rule_entry_is_switched_on():
    shipped = [
        entry["id"]
        for path in sorted((checks.engine.shipped_policy_dir() / "rules").glob("*.toml"))
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("rules", [])
    ]
    assert sorted(shipped) == sorted(r.id for r in SHIPPED.rules)
