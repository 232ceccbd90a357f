# SPDX-License-Identifier: MIT
"""Where things live: the administrator's policy file, the database and its backups."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
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


CENTRAL_ENV = "STAR_DESKTOP_CENTRAL_POLICY"
#: Where Group Policy can name the central policy file (a string value ``PolicyPath``).
POLICY_KEY = r"Software\Policies\STAR Procurement\STAR Desktop"
CENTRAL_FILE = "policy.toml"


def _registry_policy_path() -> str | None:  # pragma: no cover (Windows only)
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY) as key:
            value, _ = winreg.QueryValueEx(key, "PolicyPath")
    except OSError:
        return None
    return str(value) if value else None


def central_policy_path(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    registry: Callable[[], str | None] = _registry_policy_path,
) -> Path | None:
    r"""IT's machine-wide policy file, when there is one.

    ``STAR_DESKTOP_CENTRAL_POLICY`` first (tests, scripts); on Windows the path Group
    Policy sets in ``HKLM\Software\Policies\STAR Procurement\STAR Desktop``
    (``PolicyPath``), else ``%ProgramData%\STAR Procurement\STAR Desktop\policy.toml``;
    elsewhere the system configuration folder (``/etc/xdg/STAR Desktop/policy.toml``).
    """
    value = environ.get(CENTRAL_ENV, "")
    if value:
        return Path(value).expanduser()
    if platform == "win32":
        named = registry()
        if named:
            return Path(named)
        base = environ.get("ProgramData", r"C:\ProgramData")
        candidate = Path(base) / APP_AUTHOR / APP_NAME / CENTRAL_FILE
    else:
        candidate = Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / CENTRAL_FILE
    return candidate if candidate.is_file() else None


def resources_dir() -> Path:
    """The folder of files that ship with the app (policy, fonts, icons)."""
    from importlib import resources

    return Path(str(resources.files("resources")))


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
