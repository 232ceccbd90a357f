# SPDX-License-Identifier: MIT
"""Images for posts: a clean copy without location, device or author metadata.

The policy warns that an image posted online must not reveal personal information.
A phone photo carries its GPS position, the camera's make, model and serial number, the
owner's name, the time it was taken and often a thumbnail of the uncropped original; a
PNG can carry author text and XMP. `clean_copy` decodes the picture with Pillow, applies
its EXIF orientation (so it does not turn), writes the pixels alone into the app's data
folder under the SHA-256 of the result, then reads that file back to confirm nothing is
left. The original file is never opened for writing. `metadata_in` says in words what
a file carries, which is what the author is told was removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, SupportsFloat

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

#: Formats accepted, by content (MPO is a phone's JPEG with a second picture: the first
#: is kept) and the extension of the clean copy.
FORMATS = {"PNG": "png", "JPEG": "jpg", "MPO": "jpg", "GIF": "gif", "WEBP": "webp"}
#: The ``info`` entries a clean copy keeps: how to draw it, nothing about who made it.
_KEEP = frozenset({"transparency", "duration", "loop", "background", "icc_profile", "dpi"})
_JPEG_QUALITY = 92
_WEBP_QUALITY = 90

# EXIF tags that identify a device, a person, a place or a time, in words.
_GPS = 0x8825
_IFD0_WORDS = {
    0x010E: "description",
    0x0131: "software",
    0x013B: "author's name",
    0x013C: "computer name",
    0x8298: "copyright notice",
}
_EXIF_WORDS = {
    0xA430: "camera owner's name",
    0xA431: "camera serial number",
    0xA435: "lens serial number",
    0xA433: "lens make",
    0xA434: "lens model",
    0x9286: "user comment",
    0xA420: "unique image id",
}
_DATES = (0x9003, 0x9004)  # DateTimeOriginal, DateTimeDigitized (Exif IFD)


class ImageError(ValueError):
    """An image that cannot be attached; ``str()`` is a one-line message for the author."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What an attached image may be (from the policy's ``[images]`` table)."""

    max_pixels: int = 50_000_000
    max_frames: int = 200
    max_file_bytes: int = 50_000_000


@dataclass(frozen=True, slots=True)
class CleanImage:
    """The stripped copy of an image, as stored, and what was removed from it."""

    path: Path
    sha256: str
    format: str
    width: int
    height: int
    frames: int
    size: int
    removed: tuple[str, ...]


def clean_copy(source: Path, folder: Path, limits: Limits | None = None) -> CleanImage:
    """Copy ``source`` into ``folder`` as pixels only, named by the SHA-256 of the copy.

    Raises:
        ImageError: Unreadable, not an image, not PNG/JPEG/GIF/WebP, truncated, too
            many pixels or frames, too large a file, or metadata that would not go.
    """
    limits = limits or Limits()
    source = Path(source)
    name = source.name
    _check_file(source, limits)
    with _opened(source, limits) as image:
        removed = _describe(image)
        extension = FORMATS[image.format or ""]
        frames = _frames(image)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=f".{extension}.part")
        os.close(handle)
        try:
            _save(frames, Path(temporary), extension, image.info)
            left = metadata_in(Path(temporary))
            if left:
                raise ImageError(f"{name}: could not remove {', '.join(left)}; not attached")
            digest = hashlib.sha256(Path(temporary).read_bytes()).hexdigest()
            target = folder / f"{digest}.{extension}"
            if target.exists():
                os.unlink(temporary)
            else:
                os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    with Image.open(target) as copy:
        width, height = copy.size
        count = getattr(copy, "n_frames", 1)
        kind = copy.format or ""
    return CleanImage(target, digest, kind, width, height, count, target.stat().st_size, removed)


def metadata_in(path: Path) -> tuple[str, ...]:
    """What identifying metadata the image at ``path`` carries, in words (() when none)."""
    with Image.open(path) as image:
        return _describe(image)


def shrink_to(image: CleanImage, folder: Path, max_bytes: int) -> CleanImage:
    """A smaller copy of a clean image (scaled down, as JPEG or PNG) under ``max_bytes``.

    Raises:
        ImageError: It cannot be made small enough (an animation, or a tiny limit).
    """
    if image.size <= max_bytes:
        return image
    if image.frames > 1:
        raise ImageError("an animated image cannot be shrunk here: shorten it first")
    with Image.open(image.path) as opened:
        opened.load()
        picture = opened.copy()
    scale = math.sqrt(max_bytes / image.size) * 0.95
    for _ in range(8):
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        smaller = picture.resize(size, Image.Resampling.LANCZOS)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        os.close(handle)
        path = Path(temporary)
        smaller.info = {k: v for k, v in picture.info.items() if k in _KEEP}
        extension = "png" if image.format == "PNG" else "jpg"
        _save([smaller], path, extension, smaller.info)
        if path.stat().st_size <= max_bytes:
            result = clean_copy(path, folder)
            path.unlink()
            return result
        path.unlink()
        scale *= 0.8
    raise ImageError(f"could not bring the image under {max_bytes:,} bytes")


def file_size(size: int) -> str:
    """A file size in words: ``"6.2 MB"``, ``"340 KB"``, ``"900 bytes"``.

    >>> file_size(6_200_000), file_size(340_000), file_size(900)
    ('6.2 MB', '340 KB', '900 bytes')
    """
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    if size >= 1_000:
        return f"{size / 1e3:.0f} KB"
    return f"{size} bytes"


def x_timeline_crop(width: int, height: int) -> tuple[int, int, int, int]:
    """The part of a ``width`` x ``height`` image X shows in the timeline: 16:9, centred.

    >>> x_timeline_crop(1600, 1600)
    (0, 350, 1600, 1250)
    >>> x_timeline_crop(3200, 900)
    (800, 0, 2400, 900)
    """
    if width * 9 > height * 16:  # wider than 16:9: full height, sides cut
        shown = round(height * 16 / 9)
        left = (width - shown) // 2
        return (left, 0, left + shown, height) if shown < width else (0, 0, width, height)
    shown = round(width * 9 / 16)
    top = (height - shown) // 2
    return (0, top, width, top + shown)


# helpers


def _check_file(source: Path, limits: Limits) -> None:
    name = source.name
    try:
        size = source.stat().st_size
        if source.is_dir():
            raise ImageError(f"{name}: is a folder, not an image")
        with source.open("rb"):
            pass
    except FileNotFoundError:
        raise ImageError(f"{name}: no such file") from None
    except PermissionError:
        raise ImageError(f"{name}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise ImageError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if size > limits.max_file_bytes:
        raise ImageError(
            f"{name}: {file_size(size)} is larger than the {file_size(limits.max_file_bytes)} "
            "an attached image may be"
        )


@contextlib.contextmanager
def _opened(source: Path, limits: Limits) -> Iterator[Image.Image]:
    """``source`` opened and fully decoded, or an `ImageError` saying what is wrong."""
    name = source.name
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(source)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(name, None, limits) from None
        except UnidentifiedImageError:
            raise ImageError(f"{name}: not an image this app can read") from None
        except OSError as exc:
            raise ImageError(f"{name}: cannot be read ({exc})") from None
    with image:
        if image.format not in FORMATS:
            raise ImageError(
                f"{name}: a {image.format} image; attach PNG, JPEG, GIF or WebP instead"
            )
        if image.width * image.height > limits.max_pixels:
            raise _too_many_pixels(name, image.size, limits)
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_frames:
            raise ImageError(
                f"{name}: an animation of {frames} frames; the most allowed is {limits.max_frames}"
            )
        try:
            for index in range(frames):
                image.seek(index)
                image.load()
            image.seek(0)
        except (OSError, ValueError, SyntaxError) as exc:
            raise ImageError(f"{name}: the image is damaged or cut short ({exc})") from None
        yield image


def _too_many_pixels(name: str, size: tuple[int, int] | None, limits: Limits) -> ImageError:
    shown = f" ({size[0]:,} x {size[1]:,})" if size else ""
    most = limits.max_pixels
    allowed = f"{most / 1e6:g} million" if most >= 1_000_000 else f"{most:,}"
    return ImageError(f"{name}: too many pixels{shown}; the most allowed is {allowed}: resize it")


def _frames(image: Image.Image) -> list[Image.Image]:
    """Each frame's pixels with only drawing information: orientation applied."""
    count = getattr(image, "n_frames", 1)
    if count == 1 or image.format == "MPO":
        image.seek(0)
        upright = ImageOps.exif_transpose(image) or image.copy()
        return [_bare(upright, image.info)]
    frames = []
    for index in range(count):
        image.seek(index)
        frames.append(_bare(image.copy(), image.info))
    image.seek(0)
    return frames


def _bare(frame: Image.Image, info: Mapping[Any, Any]) -> Image.Image:
    frame.info = {k: v for k, v in info.items() if k in _KEEP}
    return frame


def _save(frames: list[Image.Image], path: Path, extension: str, info: Mapping[Any, Any]) -> None:
    first, rest = frames[0], frames[1:]
    options: dict[str, Any] = {}
    if "icc_profile" in info:
        options["icc_profile"] = info["icc_profile"]
    if extension == "jpg":
        picture = first if first.mode in ("RGB", "L", "CMYK") else first.convert("RGB")
        picture.save(path, "JPEG", quality=_JPEG_QUALITY, optimize=True, **options)
    elif extension == "png":
        first.save(path, "PNG", **options)
    elif extension == "gif":
        if rest:
            options.update(save_all=True, append_images=rest, loop=info.get("loop", 0))
            options["duration"] = [
                f.info.get("duration", info.get("duration", 100)) for f in frames
            ]
        first.save(path, "GIF", **options)
    else:
        if rest:
            options.update(save_all=True, append_images=rest, loop=info.get("loop", 0))
            options["duration"] = [
                f.info.get("duration", info.get("duration", 100)) for f in frames
            ]
        first.save(path, "WEBP", quality=_WEBP_QUALITY, **options)


def _describe(image: Image.Image) -> tuple[str, ...]:
    """The identifying metadata of an open image, in words."""
    found: list[str] = []
    exif = image.getexif()
    gps = exif.get_ifd(_GPS)
    if gps:
        position = _position(gps)
        found.append(f"GPS position ({position})" if position else "GPS data")
    make, model = (str(exif.get(tag, "")).strip("\x00 ") for tag in (0x010F, 0x0110))
    camera = model if make and model.lower().startswith(make.lower()) else f"{make} {model}".strip()
    if camera:
        found.append(f"camera make and model ({camera})")
    found += [words for tag, words in _IFD0_WORDS.items() if exif.get(tag)]
    details = exif.get_ifd(ExifTags.IFD.Exif)
    found += [words for tag, words in _EXIF_WORDS.items() if details.get(tag)]
    taken = next((details[t] for t in _DATES if details.get(t)), None) or exif.get(0x0132)
    if taken:
        found.append(f"date taken ({str(taken).strip()})")
    if exif.get_ifd(ExifTags.IFD.IFD1) or _has_thumbnail(image):
        found.append("embedded thumbnail")
    known = {_GPS, 0x010F, 0x0110, 0x0132, ExifTags.IFD.Exif, 0x0112, *_IFD0_WORDS}
    if set(exif) - known or set(details) - {*_EXIF_WORDS, *_DATES}:
        found.append("other camera data (EXIF)")
    info = image.info
    if info.get("xmp") or info.get("XML:com.adobe.xmp"):
        found.append("XMP metadata")
    if info.get("photoshop") or info.get("iptc"):
        found.append("IPTC metadata")
    if info.get("comment"):
        found.append("comment")
    text = [k for k in getattr(image, "text", {}) if k != "XML:com.adobe.xmp"]
    if text:
        found.append(f"text ({', '.join(text)})")
    return tuple(dict.fromkeys(found))


def _has_thumbnail(image: Image.Image) -> bool:
    """A JPEG's EXIF block holding a second, embedded JPEG (its IFD1 thumbnail)."""
    raw = image.info.get("exif", b"")
    return isinstance(raw, bytes) and raw.find(b"\xff\xd8\xff", 6) > 0


def _position(gps: dict[int, Any]) -> str:
    """``"53.41, -2.15"`` from a GPS IFD, or "" when it holds no position."""
    try:
        latitude = _degrees(gps[2], gps.get(1, "N"))
        longitude = _degrees(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return ""
    return f"{latitude:.2f}, {longitude:.2f}"


def _degrees(value: Iterable[SupportsFloat], ref: object) -> float:
    degrees, minutes, seconds = (float(part) for part in value)
    sign = -1 if str(ref).strip("\x00 ").upper() in ("S", "W") else 1
    return sign * (degrees + minutes / 60 + seconds / 3600)
