"""Attached images: metadata stripped into a content-addressed copy, turned upright, refusals."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import struct
import subprocess
import zlib

import pytest
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from star_desktop.images import CleanImage, ImageError, Limits, clean_copy, metadata_in

needs_exiftool = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool missing")

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'
    b' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Smith</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)
RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)
# exiftool -G1 groups and tag names that identify a person, a place, a camera or a time.
BAD_GROUPS = ("GPS", "XMP", "IPTC", "Photoshop", "IFD1")
BAD_TAGS = ("GPS", "Make", "Model", "SerialNumber", "OwnerName", "DateTimeOriginal", "Comment",
            "ThumbnailImage", "Author", "IPTC", "Creator", "By-line")  # fmt: skip


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def noise(mode, size, seed=1):
    bands = len(mode)
    return Image.frombytes(mode, size, random.Random(seed).randbytes(size[0] * size[1] * bands))


def gps_exif():
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "Canon EOS 5D"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (53.0, 24.0, 36.0), 3: "W", 4: (2.0, 9.0, 0.0)})
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub.update({0xA431: "SN123456", 0xA430: "Jane Smith", 0x9003: "2026:11:30 14:02:11"})
    return exif


def with_thumbnail(exif):
    """APP1 payload: Pillow's EXIF plus an IFD1 with a JPEG thumbnail (Pillow writes none)."""
    tiff = exif.tobytes()[6:]
    end = "<" if tiff[:2] == b"II" else ">"
    ifd0 = struct.unpack(end + "I", tiff[4:8])[0]
    next_at = ifd0 + 2 + 12 * struct.unpack(end + "H", tiff[ifd0 : ifd0 + 2])[0]
    thumb = io.BytesIO()
    Image.new("RGB", (16, 16), RED).save(thumb, "JPEG")
    tiff += b"\0" * (len(tiff) % 2)
    ifd1 = len(tiff)
    body = struct.pack(end + "H", 3) + struct.pack(end + "HHIHH", 0x0103, 3, 1, 6, 0)
    body += struct.pack(end + "HHII", 0x0201, 4, 1, ifd1 + 2 + 3 * 12 + 4)
    body += struct.pack(end + "HHII", 0x0202, 4, 1, len(thumb.getvalue()))
    body += b"\0\0\0\0" + thumb.getvalue()
    return b"Exif\0\0" + tiff[:next_at] + struct.pack(end + "I", ifd1) + tiff[next_at + 4 :] + body


def with_iptc(jpeg):
    """Insert an APP13 Photoshop segment carrying IPTC By-line right after SOI."""
    iptc = b"\x1c\x02\x50" + struct.pack(">H", 10) + b"Jane Smith"
    seg = b"Photoshop 3.0\0" + b"8BIM\x04\x04\0\0" + struct.pack(">I", len(iptc)) + iptc
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(seg) + 2) + seg + jpeg[2:]


def tagged_jpeg(path):
    buf = io.BytesIO()
    noise("RGB", (64, 48)).save(
        buf, "JPEG", exif=with_thumbnail(gps_exif()), xmp=XMP, comment=b"shot by Jane Smith"
    )
    path.write_bytes(with_iptc(buf.getvalue()))
    return path


def quadrant_jpeg(path):
    """40x20 stored, Orientation=6: TL red, BL green, TR blue, BR yellow as stored."""
    im = Image.new("RGB", (40, 20))
    for box, colour in [((0, 0, 20, 10), RED), ((0, 10, 20, 20), GREEN),
                        ((20, 0, 40, 10), BLUE), ((20, 10, 40, 20), YELLOW)]:  # fmt: skip
        im.paste(colour, box)
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(path, "JPEG", quality=95, exif=exif)
    return path


def tagged_png(path):
    info = PngInfo()
    info.add_text("Author", "Jane Smith")
    info.add_text("Comment", "taken at home")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    noise("RGBA", (24, 16)).save(path, "PNG", pnginfo=info, exif=gps_exif())
    return path


def animated_gif(path, frames=3):
    images = [Image.new("RGB", (10, 8), c) for c in (RED, GREEN, BLUE, YELLOW)[:frames]]
    durations = [100, 200, 300, 400][:frames]
    images[0].save(path, "GIF", save_all=True, append_images=images[1:], duration=durations,
                   loop=0, comment=b"made by Jane Smith")  # fmt: skip
    return path


def tagged_webp(path):
    noise("RGB", (16, 16)).save(path, "WEBP", exif=gps_exif(), xmp=XMP)
    return path


def huge_png(path, side):
    """A real, valid 1-bit PNG side x side, all black, built row by row (small on disk)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    packer = zlib.compressobj(9)
    row = b"\0" * (1 + (side + 7) // 8)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    head = b"\x89PNG\r\n\x1a\n"
    path.write_bytes(head + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def exiftool(path):
    out = subprocess.run(["exiftool", "-j", "-G1", "-a", "-s", str(path)],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return json.loads(out)[0]


def identifying(tags):
    found = []
    for key in tags:
        group, _, tag = key.rpartition(":")
        if group.startswith(BAD_GROUPS) or any(bad in tag for bad in BAD_TAGS):
            found.append(key)
    return found


def near(pixel, colour, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "attachments"
    made.mkdir()
    return made


def test_jpeg_copy_has_no_exif_gps_camera_thumbnail_xmp_iptc_or_comment(tmp_path, folder):
    source = tagged_jpeg(tmp_path / "holiday.jpg")
    before = sha(source)
    with Image.open(source) as im:  # the fixture really carries everything
        assert {"exif", "xmp", "comment", "photoshop"} <= im.info.keys()
        assert im.getexif().get_ifd(ExifTags.IFD.IFD1)

    clean = clean_copy(source, folder)

    assert isinstance(clean, CleanImage)
    assert sha(source) == before
    assert clean.path.parent == folder
    assert clean.path.name == f"{clean.sha256}.jpg"
    assert clean.sha256 == sha(clean.path)
    assert clean.size == clean.path.stat().st_size
    assert (clean.format, clean.width, clean.height, clean.frames) == ("JPEG", 64, 48, 1)
    with Image.open(clean.path) as copy:
        exif = copy.getexif()
        assert 0x010F not in exif
        assert 0x0110 not in exif
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert not exif.get_ifd(ExifTags.IFD.IFD1)
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        assert not {0xA431, 0xA430, 0x9003, 0x9004} & sub.keys()
        assert not {"xmp", "comment", "photoshop"} & copy.info.keys()


def test_removed_names_every_kind_of_metadata_found_in_the_jpeg(tmp_path, folder):
    clean = clean_copy(tagged_jpeg(tmp_path / "holiday.jpg"), folder)

    gps = [item for item in clean.removed if "GPS position" in item]
    assert len(gps) == 1
    assert "53.41" in gps[0]
    assert "-2.15" in gps[0]
    camera = [item for item in clean.removed if item.startswith("camera make and model")]
    assert len(camera) == 1
    assert "EOS 5D" in camera[0]
    words = " ".join(clean.removed).lower()
    for expected in ("serial number", "owner", "date taken", "2026:11:30 14:02:11",
                     "thumbnail", "xmp", "iptc", "comment"):  # fmt: skip
        assert expected in words, expected


def test_metadata_in_lists_gps_and_camera_on_the_original_and_nothing_on_the_copy(tmp_path, folder):
    source = tagged_jpeg(tmp_path / "holiday.jpg")
    found = metadata_in(source)
    assert any("GPS position" in item and "53.41" in item for item in found)
    assert any(item.startswith("camera make and model") for item in found)

    clean = clean_copy(source, folder)

    assert set(found) == set(clean.removed)
    assert metadata_in(clean.path) == ()


def test_orientation_is_applied_so_the_picture_does_not_turn(tmp_path, folder):
    clean = clean_copy(quadrant_jpeg(tmp_path / "sideways.jpg"), folder)

    assert (clean.width, clean.height) == (20, 40)
    with Image.open(clean.path) as copy:
        assert copy.size == (20, 40)
        assert 0x0112 not in copy.getexif()
        rgb = copy.convert("RGB")
        # Rotated 90° clockwise: stored left column becomes the top row.
        assert near(rgb.getpixel((4, 4)), GREEN)
        assert near(rgb.getpixel((15, 4)), RED)
        assert near(rgb.getpixel((4, 35)), YELLOW)
        assert near(rgb.getpixel((15, 35)), BLUE)


def test_png_text_xmp_and_exif_chunks_go_and_pixels_stay_identical(tmp_path, folder):
    source = tagged_png(tmp_path / "chart.png")
    before = sha(source)

    clean = clean_copy(source, folder)

    assert sha(source) == before
    assert (clean.format, clean.path.suffix, clean.width, clean.height) == ("PNG", ".png", 24, 16)
    assert any("GPS position" in item for item in clean.removed)
    assert any("Author" in item for item in clean.removed)
    with Image.open(source) as original, Image.open(clean.path) as copy:
        copy.load()
        assert copy.text == {}
        assert not {"exif", "xmp", "Author", "Comment", "XML:com.adobe.xmp"} & copy.info.keys()
        assert not copy.getexif()
        assert copy.mode == original.mode == "RGBA"
        assert copy.tobytes() == original.tobytes()


def test_animated_gif_keeps_its_frames_and_durations_and_loses_the_comment(tmp_path, folder):
    clean = clean_copy(animated_gif(tmp_path / "wave.gif"), folder)

    assert (clean.format, clean.path.suffix, clean.frames) == ("GIF", ".gif", 3)
    assert any("comment" in item.lower() for item in clean.removed)
    with Image.open(clean.path) as copy:
        assert copy.n_frames == 3
        durations, colours = [], []
        for index in range(3):
            copy.seek(index)
            assert "comment" not in copy.info
            durations.append(copy.info.get("duration"))
            colours.append(copy.convert("RGB").getpixel((5, 4)))
    assert durations == [100, 200, 300]
    assert colours == [RED, GREEN, BLUE]


def test_webp_loses_exif_and_xmp(tmp_path, folder):
    clean = clean_copy(tagged_webp(tmp_path / "poster.webp"), folder)

    assert (clean.format, clean.path.suffix, clean.frames) == ("WEBP", ".webp", 1)
    assert any("GPS position" in item for item in clean.removed)
    with Image.open(clean.path) as copy:
        assert not {"exif", "xmp"} & copy.info.keys()
        assert not copy.getexif()


@needs_exiftool
@pytest.mark.parametrize(
    "make", [tagged_jpeg, quadrant_jpeg, tagged_png, animated_gif, tagged_webp],
    ids=["jpeg", "orientation", "png", "gif", "webp"],
)  # fmt: skip
def test_exiftool_finds_nothing_identifying_in_the_copy(tmp_path, folder, make):
    source = make(tmp_path / "original")
    original = exiftool(source)  # the fixture is meaningful to exiftool too
    assert identifying(original) or original["IFD0:Orientation"] == "Rotate 90 CW"

    tags = exiftool(clean_copy(source, folder).path)

    assert identifying(tags) == []
    assert not [key for key in tags if key.endswith(":Orientation")]


def test_format_comes_from_the_content_not_the_file_name(tmp_path, folder):
    source = tmp_path / "really-a-png.jpg"
    noise("RGB", (8, 8)).save(source, "PNG")

    clean = clean_copy(source, folder)

    assert (clean.format, clean.path.suffix) == ("PNG", ".png")


def test_the_same_image_twice_gives_one_content_addressed_file(tmp_path, folder):
    source = tagged_jpeg(tmp_path / "holiday.jpg")
    again = tmp_path / "holiday copy.jpg"
    again.write_bytes(source.read_bytes())

    first = clean_copy(source, folder)
    second = clean_copy(again, folder)

    assert (second.sha256, second.path) == (first.sha256, first.path)
    assert list(folder.iterdir()) == [first.path]


def text_renamed_jpg(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("Dear all, the meeting is on Tuesday.\n")
    return path


def truncated(fmt, suffix):
    def make(tmp_path):
        buf = io.BytesIO()
        noise("RGB", (128, 128)).save(buf, fmt)
        path = tmp_path / f"cut.{suffix}"
        path.write_bytes(buf.getvalue()[: len(buf.getvalue()) * 6 // 10])
        return path

    return make


def other_format(fmt, name):
    def make(tmp_path):
        noise("RGB", (16, 16)).save(tmp_path / name, fmt)
        return tmp_path / name

    return make


def directory(tmp_path):
    (tmp_path / "a folder.png").mkdir()
    return tmp_path / "a folder.png"


REFUSALS = {
    "text-renamed-jpg": (text_renamed_jpg, Limits()),
    "truncated-jpeg": (truncated("JPEG", "jpg"), Limits()),
    "truncated-png": (truncated("PNG", "png"), Limits()),
    "bmp": (other_format("BMP", "picture.bmp"), Limits()),
    "bmp-named-png": (other_format("BMP", "picture.png"), Limits()),
    "tiff": (other_format("TIFF", "scan.tiff"), Limits()),
    "too-many-pixels": (other_format("PNG", "big.png"), Limits(max_pixels=100)),
    "too-many-frames": (lambda tmp_path: animated_gif(tmp_path / "a.gif"), Limits(max_frames=2)),
    "file-too-big": (lambda tmp_path: tagged_png(tmp_path / "p.png"), Limits(max_file_bytes=1000)),
    "missing": (lambda tmp_path: tmp_path / "gone.jpg", Limits()),
    "directory": (directory, Limits()),
}


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
def test_refusals_raise_image_error_and_leave_no_file(tmp_path, folder, case):
    make, limits = case
    source = make(tmp_path)
    before = sha(source) if source.is_file() else None

    with pytest.raises(ImageError) as caught:
        clean_copy(source, folder, limits)

    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message.strip()
    assert "\n" not in message.strip()
    assert "Traceback" not in message
    assert list(folder.iterdir()) == []
    if before is not None:
        assert sha(source) == before


def test_a_picture_over_the_pixel_limit_is_refused_as_too_large(tmp_path, folder):
    source = tmp_path / "square.png"
    Image.new("RGB", (200, 200), BLUE).save(source)

    with pytest.raises(ImageError, match=r"(?i)pixels|too large"):
        clean_copy(source, folder, Limits(max_pixels=10_000))
    assert list(folder.iterdir()) == []
    assert clean_copy(source, folder, Limits(max_pixels=40_000)).width == 200


@pytest.mark.parametrize("side", [8_000, 20_000], ids=["64-megapixels", "400-megapixels"])
def test_a_decompression_bomb_is_refused_with_the_default_limits(tmp_path, folder, side):
    source = huge_png(tmp_path / "bomb.png", side)
    assert source.stat().st_size < 200_000

    with pytest.raises(ImageError, match=r"(?i)pixels|too large"):
        clean_copy(source, folder)
    assert list(folder.iterdir()) == []
