"""Checking with every family on touches no network and reads nothing but the software
and the user's own folders: proved in a fresh process, first in Python, then by syscall."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, os, sys
events = []
def hook(event, args):
    if event.startswith("socket."):
        events.append(["socket", event])
    elif event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        events.append(["open", os.path.abspath(os.fsdecode(args[0]))])
sys.addaudithook(hook)
import checks
text = (
    "Going forward, call Sarah on 07700 900123 about the ITT. We recieve bids. The tender "
    "was closed by the panel. This is a apple. #socialvalue #meetthebuyer #sme Visit "
    "https://example.com and https://example.org \U0001f389\U0001f389 "
) * 12
report = checks.check(
    text, platforms=("x", "linkedin", "website"), audiences=("residents",),
    policy=checks.load_policy(), title="A title", images=[checks.ImageRef("photo.png", "")],
)
print(json.dumps({"families": sorted({f.rule for f in report.findings}),
                  "metrics": report.metrics, "events": events}))
"""

#: Families the probe's text must raise, so that every lazily loaded resource is used.
EXPECTED = {"spelling", "grammar", "plain-english", "length", "accessibility", "personal-data",
            "jargon", "acronym"}  # fmt: skip


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "NLTK_"))}
    env.update(HOME=str(home), STAR_DESKTOP_WORDS=str(home / "words.txt"), PYTHONPATH=str(REPO))
    env["STAR_DESKTOP_CACHE"] = str(home / "cache")  # the syllable table's cache: the user's
    return env


def _allowed(home: Path) -> tuple[str, ...]:
    software = {str(REPO), sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent)}
    system = ("/usr/lib", "/lib", "/usr/lib64", "/lib64", "/etc/ld.so", "/usr/share/hunspell",
              "/usr/share/myspell", "/usr/share/enchant", "/usr/share/locale", "/usr/lib/locale",
              "/usr/share/zoneinfo", "/etc/localtime", "/proc/", "/sys/", "/dev/")  # fmt: skip
    return (*software, *system, str(home))


def test_every_family_runs_with_no_network_and_no_stray_reads(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=_environment(tmp_path), cwd=tmp_path,
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    result = json.loads(out.stdout)
    assert set(result["families"]) >= EXPECTED
    assert result["metrics"]["words"] > 300
    assert [e for e in result["events"] if e[0] == "socket"] == []
    allowed = _allowed(tmp_path)
    stray = {e[1] for e in result["events"] if e[0] == "open" and not e[1].startswith(allowed)}
    assert stray == set()


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_socket_or_stray_file_at_the_syscall_level(tmp_path):
    """Native code too (enchant, Harper): every socket and file open the kernel sees."""
    trace = tmp_path / "trace.txt"
    run = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=openat,open,socket,connect", "-o", str(trace),
         sys.executable, "-c", PROBE],
        env=_environment(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    if run.returncode != 0 and "ptrace" in run.stderr:
        pytest.skip("ptrace is not permitted here")
    assert run.returncode == 0, run.stderr
    assert set(json.loads(run.stdout)["families"]) >= EXPECTED
    lines = trace.read_text().splitlines()
    assert [line for line in lines if " socket(" in line or " connect(" in line] == []
    allowed = _allowed(tmp_path)
    opened = set()
    for line in lines:
        if "open" in line and '"' in line and "ENOENT" not in line:
            opened.add(line.split('"')[1])
    assert {p for p in opened if p.startswith("/") and not p.startswith(allowed)} == set()
