# SPDX-License-Identifier: MIT
"""The ``[images]`` table: what an attached image may be, and each platform's limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from checks.rules import PolicyError

_MB = 1_000_000


@dataclass(frozen=True, slots=True)
class ImageLimits:
    """Limits on attached images, read once at load (`checks.Policy.images`).

    Attributes:
        max_pixels: Pixels in one frame; more is refused (a decompression bomb).
        max_frames: Frames of an animation.
        max_file_bytes: Size of the file to attach.
        alt_limits: Platform to the most alt text it takes, in characters.
        upload_limits: Platform to the largest image file it takes, in bytes.
    """

    max_pixels: int = 50 * _MB
    max_frames: int = 200
    max_file_bytes: int = 50 * _MB
    alt_limits: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    upload_limits: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


def read_image_limits(data: Mapping[str, Any]) -> ImageLimits:
    """The policy's ``[images]`` table, validated.

    Raises:
        PolicyError: A value that is not a positive whole number, or an unknown platform.
    """
    table = data.get("images", {})
    if not isinstance(table, Mapping):
        raise PolicyError("images: must be a table ([images])")
    return ImageLimits(
        max_pixels=_whole(table, "max_megapixels", 50) * _MB,
        max_frames=_whole(table, "max_frames", 200),
        max_file_bytes=_whole(table, "max_file_mb", 50) * _MB,
        alt_limits=_per_platform(table, "alt_limits", 1),
        upload_limits=_per_platform(table, "max_upload_mb", _MB),
    )


def _whole(table: Mapping[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise PolicyError(f"images: '{key}' must be a whole number above 0, not {value!r}")
    return value


def _per_platform(table: Mapping[str, Any], key: str, unit: int) -> Mapping[str, int]:
    from checks.engine import PLATFORMS  # the engine imports this module

    values = table.get(key, {})
    if not isinstance(values, Mapping):
        raise PolicyError(f"images: '{key}' must be a table of platform = number")
    out = {}
    for platform, value in values.items():
        if platform not in PLATFORMS:
            raise PolicyError(f"images: '{key}' names unknown platform '{platform}'")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise PolicyError(f"images: '{key}.{platform}' must be a whole number, 0 for none")
        if value:
            out[platform] = value * unit
    return MappingProxyType(out)
