"""`star-desktop drafts`: new, list (month, status, search, JSON), show and set.

The workflow commands (submit, withdraw, archive, delete, profile) are in
test_workflow_doors.py and test_cli_workflow.py.
"""

from __future__ import annotations

import json

import pytest

from tests.star_desktop.cli_run import run


@pytest.fixture
def db(tmp_path):
    """Arguments for an empty database under tmp_path (no sample calendar)."""
    return ["--db", str(tmp_path / "star.db"), "--no-sample"]


def new(db, title, *extra, text=""):
    status, out, err = run([*db, "drafts", "new", "--title", title, "--text-file", "-",
                            "--json", *extra], text)  # fmt: skip
    assert (status, err) == (0, "")
    return json.loads(out)


def test_new_reads_text_from_stdin_and_prints_json(db):
    draft = new(db, "Chest news", "--platform", "x", "--platform", "linkedin", "--date",
                "2027-01-14", "--category", "chest-opportunity", text="Live on The Chest.")  # fmt: skip
    assert draft["text"] == "Live on The Chest."
    assert (draft["platforms"], draft["date"], draft["category"]) == (
        ["x", "linkedin"], "2027-01-14", "chest-opportunity",
    )  # fmt: skip
    assert (draft["status"], draft["version"]) == ("draft", 1)


def test_new_reads_text_from_a_file(db, tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("From a file.\n", encoding="utf-8")
    status, out, _ = run([*db, "drafts", "new", "--title", "Filed", "--text-file", str(path)])
    assert status == 0
    assert out.startswith("Created draft 1: Filed")
    assert json.loads(run([*db, "drafts", "show", "1", "--json"])[1])["text"] == "From a file.\n"


def test_list_filters_by_month_status_and_search(db):
    new(db, "January award", "--date", "2027-01-20", text="Contract awarded to a local firm.")
    new(db, "January event", "--date", "2027-01-05", text="Meet the Buyer is coming.")
    new(db, "February award", "--date", "2027-02-01", text="Another award.")
    assert run([*db, "drafts", "archive", "3"])[0] == 0

    def titles(*argv):
        status, out, _ = run([*db, "drafts", "list", "--json", *argv])
        assert status == 0
        return [d["title"] for d in json.loads(out)]

    assert titles("--month", "2027-01") == ["January event", "January award"]
    assert titles("--status", "archived") == ["February award"]
    assert titles("--search", "awarded") == ["January award"]
    assert titles("--search", "award", "--archived") == ["January award", "February award"]
    assert titles("--search", "award", "--month", "2027-02") == []
    assert titles("--search", "nothing-like-this") == []


def test_list_text_output_has_one_line_per_draft(db):
    new(db, "One", "--date", "2027-03-01")
    new(db, "Two")
    status, out, _ = run([*db, "drafts", "list"])
    lines = out.splitlines()
    assert status == 0
    assert "2027-03-01" in lines[0]
    assert "One" in lines[0]
    assert "(no date)" in lines[1]
    assert "Two" in lines[1]
    assert lines[-1] == "2 drafts"


def test_show_prints_details_and_text(db):
    new(db, "Shown", "--platform", "x", text="The body of the post.")
    status, out, _ = run([*db, "drafts", "show", "1"])
    assert status == 0
    assert "Shown" in out
    assert "platforms: x" in out
    assert "\nThe body of the post.\n" in out
    assert "Not ready to submit:" in out
    assert "  - Choose at least one audience: reading-age targets depend on it." in out


def test_set_changes_date_category_and_audiences_but_not_status(db):
    new(db, "To change")
    status, out, _ = run([*db, "drafts", "set", "1", "--date", "2027-04-02", "--category",
                          "contract-award", "--audience", "bidders", "--audience", "peers"])  # fmt: skip
    assert status == 0
    assert "version 2" in out
    draft = json.loads(run([*db, "drafts", "show", "1", "--json"])[1])
    assert (draft["status"], draft["date"], draft["category"], draft["audiences"]) == (
        "draft", "2027-04-02", "contract-award", ["bidders", "peers"],
    )  # fmt: skip
    status, _, err = run([*db, "drafts", "set", "1", "--status", "approved"])
    assert status == 2
    assert "unrecognized arguments: --status" in err


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["drafts", "show", "99"], "no draft with id 99"),
        (["drafts", "set", "99", "--category", "contract-award"], "no draft with id 99"),
        (["drafts", "set", "1", "--date", "2027-02-30"], "invalid date"),
        (["drafts", "new", "--title", "T", "--date", "tomorrow"], "invalid date"),
        (["drafts", "list", "--month", "2027-13"], "invalid month"),
        (["drafts", "new", "--title", "T", "--category", "gossip"], "invalid choice"),
        (["drafts", "set", "1", "--audience", "everyone"], "invalid choice"),
        (["drafts", "new", "--title", "T", "--text-file", "/no/such.txt"], "no such file"),
        (["drafts", "show", "one"], "is not a draft id"),
    ],
    ids=["show-unknown", "set-unknown", "set-bad-date", "new-bad-date", "bad-month",
         "bad-category", "bad-audience", "missing-text-file", "id-not-a-number"],
)  # fmt: skip
def test_errors_exit_2_with_one_line(db, argv, reason):
    new(db, "Exists")
    status, out, err = run([*db, *argv])
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert reason in err


def test_first_run_fills_the_sample_unless_no_sample(tmp_path):
    status, out, _ = run(["--db", str(tmp_path / "a.db"), "drafts", "list", "--json"])
    assert status == 0
    drafts = json.loads(out)
    assert drafts
    assert all(d["example"] for d in drafts)
    status, out, _ = run(
        ["--db", str(tmp_path / "b.db"), "--no-sample", "drafts", "list", "--json"]
    )
    assert json.loads(out) == []


def test_database_path_from_environment(tmp_path, monkeypatch):
    path = tmp_path / "env.db"
    monkeypatch.setenv("STAR_DESKTOP_DB", str(path))
    assert run(["--no-sample", "drafts", "new", "--title", "From env"])[0] == 0
    assert path.exists()


def test_a_draft_longer_than_the_policy_allows_is_refused(tmp_path):
    policy = tmp_path / "admin.toml"
    policy.write_text("[settings]\nmax_text_kb = 1\n", encoding="utf-8")
    text = tmp_path / "long.txt"
    text.write_text("Words. " * 200, encoding="utf-8")  # 1,400 characters
    db = str(tmp_path / "star.db")
    status, out, err = run(
        [
            "--db",
            db,
            "--policy",
            str(policy),
            "drafts",
            "new",
            "--title",
            "Long",
            "--text-file",
            str(text),
        ]
    )
    assert status == 2
    assert "longer than 1,024 characters" in err
    status, out, _ = run(["--db", db, "drafts", "list", "--json"])
    assert "Long" not in out  # nothing was created
