"""Approval packs in the window: export, review as the approver, import the decisions."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

import checks
from star_desktop.packs.keys import installation_key
from star_desktop.storage import Status

pytestmark = pytest.mark.ui

TRAINED = dt.date.today() - dt.timedelta(days=30)


@pytest.fixture
def keys(tmp_path, monkeypatch):
    """Switch between the author's and the approver's installation keys."""

    def use(role: str):
        monkeypatch.setenv("STAR_DESKTOP_KEY", str(tmp_path / f"{role}.pem"))
        return installation_key()

    return use


def submitted_posts(window):
    service = window.service
    service.set_profile("Sam Taylor", TRAINED)
    day = window.calendar_pane.current_day()
    ids = []
    for title, text in (
        ("Meet the Buyer", "Join us at the Meet the Buyer event in Rochdale."),
        ("Award", "Our team won an award for social value in Stockport."),
    ):
        draft = service.create(title, text, platforms=("x",), audiences=("bidders",),
                               category="upcoming-event", date=day)  # fmt: skip
        ids.append(service.submit(draft.id).id)
    return ids


def test_export_review_and_import_through_the_window(
    qtbot, make_window, keys, tmp_path, monkeypatch
):
    approver = keys("approver")
    central = tmp_path / "central.toml"
    central.write_text(
        f'[[approvers]]\nname = "Pat Manager"\nfingerprint = "{approver.fingerprint}"\n'
    )
    keys("author")
    window = make_window(checks.load_policy(central))
    first, second = submitted_posts(window)
    pack = tmp_path / "month.starpack"
    monkeypatch.setattr(type(window), "choose_pack_path", lambda self, name: pack)
    assert window.export_pack() == pack

    keys("approver")  # the manager's PC
    dialog = window.open_pack(pack)
    qtbot.addWidget(dialog)
    assert dialog.state_label.text().startswith("\u2714 Verified")
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.choice_buttons["approve"], Qt.MouseButton.LeftButton)
    dialog.post_list.setCurrentRow(1)
    qtbot.mouseClick(dialog.choice_buttons["changes"], Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()  # a comment is needed first
    qtbot.keyClicks(dialog.comment_edit, "Name the award")
    assert dialog.save_button.isEnabled()
    decisions = tmp_path / "decisions.json"
    monkeypatch.setattr(type(dialog), "choose_path", lambda self: decisions)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert decisions.exists()

    keys("author")
    assert window.import_decisions(decisions)
    assert "signed by Pat Manager" in window.messages[-1]
    assert window.store.get(first).status is Status.APPROVED
    assert window.store.get(second).status is Status.CHANGES_REQUESTED


def test_a_tampered_pack_opens_but_cannot_be_decided_on(qtbot, make_window, keys, tmp_path,
                                                         monkeypatch):  # fmt: skip
    import zipfile

    keys("author")
    window = make_window()
    submitted_posts(window)
    pack = tmp_path / "month.starpack"
    monkeypatch.setattr(type(window), "choose_pack_path", lambda self, name: pack)
    window.export_pack()
    members = {n: zipfile.ZipFile(pack).read(n) for n in zipfile.ZipFile(pack).namelist()}
    members["manifest.json"] = members["manifest.json"].replace(b"Rochdale", b"Rotherham")
    with zipfile.ZipFile(pack, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    dialog = window.open_pack(pack)
    qtbot.addWidget(dialog)
    assert "did not verify" in dialog.state_label.text()
    assert not dialog.choice_buttons["approve"].isEnabled()


def test_exporting_with_nothing_submitted_says_so(make_window, keys):
    keys("author")
    window = make_window()
    assert window.export_pack() is None
    assert "is submitted for approval yet" in window.messages[-1]
