"""Shared fixtures: the shipped policy loaded once, and a helper to list rule ids found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import checks

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(autouse=True)
def _personal_words(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test reads and writes a personal word list of its own, never the user's."""
    folder = tmp_path_factory.mktemp("words")
    monkeypatch.setenv("STAR_DESKTOP_WORDS", str(folder / "personal-words.txt"))


@pytest.fixture(scope="session")
def policy() -> checks.Policy:
    return checks.load_policy()


@pytest.fixture(scope="session")
def admin_policy() -> checks.Policy:
    """The shipped policy with the corpus administrator's file (tenders, election)."""
    return checks.load_policy(CORPUS / "admin-policy.toml")


@pytest.fixture(scope="session")
def found(policy: checks.Policy) -> Callable[..., set[str]]:
    """``found(text, **kw)`` -> the set of rule families raised on ``text``."""

    def run(text: str, **kwargs: object) -> set[str]:
        kwargs.setdefault("policy", policy)
        kwargs.setdefault("date", dt.date(2026, 12, 1))
        report = checks.check(text, **kwargs)  # type: ignore[arg-type]
        return {f.rule for f in report.findings}

    return run
