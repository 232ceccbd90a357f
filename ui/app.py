# SPDX-License-Identifier: MIT
"""Start the desktop app: Qt, the policy, the database, then the main window."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import checks
from star_desktop import paths
from star_desktop.paths import resources_dir
from star_desktop.storage import StorageError, Store, UnusableDatabaseError, backup
from ui.main_window import APP_NAME, MainWindow

ORGANISATION = "STAR Procurement"


def run_app(
    db_option: str | None,
    policy_option: str | None,
    *,
    sample: bool = True,
    open_file: Path | None = None,
) -> int:
    """Open the window and run until it closes; returns the process exit status.

    ``open_file`` is an approval pack to review (``star-desktop FILE.starpack``, or a
    double-click on one).
    """
    started = time.perf_counter()
    sys.setswitchinterval(0.001)  # the UI thread gets the GIL back quickly from checks
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "star-desktop.png")))
    try:
        policy = checks.load_policy(
            paths.policy_path(policy_option), central=paths.central_policy_path()
        )
    except (checks.PolicyError, OSError) as exc:
        QMessageBox.critical(None, "Policy file cannot be used", str(exc))
        return 2
    # Harper builds on its own thread (without the GIL) while the window is made.
    threading.Thread(target=policy.prepare, name="prepare-checks", daemon=True).start()
    store = open_store(paths.db_path(db_option), sample=sample)
    if store is None:
        return 2
    window = MainWindow(store, policy, QSettings())
    window.show()
    if open_file is not None:
        QTimer.singleShot(0, lambda: window.open_pack(open_file))
    # The benchmark's start-up timing: "1" quits once the window shows, "findings" once
    # the first findings show, "stay" only says when the window shows (tests).
    when = os.environ.get("STAR_DESKTOP_QUIT_WHEN_SHOWN", "")
    if when:
        QTimer.singleShot(0, lambda: _report_startup(started, app, quit_now=when == "1"))
        if when == "findings":
            window.session.report_ready.connect(lambda *_: _report_findings(started, app))
    _quit_on_ctrl_c(app, window)
    status = app.exec()
    store.close()
    return status


def open_store(path: Path, *, sample: bool) -> Store | None:
    """Open the database, offering the latest backup or a fresh one when it is unusable."""
    while True:
        try:
            return Store.open(path, sample=sample, backup_on_start=True)
        except UnusableDatabaseError as exc:
            choice = _ask_recovery(path, str(exc))
            if choice == "quit":
                return None
            try:
                if choice == "backup":
                    latest = backup.latest_backup(path)
                    if latest is None:
                        continue
                    backup.restore(path, latest)
                else:
                    backup.set_aside(path)
            except (StorageError, OSError) as failed:
                _cannot_open(f"{path} could not be replaced: {failed}")
                return None
        except StorageError as exc:
            _cannot_open(str(exc))
            return None


def _quit_on_ctrl_c(app: QApplication, window: QWidget) -> None:
    """Ctrl+C in the terminal that started the window closes it as the close button does.

    Qt's event loop runs in C++, where Python's signal handler cannot run; a timer hands
    control back to Python a few times a second so that it can.
    """
    signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def _cannot_open(reason: str) -> None:
    """The database is sound but cannot be used here (read-only, full, locked)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Database cannot be opened", reason)
    box.setInformativeText(
        "Nothing has been changed. STAR Desktop needs to write to its database: if the "
        "folder is read-only or the disk is full, ask IT to help, then start it again."
    )
    box.exec()


def _ask_recovery(path: Path, reason: str) -> str:
    latest = backup.latest_backup(path)
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Database cannot be used")
    box.setText(reason)
    box.setInformativeText(
        "The file has been left exactly as it was. You can restore the latest automatic "
        "backup, or set the file aside and start a fresh database."
    )
    restore = None
    if latest is not None:
        restore = box.addButton(
            f"Restore backup of {latest.stem[-15:]}", QMessageBox.ButtonRole.AcceptRole
        )
    fresh = box.addButton("Start a fresh database", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "backup"
    if clicked is fresh:
        return "fresh"
    return "quit"


def _report_startup(started: float, app: QApplication, *, quit_now: bool = True) -> None:
    print(f"window shown after {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    if quit_now:
        app.quit()


def _report_findings(started: float, app: QApplication) -> None:
    print(f"findings shown after {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    app.quit()
