"""The examples in docstrings run as written (the drafts service, images, calendar helpers)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "star_desktop.drafts",
    "star_desktop.images",
    "star_desktop.calendar",
    "star_desktop.packs.keys",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
