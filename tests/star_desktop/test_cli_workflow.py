"""`star-desktop profile` and the workflow subcommands: refusals exit 1 with reasons."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.star_desktop.test_cli_drafts import new, run

TRAINED = (dt.date.today() - dt.timedelta(days=30)).isoformat()


@pytest.fixture
def db(tmp_path):
    return ["--db", str(tmp_path / "star.db"), "--no-sample"]


def ready(db, text="Join us at the Meet the Buyer event in Rochdale."):
    return new(db, "Meet the Buyer", "--platform", "x", "--audience", "bidders",
               "--category", "upcoming-event", text=text)["id"]  # fmt: skip


def test_profile_shows_and_sets_name_and_training_date(db):
    status, out, _ = run([*db, "profile"])
    assert status == 0
    assert "Name: (not set)" in out
    assert "training is not recorded" in out
    status, out, _ = run([*db, "profile", "--name", "Sam Taylor", "--training-date", TRAINED])
    assert status == 0
    assert f"Data Protection training: {TRAINED}" in out
    shown = json.loads(run([*db, "profile", "--json"])[1])
    assert shown == {"name": "Sam Taylor", "training_date": TRAINED}


def test_profile_refuses_a_training_date_in_the_future(db):
    run([*db, "profile", "--name", "Sam Taylor"])
    status, _, err = run([*db, "profile", "--training-date", "2029-01-01"])
    assert status == 2
    assert "is in the future" in err
    assert json.loads(run([*db, "profile", "--json"])[1])["training_date"] is None


def test_submit_of_a_blocked_draft_exits_1_naming_each_blocking_rule(db):
    draft_id = ready(db, "Call Dave on 07700 900456 about the tender.")
    status, out, err = run([*db, "drafts", "submit", str(draft_id)])
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == f"star-desktop: draft {draft_id} was not submitted:"
    assert any(line.startswith("  - Blocking (personal-data.phone):") for line in lines)
    assert any("training is not recorded" in line for line in lines)
    assert json.loads(run([*db, "drafts", "show", str(draft_id), "--json"])[1])["status"] == (
        "draft"
    )


def test_submit_then_withdraw_then_archive_and_restore(db):
    run([*db, "profile", "--name", "Sam Taylor", "--training-date", TRAINED])
    draft_id = str(ready(db))
    assert run([*db, "drafts", "submit", draft_id])[1] == (
        f"Draft {draft_id} is now submitted for approval.\n"
    )
    status, _, err = run([*db, "drafts", "set", draft_id, "--category", "useful-content"])
    assert status == 1
    assert err == (
        f"star-desktop: draft {draft_id} was not changed:\n  - This post cannot be edited "
        "now: it is waiting for approval: withdraw it first.\n"
    )
    assert run([*db, "drafts", "withdraw", draft_id])[0] == 0
    assert run([*db, "drafts", "archive", draft_id])[0] == 0
    assert run([*db, "drafts", "list", "--json"])[1].strip() == "[]"
    assert run([*db, "drafts", "archive", draft_id, "--restore"])[0] == 0
    shown = json.loads(run([*db, "drafts", "show", draft_id, "--json"])[1])
    assert shown["status"] == "draft"
    assert [h["action"] for h in shown["history"]] == ["submit", "withdraw", "archive", "restore"]


def test_delete_needs_yes_and_a_never_submitted_draft(db):
    draft_id = str(ready(db))
    status, _, err = run([*db, "drafts", "delete", draft_id])
    assert status == 1
    assert "confirm it (--yes)" in err
    assert run([*db, "drafts", "delete", draft_id, "--yes"])[1] == f"Deleted draft {draft_id}.\n"
    status, _, err = run([*db, "drafts", "show", draft_id])
    assert status == 2
    assert f"no draft with id {draft_id}" in err


def test_publish_needs_an_approval(db):
    draft_id = str(ready(db))
    status, _, err = run([*db, "drafts", "publish", draft_id])
    assert status == 1
    assert "Cannot publish a post whose status is draft" in err


def test_engagement_needs_a_published_post(db):
    draft_id = str(ready(db))
    status, _, err = run([*db, "drafts", "engagement", draft_id, "--platform", "x",
                          "--impressions", "10", "--engagements", "2"])  # fmt: skip
    assert status == 1
    assert "Figures are recorded for published posts only." in err
