"""One team calendar: two PCs (two local databases) and one PostgreSQL server (issue 16)."""

from __future__ import annotations

import io
import json

import pytest

from star_desktop.cli import main
from tests.star_desktop.pg_server import binaries

pytestmark = pytest.mark.skipif(binaries() is None, reason="PostgreSQL is not installed")


@pytest.fixture
def server(pg_server):
    return pg_server


@pytest.fixture
def team(server, tmp_path):
    """The two PCs' command lines: ``team("a", "drafts", "list")`` -> (status, output)."""
    policy = tmp_path / "policy.toml"
    policy.write_text(f'[team]\nurl = "{server.url}"\n', encoding="utf-8")

    def run(pc: str, *argv: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        db = str(tmp_path / f"{pc}.db")
        status = main(["--db", db, "--no-sample", "--policy", str(policy), *argv],
                      stdin=io.StringIO(""), stdout=out, stderr=err)  # fmt: skip
        return status, out.getvalue() + err.getvalue()

    run("a", "profile", "--name", "Alex Author")
    run("b", "profile", "--name", "Bea Buyer")
    return run


def server_connection(server):
    import psycopg

    return psycopg.connect(server.url, autocommit=True)


def test_without_a_team_server_the_commands_say_so_and_exit_2(tmp_path):
    out = io.StringIO()
    status = main(["--db", str(tmp_path / "x.db"), "team", "status"], stdout=out, stderr=out)
    assert status == 2
    assert "no team server" in out.getvalue()


def test_both_authors_posts_appear_on_both_pcs(team):
    team("a", "drafts", "new", "--title", "Meet the buyer", "--date", "2027-03-03")
    team("b", "drafts", "new", "--title", "Apprentice week", "--date", "2027-03-08")
    assert team("a", "team", "status")[0] == 1  # one change waiting
    assert team("a", "team", "sync")[0] == 0
    assert team("b", "team", "sync")[0] == 0
    assert team("a", "team", "sync")[0] == 0  # fetches Bea's
    for pc in ("a", "b"):
        _, out = team(pc, "drafts", "list", "--team", "--json")
        posts = {(p["author"], p["title"]) for p in json.loads(out)}
        assert posts == {("Alex Author", "Meet the buyer"), ("Bea Buyer", "Apprentice week")}
    assert team("a", "team", "status") == (0, "Team: up to date.\n")


def test_offline_work_waits_and_goes_when_the_server_is_back(team, server):
    team("a", "drafts", "new", "--title", "First")
    assert team("a", "team", "sync")[0] == 0
    server.stop()
    try:
        team("a", "drafts", "new", "--title", "Written offline")
        status, out = team("a", "team", "sync")
        assert status == 1
        assert "offline" in out
        assert "1 change waiting" in out
    finally:
        server.start()
    assert team("a", "team", "sync")[0] == 0
    team("b", "team", "sync")
    _, out = team("b", "drafts", "list", "--team", "--json")
    assert "Written offline" in {p["title"] for p in json.loads(out)}


def test_an_edit_on_two_pcs_is_a_conflict_and_nothing_is_lost(team, server, tmp_path):
    import shutil

    team("a", "drafts", "new", "--title", "Shared plan")
    team("a", "team", "sync")
    shutil.copy(tmp_path / "a.db", tmp_path / "a2.db")  # the same author's second PC
    team("a", "drafts", "set", "1", "--title", "Plan from the office")
    assert team("a", "team", "sync")[0] == 0
    team("a2", "drafts", "set", "1", "--title", "Plan from home")
    status, out = team("a2", "team", "sync")
    assert status == 1
    assert "'Plan from home' was changed on the server too (there: 'Plan from the office')" in out
    with server_connection(server) as conn:
        titles = [r[0] for r in conn.execute("SELECT title FROM team_posts").fetchall()]
    assert titles == ["Plan from the office"]  # the server's copy was not overwritten
    _, out = team("a2", "drafts", "list", "--json")
    assert [d["title"] for d in json.loads(out)] == ["Plan from home"]  # nor the PC's


def _two_pcs_in_conflict(team, tmp_path):
    import shutil

    team("a", "drafts", "new", "--title", "Shared plan")
    team("a", "team", "sync")
    shutil.copy(tmp_path / "a.db", tmp_path / "a2.db")  # the same author's second PC
    team("a", "drafts", "set", "1", "--title", "Plan from the office")
    team("a", "team", "sync")
    team("a2", "drafts", "set", "1", "--title", "Plan from home")
    assert team("a2", "team", "sync")[0] == 1


def _server_titles(server):
    with server_connection(server) as conn:
        return [r[0] for r in conn.execute("SELECT title FROM team_posts WHERE NOT deleted")]


def test_keep_mine_sends_this_pcs_copy_over_the_servers(team, server, tmp_path):
    _two_pcs_in_conflict(team, tmp_path)
    status, out = team("a2", "team", "resolve", "1", "--keep-mine")
    assert status == 0, out
    assert "Kept this PC's 'Plan from home'" in out
    assert team("a2", "team", "sync")[0] == 0
    assert _server_titles(server) == ["Plan from home"]
    assert team("a2", "team", "status") == (0, "Team: up to date.\n")


def test_take_theirs_puts_the_servers_copy_in_the_draft(team, server, tmp_path):
    _two_pcs_in_conflict(team, tmp_path)
    status, out = team("a2", "team", "resolve", "1", "--take-theirs")
    assert status == 0, out
    _, shown = team("a2", "drafts", "list", "--json")
    assert [d["title"] for d in json.loads(shown)] == ["Plan from the office"]
    assert team("a2", "team", "status") == (0, "Team: up to date.\n")  # nothing to resend
    assert _server_titles(server) == ["Plan from the office"]
    assert team("a2", "team", "resolve", "1", "--keep-mine")[0] == 1  # nothing left to resolve


def test_a_deleted_draft_leaves_every_pcs_calendar(team):
    team("a", "drafts", "new", "--title", "Cancelled event", "--date", "2027-03-09")
    team("a", "drafts", "new", "--title", "Never sent")
    team("a", "team", "sync")
    team("b", "team", "sync")
    assert team("a", "drafts", "delete", "1", "--yes")[0] == 0
    assert team("a", "team", "status")[0] == 1  # the deletion waits like a change
    assert team("a", "team", "sync")[0] == 0
    team("b", "team", "sync")
    _, out = team("b", "drafts", "list", "--team", "--json")
    assert [p["title"] for p in json.loads(out)] == ["Never sent"]


@pytest.mark.parametrize("lost", ["after the answer", "before the answer"])
def test_a_server_restart_mid_sync_loses_nothing(team, server, monkeypatch, lost):
    """The server dies while a sync sends five drafts; the next sync completes it.

    "before the answer": the server committed the third draft but the connection died
    before this PC recorded it, so the resend finds its own copy there (not a conflict).
    """
    import psycopg

    from star_desktop.team.sync import TeamSync

    for n in range(5):
        team("a", "drafts", "new", "--title", f"Post {n}", "--date", f"2027-04-0{n + 1}")
    record = TeamSync._record_sent
    calls = []

    def dying(self, uuid, *args):
        calls.append(uuid)
        if len(calls) == 3:
            server.stop()
            if lost == "before the answer":
                raise psycopg.OperationalError("server closed the connection unexpectedly")
        record(self, uuid, *args)

    monkeypatch.setattr(TeamSync, "_record_sent", dying)
    status, out = team("a", "team", "sync")
    assert status == 1
    assert "offline" in out
    assert "waiting" in out
    monkeypatch.setattr(TeamSync, "_record_sent", record)
    server.start()
    resent = {"after the answer": 2, "before the answer": 3}[lost]
    assert team("a", "team", "sync") == (
        0, f"Team: sent {resent} changes, fetched 0 of the team's posts. Team: up to date.\n"
    )  # fmt: skip
    assert sorted(_server_titles(server)) == [f"Post {n}" for n in range(5)]
    team("b", "team", "sync")
    _, out = team("b", "drafts", "list", "--team", "--json")
    assert len(json.loads(out)) == 5


def test_a_decision_imported_on_one_pc_shows_on_the_other(team, tmp_path, monkeypatch):
    text = "Join us at the Meet the Buyer event in Rochdale on Thursday."
    team("a", "profile", "--name", "Alex Author", "--training-date", "2026-11-20")
    new = ["drafts", "new", "--title", "Meet the Buyer", "--platform", "x", "--audience",
           "bidders", "--category", "upcoming-event", "--date", "2027-03-04"]  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    main(["--db", str(tmp_path / "a.db"), "--no-sample", *new, "--text-file", "-"],
         stdin=io.StringIO(text), stdout=out, stderr=err)  # fmt: skip
    assert team("a", "drafts", "submit", "1")[0] == 0, err.getvalue()
    pack, decisions = tmp_path / "march.starpack", tmp_path / "decisions.json"
    assert team("a", "pack", "export", "--ids", "1", "--out", str(pack))[0] == 0
    team("a", "team", "sync")
    team("b", "team", "sync")
    _, shown = team("b", "drafts", "list", "--team", "--json")
    assert [p["status"] for p in json.loads(shown)] == ["submitted"]
    monkeypatch.setenv("STAR_DESKTOP_KEY", str(tmp_path / "approver.pem"))
    status, out = team("c", "pack", "review", str(pack), "--approver", "Pat Manager",
                       "--approve", "1", "--out", str(decisions))  # fmt: skip
    assert status == 0, out
    monkeypatch.setenv("STAR_DESKTOP_KEY", str(tmp_path / "author.pem"))
    status, out = team("a", "decisions", "import", str(decisions), "--unverified")
    assert status == 0, out
    team("a", "team", "sync")
    team("b", "team", "sync")
    _, shown = team("b", "drafts", "list", "--team", "--json")
    assert [(p["author"], p["status"]) for p in json.loads(shown)] == [("Alex Author", "approved")]
    # ... with its history: the audit entries, the approver's decision among them.
    from star_desktop.storage import Store
    from star_desktop.team.shared import events_of

    with Store(tmp_path / "b.db") as store:
        uuid = store.db.execute("SELECT uuid FROM team_posts").fetchone()[0]
        history = [(who, status) for _, who, _, status, _ in events_of(store, uuid)]
    assert history[-1] == ("Pat Manager (unverified)", "approved")  # imported --unverified


def test_a_months_theme_and_targets_reach_every_pc(team, tmp_path):
    from star_desktop.storage import Store

    with Store(tmp_path / "a.db") as store:
        store.set_month("2027-03", "Contract awards", focus="Good news", targets={"x": 8})
    assert team("a", "team", "status")[0] == 1  # the month waits like a draft
    team("a", "team", "sync")
    team("b", "team", "sync")
    with Store(tmp_path / "b.db") as store:
        month = store.months("2027-03", "2027-03")[0]
        assert (month.theme, month.focus, dict(month.targets)) == (
            "Contract awards", "Good news", {"x": 8}
        )  # fmt: skip
        assert team("b", "team", "status") == (0, "Team: up to date.\n")  # not sent back
        store.set_month("2027-03", "Social value", targets={"linkedin": 4})
    team("b", "team", "sync")
    team("a", "team", "sync")
    with Store(tmp_path / "a.db") as store:
        month = store.months("2027-03", "2027-03")[0]
        assert (month.theme, dict(month.targets)) == ("Social value", {"linkedin": 4})


def test_images_travel_by_hash_and_are_stored_once(team, server, tmp_path):
    from PIL import Image

    from star_desktop.storage import Store
    from star_desktop.team.shared import image_data

    picture = tmp_path / "event.png"
    Image.new("RGB", (64, 48), "navy").save(picture)
    team("a", "drafts", "new", "--title", "Event photo")
    team("a", "drafts", "new", "--title", "Same photo again")
    team("a", "team", "sync")
    for draft in ("1", "2", "1"):  # two on one draft: the change is marked once
        status, out = team("a", "drafts", "attach", draft, str(picture), "--alt", "The venue")
        assert status == 0, out
    assert team("a", "team", "status")[0] == 1  # the images changed: the drafts wait
    assert team("a", "team", "sync")[0] == 0
    with server_connection(server) as conn:
        assert conn.execute("SELECT count(*) FROM team_images").fetchone()[0] == 1
    team("b", "team", "sync")
    with Store(tmp_path / "b.db") as store:
        lists = [json.loads(r[0]) for r in store.db.execute("SELECT images FROM team_posts")]
        assert sorted(len(images) for images in lists) == [1, 2]
        assert {i["alt"] for images in lists for i in images} == {"The venue"}
        data = image_data(store, lists[0][0]["sha256"])
    assert data is not None
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_read_only_database_is_not_synced(tmp_path, server):
    from star_desktop.storage import ReadOnlyError, Store
    from star_desktop.team.sync import TeamSync

    Store.open(tmp_path / "ro.db", sample=False).close()
    with (
        Store(tmp_path / "ro.db", read_only=True) as store,
        pytest.raises(ReadOnlyError, match="sync with the team server"),
    ):
        TeamSync(store, server.url, "Alex Author").sync()
