"""One team calendar: two PCs (two local databases) and one PostgreSQL server (issue 16)."""

from __future__ import annotations

import io
import json

import pytest

from star_desktop.cli import main
from tests.star_desktop.pg_server import Cluster, binaries

pytestmark = pytest.mark.skipif(binaries() is None, reason="PostgreSQL is not installed")


@pytest.fixture(scope="module")
def server():
    cluster = Cluster(binaries())
    cluster.create()
    yield cluster
    cluster.remove()


@pytest.fixture
def team(server, tmp_path):
    """The two PCs' command lines: ``team("a", "drafts", "list")`` -> (status, output)."""
    with server_connection(server) as conn:  # every test starts with an empty server
        conn.execute(
            "DROP TABLE IF EXISTS team_posts, team_schema; DROP SEQUENCE IF EXISTS team_seq"
        )
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
