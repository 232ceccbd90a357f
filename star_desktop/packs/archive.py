# SPDX-License-Identifier: MIT
"""Writing a pack atomically, and reading one that may be damaged or hostile.

A pack comes back from an email or a shared drive: it may be truncated, tampered with,
or built to hurt (members named ``../../x`` that escape their folder, members that inflate
to gigabytes). `read_members` refuses each with a plain reason before anything is used,
and never writes to disk.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

#: Limits on a pack read back: far above any real pack, far below what hurts a PC.
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 100_000_000
MAX_TOTAL_BYTES = 500_000_000
MAX_RATIO = 200  # uncompressed / compressed, above which a member is a zip bomb


class PackError(Exception):
    """A pack (or decisions file) that cannot be used; ``str()`` says why, for the user."""


def write_zip(path: Path, members: Mapping[str, bytes]) -> None:
    """Write ``members`` to a zip at ``path`` atomically (a temporary file, then a rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def safe_name(name: str) -> bool:
    """Whether a member name stays inside the pack's folder when unpacked anywhere."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if len(name) > 1 and name[1] == ":":  # a Windows drive
        return False
    parts = PurePosixPath(name).parts
    return ".." not in parts and all(part not in ("", ".") for part in parts)


def read_members(path: Path) -> dict[str, bytes]:
    """Every member of the zip at ``path``, checked for safety first.

    Raises:
        PackError: Unreadable, not a zip, truncated, an unsafe name, too many or too
            large members, or a compression ratio only a zip bomb has.
    """
    name = Path(path).name
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PackError(f"{name}: no such file") from None
    except (zipfile.BadZipFile, EOFError):
        raise PackError(f"{name}: not a pack, or cut short (not a complete zip file)") from None
    except OSError as exc:
        raise PackError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise PackError(f"{name}: {len(infos):,} files inside; a pack has far fewer")
        total = 0
        for info in infos:
            if not safe_name(info.filename):
                raise PackError(
                    f"{name}: holds '{info.filename}', a path that would escape its folder"
                )
            if info.file_size > MAX_MEMBER_BYTES:
                raise PackError(f"{name}: '{info.filename}' is too large to be part of a pack")
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise PackError(f"{name}: '{info.filename}' inflates suspiciously (a zip bomb)")
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackError(f"{name}: its files add up to more than a pack can hold")
        members: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            try:
                with archive.open(info) as member:
                    data = member.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
                raise PackError(f"{name}: '{info.filename}' is damaged ({exc})") from None
            if len(data) > info.file_size:
                raise PackError(f"{name}: '{info.filename}' is larger than it says")
            if info.filename in members:
                raise PackError(f"{name}: '{info.filename}' appears twice")
            members[info.filename] = data
        return members
