"""Saving as you type: debounced saves, and read-only or full disks never drop the text.

Tests run as root, where a read-only folder still accepts writes, so a read-only disk is
simulated two ways: ``PRAGMA query_only`` on the live connection (the disk turning
read-only under a running app) and a connection opened with sqlite3's ``?mode=ro`` URI.
A full disk is ``PRAGMA max_page_count`` set to the pages in use.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from star_desktop.storage import (
    Autosaver,
    ConflictError,
    DiskFullError,
    ReadOnlyError,
    SaveError,
    Store,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store():
    with Store(Database(memory=True)) as fresh:
        yield fresh


def autosaver(store, delay=1.0):
    draft = store.create_draft("Title", "")
    clock = Clock()
    return Autosaver(store, draft.id, draft.version, delay=delay, clock=clock), clock, draft.id


def test_edits_are_saved_once_the_delay_has_passed(store):
    saver, clock, draft_id = autosaver(store)
    saver.edit("H")
    clock.now += 0.5
    saver.edit("He")
    assert not saver.tick()
    assert saver.due_in() == pytest.approx(0.5)
    clock.now += 0.5
    assert saver.tick()
    assert (store.get(draft_id).text, saver.pending, saver.due_in()) == ("He", None, None)
    assert not saver.tick()


def test_continuous_typing_is_saved_at_least_every_delay(store):
    saver, clock, draft_id = autosaver(store)
    text = ""
    saves = 0
    for i in range(80):  # ten seconds of typing, a key every 0.125 s
        text += "abcdefgh"[i % 8]
        saver.edit(text)
        saves += saver.tick()
        assert len(text) - len(store.get(draft_id).text) <= 8  # at most one second lost
        clock.now += 0.125
    assert saves >= 8


def test_flush_saves_now(store):
    saver, _, draft_id = autosaver(store)
    saver.edit("closing the editor")
    saver.flush()
    assert store.get(draft_id).text == "closing the editor"
    assert saver.version == 2


def test_read_only_disk_raises_a_clear_error_and_keeps_the_text(store):
    saver, clock, draft_id = autosaver(store)
    store.db.execute("PRAGMA query_only = 1")
    saver.edit("typed while the disk is read-only")
    clock.now += 1
    with pytest.raises(ReadOnlyError, match=r"read-only.*nothing was written"):
        saver.tick()
    assert saver.pending == "typed while the disk is read-only"
    store.db.execute("PRAGMA query_only = 0")
    assert saver.tick()
    assert store.get(draft_id).text == "typed while the disk is read-only"


def test_read_only_file_opened_with_mode_ro(tmp_path):
    path = tmp_path / "star.db"
    with Store(path) as writable:
        draft = writable.create_draft("Title", "saved earlier")
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    with Store(Database(conn)) as store:
        saver = Autosaver(store, draft.id, draft.version)
        saver.edit("new text")
        with pytest.raises(ReadOnlyError):
            saver.flush()
        assert saver.pending == "new text"
        assert store.get(draft.id).text == "saved earlier"


def test_full_disk_raises_a_clear_error_keeps_the_text_and_writes_nothing(store):
    saver, _, draft_id = autosaver(store)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    big = "A long article. " * 20_000
    saver.edit(big)
    with pytest.raises(DiskFullError, match=r"full.*nothing was written"):
        saver.flush()
    assert saver.pending == big
    assert store.get(draft_id).text == ""
    assert len(store.revisions(draft_id)) == 1
    store.db.execute(f"PRAGMA max_page_count = {pages * 100}")
    saver.flush()
    assert store.get(draft_id).text == big


def test_conflict_keeps_the_text_until_the_user_chooses(store):
    saver, _, draft_id = autosaver(store)
    store.save_text(draft_id, "from the other window", version=1)
    saver.edit("mine")
    with pytest.raises(ConflictError) as caught:
        saver.flush()
    assert isinstance(caught.value, SaveError)
    assert saver.pending == "mine"
    saver.keep_mine(caught.value.current_version)
    assert saver.tick()
    assert store.get(draft_id).text == "mine"


def test_take_theirs_drops_the_pending_text(store):
    saver, _, draft_id = autosaver(store)
    version = store.save_text(draft_id, "theirs", version=1)
    saver.edit("mine")
    with pytest.raises(ConflictError):
        saver.flush()
    saver.take_theirs(version)
    assert saver.pending is None
    saver.edit("theirs, edited")
    saver.flush()
    assert store.get(draft_id).text == "theirs, edited"
