"""Shared fixtures: the shipped policy loaded once, and a helper to list rule ids found."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import checks

CORPUS = Path(__file__).parent / "corpus"

# Caches the app keeps between runs (the syllable table) go to a folder of the test run's
# own, never the user's.
os.environ["STAR_DESKTOP_CACHE"] = tempfile.mkdtemp(prefix="star-test-cache-")


@pytest.fixture(autouse=True)
def _personal_words(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test reads and writes a personal word list of its own, never the user's ..."""
    folder = tmp_path_factory.mktemp("words")
    monkeypatch.setenv("STAR_DESKTOP_WORDS", str(folder / "personal-words.txt"))
    # ... and signs with a key of its own (approval packs), never the user's.
    monkeypatch.setenv("STAR_DESKTOP_KEY", str(folder / "installation-key.pem"))


@pytest.fixture(scope="session")
def policy() -> checks.Policy:
    return checks.load_policy()


@pytest.fixture(scope="session")
def admin_policy() -> checks.Policy:
    """The shipped policy with the corpus administrator's file (tenders, election)."""
    return checks.load_policy(CORPUS / "admin-policy.toml")


def _without_learned(folder: Path, shipped: checks.Policy, extra: str = "") -> checks.Policy:
    """``extra`` policy text with every learned-layer rule of ``shipped`` switched off."""
    learned = [r.id for r in shipped.rules if r.kind == "classifier"]
    path = folder / "rules-only.toml"
    path.write_text(f"{extra}\n[settings]\ndisabled = {json.dumps(learned)}\n", encoding="utf-8")
    return checks.load_policy(path)


@pytest.fixture(scope="session")
def rules_only(tmp_path_factory: pytest.TempPathFactory, policy: checks.Policy) -> checks.Policy:
    """The shipped policy without the learned layer: what the rule entries alone find.

    The family tests hold the rules to their examples; the learned layer's recall and false
    alarms are measured on the corpora (tests/checks/test_learned.py, test_frozen_corpus.py).
    """
    return _without_learned(tmp_path_factory.mktemp("policy"), policy)


@pytest.fixture(scope="session")
def admin_rules_only(
    tmp_path_factory: pytest.TempPathFactory, policy: checks.Policy
) -> checks.Policy:
    """The corpus administrator's policy without the learned layer."""
    admin = (CORPUS / "admin-policy.toml").read_text(encoding="utf-8")
    return _without_learned(tmp_path_factory.mktemp("policy"), policy, admin)


@pytest.fixture(scope="session")
def found(rules_only: checks.Policy) -> Callable[..., set[str]]:
    """``found(text, **kw)`` -> the set of rule families the rules raise on ``text``."""

    def run(text: str, **kwargs: object) -> set[str]:
        kwargs.setdefault("policy", rules_only)
        kwargs.setdefault("date", dt.date(2026, 12, 1))
        report = checks.check(text, **kwargs)  # type: ignore[arg-type]
        return {f.rule for f in report.findings}

    return run


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster on a Unix socket, shared by the team tests."""
    from tests.star_desktop.pg_server import Cluster, binaries

    folder = binaries()
    if folder is None:
        pytest.skip("PostgreSQL is not installed")
    cluster = Cluster(folder)
    cluster.create()
    yield cluster
    cluster.remove()


@pytest.fixture
def pg_server(pg_cluster):
    """The shared cluster running, with an empty ``star`` database (no team tables)."""
    import psycopg

    with contextlib.suppress(subprocess.CalledProcessError):  # already running
        pg_cluster.start()
    with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    return pg_cluster
