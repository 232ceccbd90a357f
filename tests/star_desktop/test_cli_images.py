"""Images through the drafts service and the command line: attach, confirm, detach, refuse."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from PIL import Image

from star_desktop.drafts import DraftsService, LockedError
from star_desktop.images import ImageError
from star_desktop.storage import Store
from tests.star_desktop.test_cli_drafts import new, run

TRAINED = (dt.date.today() - dt.timedelta(days=30)).isoformat()


@pytest.fixture
def db(tmp_path):
    return ["--db", str(tmp_path / "star.db"), "--no-sample"]


@pytest.fixture
def photo(tmp_path):
    """A JPEG with a GPS position and a camera, as a phone writes it."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS 5D"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (53.0, 24.0, 36.0), 3: "W", 4: (2.0, 9.0, 0.0)})
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 48), "navy").save(path, exif=exif)
    return path


def ready(db):
    return str(new(db, "Event", "--platform", "x", "--audience", "bidders", "--category",
                   "upcoming-event", text="Join us at the Meet the Buyer event.")["id"])  # fmt: skip


def test_attach_says_what_was_removed_and_keeps_the_original(db, photo, tmp_path):
    before = hashlib.sha256(photo.read_bytes()).hexdigest()
    draft_id = ready(db)
    status, out, err = run([*db, "drafts", "attach", draft_id, str(photo), "--alt", "Stands"])
    assert (status, err) == (0, "")
    assert "Removed: GPS position (53.41, -2.15), camera make and model (Canon EOS 5D)" in out
    assert hashlib.sha256(photo.read_bytes()).hexdigest() == before
    (stored,) = (tmp_path / "images").iterdir()
    assert stored.suffix == ".jpg"
    assert Image.open(stored).getexif() == {}


def test_an_attached_image_must_be_confirmed_before_submit(db, photo):
    run([*db, "profile", "--name", "Sam Taylor", "--training-date", TRAINED])
    draft_id = ready(db)
    run([*db, "drafts", "attach", draft_id, str(photo), "--alt", "Buyers at stands"])
    status, _, err = run([*db, "drafts", "submit", draft_id])
    assert status == 1
    assert "  - Image 1: confirm it shows no personal information" in err
    assert "  - Image 1: say whether anyone can be identified in it." in err
    run([*db, "drafts", "image", draft_id, "1", "--no-personal-info", "--no-security-details",
         "--people", "children"])  # fmt: skip
    status, _, err = run([*db, "drafts", "submit", draft_id])
    assert "record the reference of a parent's or guardian's consent" in err
    run([*db, "drafts", "image", draft_id, "1", "--consent", "PC-2026-031", "--people",
         "children"])  # fmt: skip
    assert run([*db, "drafts", "submit", draft_id])[0] == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not an image at all", "not an image this app can read"),
        (None, "no such file"),
    ],
    ids=["text-file", "missing"],
)
def test_bad_input_exits_2_and_leaves_the_draft_unchanged(db, tmp_path, content, reason):
    draft_id = ready(db)
    path = tmp_path / "upload.jpg"
    if content is not None:
        path.write_bytes(content)
    status, out, err = run([*db, "drafts", "attach", draft_id, str(path)])
    assert (status, out) == (2, "")
    assert reason in err
    shown = json.loads(run([*db, "drafts", "show", draft_id, "--json"])[1])
    assert shown["version"] == 1
    assert not (tmp_path / "images").exists() or not list((tmp_path / "images").iterdir())


def test_detach_removes_the_image_and_its_stored_copy(db, photo, tmp_path):
    draft_id = ready(db)
    run([*db, "drafts", "attach", draft_id, str(photo), "--alt", "Stands"])
    assert run([*db, "drafts", "detach", draft_id, "1"])[0] == 0
    assert list((tmp_path / "images").iterdir()) == []
    status, _, err = run([*db, "drafts", "detach", draft_id, "1"])
    assert status == 2
    assert "there is no image 1" in err


def test_a_submitted_draft_takes_no_image(tmp_path, photo, policy):
    with Store.open(tmp_path / "star.db", sample=False) as store:
        service = DraftsService(store, policy)
        service.set_profile("Sam Taylor", dt.date.today())
        draft = service.create("E", "Join us at the Meet the Buyer event.", platforms=("x",),
                               audiences=("bidders",), category="upcoming-event")  # fmt: skip
        service.submit(draft.id)
        with pytest.raises(LockedError):
            service.attach(draft.id, photo, "Stands")
        assert store.images(draft.id) == []


def test_shrink_for_x_brings_a_large_image_under_5_mb(tmp_path, policy):
    # Noise does not compress: a 1,700 x 1,700 PNG of it is about 8.7 MB.
    big = tmp_path / "noise.png"
    Image.effect_noise((1700, 1700), 80).convert("RGB").save(big)
    with Store.open(tmp_path / "star.db", sample=False) as store:
        service = DraftsService(store, policy)
        draft = service.create("E", "Text", platforms=("x",))
        image = service.attach(draft.id, big, "Noise")
        assert image.bytes > 5_000_000
        smaller = service.shrink_image(draft.id, 1, "x")
        assert smaller.bytes <= 5_000_000
        assert smaller.width < image.width
        assert Image.open(smaller.path).size == (smaller.width, smaller.height)


def test_the_pixel_limit_comes_from_the_policy(tmp_path, policy):
    huge = tmp_path / "wide.png"
    Image.new("1", (10_000, 6_000)).save(huge)  # 60 megapixels, a few KB
    with Store.open(tmp_path / "star.db", sample=False) as store:
        service = DraftsService(store, policy)
        draft = service.create("E", "Text")
        with pytest.raises(ImageError, match="too many pixels"):
            service.attach(draft.id, huge)
        assert store.images(draft.id) == []
