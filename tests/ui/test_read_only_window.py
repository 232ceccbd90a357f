"""A database that cannot be written opens read-only in the window: readable, unchangeable."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from star_desktop.storage import Store
from star_desktop.workflow import Action
from ui.main_window import MainWindow


def _window(qtbot, tmp_path, policy, store):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("profile/name", "Sam Taylor")  # an old setting the window would move
    window = MainWindow(store, policy, settings, check_delay_ms=5)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_reads_a_read_only_database_and_changes_nothing(qtbot, tmp_path, policy):
    path = tmp_path / "star.db"
    with Store.open(path, sample=False) as store:
        draft = store.create_draft("Meet the Buyer", "Join us in Rochdale.")
        version = store.get(draft.id).version
    store = Store(path, read_only=True)
    try:
        window = _window(qtbot, tmp_path, policy, store)
        assert window.read_only_label.isVisible()
        assert "read-only" in window.read_only_label.text()
        assert window.session.draft is not None
        assert window.editor.toPlainText() == "Join us in Rochdale."  # it reads
        assert window.editor.isReadOnly()
        assert not window.metadata_bar.title_edit.isEnabled()
        assert not window.image_strip.add_button.isEnabled()
        qtbot.waitUntil(lambda: "read-only" in window.checker_panel.summary_label.text())
        assert not window.post_actions[Action.SUBMIT].isEnabled()
        assert "read-only" in window.post_actions[Action.SUBMIT].toolTip()
        window.close()
    finally:
        store.close()
    with Store(path) as reopened:
        assert reopened.get(draft.id).version == version  # nothing was written
        assert reopened.count_drafts() == 1
        assert not reopened.db.execute("SELECT * FROM people").fetchall()  # no profile moved


def test_an_empty_read_only_database_opens_without_making_a_draft(qtbot, tmp_path, policy):
    path = tmp_path / "star.db"
    Store.open(path, sample=False).close()
    store = Store(path, read_only=True)
    try:
        window = _window(qtbot, tmp_path, policy, store)
        assert window.session.draft is None
        assert window.read_only_label.isVisible()
        window.close()
    finally:
        store.close()
