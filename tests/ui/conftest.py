"""Fixtures for the Qt tests: an offscreen display, and stores on tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest

from star_desktop.storage import Store

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
