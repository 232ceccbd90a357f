# SPDX-License-Identifier: MIT
"""Benchmark of the built bundle: launch to window shown, frozen against the source tree.

Needs ``bash scripts/build.sh`` first (dist/STAR Desktop); without it the section says so.
Both are measured in the same run, alternately, so a busy machine slows both alike.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bench.timing import Row
from bench.ui_typing import startup_ms

ROOT = Path(__file__).resolve().parent.parent
FROZEN = (
    ROOT / "dist" / "STAR Desktop" / ("star-desktop.exe" if os.name == "nt" else "star-desktop")
)


def run(quick: bool) -> list[Row]:
    """Rows: the bundle's and the source tree's launch to window shown (medians)."""
    if not FROZEN.exists():
        return [("bundle launch to window shown", float("nan"), "no bundle: run scripts/build.sh")]
    folder = Path(tempfile.mkdtemp(prefix="star-bench-bundle-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "STAR_DESKTOP_QUIT_WHEN_SHOWN": "1",
        "STAR_DESKTOP_WORDS": str(folder / "words.txt"),
        "STAR_DESKTOP_KEY": str(folder / "key.pem"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    repeat = 2 if quick else 5
    frozen, source = [], []
    for round_ in range(repeat):
        env["STAR_DESKTOP_DB"] = str(folder / f"frozen{round_}.db")
        frozen.append(startup_ms([str(FROZEN)], env, 1))
        env["STAR_DESKTOP_DB"] = str(folder / f"source{round_}.db")
        source.append(startup_ms([sys.executable, "-m", "star_desktop.cli"], env, 1))
    frozen_ms = sorted(frozen)[len(frozen) // 2]
    source_ms = sorted(source)[len(source) // 2]
    return [
        ("bundle: launch to window shown", frozen_ms, f"{frozen_ms / source_ms:.2f}x the source"),
        ("source tree (peer): launch to window shown", source_ms, "same run, alternating"),
    ]
