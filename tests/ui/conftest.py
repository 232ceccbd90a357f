"""Fixtures for the Qt tests: an offscreen display, and stores on tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import QSettings

from star_desktop.storage import Store
from ui.main_window import MainWindow

#: The day the sample calendar is filled from in these tests.
SAMPLE_DAY = dt.date(2027, 3, 15)


@pytest.fixture
def store(tmp_path):
    """An empty database (no sample calendar) under tmp_path."""
    with Store.open(tmp_path / "star.db", sample=False) as store:
        yield store


@pytest.fixture
def sample_store(tmp_path):
    """A new database with the sample calendar, filled as if today were 15 March 2027."""
    with Store.open(tmp_path / "star.db", sample=True, today=SAMPLE_DAY) as store:
        yield store


@pytest.fixture(scope="session")
def window_policy(policy):
    """The shipped policy, shared by the window tests."""
    return policy


@pytest.fixture
def make_window(qtbot, tmp_path, window_policy, monkeypatch):
    opened = []
    messages: list[str] = []
    answers: list[bool] = []
    monkeypatch.setattr(MainWindow, "inform", lambda self, title, text: messages.append(text))
    monkeypatch.setattr(
        MainWindow, "confirm", lambda self, title, text: answers.pop(0) if answers else True
    )
    monkeypatch.setattr(MainWindow, "ask_address", lambda self: "https://x.com/STAR/1")

    def make(policy=None):
        """A main window on tmp_path's database, shown; ``window.messages`` holds what it
        told the author and ``window.answers`` what the author answers next (yes when
        empty)."""
        store = Store.open(tmp_path / "star.db", sample=False)
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(store, policy or window_policy, settings, check_delay_ms=5)
        win.messages, win.answers = messages, answers
        qtbot.addWidget(win)
        win.show()
        opened.append((win, store))
        return win

    yield make
    for win, store in opened:
        win.close()
        store.close()
