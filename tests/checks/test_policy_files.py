"""Policy files: shipped rules valid and cited, administrator files merged, bad files refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import checks
from checks.policy import FAMILIES, shipped_policy_dir

STRATEGY = (shipped_policy_dir() / "strategy.txt").read_text(encoding="utf-8").splitlines()


def write(tmp_path, text, name="admin.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_rule_cites_a_line_of_the_policy(policy):
    for rule in policy.rules:
        assert "policy line" in rule.clause, rule.id
        number = int(rule.clause.split("policy line ")[1].split(")")[0])
        quote = STRATEGY[number - 1].strip().removeprefix("- ")
        assert quote in rule.clause, rule.id


def test_every_rule_belongs_to_a_design_family(policy):
    assert {rule.family for rule in policy.rules} <= set(FAMILIES)


def test_shipped_policy_matches_the_strategy_copy():
    from pathlib import Path

    shared = (
        Path(__file__).resolve().parents[3] / "shared/policy/star-social-media-strategy-2017-18.txt"
    )
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert shared.read_text(encoding="utf-8").splitlines() == STRATEGY


def test_admin_file_adds_terms_to_an_existing_rule(tmp_path):
    path = write(
        tmp_path,
        '[[rules]]\nid = "bidder-favour.phrases"\npatterns = ["\\\\bsure bet\\\\b"]\n',
    )
    policy = checks.load_policy(path)
    text = "Acme is a sure bet for this one"
    assert "bidder-favour" in {f.rule for f in checks.check(text, policy=policy).findings}
    assert "bidder-favour" not in {f.rule for f in checks.check(text).findings}


def test_admin_file_can_switch_a_rule_off(tmp_path):
    path = write(tmp_path, '[settings]\ndisabled = ["political"]\n')
    report = checks.check("Vote Labour on Thursday!", policy=checks.load_policy(path))
    assert not report.findings


def test_admin_file_can_change_a_severity(tmp_path):
    path = write(tmp_path, '[[rules]]\nid = "political.vote"\nseverity = "warn"\n')
    report = checks.check("Don't vote Tory", policy=checks.load_policy(path))
    assert {f.severity for f in report.findings if f.check == "political.vote"} == {
        checks.Severity.WARN
    }


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("version = 1\n[[rules]\n", 2, "invalid TOML"),
        ("[flavours]\nx = 1\n", 1, "unknown section 'flavours'"),
        ('\n[[rules]]\nid = "nonsense.rule"\nkind = "existence"\n', 3, "family of DESIGN.md"),
        ('[[rules]]\nid = "political.x"\nkind = "existence"\nmessage = "m"\nclause_line = 152\npatterns = ["(unclosed"]\n', 2, "invalid pattern"),
        ('[[rules]]\nid = "political.x"\nkind = "telepathy"\nmessage = "m"\nclause_line = 152\n', 2, "unknown kind"),
        ('[[rules]]\nid = "political.x"\nkind = "existence"\nmessage = "m"\nterms = ["a"]\n', 2, "clause_line"),
        ('[[rules]]\nid = "political.x"\nkind = "existence"\nmessage = "m"\nclause_line = 9999\nterms = ["a"]\n', 2, "out of range"),
        ('[[rules]]\nid = "political.vote"\nseverity = "fatal"\n', 2, "severity"),
        ('[election]\nperiod_start = 2027-05-01\nperiod_end = 2027-04-01\n', 0, "period_end is before"),
        ('[[tenders]]\ntitle = "Roads"\nstatus = "maybe"\n', 0, "status"),
        ('version = "x"\n[councils]\nnames = "Stockport"\n', 3, "names must be a list of texts"),
    ],
    ids=["toml-syntax", "unknown-section", "bad-family", "bad-regex", "bad-kind", "no-clause",
         "clause-out-of-range", "bad-severity", "election-dates", "tender-status", "councils-not-a-list"],
)  # fmt: skip
def test_bad_policy_file_is_refused_with_path_line_and_reason(tmp_path, text, line, reason):
    path = write(tmp_path, text)
    with pytest.raises(checks.PolicyError) as error:
        checks.load_policy(path)
    message = str(error.value)
    assert str(path) in message
    if line:
        assert f"{path}:{line}:" in message
    assert reason in message


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ("period_start = 2027-05-01\nperiod_end = 2027-04-01", "period_end is before"),
        ('period_start = "soon"\nperiod_end = 2027-04-01', "must be a date"),
        ("period_start = 2027-05-01", "give both period_start and period_end"),
    ],
    ids=["end-before-start", "not-a-date", "one-date"],
)
def test_a_bad_election_table_is_refused_at_load_even_with_its_rules_off(tmp_path, table, reason):
    # One reading, one behaviour: the calendar and readiness never see a table the
    # loader let through, whatever rules are switched on.
    off = 'disabled = ["political.pre-election", "political.learned"]'
    path = write(tmp_path, f"[settings]\n{off}\n\n[election]\n{table}\n")
    with pytest.raises(checks.PolicyError) as error:
        checks.load_policy(path)
    assert f"{path}:4:" in str(error.value)
    assert reason in str(error.value)


def test_the_election_period_is_read_once_into_the_policy(tmp_path):
    path = write(tmp_path, "[election]\nperiod_start = 2027-03-25\nperiod_end = 2027-05-06\n")
    assert checks.load_policy(path).election == (dt.date(2027, 3, 25), dt.date(2027, 5, 6))
    assert checks.load_policy().election is None


def test_the_councils_are_read_once_into_the_policy(policy):
    assert policy.councils == ("Stockport", "Trafford", "Rochdale")


def test_missing_and_non_utf8_policy_files_are_refused(tmp_path):
    with pytest.raises(checks.PolicyError, match="not found"):
        checks.load_policy(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'version = "caf\xe9"\n')
    with pytest.raises(checks.PolicyError, match="not UTF-8"):
        checks.load_policy(path)


def test_every_shipped_pattern_compiles_alone_and_in_its_group(policy):
    # The shipped patterns are compiled on first use, not at load: this test is their check.
    from checks.rules import TermGroup

    groups = [
        group
        for checker in policy.checkers
        for value in vars(checker).values()
        for group in (value if isinstance(value, list) else [value])
        if isinstance(group, TermGroup)
    ]
    assert len(groups) > 50
    for group in groups:
        for source in group._sources:
            re.compile(source)
        assert group.empty or group.keys or group.pattern is not None


def test_a_rules_fixes_must_be_a_list_of_texts(tmp_path):
    path = write(tmp_path, '[[rules]]\nid = "personal-data.phone"\nfixes = "0161 496 0000"\n')
    with pytest.raises(checks.PolicyError, match="'fixes' must be a list of texts"):
        checks.load_policy(path)
