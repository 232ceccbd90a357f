"""Opening the app's database: an unusable file is never touched without the author's choice."""

from __future__ import annotations

from star_desktop.storage import Store
from ui import app


def test_an_unusable_file_can_be_set_aside_for_a_fresh_database(tmp_path, monkeypatch):
    path = tmp_path / "star.db"
    path.write_bytes(b"not a database at all" * 100)
    asked = []
    monkeypatch.setattr(app, "_ask_recovery", lambda p, reason: asked.append(reason) or "fresh")
    store = app.open_store(path, sample=False)
    assert store is not None
    assert asked
    assert "star.db" in asked[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("star.db") and p != path]
    assert any(p.read_bytes() == b"not a database at all" * 100 for p in aside)
    store.close()


def test_quitting_leaves_an_unusable_file_byte_for_byte(tmp_path, monkeypatch):
    path = tmp_path / "star.db"
    content = b"SQLite format 3\x00" + b"\xff" * 4000
    path.write_bytes(content)
    monkeypatch.setattr(app, "_ask_recovery", lambda p, reason: "quit")
    assert app.open_store(path, sample=False) is None
    assert path.read_bytes() == content


def test_the_latest_backup_can_be_restored(tmp_path, monkeypatch):
    path = tmp_path / "star.db"
    store = Store.open(path, sample=False)
    draft = store.create_draft("Kept in the backup", "text")
    store.close()
    Store.open(path, sample=False, backup_on_start=True).close()  # makes a backup
    path.write_bytes(b"garbage" * 500)
    monkeypatch.setattr(app, "_ask_recovery", lambda p, reason: "backup")
    restored = app.open_store(path, sample=False)
    assert restored is not None
    assert restored.get(draft.id).title == "Kept in the backup"
    restored.close()


def test_a_read_only_database_gets_no_offer_to_start_afresh(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from star_desktop.storage import ReadOnlyError

    shown = []

    def refuse(*args, **kwargs):
        raise ReadOnlyError("Cannot open: star.db is read-only (its folder, the file or the disk)")

    def record(box):
        shown.append((box.text(), box.informativeText(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(Store, "open", refuse)
    monkeypatch.setattr(QMessageBox, "exec", record)
    assert app.open_store(tmp_path / "star.db", sample=False) is None
    [(text, advice, buttons)] = shown
    assert "read-only" in text
    assert "Start a fresh database" not in buttons
    assert "star-desktop" not in text + advice  # a window speaks of buttons, not commands


def test_ctrl_c_in_the_terminal_closes_the_window(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STAR_DESKTOP_DB": str(tmp_path / "star.db"),
        "STAR_DESKTOP_CACHE": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "STAR_DESKTOP_QUIT_WHEN_SHOWN": "stay",  # says when the window shows, then stays
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "star_desktop.cli"], env=env, stdout=subprocess.PIPE, text=True
    )
    assert "window shown" in child.stdout.readline()
    child.send_signal(signal.SIGINT)
    started = time.monotonic()
    assert child.wait(timeout=20) == 0
    assert time.monotonic() - started < 20
