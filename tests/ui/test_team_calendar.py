"""The team calendar in the window: background sync, others' posts read-only, conflicts."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from PIL import Image

import checks
from star_desktop.cli import main
from ui.team_conflict_dialog import TAKE_THEIRS

DAY = dt.date(2027, 3, 8)


@pytest.fixture
def team(pg_server, tmp_path):
    """A policy naming the server, and the command line of other PCs: ``pc("b", ...)``."""
    path = tmp_path / "team-policy.toml"
    path.write_text(f'[team]\nurl = "{pg_server.url}"\n', encoding="utf-8")

    def pc(name: str, *argv: str) -> str:
        out = io.StringIO()
        status = main(["--db", str(tmp_path / f"{name}.db"), "--no-sample", "--policy",
                       str(path), *argv], stdin=io.StringIO(""), stdout=out, stderr=out)  # fmt: skip
        assert status in (0, 1), out.getvalue()
        return out.getvalue()

    pc("star", "profile", "--name", "Alex Author")  # the window's PC: tmp_path / star.db
    pc("b", "profile", "--name", "Bea Buyer")
    pc("b", "drafts", "new", "--title", "Apprentice week", "--date", DAY.isoformat(),
       "--platform", "linkedin", "--category", "team-today")  # fmt: skip
    picture = tmp_path / "apprentices.png"
    Image.new("RGB", (80, 60), "teal").save(picture)
    pc("b", "drafts", "attach", "1", str(picture), "--alt", "Apprentices at the depot")
    pc("b", "team", "sync")
    pc.policy = checks.load_policy(path)  # type: ignore[attr-defined]
    pc.server = pg_server  # type: ignore[attr-defined]
    return pc


def _synced(window, qtbot):
    """Wait for the sync under way (or the first, due when the window shows) to finish."""
    before = window.team.finished
    qtbot.waitUntil(lambda: window.team.started and not window.team.running, timeout=15_000)
    if window.team.finished == before and not window.team.finished:
        qtbot.waitUntil(lambda: window.team.finished > 0, timeout=15_000)
    return window.team.text()


def test_the_window_syncs_and_shows_the_teams_posts_read_only(make_window, team, qtbot):
    team("star", "drafts", "new", "--title", "Meet the buyer", "--date", DAY.isoformat(),
         "--platform", "x", "--category", "upcoming-event")  # fmt: skip
    window = make_window(team.policy)
    assert _synced(window, qtbot) == "Team: up to date"
    pane = window.calendar_pane
    pane.show_month(DAY)
    posts = pane.month_grid.data().drafts[DAY]
    assert [(p.title, p.author) for p in posts] == [
        ("Meet the buyer", ""), ("Apprentice week", "Bea Buyer")
    ]  # fmt: skip
    summary = pane.summary()
    assert sum(m.count for m in summary.mix) == 2  # the gauges count the team's month
    assert pane.legend.show_team  # the key explains the dashed chip
    # Only mine: the team's post leaves the days and the gauges.
    pane.whose_box.setCurrentIndex(pane.whose_box.findData("mine"))
    assert [p.title for p in pane.month_grid.data().drafts[DAY]] == ["Meet the buyer"]
    assert sum(m.count for m in pane.summary().mix) == 1
    assert not pane.legend.show_team
    assert "your posts only" in pane.status_label.text()
    pane.whose_box.setCurrentIndex(pane.whose_box.findData("team"))
    # Bea's post opens read-only and cannot be moved from this PC.
    bea = next(p for p in pane.month_grid.data().drafts[DAY] if not p.mine)
    pane.month_grid.draft_activated.emit(bea.id)
    dialog = pane.team_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.text.isReadOnly()
    assert "By Bea Buyer" in dialog.details.text()
    [picture] = dialog.picture_labels  # fetched by hash with the post
    assert picture.pixmap().size().toTuple() == (120, 90)  # a thumbnail of the 80x60 image
    assert picture.toolTip() == "Apprentices at the depot"
    assert "Bea Buyer: create (Draft)" in dialog.history.text()  # its history came with it
    dialog.close()
    assert not pane.move_draft(bea.id, DAY + dt.timedelta(days=1))
    assert "only its author can move it" in pane.status_label.text()
    assert team("b", "drafts", "list", "--json").count(DAY.isoformat()) == 1  # unmoved


def test_the_mark_says_offline_and_what_waits(make_window, team, qtbot):
    window = make_window(team.policy)
    assert _synced(window, qtbot) == "Team: up to date"
    team.server.stop()
    try:
        window.editor.setPlainText("Our framework for school meals is live on The Chest.")
        qtbot.keyClicks(window.metadata_bar.title_edit, "Written offline")
        assert window.session.flush()
        window.team.sync_now()
        assert _synced(window, qtbot) == "Team: offline, 1 change waiting"
    finally:
        team.server.start()
    window.team.sync_now()
    assert _synced(window, qtbot) == "Team: up to date"
    assert "Written offline" in team("b", "team", "sync") + team("b", "drafts", "list", "--team")


def test_a_draft_changed_on_two_pcs_is_resolved_from_the_mark(
    make_window, team, qtbot, tmp_path, monkeypatch
):
    team("star", "drafts", "new", "--title", "Shared plan", "--text-file", "-")
    team("star", "team", "sync")
    shutil.copy(tmp_path / "star.db", tmp_path / "home.db")  # the author's other PC
    team("home", "drafts", "set", "1", "--title", "Plan from home")
    team("home", "team", "sync")
    team("star", "drafts", "set", "1", "--title", "Plan from the office")
    window = make_window(team.policy)
    assert "1 draft changed on another PC too" in _synced(window, qtbot)
    window.open_draft(1)
    asked = []
    monkeypatch.setattr(type(window), "ask_conflict", lambda w, c: asked.append(c) or TAKE_THEIRS)
    window.team.button.click()
    assert [(c.title, c.their_title) for c in asked] == [("Plan from the office", "Plan from home")]
    assert window.metadata_bar.title_edit.text() == "Plan from home"
    assert _synced(window, qtbot) == "Team: up to date"
