"""`star-desktop check`: output formats, exit statuses and one-line errors."""

from __future__ import annotations

import json

import pytest

import checks
from star_desktop import cli
from tests.star_desktop.cli_run import run

BLOCKED = "Join our bidders' briefing on 14 January at Stockport Town Hall."
CLEAN = "Congratulations to the team on ten years of shared procurement!"


def test_clean_post_exits_0_and_says_ready(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(CLEAN, encoding="utf-8")
    status, out, err = run(["check", str(path)])
    assert status == 0
    assert "Ready for approval" in out
    assert err == ""


def test_blocking_post_exits_1_with_line_column_rule_clause_and_fix(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("Hello.\n" + BLOCKED, encoding="utf-8")
    status, out, _ = run(["check", str(path)])
    assert status == 1
    assert f"{path}:2:10: BLOCK bidder-meeting.briefing" in out
    assert "policy line 152" in out
    assert "Fix: " in out
    assert "1 blocking issue" in out


def test_json_output_is_report_to_dict():
    status, out, _ = run(["check", "--format", "json", "-"], BLOCKED)
    assert status == 1
    assert json.loads(out) == checks.check(BLOCKED).to_dict()
    assert set(json.loads(out)) == {"findings", "lengths", "metrics"}


def test_json_finding_has_every_design_field():
    _, out, _ = run(["check", "--format", "json", "-"], BLOCKED)
    (finding,) = json.loads(out)["findings"]
    # DESIGN.md's fields, and the verbatim fixes the editor applies
    assert set(finding) == {
        "rule", "check", "severity", "start", "end", "text", "message", "clause", "suggestions",
        "replacements",
    }  # fmt: skip
    assert BLOCKED[finding["start"] : finding["end"]] == finding["text"]


def test_warnings_only_exit_0():
    status, out, _ = run(["check", "-"], "Breaking news: record numbers at Meet the Buyer!")
    assert status == 0
    assert ": warn  breaking-news." in out
    assert "(0 block, 1 warn, 0 advice)" in out


def test_repeatable_platform_and_audience_and_date(tmp_path):
    status, _, err = run(
        ["check", "--platform", "x", "--platform", "linkedin", "--audience", "bidders",
         "--audience", "residents", "--date", "2027-01-05", "-"],
        CLEAN,
    )  # fmt: skip
    assert (status, err) == (0, "")


def test_date_decides_the_pre_election_period(tmp_path):
    policy = tmp_path / "admin.toml"
    policy.write_text('[election]\nperiod_start = "2027-03-25"\nperiod_end = "2027-05-06"\n')
    text = "Labour councillors visited the depot."
    assert run(["--policy", str(policy), "check", "--date", "2027-04-01", "-"], text)[0] == 1
    assert run(["--policy", str(policy), "check", "--date", "2027-06-01", "-"], text)[0] == 0


def test_policy_from_environment(tmp_path, monkeypatch):
    policy = tmp_path / "admin.toml"
    policy.write_text('[settings]\ndisabled = ["bidder-meeting"]\n')
    monkeypatch.setenv("STAR_DESKTOP_POLICY", str(policy))
    assert run(["check", "-"], BLOCKED)[0] == 0


@pytest.mark.parametrize(
    ("argv", "stdin", "reason"),
    [
        (["check", "/no/such/file.txt"], "", "no such file"),
        (["check", "--date", "2027-13-01", "-"], "", "invalid date"),
        (["check", "--platform", "facebook", "-"], "", "invalid choice"),
        (["check", "--format", "xml", "-"], "", "invalid choice"),
        (["frobnicate"], "", "invalid choice"),
    ],
    ids=["missing-file", "bad-date", "bad-platform", "bad-format", "bad-command"],
)
def test_usage_errors_exit_2_with_one_line(argv, stdin, reason):
    status, out, err = run(argv, stdin)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert reason in err


def test_non_utf8_file_exits_2(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Caf\xe9 opening")
    status, _, err = run(["check", str(path)])
    assert status == 2
    assert "not UTF-8" in err


def test_bad_policy_exits_2_naming_the_file(tmp_path):
    policy = tmp_path / "bad.toml"
    policy.write_text("[[rules]\n")
    status, _, err = run(["--policy", str(policy), "check", "-"], CLEAN)
    assert status == 2
    assert f"{policy}:1:" in err
    assert len(err.strip().splitlines()) == 1


def test_console_script_runs(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "star_desktop.cli", "check", "-"],
        input=BLOCKED, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "bidder-meeting" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], True),
        (["--db", "drafts.db"], True),  # a database named like a command is still a path
        (["--policy", "admin.toml", "--no-sample"], True),
        (["drafts", "list"], False),
        (["--db", "x.db", "pack", "export"], False),
        (["--help"], False),
        (["--version"], False),
        (["--self-test"], False),
        (["frobnicate"], False),  # an unknown command gets the whole list in its error
    ],
)
def test_only_a_window_launch_skips_the_commands_modules(arguments, expected):
    assert cli.window_only(arguments) is expected


def test_the_parser_without_commands_still_reads_the_windows_options():
    args = cli.build_parser(commands_too=False).parse_args(["--db", "drafts", "--no-sample"])
    assert (args.db, args.no_sample, args.command) == ("drafts", True, None)


def _small_limit(tmp_path):
    policy = tmp_path / "admin.toml"
    policy.write_text("[settings]\nmax_text_kb = 2\n", encoding="utf-8")
    return str(policy)


def test_a_text_over_the_policys_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("A post. " * 300, encoding="utf-8")  # 2,400 characters: over 2 KB
    status, out, err = run(["--policy", _small_limit(tmp_path), "check", str(path)])
    assert status == 2
    assert out == ""
    assert "longer than 2,048 characters" in err
    path.write_text("A post. " * 200, encoding="utf-8")  # 1,600: checked (too long for X)
    status, out, err = run(["--policy", _small_limit(tmp_path), "check", str(path)])
    assert (status, err) == (1, "")
    assert "length" in out


def test_an_endless_input_ends_with_the_limit(tmp_path):
    status, _, err = run(["--policy", _small_limit(tmp_path), "check", "/dev/zero"])
    assert status == 2
    assert "longer than" in err


def test_the_limit_in_the_policy_must_be_sane(tmp_path):
    policy = tmp_path / "admin.toml"
    policy.write_text("[settings]\nmax_text_kb = 0\n", encoding="utf-8")
    status, _, err = run(["--policy", str(policy), "check", "-"], "Hello")
    assert status == 2
    assert "max_text_kb must be from 1 to 102400" in err
