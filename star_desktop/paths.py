# SPDX-License-Identifier: MIT
"""Where things live: the administrator's policy file and, later, the database."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

POLICY_ENV = "STAR_DESKTOP_POLICY"


def policy_path(option: str | None, environ: Mapping[str, str] = os.environ) -> Path | None:
    """The administrator's policy file: ``--policy``, else ``STAR_DESKTOP_POLICY``, else none."""
    value = option or environ.get(POLICY_ENV, "")
    return Path(value).expanduser() if value else None
