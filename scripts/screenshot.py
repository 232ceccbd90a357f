"""Take README's screenshot: the app with a sample post and its real findings.

Run under a virtual screen: ``xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python
scripts/screenshot.py docs/screenshots/main-window.png``. Uses a throwaway database and
settings, so nothing of the user's is touched.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

POST = (
    "Going forward, join our bidders' briefing on the ITT for the school catering "
    "contract on 14 January at Stockport Town Hall. Questions? Call Sarah on 07700 900123. "
    "The new framework was awarded by the panel last week. #socialvalue #meetthebuyer #sme"
)


TITLES = (
    "Meet the Buyer: Stockport",
    "Social value award winners",
    "Apprentice week begins",
    "New tenders on The Chest",
    "Trafford school meals contract awarded",
    "How to register as a supplier",
    "Rochdale highways framework live",
    "Team profile: category managers",
    "Supplier webinar recording",
    "Christmas opening hours",
    "Fair payment: our record",
    "Local spend figures for Q2",
)


def _fill_month(window: object, today: dt.date, count: int) -> None:
    """``count`` posts over the month (1: 24, two on some days), three with no date yet."""
    service = window.service  # type: ignore[attr-defined]
    first = today.replace(day=1)
    platforms = (("x",), ("linkedin",), ("website",), ("x", "linkedin"))
    for n, title in enumerate((TITLES * 2)[: count if count > 1 else None]):
        day = first + dt.timedelta(days=(n * 5) % 28)
        draft = service.create(title=title, text=f"{title}. More on our website.")
        service.update(draft.id, version=draft.version, date=day, platforms=platforms[n % 4])
    for title in ("Ideas: supplier stories", "Spring events round-up", "Thank you, partners"):
        service.create(title=title, text=f"{title}.")
    window.calendar_pane.refresh()  # type: ignore[attr-defined]


def main(out: str) -> int:
    folder = Path(tempfile.mkdtemp(prefix="star-shot-"))
    os.environ["STAR_DESKTOP_WORDS"] = str(folder / "words.txt")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import checks
    from star_desktop.storage import Store
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    if os.environ.get("SHOT_DARK"):  # check the dark palette too
        from PySide6.QtGui import QColor, QPalette

        app.setStyle("Fusion")
        dark = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#2b2b2b"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
            (QPalette.ColorRole.Base, "#1e1e1e"),
            (QPalette.ColorRole.AlternateBase, "#2b2b2b"),
            (QPalette.ColorRole.Text, "#e6e6e6"),
            (QPalette.ColorRole.Button, "#3a3a3a"),
            (QPalette.ColorRole.ButtonText, "#e6e6e6"),
            (QPalette.ColorRole.Highlight, "#2f65ca"),
            (QPalette.ColorRole.HighlightedText, "#ffffff"),
        ):
            dark.setColor(role, QColor(colour))
        app.setPalette(dark)
    store = Store.open(folder / "star.db", sample=True, today=dt.date.today())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("profile/name", "Sam Taylor")
    # SHOT_POLICY: a policy file to load, such as one naming a team server ([team] url)
    policy = checks.load_policy(os.environ.get("SHOT_POLICY") or None)
    window = MainWindow(store, policy, settings, check_delay_ms=10)
    window.resize(
        int(os.environ.get("SHOT_WIDTH", "1600")), int(os.environ.get("SHOT_HEIGHT", "1000"))
    )
    window.show()
    window.new_draft()
    bar = window.metadata_bar
    bar.title_edit.setText(os.environ.get("SHOT_TITLE", "School catering: bidders' briefing"))
    bar.audience_actions["bidders"].setChecked(True)
    bar.category_combo.setCurrentIndex(bar.category_combo.findData("upcoming-event"))
    window.editor.setPlainText(os.environ.get("SHOT_TEXT", POST))  # SHOT_TEXT: another post
    if os.environ.get("SHOT_IMAGE"):  # attach an image (as the Add image button does)
        window.attach_images([os.environ["SHOT_IMAGE"]])
    if os.environ.get("SHOT_BUSY"):  # a month of a busy team's posts, some unscheduled
        _fill_month(window, dt.date.today(), int(os.environ["SHOT_BUSY"]))
    if os.environ.get("SHOT_PLAN"):  # the calendar fills the window (View > Plan the month)
        window.set_planning(True)
    if os.environ.get("SHOT_VIEW"):  # "week" or "list"
        window.calendar_pane.set_view(os.environ["SHOT_VIEW"])
    if os.environ.get("SHOT_PREVIEWS"):  # show the previews instead of the calendar
        window.docks["previews"].raise_()
    if os.environ.get("SHOT_SUBMIT"):  # show a submitted (locked) post
        window.save_profile("Sam Taylor", dt.date.today() - dt.timedelta(days=30))
        window.inform = lambda title, text: print(f"{title}: {text}")  # type: ignore[method-assign]

    def shoot() -> None:
        if os.environ.get("SHOT_PACK"):  # the approver's review screen for this pack
            dialog = window.open_pack(Path(os.environ["SHOT_PACK"]))
            if dialog is not None:
                dialog.choice_buttons["approve"].setChecked(True)
                app.processEvents()
                dialog.grab().save(out)
                print(f"saved {out}")
                app.quit()
                return
        if os.environ.get("SHOT_SUBMIT"):
            window.submit_for_approval()
        if os.environ.get("SHOT_APPROVE") and window.session.draft is not None:
            from star_desktop.drafts import text_sha256

            draft = window.session.draft
            window.service.decide(draft.id, "approve", "Pat Manager", text_sha256(draft), "")
            window.open_draft(draft.id)
        window.checker_panel.select_next()
        app.processEvents()
        window.grab().save(out)
        print(f"saved {out}")
        app.quit()

    QTimer.singleShot(4000, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/main-window.png"))
