"""Images in the window: attach (button path, drop, paste), what was removed, alt text,
the privacy checks, the X preview's crop, the drafts list's mark and bad files."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from star_desktop.storage import Status
from tests.ui.test_main_window import fill_details, panel_findings, type_post
from tests.ui.test_window_workflow import CLEAN, TRAINED
from ui.image_dialog import ImageCheckDialog

pytestmark = pytest.mark.ui


@pytest.fixture
def photo(tmp_path):
    """A square JPEG with a GPS position and a camera, as a phone writes it."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS 5D"
    exif.get_ifd(0x8825).update({1: "N", 2: (53.0, 24.0, 36.0), 3: "W", 4: (2.0, 9.0, 0.0)})
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (400, 400), "navy").save(path, exif=exif)
    return path


def alt_findings(window):
    return [f for f in panel_findings(window) if f.check == "accessibility.alt-text"]


def test_attaching_a_photo_says_what_was_removed_and_shows_a_card(qtbot, make_window, photo):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    with qtbot.waitSignal(window.session.report_ready, timeout=15_000):
        assert window.attach_images([str(photo)]) == 1
    note = window.image_strip.note.text()
    assert "Removed from photo.jpg: GPS position (53.41, -2.15)" in note
    assert "camera make and model (Canon EOS 5D)" in note
    (card,) = window.image_strip.cards
    assert window.image_strip.scroller.isVisible()
    assert card.state.text().startswith("Needs: alt text, privacy check, who is shown")
    assert "Image 1 has no alt text" in card.state.toolTip()
    assert alt_findings(window)  # the alt-text rule sees the real image
    (image,) = window.store.images(window.session.draft.id)
    assert Image.open(image.path).getexif() == {}


def test_typing_alt_text_saves_it_and_the_finding_goes(qtbot, make_window, photo):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    window.attach_images([str(photo)])
    (card,) = window.image_strip.cards
    with qtbot.waitSignal(window.session.report_ready, timeout=15_000):
        qtbot.keyClicks(card.alt_edit, "Buyers talking to suppliers at stands")
    qtbot.waitUntil(lambda: not alt_findings(window), timeout=15_000)
    (image,) = window.store.images(window.session.draft.id)
    assert image.alt == "Buyers talking to suppliers at stands"


def test_dropping_an_image_file_on_the_editor_attaches_it(qtbot, make_window, photo):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    assert window.editor.canInsertFromMimeData(mime)
    window.editor.insertFromMimeData(mime)
    assert len(window.store.images(window.session.draft.id)) == 1
    assert window.editor.toPlainText() == CLEAN  # no file name typed into the post


def test_pasting_a_picture_attaches_it_as_png(qtbot, make_window):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    picture = QImage(120, 80, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkGreen)
    mime = QMimeData()
    mime.setImageData(picture)
    window.editor.insertFromMimeData(mime)
    (image,) = window.store.images(window.session.draft.id)
    assert (image.format, image.width, image.height) == ("PNG", 120, 80)


def test_a_file_that_is_not_an_image_is_refused_with_a_message(qtbot, make_window, tmp_path):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    fake = tmp_path / "minutes.jpg"
    fake.write_text("Meeting minutes, not a photo")
    assert window.attach_images([str(fake)]) == 0
    assert window.messages[-1] == "minutes.jpg: not an image this app can read"
    assert window.store.images(window.session.draft.id) == []


def test_the_privacy_checks_dialog_asks_consent_only_for_identifiable_people(qtbot, photo):
    from star_desktop.storage import Image as Stored

    dialog = ImageCheckDialog(1, Stored(1, 1, str(photo), "", "0" * 64, 0))
    qtbot.addWidget(dialog)
    dialog.personal_box.setChecked(True)
    dialog.security_box.setChecked(True)
    dialog.people_buttons["none"].setChecked(True)
    assert not dialog.consent_edit.isEnabled()
    dialog.people_buttons["children"].setChecked(True)
    assert dialog.consent_edit.isEnabled()
    assert "parent" in dialog.consent_note.text()
    qtbot.keyClicks(dialog.consent_edit, "PC-2026-031")
    assert dialog.values() == {
        "no_personal": True, "no_security": True, "people": "children", "consent": "PC-2026-031",
    }  # fmt: skip


def test_an_image_blocks_submit_until_checked(qtbot, make_window, photo, monkeypatch):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    fill_details(window)
    window.save_profile("Sam Taylor", TRAINED)
    window.attach_images([str(photo)])
    window.service.set_alt(window.session.draft.id, 1, "Buyers at stands")
    assert not window.submit_for_approval()
    assert "Image 1: confirm it shows no personal information" in window.messages[-1]
    answers = {"no_personal": True, "no_security": True, "people": "none", "consent": ""}
    monkeypatch.setattr(type(window), "image_check_answers", lambda self, n, image: answers)
    qtbot.mouseClick(window.image_strip.cards[0].check_button, Qt.MouseButton.LeftButton)
    assert window.image_strip.cards[0].state.text() == "\u2714 Ready"
    assert window.submit_for_approval()
    assert window.session.draft.status is Status.SUBMITTED
    assert not window.image_strip.add_button.isEnabled()  # a submitted post takes no image


def test_the_x_preview_shows_the_timelines_16_by_9_crop(qtbot, make_window, photo):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    with qtbot.waitSignal(window.session.report_ready, timeout=15_000):
        window.attach_images([str(photo)])
    qtbot.waitUntil(lambda: "star-image://x/1" in window.previews.views["x"].toHtml())
    x_picture = (
        window.previews.views["x"]
        .document()
        .resource(QTextDocument.ResourceType.ImageResource, QUrl("star-image://x/1"))
    )
    linkedin = (
        window.previews.views["linkedin"]
        .document()
        .resource(QTextDocument.ResourceType.ImageResource, QUrl("star-image://linkedin/1"))
    )
    assert abs(x_picture.width() / x_picture.height() - 16 / 9) < 0.02
    assert linkedin.width() == linkedin.height()  # LinkedIn shows the square whole
    assert "As the X timeline crops it" in window.previews.views["x"].toPlainText()


def test_the_drafts_list_marks_a_post_with_images(qtbot, make_window, photo):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    window.attach_images([str(photo)])
    item = window.draft_list.drafts_view.item(0)
    assert item.text().endswith("\u00b7 1 image")


def test_a_removed_image_leaves_the_draft_and_its_card(qtbot, make_window, photo):
    window = make_window()
    type_post(qtbot, window, CLEAN)
    window.attach_images([str(photo)])
    qtbot.mouseClick(window.image_strip.cards[0].remove_button, Qt.MouseButton.LeftButton)
    assert window.store.images(window.session.draft.id) == []
    assert window.image_strip.cards == []
    assert dt.date.today()  # the window stays usable
