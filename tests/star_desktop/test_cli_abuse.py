"""No argument makes the command line print a traceback (issue 15)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from star_desktop import cli


def run(argv, stdin_text="", encoding="utf-8"):
    stdin = io.TextIOWrapper(io.BytesIO(stdin_text.encode("utf-8")), encoding="utf-8")
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding=encoding)
    err = io.TextIOWrapper(err_bytes, encoding=encoding)
    status = cli.main(argv, stdin=stdin, stdout=out, stderr=err)
    out.flush()
    err.flush()
    return status, out_bytes.getvalue().decode(encoding), err_bytes.getvalue().decode(encoding)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["drafts", "show", "99999999999999999999999"], "is not a draft id"),
        (["drafts", "show", "0"], "is not a draft id"),
        (["drafts", "list", "--month", "9999-12"], "a year from 2000 to 2999"),
        (["db", "backup", "--out", "missing-folder/x.db"], "does not exist"),
        (["drafts", "detach", "1", "-3"], "out of range"),
    ],
)
def test_bad_arguments_get_a_message_and_exit_2(tmp_path, monkeypatch, argv, says):
    monkeypatch.chdir(tmp_path)
    run(["--db", "star.db", "drafts", "new", "--title", "One"])
    status, _, err = run(["--db", "star.db", *argv])
    assert status == 2
    assert says in err
    assert "Traceback" not in err


def test_an_emoji_title_on_a_windows_console_creates_one_draft_and_prints(tmp_path):
    db = str(tmp_path / "star.db")
    status, out, err = run(
        ["--db", db, "drafts", "new", "--title", "Party \U0001f389"], encoding="cp1252"
    )
    assert (status, err) == (0, "")
    assert "Party ?" in out
    _, listed, _ = run(["--db", db, "drafts", "list", "--json"])
    assert listed.count("Party") == 1


def test_control_characters_in_a_title_do_not_reach_the_terminal(tmp_path):
    db = str(tmp_path / "star.db")
    run(["--db", db, "drafts", "new", "--title", "Evil \x1b[31mred\x1b[0m"])
    _, out, _ = run(["--db", db, "drafts", "list"])
    assert "\x1b" not in out
    assert "Evil \ufffd[31mred" in out


_WORDS = st.sampled_from(
    ["check", "drafts", "list", "show", "new", "submit", "withdraw", "archive", "delete",
     "engagement", "attach", "detach", "profile", "db", "backup", "restore", "fresh", "pack",
     "export", "verify", "decisions", "keys", "audit", "--month", "--title", "--json",
     "--platform", "x", "--impressions", "--date", "--latest", "--out", "--name", "1", "0",
     "-1", "99999999999999999999", "2026-13", "9999-12", "", "\x1b[31m", "\U0001f389", "--",
     "--format", "json", "--status", "nonsense", "--text-file", "missing.txt", "-"]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_WORDS, min_size=1, max_size=6))
def test_no_arguments_give_a_traceback(tmp_path, monkeypatch, words):
    monkeypatch.chdir(tmp_path)
    argv = ["--db", str(tmp_path / "star.db"), *words]
    if cli.window_only(argv):
        return  # that opens the window
    try:
        status = run(argv, stdin_text="A post about Rochdale.")[0]
    except SystemExit as exit_:  # argparse's --help and --version
        status = exit_.code
    assert status in (0, 1, 2)
