# SPDX-License-Identifier: MIT
"""``star-desktop --self-test``: what IT runs after deploying, and what support asks for.

One line per step with its time; the first failure is named and the exit status is 1.
Every step works in a temporary folder: the user's database, settings, key and
dictionary are never touched.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import checks
from star_desktop import __version__, paths

Step = Callable[[], str]


def run(policy_option: str | None, out: TextIO) -> int:
    """Run every step; 0 when all pass, 1 naming the first that fails."""
    with tempfile.TemporaryDirectory(prefix="star-self-test-") as folder:
        work = Path(folder)
        os.environ["STAR_DESKTOP_WORDS"] = str(work / "personal-words.txt")
        os.environ["STAR_DESKTOP_KEY"] = str(work / "key.pem")
        state: dict[str, checks.Policy] = {}
        steps: list[tuple[str, Step]] = [
            ("policy", lambda: _policy(policy_option, state)),
            ("rules", lambda: _rules(state["policy"])),
            ("database", lambda: _database(work)),
            ("images", lambda: _images(work)),
            ("pack", lambda: _pack(work, state["policy"])),
            ("window", lambda: _window(work, state["policy"])),
        ]
        out.write(f"STAR Desktop {__version__} self-test\n")
        started = time.perf_counter()
        for name, step in steps:
            begun = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # the point is to report anything at all
                elapsed = (time.perf_counter() - begun) * 1000
                out.write(f"FAILED {name:<9}{elapsed:8.0f} ms  {type(exc).__name__}: {exc}\n")
                out.write(traceback.format_exc(limit=3))
                out.write(f"self-test FAILED at step '{name}'\n")
                return 1
            elapsed = (time.perf_counter() - begun) * 1000
            out.write(f"ok     {name:<9}{elapsed:8.0f} ms  {detail}\n")
        total = (time.perf_counter() - started) * 1000
        out.write(f"self-test passed in {total:.0f} ms\n")
        return 0


def _policy(option: str | None, state: dict[str, checks.Policy]) -> str:
    admin = paths.policy_path(option)
    central = paths.central_policy_path()
    policy = checks.load_policy(admin, central=central)
    state["policy"] = policy
    where = ["shipped"]
    if central is not None:
        where.append(f"central {central}")
    if admin is not None:
        where.append(f"administrator's {admin}")
    return f"version {policy.version}, {len(policy.rules)} rules: {' + '.join(where)}"


def _rules(policy: checks.Policy) -> str:
    """Each family's first example that must be flagged is flagged (spelling, grammar too)."""
    done: dict[str, str] = {}
    for rule in policy.rules:
        if rule.family in done or rule.kind == "classifier":
            continue
        example = next((e for e in rule.examples if e.flagged), None)
        if example is None:
            continue
        report = checks.check(
            example.text,
            platforms=example.platforms,
            date=example.date,
            policy=policy,
            title=example.title,
            images=[checks.ImageRef(f"image{i}.jpg", alt) for i, alt in enumerate(example.images)],
        )
        if not any(f.rule == rule.family for f in report.findings):
            raise AssertionError(f"{rule.id} did not flag its example {example.text!r}")
        done[rule.family] = rule.id
    missing = [f for f in ("spelling", "grammar", "personal-data", "length") if f not in done]
    if missing:
        raise AssertionError(f"no working example for {', '.join(missing)}")
    tense = checks.check("We are leveraging data.", policy=policy).findings
    if not any("using" in f.replacements for f in tense):  # lemminflect's data is bundled
        raise AssertionError("the fix for 'leveraging' is not offered as 'using'")
    return f"{len(done)} families flag their examples (spelling and grammar included)"


def _database(work: Path) -> str:
    from star_desktop.storage import Store, backup

    path = work / "self-test.db"
    with Store.open(path, sample=False) as store:
        draft = store.create_draft("Self-test", "First text")
        store.save_text(draft.id, "Saved and read back \u2713", version=draft.version)
    with Store(path) as store:
        text = store.get(draft.id).text
    if text != "Saved and read back \u2713":
        raise AssertionError(f"read back {text!r}")
    problems = backup.check(path)
    if problems:
        raise AssertionError("; ".join(problems))
    return "created, saved, reopened and read back; integrity check ok"


def _images(work: Path) -> str:
    from PIL import Image

    from star_desktop.images import clean_copy, metadata_in

    source = work / "gps.jpg"
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS 5D"
    exif.get_ifd(0x8825).update({1: "N", 2: (53.0, 24.0, 36.0), 3: "W", 4: (2.0, 9.0, 0.0)})
    Image.new("RGB", (64, 48), "navy").save(source, exif=exif)
    clean = clean_copy(source, work / "images")
    if metadata_in(clean.path) or not any("GPS" in r for r in clean.removed):
        raise AssertionError("metadata was not removed")
    return f"removed {', '.join(clean.removed)}"


def _pack(work: Path, policy: checks.Policy) -> str:
    from star_desktop.drafts import DraftsService
    from star_desktop.packs.export import export_pack
    from star_desktop.packs.keys import installation_key
    from star_desktop.packs.verify import verify_pack
    from star_desktop.storage import Store

    with Store.open(work / "pack.db", sample=False) as store:
        service = DraftsService(store, policy)
        service.set_profile("Self-test", dt.date.today())
        draft = service.create(
            "Self-test", "Join us at the Meet the Buyer event in Rochdale.", platforms=("x",),
            audiences=("bidders",), category="upcoming-event",
        )  # fmt: skip
        submitted = service.submit(draft.id)
        out = work / "self-test.starpack"
        export_pack(service, installation_key(), out, [submitted])
    result = verify_pack(out)
    if not result.ok:
        raise AssertionError("; ".join(result.problems))
    return f"exported and verified ({out.stat().st_size:,} bytes, {len(result.checked)} checks)"


def _window(work: Path, policy: checks.Policy) -> str:
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if os.name != "nt" and not display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from star_desktop.storage import Store
    from ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    with Store.open(work / "window.db", sample=True) as store:
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, policy, settings)
        window.show()
        app.processEvents()
        shown = window.isVisible()
        window.close()
        app.processEvents()
    if not shown:
        raise AssertionError("the window did not show")
    return f"opened and closed ({app.platformName()} platform)"
