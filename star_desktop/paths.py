# SPDX-License-Identifier: MIT
"""Where things live: the administrator's policy file, the database and its backups."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

POLICY_ENV = "STAR_DESKTOP_POLICY"
DB_ENV = "STAR_DESKTOP_DB"
APP_NAME = "STAR Desktop"
APP_AUTHOR = "STAR Procurement"
DB_NAME = "star-desktop.db"
BACKUP_FOLDER = "backups"


def policy_path(option: str | None, environ: Mapping[str, str] = os.environ) -> Path | None:
    """The administrator's policy file: ``--policy``, else ``STAR_DESKTOP_POLICY``, else none."""
    value = option or environ.get(POLICY_ENV, "")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The per-user data folder by platform convention (nothing is created)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def db_path(option: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """The database file: ``--db``, else ``STAR_DESKTOP_DB``, else the user's data folder."""
    value = option or environ.get(DB_ENV, "")
    return Path(value).expanduser() if value else data_dir() / DB_NAME


def backup_dir(database: Path) -> Path:
    """The folder of automatic backups of ``database``: ``backups`` beside it."""
    return database.parent / BACKUP_FOLDER
