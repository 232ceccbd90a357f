"""SIGKILL at random moments while saving continuously never corrupts or loses saved text.

A forked child (`crash_child`) types and autosaves as fast as it can with a 2 ms
debounce; the parent kills it with SIGKILL after a random pause (0 to 60 ms, so some
kills land while the database is being opened), 120 times. Each time the parent runs
``PRAGMA integrity_check``, and checks that the draft's text is exactly the text after
some keystroke at or after the last save the child saw return, and that the last
revision rebuilds that same text. The bound of one second of typing lost is the
autosaver's debounce, tested with a fake clock in test_storage_autosave.py.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time

import pytest

from star_desktop.storage import Store
from tests.star_desktop.crash_child import step, type_until_killed

KILLS = 120


def run_child_and_kill(path, draft_id, start, text, pause):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        try:
            type_until_killed(path, draft_id, start, text, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    time.sleep(pause)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_end, 1 << 16):
        chunks.append(chunk)
    os.close(read_end)
    assert os.WIFSIGNALED(status), "the child stopped before it was killed"
    typed = saved = start
    for line in b"".join(chunks).decode().splitlines():
        kind, number = line.split()
        if kind == "t":
            typed = int(number)
        elif kind == "s":
            saved = int(number)
    return typed, saved


@pytest.mark.slow
def test_sigkill_while_saving_never_corrupts_or_loses_saved_text(tmp_path):
    path = tmp_path / "crash.db"
    with Store(path) as store:
        draft_id = store.create_draft("Crash test", "").id
    rng = random.Random(5)
    keystroke, text = 0, ""
    progress = 0
    for _ in range(KILLS):
        typed, saved = run_child_and_kill(path, draft_id, keystroke, text, rng.uniform(0, 0.06))
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored, version = conn.execute(
                "SELECT text, version FROM drafts WHERE id = ?", [draft_id]
            ).fetchone()
        finally:
            conn.close()
        # Replay the keystrokes: the stored text must be the text after one of them,
        # no earlier than the last save the child saw complete.
        candidate, found = text, None
        for n in range(keystroke, typed + 1):
            if n > keystroke:
                candidate = step(candidate, n)
            if n >= saved and candidate == stored:
                found = n
                break
        assert found is not None, f"stored text matches no keystroke from {saved} to {typed}"
        with Store(path) as store:
            revisions = store.revisions(draft_id)
        assert (revisions[-1].version, revisions[-1].text) == (version, stored)
        progress += found - keystroke
        keystroke, text = found, stored
    assert progress > KILLS  # the children did type and save between kills
