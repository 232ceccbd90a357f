"""Desktop app: UI-thread stalls while typing with every check on, and start-up time.

Typing is simulated at ten characters a second into a 3,000-character post for X,
LinkedIn and the website, for residents (every family runs). A 1 ms heartbeat timer on
the UI thread records how late it fires: a late heartbeat is a stall the author would
feel. The peer is the same typing with checks switched off, in the same run. Start-up is
the wall time from launching ``star-desktop`` to its window being shown, against a bare
PySide6 window launched the same way.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import Row

POST_PARAGRAPH = (
    "STAR Procurement buys goods and services for Stockport, Trafford and Rochdale councils. "
    "Going forward we will publish every opportunity on The Chest, the free portal where local "
    "firms register and find work. Our social value team helped the new grounds maintenance "
    "contractor create twelve apprenticeships for young people in Rochdale. Small businesses "
    "often tell us that bidding looks complicated: read the specification, answer every "
    "question and ask through the portal if anything is unclear. #SocialValue\n\n"
)


def _post(length: int = 3000) -> str:
    text = POST_PARAGRAPH * (length // len(POST_PARAGRAPH) + 1)
    return text[:length]


def typing_stalls(chars: int, *, checks_on: bool) -> dict[str, float]:
    """Type ``chars`` characters at 10 a second; heartbeat lateness and check latency (ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    import checks
    from star_desktop.storage import Store
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    sys.setswitchinterval(0.001)  # as ui.app sets it
    folder = Path(tempfile.mkdtemp(prefix="star-bench-ui-"))
    os.environ["STAR_DESKTOP_WORDS"] = str(folder / "words.txt")
    store = Store.open(folder / "star.db", sample=False)
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, checks.load_policy(), settings)
    window.show()
    window.metadata_bar.platform_boxes["linkedin"].setChecked(True)
    window.metadata_bar.platform_boxes["website"].setChecked(True)
    window.metadata_bar.audience_actions["residents"].setChecked(True)
    window.editor.setPlainText(_post())
    if not checks_on:

        def no_check(*, now: bool = False) -> None:
            del now

        window.session.request_check = no_check  # type: ignore[method-assign]
    # Let the first check (dictionary, Harper, cmudict) finish before measuring.
    deadline = time.monotonic() + 30
    while checks_on and window.session.report is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)

    late: list[float] = []
    latency: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]
    typed_at: dict[int, float] = {}

    def beat() -> None:
        now = clock.nsecsElapsed()
        late.append(max(0.0, (now - last[0]) / 1e6 - 1.0))
        last[0] = now

    def on_report(report: object, hidden: object) -> None:
        del report, hidden
        started = typed_at.pop(window.session.report_revision, None)
        if started is not None:
            latency.append(clock.nsecsElapsed() / 1e6 - started)

    window.session.report_ready.connect(on_report)
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(beat)
    typist = QTimer()
    typist.setInterval(100)
    count = [0]
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)

    def type_one() -> None:
        window.editor.insertPlainText("abcdefghij klmnopqrst"[count[0] % 21])
        typed_at[window.session.revision] = clock.nsecsElapsed() / 1e6
        count[0] += 1
        if count[0] >= chars:
            typist.stop()
            QTimer.singleShot(1500, app.quit)

    typist.timeout.connect(type_one)
    heartbeat.start()
    typist.start()
    app.exec()
    heartbeat.stop()
    window.close()
    store.close()
    late.sort()
    return {
        "p99": late[int(len(late) * 0.99) - 1],
        "max": late[-1],
        "median_latency": statistics.median(latency) if latency else float("nan"),
    }


def startup_ms(command: list[str], env: dict[str, str], repeat: int) -> float:
    """Median wall time from launching ``command`` to its "window shown" line on stdout."""
    return statistics.median(_launches(command, env, repeat, ("window shown",))[0])


def first_findings_ms(command: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    """Medians from launch to the window shown and to the first check's findings shown."""
    env = {**env, "STAR_DESKTOP_QUIT_WHEN_SHOWN": "findings"}
    shown, found = _launches(command, env, repeat, ("window shown", "findings shown"))
    return statistics.median(shown), statistics.median(found)


def _launches(
    command: list[str], env: dict[str, str], repeat: int, lines: tuple[str, ...]
) -> list[list[float]]:
    """For each expected stdout line, the wall times (ms) from launch to it, per launch."""
    times: list[list[float]] = [[] for _ in lines]
    for _ in range(repeat):
        started = time.perf_counter()
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout is not None
            for expected, column in zip(lines, times, strict=True):
                line = child.stdout.readline()
                column.append((time.perf_counter() - started) * 1000)
                if expected not in line:
                    child.kill()
                    raise RuntimeError(f"{command[-1]} did not report {expected!r}: {line!r}")
            child.wait(timeout=60)
    return times


_BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "from PySide6.QtCore import QTimer\n"
    "app = QApplication([]); w = QMainWindow(); w.show()\n"
    "QTimer.singleShot(0, lambda: (print('window shown', flush=True), app.quit()))\n"
    "app.exec()\n"
)


def run(quick: bool) -> list[Row]:
    """Rows: stalls with and without checks, check latency, start-up against a bare window."""
    chars = 30 if quick else 100
    with_checks = typing_stalls(chars, checks_on=True)
    without = typing_stalls(chars, checks_on=False)
    folder = tempfile.mkdtemp(prefix="star-bench-start-")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "STAR_DESKTOP_QUIT_WHEN_SHOWN": "1",
        "STAR_DESKTOP_DB": str(Path(folder) / "star.db"),
        "STAR_DESKTOP_WORDS": str(Path(folder) / "words.txt"),
        "XDG_CONFIG_HOME": str(Path(folder) / "config"),
    }
    repeat = 2 if quick else 5
    app = startup_ms([sys.executable, "-m", "star_desktop.cli"], env, repeat)
    bare = startup_ms([sys.executable, "-c", _BARE_WINDOW], env, repeat)
    env["STAR_DESKTOP_DB"] = str(Path(folder) / "findings.db")  # opens an example post
    _, findings = first_findings_ms([sys.executable, "-m", "star_desktop.cli"], env, repeat)
    return [
        (f"typing {chars} chars, checks on: UI stall p99", with_checks["p99"], "target < 16 ms"),
        ("typing, checks on: longest UI stall", with_checks["max"], ""),
        ("typing, checks off (peer): UI stall p99", without["p99"], "same typing, no checks"),
        ("keystroke to findings shown (median)", with_checks["median_latency"], "250 ms pause"),
        ("launch to window shown", app, f"target < 800 ms; bare PySide6 window {bare:.0f} ms"),
        ("launch to first findings shown", findings, f"{findings - app:.0f} ms after the window"),
    ]
